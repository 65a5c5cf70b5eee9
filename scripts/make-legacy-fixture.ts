// @ts-nocheck: this script runs only at migration 0004 (commit 7b879bf), against that schema and its
// use cases; it refuses to run later. Type-checking it against today's code would check the wrong API.
// Makes test/fixtures/legacy-db/v0004.tar.gz: a real PGlite data folder made by the schema of migration
// 0004 (before issue 12 keyed cities by their 全国地方公共団体コード), used the way a city would have used it,
// and v0004.manifest.json: what it holds, read from it by SQL (test/support/legacy-facts.ts), which
// test/db/migrate-legacy.test.ts checks after migrating a copy to the current schema.
//
//   node --import tsx scripts/make-legacy-fixture.ts
//
// Only meaningful on a checkout whose last migration is 0004_measure_review (it refuses any other): on a
// later checkout it would make a database of the later schema. Every write goes through the use cases.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { ensureFirstAdmin } from "../src/apps/cli/staff-commands.ts";
import { type Database, MIGRATIONS_FOLDER, openDatabase } from "../src/db/client.ts";
import type { Actor } from "../src/domain/access.ts";
import { readBookDetailed } from "../src/formats/book-text/read-book.ts";
import { COMMAND_LINE } from "../src/usecases/authorize.ts";
import { rollOverPlan } from "../src/usecases/cycle/rollover-plan.ts";
import { reviewMeasure } from "../src/usecases/editing/review-measure.ts";
import { reviewProject } from "../src/usecases/editing/review-project.ts";
import { saveMeasure } from "../src/usecases/editing/save-measure.ts";
import { saveProject } from "../src/usecases/editing/save-project.ts";
import { HoshinError } from "../src/usecases/errors.ts";
import { reviewEvaluation } from "../src/usecases/evaluation/review-evaluation.ts";
import { saveMeasureEvaluation } from "../src/usecases/evaluation/save-measure-evaluation.ts";
import { saveProjectEvaluation } from "../src/usecases/evaluation/save-project-evaluation.ts";
import { importPlan } from "../src/usecases/plan/import-plan.ts";
import { readPlan } from "../src/usecases/plan/read-plan.ts";
import { seedSample } from "../src/usecases/plan/seed-sample.ts";
import { addUser, type NewUser } from "../src/usecases/staff/manage-users.ts";
import { logIn } from "../src/usecases/staff/sessions.ts";
import { trainingSelf } from "../test/support/evaluation-sheets.ts";
import { CITY_BY_ID, type Query, readFacts } from "../test/support/legacy-facts.ts";
import { rename, renumberPolicy, scaleAmounts, seedVariant } from "../test/support/variants.ts";

const EXPECTED_LAST_MIGRATION = "0004_measure_review";
const OUT = fileURLToPath(new URL("../test/fixtures/legacy-db/", import.meta.url));
const TARBALL = join(OUT, "v0004.tar.gz");
const MANIFEST = join(OUT, "v0004.manifest.json");

/** What the script writes (test/db/migrate-legacy.test.ts expects the same values, written out by hand). */
const LEGACY = {
  editedSummary: "各種職員研修の実施（令和6年度から人事評価研修を追加）",
  outcomeActual2024: "80",
  secondCity: "上田市",
} as const;

const USERS = {
  admin: {
    loginName: "kikaku-admin",
    displayName: "企画 花子",
    password: "legacy-admin-pass-1",
    role: "admin",
    department: null,
  },
  soumu: {
    loginName: "soumu01",
    displayName: "総務 太郎",
    password: "legacy-soumu-pass-1",
    role: "department",
    department: "総務課",
  },
  kikaku: {
    loginName: "kikaku01",
    displayName: "企画 次郎",
    password: "legacy-kikaku-pass-1",
    role: "department",
    department: "企画課",
  },
  viewer: {
    loginName: "etsuran01",
    displayName: "閲覧 三郎",
    password: "legacy-viewer-pass-1",
    role: "viewer",
    department: null,
  },
} as const satisfies Record<string, NewUser>;

async function lastMigration(): Promise<string> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? "";
}

