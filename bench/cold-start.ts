/**
 * Cold start: `hoshin start` (what `npm start` runs) on an empty data folder, timed from spawning Node to
 * the first answer of GET /login, a few times; then one run phase by phase (bench/cold-start-phases.js).
 * Part of `npm run bench`; on its own:
 *
 *   node --import tsx bench/cold-start.ts       # BENCH_COLD_RUNS=5 for more runs
 *
 * Nothing here asserts a time; it measures and prints. The machine's load is printed with each run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);

export type Record = (what: string, n: string, millis: number, rate?: string) => void;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", () => done());
  });
}

/** Polls GET /login every 20 ms until it answers 200; fails when the process ends first. */
async function firstPage(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hoshin start ended early:\n${output()}`);
    try {
      const res = await fetch(url);
      await res.text();
      if (res.status === 200) return;
    } catch (e) {
      if (!(e instanceof TypeError)) throw e; // fetch failed: not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the output has `text` (or the process ended). */
async function printed(text: string, child: ChildProcess, output: () => string): Promise<boolean> {
  while (!output().includes(text)) {
    if (child.exitCode !== null) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

async function oneColdStart(): Promise<{ millis: number; allPrinted: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "hoshin-bench-start-"));
  const port = await freePort();
  let output = "";
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ["bin/hoshin.js", "start", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, HOSHIN_DATA_DIR: join(dir, "data"), DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (b: Buffer) => {
    output += b.toString();
  });
  child.stderr?.on("data", (b: Buffer) => {
    output += b.toString();
  });
  try {
    await firstPage(`http://127.0.0.1:${port}/login`, child, () => output);
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    // The server answers while the sample is still being imported; the totals and the admin line follow.
    await printed("止めるには Ctrl+C", child, () => output);
    const allPrinted = Number(process.hrtime.bigint() - started) / 1e6;
    return { millis, allPrinted, output };
  } finally {
    child.kill("SIGTERM");
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Phase {
  phase: string;
  ms: number;
  cpuMs: number;
}

function phaseRun(): Promise<Phase[]> {
  const dir = mkdtempSync(join(tmpdir(), "hoshin-bench-phases-"));
  return freePort().then(
    (port) =>
      new Promise<Phase[]>((done, fail) => {
        const child = spawn(
          process.execPath,
          ["bench/cold-start-phases.js", join(dir, "data"), String(port)],
          { cwd: ROOT, env: { ...process.env, DATABASE_URL: "" }, stdio: ["ignore", "pipe", "inherit"] },
        );
        let out = "";
        child.stdout?.on("data", (b: Buffer) => {
          out += b.toString();
        });
        child.once("error", fail);
        child.once("exit", (code) => {
          rmSync(dir, { recursive: true, force: true });
          if (code !== 0) fail(new Error(`cold-start-phases.js ended with ${code}`));
          else done((JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { phases: Phase[] }).phases);
        });
      }),
  );
}

export async function benchColdStart(record: Record): Promise<void> {
  for (let i = 1; i <= RUNS; i++) {
    const load = loadavg()[0]?.toFixed(1);
    const { millis, allPrinted, output } = await oneColdStart();
    const complete = output.includes("3,984,986") && output.includes("ログイン名: admin");
    record(
      `cold start: hoshin start on an empty data folder → first GET /login (run ${i})`,
      "1",
      millis,
      `load ${load}`,
    );
    record(
      `cold start: … → totals and the admin password printed (run ${i})`,
      "1",
      allPrinted,
      complete ? "" : "the totals or the admin line were NOT printed",
    );
  }
  const phases = await phaseRun();
  const total = phases.reduce((a, p) => a + p.ms, 0);
  for (const p of phases) record(`cold start phase: ${p.phase}`, "1", p.ms, `cpu ${p.cpuMs.toFixed(0)} ms`);
  record("cold start phases, one after the other (sum)", "1", total, `load ${loadavg()[0]?.toFixed(1)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchColdStart((what, _n, millis, rate = "") => {
    console.log(`${what}: ${millis.toFixed(0)} ms ${rate}`);
  });
}
