/**
 * The load section of the bench (`npm run bench:load`, also the last part of `npm run bench`): the real
 * server (`node bin/hoshin.js start` as a child process) on a fresh PGlite folder, and on a fresh
 * PostgreSQL database when one answers, with the seed city and with a generated 300-project city; and a
 * bare node:http server (child process) answering the same paths with the same bytes from memory. Both
 * are driven by autocannon from this process at 50 connections for BENCH_LOAD_SECONDS (default 5) per
 * page. Then a "save then read" round: a project saved through the form, and the page read right after.
 *
 *   npm run bench:load
 *   BENCH_LOAD_SECONDS=10 DATABASE_URL=postgres://… npm run bench:load
 *
 * Nothing here asserts a time; it measures and prints.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import pg from "pg";
import { projectFormValues } from "../src/apps/staff/forms.ts";
import { openDatabase } from "../src/db/client.ts";
import { bumpRevision } from "../src/db/revision.ts";
import { projects } from "../src/db/schema/index.ts";
import type { Project } from "../src/domain/plan/model.ts";
import { readBook } from "../src/formats/book-text/read-book.ts";
import { COMMAND_LINE } from "../src/usecases/authorize.ts";
import { importPlan } from "../src/usecases/plan/import-plan.ts";
import { readPlan } from "../src/usecases/plan/read-plan.ts";
import { addUser } from "../src/usecases/staff/manage-users.ts";
import { generateBook } from "./generate-books.ts";

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = 50;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEED_BOOK = join(ROOT, "samples/komoro-2024-policy6.txt");
const USER = { loginName: "bench", password: "bench-password-0123" };
/** This bench's ports (3300–3349): the Hoshin server, then the bare server. */
const HOSHIN_PORT = 3300;
const BARE_PORT = 3320;
const SAVE_ROUNDS = 10;

/** The targets: ratio to bare and p99, per kind of page. */
const TARGETS = { api: { ratio: 0.3, p99: 50 }, staff: { ratio: 0.05, p99: 250 } } as const;

interface LoadRow {
  page: string;
  backend: string;
  size: string;
  rps: number;
  p99: number;
  errors: number;
  timeouts: number;
  bareRps: number;
  bareP99: number;
  kind: keyof typeof TARGETS;
}

interface Prepared {
  planVersionId: number;
  /** A 承認済 project (shown on the public side), and its public address. */
  shownId: number;
  /** The staff address of the plan (/cities/202088/plans/2024), its public one, the shown project's key. */
  staffPlan: string;
  publicPlan: string;
  shownKey: string;
  /** A 作成中 project, saved in the save round. */
  saved: { id: number; version: number; project: Project };
}

/**
 * Fills the database before the server starts (PGlite allows one process): the seed city as `hoshin
 * start` would, the generated city when asked, a staff user, and every project of the measured plan
 * approved except the one the save round edits.
 */
async function prepare(target: { dataDir?: string; url?: string }, big: boolean): Promise<Prepared> {
  const handle = await openDatabase(target.url ? { url: target.url } : { dataDir: target.dataDir ?? "" });
  try {
    const { readFile } = await import("node:fs/promises");
    const seed = readBook(await readFile(SEED_BOOK));
    const seeded = await importPlan({
      db: handle.db,
      city: "小諸市",
      fiscalYear: 2024,
      plan: seed,
      sourceName: "komoro-2024-policy6.txt",
    });
    let planVersionId = seeded.planVersionId;
    if (big) {
      const book = generateBook({
        seed: 999,
        policyNumber: 1,
        fiscalYear: 2024,
        measures: 10,
        projectsPerMeasure: 30,
      });
      const city = await importPlan({
        db: handle.db,
        city: "塩尻市",
        fiscalYear: 2024,
        plan: readBook(new TextEncoder().encode(book)),
      });
      planVersionId = city.planVersionId;
    }
    await addUser({
      db: handle.db,
      actor: COMMAND_LINE,
      user: { ...USER, displayName: "計測", role: "admin", department: null, cities: "all" },
    });
    const view = await readPlan({ db: handle.db, actor: COMMAND_LINE, planVersionId });
    const saved = view.projects[Math.floor(view.projects.length / 2)];
    const shown = view.projects[0];
    if (!saved || !shown || saved === shown) throw new Error("the plan has too few projects");
    await handle.db.transaction(async (tx) => {
      await tx
        .update(projects)
        .set({ reviewState: "approved" })
        .where(eq(projects.planVersionId, planVersionId));
      await tx.update(projects).set({ reviewState: "draft" }).where(eq(projects.id, saved.id));
      await bumpRevision(tx, planVersionId);
    });
    // 塩尻市 202151, 小諸市 202088: the staff pages and the API at their stable addresses.
    const code = big ? "202151" : "202088";
    return {
      planVersionId,
      shownId: shown.id,
      staffPlan: `/cities/${code}/plans/2024`,
      publicPlan: `/api/v1/cities/${code}/plans/2024`,
      shownKey: `${shown.measure.code}:${shown.project.name}`,
      saved: { id: saved.id, version: saved.version, project: structuredClone(saved.project) as Project },
    };
  } finally {
    await handle.close();
  }
}