async function actorOf(db: Database, user: NewUser): Promise<Actor> {
  const row = await addUser({ db, actor: COMMAND_LINE, user });
  return {
    userId: row.id,
    loginName: row.loginName,
    displayName: row.displayName,
    role: row.role,
    department: row.department,
  };
}

/** What a city does in its first year, through the use cases (each its own transaction, audited). */
async function useLikeACity(db: Database): Promise<void> {
  // `hoshin start` on an empty folder: the sample book, then the first administrator `admin`.
  const { planVersionId } = await seedSample({ db });
  await ensureFirstAdmin(db);
  const admin = await actorOf(db, USERS.admin);
  const soumu = await actorOf(db, USERS.soumu);
  await actorOf(db, USERS.kikaku);
  await actorOf(db, USERS.viewer);

  // Logins: one that works (a session, a login attempt), one with a wrong password.
  await logIn({
    db,
    loginName: USERS.soumu.loginName,
    password: USERS.soumu.password,
    address: "192.0.2.10",
  });
  try {
    await logIn({
      db,
      loginName: USERS.viewer.loginName,
      password: "wrong-password-1",
      address: "192.0.2.20",
    });
    throw new Error("a wrong password logged in");
  } catch (e) {
    if (!(e instanceof HoshinError)) throw e;
  }

  const view = () => readPlan({ db, actor: admin, planVersionId });
  const project = async (name: string) => {
    const e = (await view()).projects.find((p) => p.project.name === name);
    if (!e) throw new Error(`no project ${name}`);
    return e;
  };
  const measure = async (code: string) => {
    const e = (await view()).measures.find((m) => m.measure.code === code);
    if (!e) throw new Error(`no measure ${code}`);
    return e;
  };

  // 総務課 (所管課 of 職員研修費) edits it: the 一般財源 of 2025 and 2026 put right (1,453 → 1,443, so the
  // funding sums hold) and the 事業概要; submits it; the administrator approves it.
  const training = await project("職員研修費");
  const edited = structuredClone(training.project);
  for (const fy of ["2025", "2026"]) {
    const inputs = edited.inputs[fy];
    if (!inputs) throw new Error(`職員研修費 has no inputs for ${fy}`);
    inputs.generalRevenue = 1443;
  }
  edited.summary = LEGACY.editedSummary;
  await saveProject({
    db,
    actor: soumu,
    projectId: training.id,
    expectedVersion: training.version,
    project: edited,
  });
  await reviewProject({ db, actor: soumu, projectId: training.id, action: "submit" });
  await reviewProject({ db, actor: admin, projectId: training.id, action: "approve" });

  // 総務課 leads 6-5: enters the 令和6年度 actual of its first outcome indicator; submitted and approved
  // (the approval keeps the measure's content as its approved snapshot, a jsonb column).
  const m65 = await measure("6-5");
  const form = structuredClone({
    currentIssues: m65.measure.currentIssues,
    purpose: m65.measure.purpose,
    priorities: m65.measure.priorities,
    goalStates: m65.measure.goalStates,
    futureActions: m65.measure.futureActions,
    sectoralPlans: m65.measure.sectoralPlans,
    notes: m65.measure.notes,
    outcomeIndicators: m65.measure.outcomeIndicators,
  });
  const indicator = form.outcomeIndicators[0];
  if (!indicator) throw new Error("6-5 has no outcome indicator");
  indicator.actual["2024"] = { text: LEGACY.outcomeActual2024, value: 80, comparator: "=" };
  await saveMeasure({ db, actor: soumu, measureId: m65.id, expectedVersion: m65.version, measure: form });
  await reviewMeasure({ db, actor: soumu, measureId: m65.id, action: "submit" });
  await reviewMeasure({ db, actor: admin, measureId: m65.id, action: "approve" });

  // The 事務事業評価 of 職員研修費 (令和6年度): 一次評価, 決算額 1,398 千円, activity actuals; submitted.
  await saveProjectEvaluation({
    db,
    actor: soumu,
    projectId: training.id,
    fiscalYear: 2024,
    expectedVersion: 1,
    evaluation: trainingSelf(),
    settled: 1398,
    activityActuals: ["実施", "12回"],
  });
  await reviewEvaluation({
    db,
    actor: soumu,
    kind: "project",
    id: training.id,
    fiscalYear: 2024,
    action: "submit",
  });

  // The 施策評価 of 6-5 (令和6年度) by its 主管課; submitted.
  await saveMeasureEvaluation({
    db,
    actor: soumu,
    measureId: m65.id,
    fiscalYear: 2024,
    expectedVersion: 1,
    evaluation: {
      self: {
        rating: "B",
        assessment: "職員研修の参加率は向上した。",
        nextSteps: "人事評価制度の定着を図る。",
      },
      secondary: null,
    },
  });
  await reviewEvaluation({
    db,
    actor: soumu,
    kind: "measure",
    id: m65.id,
    fiscalYear: 2024,
    action: "submit",
  });

  // The next year's plan.
  await rollOverPlan({ db, actor: admin, city: "小諸市", fromYear: 2024 });

  // A second city: a generated book (the seed as 政策2, amounts ×3, 職員研修費 renamed wherever it is
  // printed, its 目 included), read as text the way an upload is.
  const variant = rename(scaleAmounts(renumberPolicy(seedVariant(), 2), 3), "職員研修費", "職員能力開発費");
  const { plan, encoding } = readBookDetailed(Buffer.from(variant.text, "utf8"));
  await importPlan({
    db,
    city: LEGACY.secondCity,
    fiscalYear: 2024,
    plan,
    sourceName: "ueda-2024-policy2.txt",
    ...(encoding ? { sourceEncoding: encoding } : {}),
  });
}

