/**
 * What the reliability checks share: the real server (`node bin/hoshin.js start` as a child process in its
 * own process group, on a free port), the `hoshin` command, a logged-in browser-like session (cookies and
 * the CSRF token of the real forms), the memory of a process tree, and the result lines.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const HOSHIN = join(ROOT, "bin/hoshin.js");
export const SEED_BOOK = join(ROOT, "samples/komoro-2024-policy6.txt");
export const CITY = "小諸市";
export const YEAR = 2024;

/** Where the data lives: a PGlite folder or a PostgreSQL database of this run. */
export interface Target {
  backend: "PGlite" | "PostgreSQL";
  dataDir?: string;
  url?: string;
}

export function targetEnv(t: Target, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, HOSHIN_DATA_DIR: t.dataDir ?? "", DATABASE_URL: t.url ?? "", ...extra };
}

export interface CheckResult {
  check: string;
  counts: string;
  ok: boolean;
  why?: string;
}

export function line(backend: string, r: CheckResult): string {
  return `reliability: ${r.check} [${backend}] … ${r.counts} … ${r.ok ? "ok" : `FAIL${r.why ? ` (${r.why})` : ""}`}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Runs `hoshin …` to its end; its output and exit code. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HOSHIN, ...args], {
      cwd: ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString("utf8");
    });
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString("utf8");
    });
    child.stdin.end(input ?? "");
    child.once("close", (code) => resolve({ code, out, err }));
  });
}

/** The running server: its process (leader of its own group), base URL and output so far. */
export interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
  alive: () => boolean;
}

/** Starts `hoshin start` on a free port and resolves once it serves. The heap is capped (NODE_OPTIONS). */
export async function startServer(t: Target, heapMb = 1024): Promise<Server> {
  const port = await freePort();
  const env = targetEnv(t, { NODE_OPTIONS: `--max-old-space-size=${heapMb}` });
  const child = spawn(process.execPath, [HOSHIN, "start", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  const add = (b: Buffer) => {
    out += b.toString("utf8");
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 120_000);
    const check = () => {
      if (out.includes("職員用の画面:")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${out}`));
    });
  });
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Stops the server: SIGTERM, then SIGKILL of its whole process group (Chromium included) after 10 s. */
export async function stopServer(s: Server): Promise<void> {
  const pid = s.child.pid;
  if (pid === undefined) return;
  if (s.alive()) {
    const exited = new Promise<void>((done) => s.child.once("exit", () => done()));
    s.child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is gone already.
  }
}

/** A browser-like session: a cookie jar and the CSRF token of the logged-in user's forms. */
export class Session {
  private jar = new Map<string, string>();
  csrf = "";
  constructor(readonly base: string) {}

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (pair && i > 0) this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  private cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A GET as a browser makes it: a 308 (a numeric staff address moved to its stable one) is followed. */
  async get(path: string, init: RequestInit = {}): Promise<Response> {
    let url = `${this.base}${path}`;
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, {
        ...init,
        headers: { cookie: this.cookie(), ...(init.headers ?? {}) },
        redirect: "manual",
      });
      this.keep(res);
      const to = res.headers.get("location");
      if (res.status !== 308 || !to || hop >= 3) return res;
      await res.arrayBuffer();
      url = new URL(to, url).toString();
    }
  }

  async post(path: string, body: URLSearchParams | FormData, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
      ...init,
      method: "POST",
      body,
      headers: { cookie: this.cookie(), ...(init.headers ?? {}) },
      redirect: "manual",
    });
    this.keep(res);
    return res;
  }

  /** Logs in through the real login form (its CSRF token included). */
  async logIn(loginName: string, password: string): Promise<void> {
    const form = await this.get("/login");
    const loginCsrf = hiddenValue(await form.text(), "_csrf");
    const res = await this.post(
      "/login",
      new URLSearchParams({ _csrf: loginCsrf, loginName, password, next: "/" }),
    );
    if (res.status !== 303) throw new Error(`login of ${loginName}: ${res.status}`);
    const page = await this.get("/plans");
    this.csrf = hiddenValue(await page.text(), "_csrf");
  }
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
export function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function hiddenValue(html: string, name: string): string {
  const re = new RegExp(`<input[^>]*name="${name}"[^>]*>`);
  const tag = re.exec(html)?.[0] ?? "";
  return decodeHtml(/value="([^"]*)"/.exec(tag)?.[1] ?? "");
}

/**
 * The values a browser would send for the first form of a page that posts to `action`: inputs (checked
 * boxes and radios only), text areas and selects (the selected option).
 */
export function formValues(html: string, action: string): URLSearchParams {
  const start = html.indexOf(`action="${action}"`);
  const out = new URLSearchParams();
  if (start < 0) return out;
  const end = html.indexOf("</form>", start);
  const form = html.slice(start, end < 0 ? undefined : end);
  const attr = (tag: string, a: string) => {
    const m = new RegExp(`\\s${a}="([^"]*)"`).exec(tag);
    return m ? decodeHtml(m[1] ?? "") : null;
  };
  const re = /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g;
  for (const m of form.matchAll(re)) {
    const tag = m[0];
    const name = attr(tag, "name");
    if (!name || /\sdisabled(\s|>|=)/.test(tag.slice(0, tag.indexOf(">") + 1))) continue;
    if (tag.startsWith("<input")) {
      const type = (attr(tag, "type") ?? "text").toLowerCase();
      if (type === "submit" || type === "button" || type === "file") continue;
      if ((type === "checkbox" || type === "radio") && !/\schecked(\s|>|=|\/)/.test(tag)) continue;
      out.append(name, attr(tag, "value") ?? (type === "checkbox" ? "on" : ""));
    } else if (tag.startsWith("<textarea")) {
      out.append(name, decodeHtml((m[1] ?? "").replace(/^\n/, "")));
    } else {
      const options = [...(m[2] ?? "").matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)];
      const chosen = options.find((o) => /\sselected(\s|=|$)/.test(o[1] ?? "")) ?? options[0];
      if (chosen) out.append(name, attr(`<option${chosen[1]}>`, "value") ?? decodeHtml(chosen[2] ?? ""));
    }
  }
  return out;
}

/**
 * Memory (bytes) of a process and all its descendants, from /proc: the proportional set size (Pss of
 * smaps_rollup: shared pages divided among the processes that share them, so Chromium's many processes
 * are not counted many times over), or the resident size where the kernel gives no rollup.
 */
export function treeRss(rootPid: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(after[1]));
      let kb: string | undefined;
      try {
        kb = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/smaps_rollup`, "utf8"))?.[1];
      } catch {
        kb = undefined;
      }
      kb ??= /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, "utf8"))?.[1];
      rss.set(Number(name), kb ? Number(kb) * 1024 : 0);
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  const stack = [rootPid];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += rss.get(pid) ?? 0;
    for (const [child, parent] of parents) if (parent === pid) stack.push(child);
  }
  return total;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
