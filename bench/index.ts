/**
 * `npm run bench`: the cold start of `npm start` (bench/cold-start.ts), parse throughput, import times, book HTML/PDF rendering, the Excel workbook and open
 * data, rollover and comparison, and staff-app page and save times, with generated books at city and
 * prefecture scale; then the load section (bench/load.ts: the real server under autocannon against a
 * bare node:http server, `npm run bench:load` alone); then, with DATABASE_URL or BENCH_NATIONAL=1, the national
 * scale on PostgreSQL (bench/national.ts: 1,741 municipalities, `node --import tsx bench/national.ts` alone).
 *
 *   npm run bench                      # PGlite, and PostgreSQL too when a server answers
 *   BENCH_BOOKS=50 npm run bench       # fewer books for a quick look
 *   DATABASE_URL=postgres://… npm run bench
 *
 * Nothing here asserts a time; it measures and prints.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { createApp } from "../src/apps/staff/app.tsx";
import { projectFormValues } from "../src/apps/staff/forms.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { findPlanVersion } from "../src/db/plans.ts";
import { diffPlans } from "../src/domain/cycle/plan-diff.ts";
import { rollOverPlan } from "../src/domain/cycle/rollover.ts";
import type { PlanDocument } from "../src/domain/plan/model.ts";
import { renderBookHtml } from "../src/formats/book/book-html.tsx";
import { renderPdf } from "../src/formats/book/book-pdf.ts";
import { hasChromium, launchChromium } from "../src/formats/book/chromium.ts";
import { readBook } from "../src/formats/book-text/read-book.ts";
import { validateDataPackage } from "../src/formats/open-data/validate/validate-datapackage.ts";
import { writeOpenData } from "../src/formats/open-data/write-open-data.ts";
import { readPlanWorkbook } from "../src/formats/xlsx/read-workbook.ts";
import { writePlanWorkbook } from "../src/formats/xlsx/write-workbook.ts";
import { COMMAND_LINE } from "../src/usecases/authorize.ts";
import { importPlan } from "../src/usecases/plan/import-plan.ts";
import { readPlan } from "../src/usecases/plan/read-plan.ts";
import { summarizePlan } from "../src/usecases/plan/summarize-plan.ts";
import { addUser } from "../src/usecases/staff/manage-users.ts";
import { logIn } from "../src/usecases/staff/sessions.ts";
import { benchColdStart } from "./cold-start.ts";
import { generateBook } from "./generate-books.ts";
import { benchLoad } from "./load.ts";
import { benchNational } from "./national.ts";

const BOOKS = Number(process.env.BENCH_BOOKS ?? 300);
const seedBytes = readFileSync(new URL("../samples/komoro-2024-policy6.txt", import.meta.url));

interface Row {
  what: string;
  n: string;
  time: string;
  rate: string;
}
const rows: Row[] = [];

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
function record(what: string, n: string, millis: number, rate = ""): void {
  rows.push({ what, n, time: `${millis.toFixed(1)} ms`, rate });
  process.stderr.write(`  ${what}: ${millis.toFixed(1)} ms ${rate}\n`);
}

/** Books of a few measures each, like a prefecture's towns sending one policy each. */
function makeBooks(count: number): string[] {
  const books: string[] = [];
  for (let k = 0; k < count; k++) {
    books.push(
      generateBook({
        seed: k + 1,
        policyNumber: (k % 7) + 1,
        fiscalYear: 2024 + (k % 3),
        measures: 5,
        projectsPerMeasure: 9,
      }),
    );
  }
  return books;
}

function benchParse(books: string[], cityBook: string): PlanDocument[] {
  const bytes = books.map((b) => new TextEncoder().encode(b));
  const totalMb = bytes.reduce((a, b) => a + b.length, 0) / 1e6;
  for (const b of bytes.slice(0, 20)) readBook(b); // warm up
  const start = process.hrtime.bigint();
  const plans = bytes.map((b) => readBook(b));
  const t = ms(start);
  const projects = plans.reduce(
    (a, p) => a + p.policies.reduce((x, q) => x + q.measures.reduce((y, m) => y + m.projects.length, 0), 0),
    0,
  );
  record(
    `parse ${books.length} generated books (${totalMb.toFixed(1)} MB, ${projects} projects)`,
    String(books.length),
    t,
    `${(totalMb / (t / 1000)).toFixed(1)} MB/s`,
  );

  const seedStart = process.hrtime.bigint();
  for (let i = 0; i < 50; i++) readBook(seedBytes);
  record("parse the seed book (78 KB, 45 projects), mean of 50", "1", ms(seedStart) / 50);

  const cityBytes = new TextEncoder().encode(cityBook);
  const cityStart = process.hrtime.bigint();
  readBook(cityBytes);
  record(
    `parse a city-size book (${(cityBytes.length / 1e6).toFixed(2)} MB, 300 projects)`,
    "1",
    ms(cityStart),
  );
  return plans;
}

