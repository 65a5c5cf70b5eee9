// Migrating a database made by the schema of migration 0004 keeps every plan, edit, evaluation and audit
// row (issue 12, "done when"). The database is a real PGlite data folder, test/fixtures/legacy-db/v0004.tar.gz,
// made at 0004 through the use cases by scripts/make-legacy-fixture.ts (the sample book with an edit,
// reviews, an outcome actual, both evaluation sheets, a rollover, a second city, staff of every role,
// logins); v0004.manifest.json is what that database held, read from it by SQL before any migration.
// Here a copy is opened through openDatabase with every migration of drizzle/ applied, and read again by
// the same SQL (test/support/legacy-facts.ts), naming rows by their values, never by their ids.
//
// Besides the manifest, the values the script wrote are checked as worked out by hand (sums from the
// seed's hand-checked reading, test/fixtures/komoro-2024-policy6.expected.json).
//
// The tests marked「ISSUE 12」 check what migration 0005_municipalities adds: every city its
// 全国地方公共団体コード (cities.code; plan_versions.city_code; audit_events.city_code), decided by name.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenDatabase, openDatabase } from "../../src/db/client.ts";
import { loadPlan } from "../../src/db/plans.ts";
import { REASONS } from "../support/evaluation-sheets.ts";
import {
  CITY_BY_ID,
  type LegacyFacts,
  type Query,
  readFacts,
  V0004_TABLES,
} from "../support/legacy-facts.ts";
import { projectsOf } from "../support/plans.ts";

const FIXTURE = new URL("../fixtures/legacy-db/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("v0004.manifest.json", FIXTURE), "utf8")) as LegacyFacts & {
  lastMigration: string;
  migrationsApplied: number;
};
const journal = JSON.parse(
  readFileSync(new URL("../../drizzle/meta/_journal.json", import.meta.url), "utf8"),
) as { entries: { tag: string }[] };

/**
 * How a plan version names its city in the migrated schema: through cities.id at 0004, through the
 * city's code once 0005 keys cities by it. A schema with neither is reported, not guessed.
 */
async function cityOfVersion(q: Query): Promise<string> {
  const columns = (
    await q(
      "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'plan_versions'",
    )
  ).map((r) => String(r.column_name));
  if (columns.includes("city_code")) return "(select c.name from cities c where c.code = v.city_code)";
  if (columns.includes("city_id")) return CITY_BY_ID;
  throw new Error(`plan_versions names its city by none of city_code, city_id: ${columns.join(", ")}`);
}

let h: OpenDatabase;
let q: Query;
let facts: LegacyFacts;

