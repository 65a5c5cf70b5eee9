import { describe, expect, it } from "vitest";
import { countRows, listPlanVersions, loadPlan, savePlan } from "../../src/db/plans.ts";
import type { PlanDocument } from "../../src/domain/plan/model.ts";
import { cityOf, codeOf } from "../support/cities.ts";
import { testBackend, withTestDatabase } from "../support/db.ts";
import { largePlan, projectsOf, seedPlan } from "../support/plans.ts";

const t = withTestDatabase();

describe(`save and load a plan (${testBackend})`, () => {
  it("runs on the backend the environment asks for", () => {
    expect(t.kind).toBe(testBackend);
  });

  it("gives back the hand-checked seed exactly: values, book order, key order, diagnostics", async () => {
    const seed = seedPlan();
    const saved = await savePlan(t.db, {
      city: cityOf("小諸市"),
      fiscalYear: 2024,
      plan: seed,
      sourceName: "komoro-2024-policy6.txt",
      sourceEncoding: "utf-8",
    });
    expect(saved.replaced).toBe(false);
    expect(saved.counts).toEqual({
      policies: 1,
      measures: 5,
      projects: 45,
      projectInputs: 129,
      outcomeIndicators: 9,
      activityIndicators: 43,
      diagnostics: 9,
    });
    const loaded = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
    expect(loaded).toStrictEqual(seedPlan());
    // Same keys in the same order, so the exported JSON is byte for byte the imported one.
    expect(JSON.stringify(loaded, null, 1)).toBe(JSON.stringify(seedPlan(), null, 1));
  });

  it("replaces the version of the same city and year instead of adding one", async () => {
    const before = await countRows(t.db);
    const again = await savePlan(t.db, { city: cityOf("小諸市"), fiscalYear: 2024, plan: seedPlan() });
    expect(again.replaced).toBe(true);
    expect(await countRows(t.db)).toEqual(before);
    expect(await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 })).toStrictEqual(seedPlan());
    const versions = await listPlanVersions(t.db);
    expect(versions.map((v) => [v.city, v.fiscalYear, v.sourceName])).toEqual([["小諸市", 2024, null]]);
    expect(versions[0]?.id).toBe(again.planVersionId);
  });

  it("keeps two cities and two years apart", async () => {
    const other = seedPlan();
    other.title = "令和7年度 実施計画書";
    other.policies.splice(0, 1, { ...structuredClone(seedPlan().policies[0]), code: "7" } as never);
    const p2025 = projectsOf(other)[0];
    if (p2025)
      p2025.inputs = {
        "2025": { total: 1, nationalPrefectural: 0, localBonds: 0, otherEarmarked: 0, generalRevenue: 1 },
      };
    await savePlan(t.db, { city: cityOf("小諸市"), fiscalYear: 2025, plan: other });
    await savePlan(t.db, { city: cityOf("佐久市"), fiscalYear: 2024, plan: seedPlan() });
    await savePlan(t.db, { city: cityOf("上田市"), fiscalYear: 2024, plan: seedPlan() });
    await savePlan(t.db, { city: cityOf("上田市"), fiscalYear: 2024, plan: other });

    expect(await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 })).toStrictEqual(seedPlan());
    expect(await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2025 })).toStrictEqual(other);
    expect(await loadPlan(t.db, { cityCode: codeOf("佐久市"), fiscalYear: 2024 })).toStrictEqual(seedPlan());
    expect(await loadPlan(t.db, { cityCode: codeOf("上田市"), fiscalYear: 2024 })).toStrictEqual(other);
    expect(await loadPlan(t.db, { cityCode: codeOf("佐久市"), fiscalYear: 2025 })).toBeNull();
    expect(await loadPlan(t.db, { cityCode: codeOf("軽井沢町"), fiscalYear: 2024 })).toBeNull();
    // In the order of the 全国地方公共団体コード: 上田市 202037, 小諸市 202088, 佐久市 202177.
    expect((await listPlanVersions(t.db)).map((v) => `${v.cityCode} ${v.city} ${v.fiscalYear}`)).toEqual([
      "202037 上田市 2024",
      "202088 小諸市 2024",
      "202088 小諸市 2025",
      "202177 佐久市 2024",
    ]);
    const counts = await countRows(t.db);
    expect(counts.cities).toBe(3);
    expect(counts.planVersions).toBe(4);
    expect(counts.projects).toBe(45 * 4);
  });

  it("round-trips the awkward values: numbers, text targets, absent levels and baselines, odd strings", async () => {
    const plan = seedPlan();
    const measure = plan.policies[0]?.measures[0];
    const project = measure?.projects[0];
    if (!measure || !project) throw new Error("seed shape");
    measure.relatedDepartments = ['"引用"', "a,b", "{波括弧}", "NULL", "", "back\\slash", "改行\nあり"];
    measure.outcomeIndicators = [
      {
        name: null,
        rationale: null,
        formula: null,
        unit: null,
        baseline: null,
        planned: {
          "2021": { text: "0.52", value: 0.52, comparator: "=" },
          "2022": { text: "350,000", value: 350000, comparator: "=" },
          "2023": { text: "実施する", value: null, comparator: "=" },
          "2024": { text: "0.1以上", value: 0.1, comparator: ">=" },
        },
        actual: { "2021": { text: "-15", value: -15, comparator: "=" } },
      },
      {
        name: "小数",
        rationale: "",
        formula: null,
        unit: "%",
        baseline: { text: "18.5", value: 18.5, comparator: "=" },
        planned: { "2024": { text: "1e-7", value: 1e-7, comparator: "<=" } },
        actual: {},
      },
    ];
    measure.sdgs = [];
    project.classification = {
      account: "特別会計",
      kan: { number: null, name: "番号なし款" },
      kou: null,
      moku: { number: 12, name: "国保・年金事業費" },
    };
    project.mayoralPledge = null;
    project.priority = null;
    project.inputs = {
      "2026": {
        total: -1200,
        nationalPrefectural: 9007199254740991,
        localBonds: 0,
        otherEarmarked: 0,
        generalRevenue: 0,
      },
      "2024": { total: 0, nationalPrefectural: 0, localBonds: 0, otherEarmarked: 0, generalRevenue: 0 },
    };
    project.activityIndicators = [{ name: "無単位", unit: null, targets: {} }];
    plan.title = null;
    plan.diagnostics = [
      { severity: "info", code: "x", message: "行なし", line: null },
      { severity: "warning", code: "y", message: "行あり", line: 3, project: "p", fiscalYear: "2025" },
      { severity: "error", code: "z" } as never,
    ];
    await savePlan(t.db, { city: cityOf("須坂市"), fiscalYear: 2024, plan });
    const loaded = await loadPlan(t.db, { cityCode: codeOf("須坂市"), fiscalYear: 2024 });
    expect(loaded).toStrictEqual(plan);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(plan));
  });

  it("round-trips the Check and Act data: directions, actuals, 決算額, estimates and evaluations", async () => {
    const plan = seedPlan();
    const projects = projectsOf(plan);
    const training = projects.find((p) => p.name === "職員研修費");
    const measure = plan.policies[0]?.measures[4];
    if (!training || !measure) throw new Error("seed changed");
    const fund = measure.outcomeIndicators[0];
    if (!fund) throw new Error("seed changed");
    fund.direction = "lower";
    const activity = training.activityIndicators[0];
    if (!activity) throw new Error("seed changed");
    activity.actual = {
      "2024": { text: "3", value: 3, comparator: "=" },
      "2025": { text: "実施した", value: null, comparator: "=" },
    };
    activity.direction = "higher";
    training.settled = { "2024": 1398, "2025": 0 };
    training.estimatedYears = ["2026"];
    training.evaluations = {
      "2024": {
        self: {
          aspects: {
            necessity: { rating: "A", reason: "職員の能力向上に不可欠" },
            effectiveness: { rating: "B", reason: null },
            efficiency: { rating: "C", reason: "外部講師の費用が高い" },
            equity: { rating: null, reason: null },
          },
          outlook: "improve",
          changes: "オンライン研修を取り入れる",
        },
        secondary: {
          aspects: {
            necessity: { rating: "A", reason: null },
            effectiveness: { rating: "B", reason: null },
            efficiency: { rating: "B", reason: "見直しで改善見込み" },
            equity: { rating: "A", reason: null },
          },
          outlook: "continue",
          comment: "継続とする",
        },
      },
      "2025": {
        self: {
          aspects: {
            necessity: { rating: null, reason: null },
            effectiveness: { rating: null, reason: null },
            efficiency: { rating: null, reason: null },
            equity: { rating: null, reason: null },
          },
          outlook: "abolish",
          changes: null,
        },
        secondary: null,
      },
    };
    measure.evaluations = {
      "2024": {
        self: { rating: "B", assessment: "概ね順調", nextSteps: "基金の積み増し" },
        secondary: null,
      },
    };
    await savePlan(t.db, { city: cityOf("大町市"), fiscalYear: 2024, plan });
    const loaded = await loadPlan(t.db, { cityCode: codeOf("大町市"), fiscalYear: 2024 });
    expect(loaded).toStrictEqual(plan);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(plan));
  });

  it("stores an empty plan", async () => {
    const empty: PlanDocument = { format: "hoshin-plan/1", title: null, policies: [], diagnostics: [] };
    const saved = await savePlan(t.db, { city: cityOf("飯山市"), fiscalYear: 2030, plan: empty });
    expect(saved.counts.projects).toBe(0);
    expect(await loadPlan(t.db, { cityCode: codeOf("飯山市"), fiscalYear: 2030 })).toStrictEqual(empty);
  });

  it("inserts in batches, not row by row, and keeps book order across batches", async () => {
    const plan = largePlan(3000);
    const before = t.statements;
    const saved = await savePlan(t.db, { city: cityOf("安曇野市"), fiscalYear: 2024, plan });
    expect(saved.counts.projects).toBe(3000);
    // A few INSERTs per table whatever the number of rows (3000 projects, ~8600 input rows, ~2900
    // activity indicators): one statement per row would be tens of thousands.
    const statements = t.statements - before;
    expect(statements).toBeGreaterThan(12);
    expect(statements).toBeLessThan(40);
    const loaded = await loadPlan(t.db, { cityCode: codeOf("安曇野市"), fiscalYear: 2024 });
    expect(loaded).toStrictEqual(plan);
  });
});