let cityPlan: PlanDocument | null = null;

/** The book as HTML and PDF for the seed and a city-size plan (Chromium reused; its start measured apart). */
async function benchBook(seed: PlanDocument, city: PlanDocument): Promise<void> {
  for (const [name, plan, n] of [
    ["seed (45 projects)", seed, 10],
    ["city-size (300 projects)", city, 3],
  ] as const) {
    const meta = { city: "小諸市", fiscalYear: 2024 };
    record(
      `book HTML, ${name}, mean of ${n}`,
      "1",
      await mean(n, async () => void (await renderBookHtml(plan, meta))),
    );
  }
  if (!hasChromium()) {
    rows.push({
      what: "book PDF: Chromium not installed (apt-get install chromium)",
      n: "",
      time: "-",
      rate: "",
    });
    return;
  }
  let start = process.hrtime.bigint();
  const browser = await launchChromium();
  record("book PDF: start Chromium", "1", ms(start));
  try {
    for (const [name, plan] of [
      ["seed (45 projects)", seed],
      ["city-size (300 projects)", city],
    ] as const) {
      const html = await renderBookHtml(plan, { city: "小諸市", fiscalYear: 2024 });
      await renderPdf(html, { browser }); // warm up
      start = process.hrtime.bigint();
      const pdf = await renderPdf(html, { browser });
      record(`book PDF, ${name}`, "1", ms(start), `${(pdf.length / 1e6).toFixed(1)} MB`);
    }
  } finally {
    await browser.close();
  }
}

/**
 * The other published formats and the cycle, for the seed and a city-size plan: the Excel workbook written
 * and read back, the open data (CSV + datapackage.json) written and validated, the plan rolled into the
 * next year, and two years compared.
 */
async function benchExports(seed: PlanDocument, city: PlanDocument): Promise<void> {
  for (const [name, plan, n] of [
    ["seed (45 projects)", seed, 5],
    ["city-size (300 projects)", city, 2],
  ] as const) {
    const meta = { city: "小諸市", fiscalYear: 2024 };
    let bytes: Uint8Array = new Uint8Array();
    record(
      `Excel write, ${name}, mean of ${n}`,
      "1",
      await mean(n, async () => {
        bytes = await writePlanWorkbook(plan, meta);
      }),
      `${(bytes.length / 1e3).toFixed(0)} kB`,
    );
    record(
      `Excel read back, ${name}, mean of ${n}`,
      "1",
      await mean(n, async () => void (await readPlanWorkbook(bytes))),
    );
    let files = new Map<string, Uint8Array>();
    record(
      `open data write, ${name}, mean of ${n}`,
      "1",
      await mean(n, async () => {
        files = writeOpenData(plan, meta);
      }),
    );
    const descriptor = JSON.parse(new TextDecoder().decode(files.get("datapackage.json"))) as unknown;
    record(
      `open data validate, ${name}, mean of ${n}`,
      "1",
      await mean(n, async () => void validateDataPackage(descriptor, files)),
    );
    let next = plan;
    record(
      `rollover into the next year, ${name}, mean of ${n}`,
      "1",
      await mean(n, async () => {
        next = rollOverPlan(plan, 2024).plan;
      }),
    );
    record(
      `compare two years, ${name}, mean of ${n}`,
      "1",
      await mean(n, async () => void diffPlans(plan, next)),
    );
  }
}

/** Mean time of `n` runs of `fn` after one warm-up run. */
async function mean(n: number, fn: () => Promise<void>): Promise<number> {
  await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return ms(start) / n;
}

/**
 * The staff app in process (app.request, no network): the pages a user opens most and a project save,
 * for the seed and for a city-size plan of 300 projects, in a database holding every generated book.
 */
