/**
 * The reliability suite (`npm run reliability`): the real server and the real command, on the backend of
 * the environment — PostgreSQL when DATABASE_URL is set (a fresh database of this run on that server,
 * dropped at the end), else PGlite in a temporary folder. Prints one line per check,
 * `reliability: <check> [backend] … <counts> … ok|FAIL`, and exits 1 when any check failed.
 *
 *   1. broken-imports: property-generated broken books and workbooks through the import use case
 *      (RELIABILITY_CASES, default 1000, within RELIABILITY_BROKEN_SECONDS, default 100)
 *   2. concurrent-edits: two editors saving one project at once, 20 rounds, through the edit form
 *   3. broken-uploads: 20 of the broken files through the upload route
 *   4. hostile-workbook: zip bombs uploaded while 50 readers ask the public API
 *   5. parallel-pdf: 20 PDF downloads at once, memory of the server and its children sampled
 *   6. concurrent-edits-audit: the audit log of the rounds of 2
 *   7. kill-import: 10 kill -9 of a CLI import
 *
 * The database is filled in process before the server starts (PGlite allows one process), and the audit log
 * read after it stopped. The server runs with its heap capped at 1 GB, so a check that blows it up cannot
 * take the machine's memory; a server that died is started again for the checks after it.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase } from "../../src/db/client.ts";
import { readBook } from "../../src/formats/book-text/read-book.ts";
import { COMMAND_LINE } from "../../src/usecases/authorize.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { listPlans } from "../../src/usecases/plan/list-plans.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import { addUser } from "../../src/usecases/staff/manage-users.ts";
import { brokenImports, sendThroughRoute } from "./broken.ts";
import { auditOfEdits, concurrentEdits, type EditLog } from "./edits.ts";
import {
  type CheckResult,
  CITY,
  line,
  SEED_BOOK,
  type Server,
  Session,
  startServer,
  stopServer,
  type Target,
  YEAR,
} from "./harness.ts";
import { hostileUploads, writeBombs } from "./hostile.ts";
import { killedImports } from "./kills.ts";
import { parallelPdfs } from "./pdf.ts";

const CASES = Number(process.env.RELIABILITY_CASES ?? 1000);
const BROKEN_SECONDS = Number(process.env.RELIABILITY_BROKEN_SECONDS ?? 100);
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261202);
const MB = 1024 * 1024;
const EDITORS = [
  { loginName: "reliability-a", password: "reliability-password-a1" },
  { loginName: "reliability-b", password: "reliability-password-b2" },
];

async function freshTarget(): Promise<{ target: Target; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), "hoshin-reliability-"));
    return {
      target: { backend: "PGlite", dataDir: join(dir, "data") },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `hoshin_reliability_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    target: { backend: "PostgreSQL", url: own.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const open = (t: Target) => openDatabase(t.url ? { url: t.url } : { dataDir: t.dataDir ?? "" });

async function main(): Promise<number> {
  const started = performance.now();
  const { target, drop } = await freshTarget();
  const scratch = await mkdtemp(join(tmpdir(), "hoshin-reliability-files-"));
  const results: CheckResult[] = [];
  const report = (r: CheckResult) => {
    results.push(r);
    process.stdout.write(`${line(target.backend, r)}\n`);
  };
  const guarded = async (check: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (e) {
      report({
        check,
        counts: "did not run to its end",
        ok: false,
        why: e instanceof Error ? e.message.slice(0, 400) : String(e),
      });
    }
  };
  let server: Server | null = null;
  try {
    const seed = readBook(await readFile(SEED_BOOK));
    let planVersionId = 0;
    let projectId = 0;

    // 1. Filled in process, then the broken imports on the same database.
    const handle = await open(target);
    try {
      await importPlan({
        db: handle.db,
        city: CITY,
        fiscalYear: YEAR,
        plan: structuredClone(seed),
        sourceName: "komoro-2024-policy6.txt",
      });
      for (const [i, u] of EDITORS.entries()) {
        await addUser({
          db: handle.db,
          actor: COMMAND_LINE,
          user: { ...u, displayName: `確認${i + 1}`, role: "admin", department: null, cities: "all" },
        });
      }
      await guarded("broken-imports", async () =>
        report(await brokenImports(handle.db, seed, CASES, BROKEN_SECONDS * 1000, SEED)),
      );
      const plan = (await listPlans({ db: handle.db, actor: COMMAND_LINE })).find(
        (p) => p.city === CITY && p.fiscalYear === YEAR,
      );
      if (!plan) throw new Error("the seed plan is not stored");
      planVersionId = plan.id;
      const view = await readPlan({ db: handle.db, actor: COMMAND_LINE, planVersionId });
      // A project the edit form saves as it is: one without findings (職員研修費's sources do not add up).
      const edited = view.projects.find(
        (p) => !p.project.budgetOnly && !view.currentDiagnostics.some((d) => d.project === p.project.name),
      );
      if (!edited) throw new Error("the seed has no project without findings");
      projectId = edited.id;
    } finally {
      await handle.close();
    }

    // 2–5. The real server.
    server = await startServer(target);
    const a = new Session(server.base);
    const b = new Session(server.base);
    await a.logIn(EDITORS[0]?.loginName ?? "", EDITORS[0]?.password ?? "");
    await b.logIn(EDITORS[1]?.loginName ?? "", EDITORS[1]?.password ?? "");
    let log: EditLog | null = null;
    await guarded("concurrent-edits", async () => {
      const r = await concurrentEdits(a, b, projectId);
      log = r.log;
      report(r.result);
    });
    await guarded("broken-uploads", async () => report(await sendThroughRoute(a, seed, 20, SEED)));
    await guarded("hostile-workbook", async () => {
      const bombs = await writeBombs(
        scratch,
        Number(process.env.RELIABILITY_STRINGS_MB ?? 1000),
        Number(process.env.RELIABILITY_ROWS_MB ?? 400),
      );
      for (const r of await hostileUploads(server as Server, a, bombs)) report(r);
    });
    if (!server.alive()) {
      process.stdout.write("  the server died; starting it again for the next checks\n");
      await stopServer(server);
      server = await startServer(target);
      await a.logIn(EDITORS[0]?.loginName ?? "", EDITORS[0]?.password ?? "");
    }
    const current = server;
    // Bounded: the server (about 550 MB with PGlite) and ONE shared Chromium printing at most two books at
    // a time (about 600 MB), whatever the number of downloads; before, each download started its own
    // browser (eight took 2.65 GB).
    await guarded("parallel-pdf", async () =>
      report(await parallelPdfs(current, a, planVersionId, { limitBytes: 1500 * MB, abortBytes: 2500 * MB })),
    );
    await stopServer(server);
    server = null;

    // 6. The audit log of the edit rounds, read after the server stopped.
    const editLog = log as EditLog | null;
    if (editLog) {
      await guarded("concurrent-edits-audit", async () => {
        const h = await open(target);
        try {
          report(await auditOfEdits(h.db, editLog));
        } finally {
          await h.close();
        }
      });
    }

    // 7. kill -9 of imports, with the command line.
    await guarded("kill-import", async () =>
      report(await killedImports(target, scratch, Number(process.env.RELIABILITY_KILLS ?? 10))),
    );
  } finally {
    if (server) await stopServer(server);
    await rm(scratch, { recursive: true, force: true });
    await drop().catch((e: unknown) => process.stderr.write(`could not remove the database: ${String(e)}\n`));
  }
  const failed = results.filter((r) => !r.ok);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    `reliability: ${target.backend}: ${results.length - failed.length} ok, ${failed.length} FAIL in ${seconds} s${failed.length ? ` (${failed.map((r) => r.check).join(", ")})` : ""}\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `reliability: the suite could not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(2);
  },
);
