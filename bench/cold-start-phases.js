// One cold `hoshin start`, phase by phase, in a fresh Node process (run by bench/cold-start.ts; plain
// JavaScript so that loading tsx itself is measured). Does in order what `hoshin start` does on an empty
// data folder (where start overlaps loading the staff app with opening the database, this runs them one
// after the other), then prints one JSON line: [{ phase, ms, cpuMs }] (cpuMs counts every thread).
//
//   node bench/cold-start-phases.js <empty data folder> <port>
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";

const [dataArg, portArg] = process.argv.slice(2);
if (!dataArg || !portArg) throw new Error("usage: node bench/cold-start-phases.js <data folder> <port>");
const dataDir = resolve(dataArg);
const phases = [];
let wall = performance.now();
let cpu = process.cpuUsage();
async function phase(name, fn) {
  const value = await fn();
  const now = performance.now();
  const used = process.cpuUsage(cpu);
  phases.push({ phase: name, ms: now - wall, cpuMs: (used.user + used.system) / 1000 });
  wall = now;
  cpu = process.cpuUsage();
  return value;
}

const src = (path) => new URL(`../src/${path}`, import.meta.url).href;

await phase("tsx: register the loader", async () => {
  const { register } = await import("tsx/esm/api");
  register();
});
await phase("load the CLI (main.ts)", () => import(src("apps/cli/main.ts")));
const m = await phase("load the database and seed modules", async () => {
  const [template, drizzle, migrator, { PGlite }, seed, summarize] = await Promise.all([
    import(src("db/template.ts")),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
    import("@electric-sql/pglite"),
    import(src("usecases/plan/seed-sample.ts")),
    import(src("usecases/plan/summarize-plan.ts")),
  ]);
  const schema = await import(src("db/schema/index.ts"));
  const client = await import(src("db/client.ts"));
  return { template, drizzle, migrator, PGlite, seed, summarize, schema, client };
});
const staff = await phase("load the staff app (start overlaps it with opening the database)", async () => {
  const [commands, server] = await Promise.all([
    import(src("apps/cli/staff-commands.ts")),
    import(src("apps/staff/server.ts")),
  ]);
  return { ...commands, ...server };
});
await mkdir(dataDir, { recursive: true });
const copied = await phase("copy the migrated template into the data folder", () =>
  m.template.copyPgliteTemplate(dataDir),
);
const pglite = await phase(
  copied ? "PGlite: start on the copied database" : "PGlite: initdb (no template)",
  () => m.PGlite.create(dataDir),
);
const db = m.drizzle.drizzle({ client: pglite, schema: m.schema });
await phase(copied ? "migrations (already applied: checked)" : "migrations (applied)", () =>
  m.migrator.migrate(db, { migrationsFolder: m.client.MIGRATIONS_FOLDER }),
);
const { readBookDetailed } = await import(src("formats/book-text/read-book.ts"));
const { SAMPLE_BOOK } = await import(src("usecases/plan/sample-book.ts"));
const { readFile } = await import("node:fs/promises");
await phase("read the sample book with its checks", async () =>
  readBookDetailed(await readFile(SAMPLE_BOOK)),
);
await phase("seedSample (reads the book again and imports it)", () => m.seed.seedSample({ db }));
await phase("summary of the sample", () =>
  m.summarize.summarizePlan({ db, city: m.seed.SAMPLE_CITY, fiscalYear: m.seed.SAMPLE_YEAR }),
);
const { hashPassword } = await import(src("usecases/staff/passwords.ts"));
await phase("argon2id: one hash (for comparison, not part of start)", () => hashPassword("bench-password-0"));
await phase("first administrator (one argon2id hash)", () => staff.ensureFirstAdmin(db));
const server = await phase("listen", () => staff.serveApp({ db, port: Number(portArg) }));
await phase("first GET /login", async () => {
  const res = await fetch(`${server.url.replace("localhost", "127.0.0.1")}/login`);
  if (res.status !== 200) throw new Error(`GET /login answered ${res.status}`);
  await res.text();
});
await server.close();
await pglite.close();
process.stdout.write(`${JSON.stringify({ dataDir: join(dataDir), phases })}\n`);