async function benchWeb(label: string, db: Database, city: PlanDocument, plansStored: number): Promise<void> {
  const { planVersionId } = await importPlan({ db, city: "塩尻市", fiscalYear: 2024, plan: city });
  await addUser({
    db,
    actor: COMMAND_LINE,
    user: {
      loginName: "bench",
      displayName: "計測",
      password: "bench-password",
      role: "admin",
      department: null,
      cities: "all",
    },
  }).catch(() => undefined);
  const { token, session } = await logIn({
    db,
    loginName: "bench",
    password: "bench-password",
    address: "bench",
  });
  const app = createApp({ db });
  const headers = { cookie: `hoshin_session=${token}` };
  const get = async (path: string) => {
    const res = await app.request(`http://localhost${path}`, { headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.text();
  };
  const seed = await findPlanVersion(db, { cityCode: "202088", fiscalYear: 2024 });
  for (const [name, pv, count] of [
    ["seed (45 projects)", seed?.id ?? 0, 45],
    ["city-size (300 projects)", planVersionId, 300],
  ] as const) {
    const view = await readPlan({ db, actor: session.actor, planVersionId: pv });
    const entry = view.projects[Math.floor(view.projects.length / 2)];
    if (!entry) throw new Error("no project");
    record(
      `${label}: dashboard page, ${name}, mean of 10`,
      String(count),
      await mean(10, () => get(`/plans/${pv}`)),
    );
    record(
      `${label}: project page, ${name}, mean of 10`,
      String(count),
      await mean(10, () => get(`/projects/${entry.id}`)),
    );
    let version = entry.version;
    let k = 0;
    const save = async () => {
      const values = projectFormValues({ ...entry.project, notes: `計測 ${k++}` });
      const body = new URLSearchParams({ ...values, _csrf: session.csrfToken, version: String(version) });
      const res = await app.request(`http://localhost/projects/${entry.id}`, {
        method: "POST",
        body,
        headers,
      });
      if (res.status !== 303) throw new Error(`save: ${res.status} ${await res.text()}`);
      version++;
    };
    record(
      `${label}: save a project (form → checks → audit), ${name}, mean of 10`,
      String(count),
      await mean(10, save),
      `among ${plansStored + 1} plans`,
    );
  }
}

async function benchImport(label: string, url: string | undefined, plans: PlanDocument[]): Promise<void> {
  const handle = await openDatabase(url ? { url } : { dataDir: "memory://" });
  try {
    const seedPlan = readBook(seedBytes);
    let start = process.hrtime.bigint();
    await importPlan({ db: handle.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan });
    record(`${label}: import the seed book`, "1", ms(start));
    start = process.hrtime.bigint();
    await importPlan({ db: handle.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan });
    record(`${label}: re-import the seed book (replace)`, "1", ms(start));

    start = process.hrtime.bigint();
    for (const [k, plan] of plans.entries()) {
      await importPlan({ db: handle.db, city: `生成市${k + 1}`, fiscalYear: 2024 + (k % 3), plan });
    }
    const t = ms(start);
    record(
      `${label}: import ${plans.length} books into one database`,
      String(plans.length),
      t,
      `${(t / plans.length).toFixed(1)} ms/book`,
    );

    start = process.hrtime.bigint();
    await summarizePlan({ db: handle.db, city: "小諸市", fiscalYear: 2024 });
    record(`${label}: summary (all dimensions) of one city among ${plans.length + 1}`, "1", ms(start));
    if (cityPlan) await benchWeb(label, handle.db, cityPlan, plans.length + 1);
  } finally {
    await handle.close();
  }
}

/** A PostgreSQL server to measure against: DATABASE_URL, else the local server, else none. */
async function postgresAdminUrl(): Promise<string | null> {
  const url =
    process.env.DATABASE_URL ||
    process.env.HOSHIN_TEST_POSTGRES_URL ||
    "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withScratchPostgres(adminUrl: string, fn: (url: string) => Promise<void>): Promise<void> {
  const name = `hoshin_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

function print(): void {
  const w = Math.max(...rows.map((r) => r.what.length));
  const tw = Math.max(...rows.map((r) => r.time.length));
  console.log(`\n${"benchmark".padEnd(w)}  ${"time".padStart(tw)}  rate`);
  console.log(`${"-".repeat(w)}  ${"-".repeat(tw)}  ----`);
  for (const r of rows) console.log(`${r.what.padEnd(w)}  ${r.time.padStart(tw)}  ${r.rate}`);
}

async function main(): Promise<void> {
  process.stderr.write("cold start of hoshin start…\n");
  await benchColdStart(record);
  process.stderr.write(`generating ${BOOKS} books and a city-size book…\n`);
  const books = makeBooks(BOOKS);
  const cityBook = generateBook({
    seed: 999,
    policyNumber: 1,
    fiscalYear: 2024,
    measures: 10,
    projectsPerMeasure: 30,
  });
  const plans = benchParse(books, cityBook);
  cityPlan = readBook(new TextEncoder().encode(cityBook));
  await benchBook(readBook(seedBytes), cityPlan);
  await benchExports(readBook(seedBytes), cityPlan);
  await benchImport("PGlite (in memory)", undefined, plans);
  const pgUrl = await postgresAdminUrl();
  if (pgUrl) await withScratchPostgres(pgUrl, (url) => benchImport("PostgreSQL", url, plans));
  else rows.push({ what: "PostgreSQL: no server answered (set DATABASE_URL)", n: "", time: "-", rate: "" });
  print();
  await benchLoad();
  // The national scale (bench/national.ts): PostgreSQL only, and minutes of generation the first time.
  if (process.env.DATABASE_URL || process.env.BENCH_NATIONAL === "1") await benchNational();
}

await main();