beforeAll(async () => {
  const bytes = readFileSync(new URL("v0004.tar.gz", FIXTURE));
  h = await openDatabase({
    dataDir: "memory://",
    loadDataDir: new Blob([bytes], { type: "application/x-gzip" }),
    migrate: true,
  });
  q = async (statement) =>
    ((await h.db.execute(sql.raw(statement))) as unknown as { rows: Record<string, unknown>[] }).rows;
  facts = await readFacts(q, await cityOfVersion(q));
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe("a PGlite database made at migration 0004, migrated to the current schema", () => {
  it("was made at 0004 and has every migration of drizzle/ applied now", async () => {
    expect(manifest.lastMigration).toBe("0004_measure_review");
    expect(manifest.migrationsApplied).toBe(5);
    const [applied] = await q("select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(applied).toEqual({ n: journal.entries.length });
  });

  it("keeps the row count of every table of 0004", () => {
    for (const t of V0004_TABLES)
      expect({ table: t, rows: facts.tables[t] }).toEqual({ table: t, rows: manifest.tables[t] });
    // By hand: two cities; 小諸市 2024, its rollover 2025, 上田市 2024, each of the seed's 45 projects;
    // 2 × 129 input rows of the books plus the rolled 2025 (45), 2026 (39) and estimated 2027 (39);
    // five users (admin of the first start, kikaku-admin, soumu01, kikaku01, etsuran01);
    // 33 audit rows: 7 user-add, 3 edited fields, submit, approve, 1 outcome actual, submit, approve,
    // 12 fields of the 事務事業評価 and its submit, 3 of the 施策評価 and its submit, 1 rollover.
    expect(facts.tables).toMatchObject({
      cities: 2,
      plan_versions: 3,
      policies: 3,
      measures: 15,
      projects: 135,
      project_inputs: 381,
      users: 5,
      audit_events: 33,
      project_evaluations: 1,
      measure_evaluations: 1,
      login_attempts: 2,
      sessions: 1,
    });
  });

  it("keeps every plan: city, fiscal year, revision, source, rolled-from, counts and totals", () => {
    expect(facts.plans).toEqual(manifest.plans);
    expect(
      facts.plans.map((p) => [
        p.city,
        p.fiscalYear,
        p.rolledFrom,
        p.projects,
        p.approvedProjects,
        p.inputsTotal,
      ]),
    ).toEqual([
      // 上田市: the seed's amounts × 3 (11,663,818 × 3).
      ["上田市", 2024, null, 45, 0, "34991454"],
      // The seed's 令和6–8年度 totals: 3,984,986 + 4,022,511 + 3,656,321 (the edit changed only 一般財源).
      ["小諸市", 2024, null, 45, 1, "11663818"],
      // Rolled: 令和7年度 4,022,511 + 令和8年度 3,656,321 + 令和9年度 estimated as 令和8年度 3,656,321.
      ["小諸市", 2025, "小諸市 2024", 45, 0, "11335153"],
    ]);
  });

  it("keeps the content of every plan, table by table (digests of the rows without their ids)", () => {
    expect(Object.keys(facts.digests)).toEqual(["上田市 2024", "小諸市 2024", "小諸市 2025"]);
    expect(facts.digests).toEqual(manifest.digests);
  });

  it("keeps the sums of every project_inputs amount", () => {
    expect(facts.projectInputsSum).toEqual(manifest.projectInputsSum);
    // By hand: 総事業費 11,663,818 + 34,991,454 + 11,335,153. 一般財源: the seed's 10,925,523 in 小諸市
    // 2024 and × 3 in 上田市, 10,646,365 rolled, less the edit (−10 in 令和7・8年度, so −20 in 2024 and −30
    // in the rolled plan, whose 令和9年度 copies 令和8年度): 4 × 10,925,523 + 10,646,365 − 50.
    expect(facts.projectInputsSum).toEqual({
      rows: "381",
      total: "57990425",
      national_prefectural: "1915911",
      local_bonds: "0",
      other_earmarked: "1726167",
      general_revenue: "54348407",
    });
  });

  it("keeps the edited, submitted and approved project", () => {
    expect(facts.editedProject).toEqual(manifest.editedProject);
    expect(facts.editedProject).toMatchObject({
      measure_code: "6-2",
      name: "職員研修費",
      summary: "各種職員研修の実施（令和6年度から人事評価研修を追加）",
      lead_department: "総務課",
      // 1, then the save, the submission and the approval.
      version: 4,
      review_state: "approved",
      review_comment: null,
    });
    expect(JSON.parse(String(facts.editedProject.inputs))).toEqual(
      ["2024", "2025", "2026"].map((fy) => ({
        fiscalYear: Number(fy),
        total: "1443",
        generalRevenue: "1443",
      })),
    );
  });

  it("keeps the 事務事業評価 sheet, its 決算額 and activity actuals", () => {
    expect(facts.projectEvaluation).toEqual(manifest.projectEvaluation);
    expect(facts.projectEvaluation).toMatchObject({
      project: "職員研修費",
      fiscal_year: 2024,
      self_necessity: "A",
      self_necessity_reason: REASONS.necessity,
      self_effectiveness: "B",
      self_effectiveness_reason: REASONS.effectiveness,
      self_efficiency: "B",
      self_efficiency_reason: REASONS.efficiency,
      self_equity: "A",
      self_equity_reason: REASONS.equity,
      self_outlook: "continue",
      has_secondary: false,
      review_state: "submitted",
      settled: "1398",
      activity_actuals: "0:実施 1:12回",
    });
  });

  it("keeps the 施策評価 sheet", () => {
    expect(facts.measureEvaluation).toEqual(manifest.measureEvaluation);
    expect(facts.measureEvaluation).toMatchObject({
      measure: "6-5",
      fiscal_year: 2024,
      self_rating: "B",
      self_assessment: "職員研修の参加率は向上した。",
      self_next_steps: "人事評価制度の定着を図る。",
      has_secondary: false,
      review_state: "submitted",
    });
  });

  it("keeps the outcome actuals and the approved snapshot of 6-5", async () => {
    expect(facts.outcomeActuals).toEqual(manifest.outcomeActuals);
    expect(facts.outcomeActuals.filter((r) => r.fiscal_year === 2024)).toEqual([
      { position: 0, fiscal_year: 2024, text: "80", value: "80", comparator: "=" },
    ]);
    const city = await cityOfVersion(q);
    const [m] = await q(
      `select m.review_state, m.approved_content::text as content from measures m
       join plan_versions v on v.id = m.plan_version_id
       where ${city} = '小諸市' and v.fiscal_year = 2024 and m.code = '6-5'`,
    );
    expect(m?.review_state).toBe("approved");
    const content = JSON.parse(String(m?.content)) as {
      code: string;
      outcomeIndicators: { actual: Record<string, { text: string }> }[];
    };
    expect(content.code).toBe("6-5");
    expect(content.outcomeIndicators[0]?.actual["2024"]?.text).toBe("80");
  });

  it("keeps every audit row in order: who, action, entity, field, before, after", () => {
    expect(facts.audit).toEqual(manifest.audit);
    expect(facts.audit.at(0)).toMatchObject({ action: "user-add", entity_label: "admin", after: "管理者" });
    expect(
      facts.audit
        .filter((r) => r.entity_kind === "project")
        .map((r) => [r.action, r.field, r.before, r.after]),
    ).toEqual([
      ["update", "事業概要", "各種職員研修の実施", "各種職員研修の実施（令和6年度から人事評価研修を追加）"],
      ["update", "令和7年度 一般財源", "1453", "1443"],
      ["update", "令和8年度 一般財源", "1453", "1443"],
      ["submit", "状態", "作成中", "提出済"],
      ["approve", "状態", "提出済", "承認済"],
    ]);
    expect(facts.audit.at(-1)).toMatchObject({
      user_name: "企画 花子（kikaku-admin）",
      action: "rollover",
      entity_label: "小諸市 令和7年度 実施計画",
      before: "45",
      after: "45",
    });
  });

  it("keeps the staff, their logins and sessions", () => {
    expect(facts.users).toEqual(manifest.users);
    expect(facts.users.map((u) => [u.loginName, u.role, u.department])).toEqual([
      ["admin", "admin", null],
      ["etsuran01", "viewer", null],
      ["kikaku-admin", "admin", null],
      ["kikaku01", "department", "企画課"],
      ["soumu01", "department", "総務課"],
    ]);
    expect(facts.loginAttempts).toEqual(manifest.loginAttempts);
    expect(facts.sessions).toEqual(manifest.sessions);
  });

  it("is read by the current code: the edited project in the loaded plan", async () => {
    // Since 0005 a plan is found by its city's code.
    const plan = await loadPlan(h.db, { cityCode: "202088", fiscalYear: 2024 });
    const training = plan ? projectsOf(plan).filter((p) => p.name === "職員研修費") : [];
    expect(training.map((p) => [p.summary, p.inputs["2026"]?.generalRevenue])).toEqual([
      ["各種職員研修の実施（令和6年度から人事評価研修を追加）", 1443],
    ]);
  });

  it("ISSUE 12: gives every city its 全国地方公共団体コード (小諸市 202088, 上田市 202037)", async () => {
    expect(await q("select name, code::text as code from cities order by code")).toEqual([
      { name: "上田市", code: "202037" },
      { name: "小諸市", code: "202088" },
    ]);
  });

  it("ISSUE 12: every plan carries its city's code", async () => {
    expect(
      await q(
        `select c.name, v.fiscal_year, v.city_code::text as city_code from plan_versions v
         join cities c on c.code = v.city_code order by c.name, v.fiscal_year`,
      ),
    ).toEqual([
      { name: "上田市", fiscal_year: 2024, city_code: "202037" },
      { name: "小諸市", fiscal_year: 2024, city_code: "202088" },
      { name: "小諸市", fiscal_year: 2025, city_code: "202088" },
    ]);
  });

  it("ISSUE 12: every audit row that named a city names its code as well, the name kept", async () => {
    // 33 audit rows (manifest); the 4 user-management rows name no city, the rest name 小諸市 or 上田市.
    expect(
      await q(
        "select city, city_code::text as city_code, count(*)::int as n from audit_events group by city, city_code order by city nulls first",
      ),
    ).toEqual(
      await q(
        `select a.city, c.code::text as city_code, count(*)::int as n from audit_events a
         left join cities c on c.name = a.city group by a.city, c.code order by a.city nulls first`,
      ),
    );
    const named = await q(
      "select count(*)::int as n from audit_events where city is not null and city_code is null",
    );
    expect(named).toEqual([{ n: 0 }]);
  });
});