/** Starts a child process and resolves once its output contains `ready`. */
async function startChild(args: string[], env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not started:\n${out}`)), 120_000);
    const check = (b: Buffer) => {
      out += b.toString("utf8");
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}):\n${out}`));
    });
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  await exited;
}

/** Logs in over HTTP; returns the cookie header and the session's CSRF token. */
async function logIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (pair && i > 0) jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const form = await fetch(`${base}/login`);
  keep(form);
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ _csrf: loginCsrf, ...USER, next: "/" }),
    headers: { cookie: cookie() },
    redirect: "manual",
  });
  keep(res);
  if (res.status !== 303) throw new Error(`login: ${res.status}`);
  const page = await fetch(`${base}/plans`, { headers: { cookie: cookie() } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  return { cookie: cookie(), csrf };
}

/** How long each page is driven, unrecorded, before it is measured (BENCH_WARMUP_SECONDS, default 1). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);

async function load(url: string, headers: Record<string, string>) {
  // Warm-up first, for both servers alike: lazily loaded modules (ECharts on the first chart), the JIT and
  // the read model's first build are start-up costs, not what a page costs while the city is being served.
  if (WARMUP_SECONDS > 0)
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, timeouts: r.timeouts };
}

// The bare server: node:http answering each path with the bytes and content type Hoshin sent for it.
const BARE = `
const http = require("node:http");
const pages = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const bodies = new Map(Object.entries(pages).map(([p, v]) => [p, { type: v.type, body: Buffer.from(v.body, "base64") }]));
http.createServer((req, res) => {
  const page = bodies.get(req.url);
  if (!page) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": page.type, "content-length": page.body.length });
  res.end(page.body);
}).listen(Number(process.argv[2]), "127.0.0.1", () => console.log("bare ready"));
`;

async function measureCity(backend: string, target: { dataDir?: string; url?: string }, big: boolean) {
  const size = big ? "300 projects" : "seed (45)";
  const prepared = await prepare(target, big);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOSHIN_DATA_DIR: target.dataDir ?? "",
    DATABASE_URL: target.url ?? "",
  };
  const base = `http://localhost:${HOSHIN_PORT}`;
  const server = await startChild(
    [join(ROOT, "bin/hoshin.js"), "start", "--port", String(HOSHIN_PORT)],
    env,
    "職員用の画面:",
  );
  const rows: LoadRow[] = [];
  let bare: ChildProcess | null = null;
  const scratch = await mkdtemp(join(tmpdir(), "hoshin-bare-"));
  try {
    const session = await logIn(base);
    const pages: { page: string; path: string; kind: keyof typeof TARGETS; auth: boolean }[] = [
      { page: "staff dashboard", path: prepared.staffPlan, kind: "staff", auth: true },
      {
        page: "staff project page",
        path: `${prepared.staffPlan}/projects/${encodeURIComponent(prepared.shownKey)}`,
        kind: "staff",
        auth: true,
      },
      { page: "API policies", path: `${prepared.publicPlan}/policies`, kind: "api", auth: false },
      { page: "API projects", path: `${prepared.publicPlan}/projects`, kind: "api", auth: false },
      {
        page: "API one project",
        path: `${prepared.publicPlan}/projects/${encodeURIComponent(prepared.shownKey)}`,
        kind: "api",
        auth: false,
      },
    ];
    const bodies: Record<string, { type: string; body: string }> = {};
    for (const p of pages) {
      const res = await fetch(`${base}${p.path}`, { headers: p.auth ? { cookie: session.cookie } : {} });
      if (res.status !== 200) throw new Error(`${p.path}: ${res.status}`);
      bodies[p.path] = {
        type: res.headers.get("content-type") ?? "",
        body: Buffer.from(await res.arrayBuffer()).toString("base64"),
      };
    }
    const file = join(scratch, "pages.json");
    await writeFile(file, JSON.stringify(bodies));
    bare = await startChild(["-e", BARE, file, String(BARE_PORT)], process.env, "bare ready");
    for (const p of pages) {
      const headers: Record<string, string> = p.auth ? { cookie: session.cookie } : {};
      const h = await load(`${base}${p.path}`, headers);
      const b = await load(`http://127.0.0.1:${BARE_PORT}${p.path}`, {});
      const row: LoadRow = {
        page: p.page,
        backend,
        size,
        ...h,
        bareRps: b.rps,
        bareP99: b.p99,
        kind: p.kind,
      };
      process.stderr.write(`  ${backend}, ${size}, ${p.page}: ${h.rps.toFixed(0)} req/s, p99 ${h.p99} ms\n`);
      rows.push(row);
    }
    const save = await saveThenRead(base, session, prepared.saved);
    process.stderr.write(`  ${backend}, ${size}, save then read: ${save}\n`);
    saveRows.push({ backend, size, text: save });
  } finally {
    if (bare) await stopChild(bare);
    await stopChild(server);
    await rm(scratch, { recursive: true, force: true });
  }
  return rows;
}

const saveRows: { backend: string; size: string; text: string }[] = [];

/**
 * Saves a project through the form and reads its page right after, SAVE_ROUNDS times: the read must show
 * what was just saved (the read model's revision check), and the times are the user's wait.
 */
async function saveThenRead(
  base: string,
  session: { cookie: string; csrf: string },
  saved: Prepared["saved"],
): Promise<string> {
  let version = saved.version;
  let saveMs = 0;
  let readMs = 0;
  for (let k = 0; k < SAVE_ROUNDS; k++) {
    const note = `負荷計測 ${k} ${randomBytes(3).toString("hex")}`;
    const values = projectFormValues({ ...saved.project, notes: note });
    const body = new URLSearchParams({ ...values, _csrf: session.csrf, version: String(version) });
    let t = performance.now();
    const res = await fetch(`${base}/projects/${saved.id}`, {
      method: "POST",
      body,
      headers: { cookie: session.cookie },
      redirect: "manual",
    });
    if (res.status !== 303) throw new Error(`save: ${res.status} ${await res.text()}`);
    saveMs += performance.now() - t;
    version++;
    t = performance.now();
    const page = await fetch(`${base}/projects/${saved.id}`, { headers: { cookie: session.cookie } });
    const html = await page.text();
    readMs += performance.now() - t;
    if (!html.includes(note)) throw new Error("the read after the save did not show it");
  }
  return `save ${(saveMs / SAVE_ROUNDS).toFixed(1)} ms, read after it ${(readMs / SAVE_ROUNDS).toFixed(1)} ms (mean of ${SAVE_ROUNDS}, each read showed its save)`;
}

async function postgresAdminUrl(): Promise<string | null> {
  const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch (e) {
    process.stderr.write(`PostgreSQL: no server answered (${e instanceof Error ? e.message : String(e)})\n`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withPostgres<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `hoshin_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

async function withPglite<T>(fn: (dataDir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "hoshin-load-"));
  try {
    return await fn(join(dir, "data"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function printLoad(rows: LoadRow[]): void {
  const head = [
    "page",
    "backend",
    "city size",
    "Hoshin req/s",
    "p99 ms",
    "errors",
    "timeouts",
    "bare req/s",
    "bare p99",
    "ratio",
    "target",
  ];
  const lines = rows.map((r) => {
    const ratio = r.bareRps > 0 ? r.rps / r.bareRps : 0;
    const t = TARGETS[r.kind];
    const met = ratio >= t.ratio && r.p99 <= t.p99 && r.errors === 0 && r.timeouts === 0;
    return [
      r.page,
      r.backend,
      r.size,
      r.rps.toFixed(0),
      String(r.p99),
      String(r.errors),
      String(r.timeouts),
      r.bareRps.toFixed(0),
      String(r.bareP99),
      ratio.toFixed(3),
      `${met ? "met" : "not met"} (≥ ${t.ratio}, p99 ≤ ${t.p99})`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(`\nload: ${CONNECTIONS} connections, ${SECONDS} s per page and server`);
  console.log(fmt(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
  console.log("\nsave then read (one user, through the form):");
  for (const s of saveRows) console.log(`  ${s.backend}, ${s.size}: ${s.text}`);
}

/** The whole load section: PGlite, then PostgreSQL when a server answers; the seed, then 300 projects. */
export async function benchLoad(): Promise<void> {
  const rows: LoadRow[] = [];
  for (const big of [false, true])
    rows.push(...(await withPglite((dataDir) => measureCity("PGlite", { dataDir }, big))));
  const adminUrl = await postgresAdminUrl();
  if (adminUrl) {
    for (const big of [false, true])
      rows.push(...(await withPostgres(adminUrl, (url) => measureCity("PostgreSQL", { url }, big))));
  }
  printLoad(rows);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchLoad();