async function main(): Promise<void> {
  const last = await lastMigration();
  if (last !== EXPECTED_LAST_MIGRATION) {
    throw new Error(
      `this checkout's last migration is ${last}, not ${EXPECTED_LAST_MIGRATION}: run the script on the commit that made the fixture`,
    );
  }
  const scratch = await mkdtemp(join(tmpdir(), "hoshin-legacy-"));
  const dataDir = join(scratch, "data");
  try {
    const h = await openDatabase({ dataDir });
    try {
      await useLikeACity(h.db);
    } finally {
      await h.close();
    }

    // The folder as the app left it, dumped by PGlite itself (gzip). Only the write-ahead log is made
    // small first: a switch to a new segment and a checkpoint, with segments removed rather than recycled
    // (settings of this open only, not written into the folder), so the 16 MB segment the app filled is
    // replaced by a zero-filled one (the tarball shrinks from 5.3 MB to 3.3 MB; the data is the same).
    const raw = await PGlite.create(dataDir, {
      startParams: [...PGlite.defaultStartParams, "-c", "wal_recycle=off", "-c", "min_wal_size=32MB"],
    });
    let tarball: Blob;
    try {
      await raw.query("select pg_switch_wal()");
      await raw.exec("checkpoint");
      tarball = await raw.dumpDataDir("gzip");
    } finally {
      await raw.close();
    }
    const bytes = Buffer.from(await tarball.arrayBuffer());
    await mkdir(OUT, { recursive: true });
    await writeFile(TARBALL, bytes);

    // The manifest is read from the tarball (what the test will load), by SQL, with the old schema.
    const copy = await PGlite.create({ loadDataDir: new Blob([bytes], { type: "application/x-gzip" }) });
    try {
      const q: Query = async (statement) => (await copy.query<Record<string, unknown>>(statement)).rows;
      const migrations = await q(
        "select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id",
      );
      const facts = await readFacts(q, CITY_BY_ID);
      const manifest = {
        about:
          "Made by scripts/make-legacy-fixture.ts from v0004.tar.gz (schema of migration 0004_measure_review); read by test/db/migrate-legacy.test.ts.",
        lastMigration: EXPECTED_LAST_MIGRATION,
        migrationsApplied: migrations.length,
        postgres: String((await q("select version() as v"))[0]?.v ?? ""),
        ...facts,
      };
      await writeFile(MANIFEST, `${JSON.stringify(manifest, null, 1)}\n`);
    } finally {
      await copy.close();
    }
    const size = (await stat(TARBALL)).size;
    process.stdout.write(`${TARBALL}: ${size.toLocaleString("en-US")} bytes\n${MANIFEST}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
