import { describe, expect, it } from "vitest";
import { checkPlan } from "../../../src/domain/checks/check-plan.ts";
import { planWindow, rollOverPlan } from "../../../src/domain/cycle/rollover.ts";
import { emptyAspects, emptyMeasureEvaluation } from "../../../src/domain/evaluation/evaluation.ts";
import type { Outlook, PlanDocument, Project, ProjectEvaluation } from "../../../src/domain/plan/model.ts";
import { rollup } from "../../../src/domain/rollups/rollups.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// Rolling the seed (小諸市 令和6年度 政策6, window 令和6–8年度) into 令和7年度 (window 令和7–9年度).
// Seed figures (hand-checked, issue 2): 年度別事業費 3,984,986 / 4,022,511 / 3,656,321 with 45 / 45 / 39
// projects, 一般財源 3,734,364 / 3,735,953 / 3,455,206. Six budget-only projects print no 令和8年度.

const BUDGET_ONLY_WITHOUT_2026 = [
  "議員報酬等",
  "議会事務局人件費",
  "選挙管理委員会人件費",
  "市長選挙運営費",
  "小諸市等公平委員会特別会計繰出金",
  "企画費運営費",
];

function project(plan: PlanDocument, name: string): Project {
  const found = projectsOf(plan).filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as Project;
}

function totals(plan: PlanDocument) {
  return Object.fromEntries(
    rollup(plan, "all").map((r) => [r.fiscalYear, [r.total, r.generalRevenue, r.projects]]),
  );
}

function evaluation(self: Outlook | null, secondary?: Outlook | null): ProjectEvaluation {
  return {
    self: { aspects: emptyAspects(), outlook: self, changes: null },
    secondary:
      secondary === undefined ? null : { aspects: emptyAspects(), outlook: secondary, comment: null },
  };
}

describe("rolling the seed 令和6年度 → 令和7年度 without evaluations", () => {
  const seed = seedPlan();
  const r = rollOverPlan(seed, 2024);

  it("moves the window on: 2024 is gone, 2025 and 2026 stay exactly, 2027 equals 2026", () => {
    expect(r.fromYear).toBe(2024);
    expect(r.toYear).toBe(2025);
    expect(r.window).toEqual(["2025", "2026", "2027"]);
    expect(totals(r.plan)).toEqual({
      "2025": [4022511, 3735953, 45],
      "2026": [3656321, 3455206, 39],
      "2027": [3656321, 3455206, 39],
    });
    expect(projectsOf(r.plan).some((p) => "2024" in p.inputs)).toBe(false);
  });

  it("carries every project and marks the copied last year as an estimate", () => {
    expect(r.leftOut).toEqual([]);
    expect(r.carried).toBe(45);
    expect(projectsOf(r.plan)).toHaveLength(45);
    expect(r.estimated).toHaveLength(39);
    expect(r.withoutLastYear.map((p) => p.name)).toEqual(BUDGET_ONLY_WITHOUT_2026);
    expect(r.withoutLastYear[0]).toEqual({
      measureCode: "6-2",
      name: "議員報酬等",
      leadDepartment: "議会事務局",
    });

    const documents = project(r.plan, "文書費");
    expect(documents.inputs).toEqual({
      "2025": {
        total: 9562,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 143,
        generalRevenue: 9419,
      },
      "2026": {
        total: 9562,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 143,
        generalRevenue: 9419,
      },
      "2027": {
        total: 9562,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 143,
        generalRevenue: 9419,
      },
    });
    expect(documents.estimatedYears).toEqual(["2027"]);

    // The six budget-only projects keep 2025 and get no 2026 or 2027, and nothing is marked estimated.
    const councillors = project(r.plan, "議員報酬等");
    expect(Object.keys(councillors.inputs)).toEqual(["2025"]);
    expect(councillors.inputs["2025"]).toEqual(project(seed, "議員報酬等").inputs["2025"]);
    expect(councillors.estimatedYears).toBeUndefined();
  });

  it("copies all five amounts of the last year as printed, even where they do not add up", () => {
    // 職員研修費: 一般財源 1,453 against a total of 1,443 in 2025 and 2026, so 2027 too.
    expect(project(r.plan, "職員研修費").inputs["2027"]).toEqual({
      total: 1443,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 1453,
    });
  });

  it("drops the targets of 2024 and copies the 2026 target into 2027", () => {
    const returns = project(r.plan, "会計管理事務").activityIndicators[0];
    expect(returns?.name).toBe("伝票返却率");
    expect(Object.fromEntries(Object.entries(returns?.targets ?? {}).map(([fy, t]) => [fy, t.text]))).toEqual(
      { "2025": "5.2", "2026": "5.1", "2027": "5.1" },
    );
    const collection = project(r.plan, "賦課徴収費運営費").activityIndicators[0];
    expect(collection?.targets["2027"]).toEqual({ text: "99.08", value: 99.08, comparator: "=" });
    expect(collection?.targets["2024"]).toBeUndefined();
    // An indicator without targets stays without.
    expect(project(r.plan, "職員研修費").activityIndicators[1]).toEqual({
      name: "人材育成基本方針に沿った職員研修の実施",
      unit: null,
      targets: {},
    });
  });

  it("carries outcome indicators, texts and the title unchanged", () => {
    const before = seed.policies[0]?.measures.map((m) => m.outcomeIndicators);
    expect(r.plan.policies[0]?.measures.map((m) => m.outcomeIndicators)).toEqual(before);
    expect(r.plan.title).toBe("実施計画書 兼 事業説明書");
    // 令和N年度の目標 is kept as written: the rollover cannot tell which mentions of a year should move.
    expect(project(r.plan, "会計管理事務").yearGoals).toBe(project(seed, "会計管理事務").yearGoals);
    expect(r.plan.policies[0]?.measures[1]?.priorities).toEqual(seed.policies[0]?.measures[1]?.priorities);
    const { measures: _m, ...policy } = r.plan.policies[0] ?? { measures: [] };
    const { measures: _s, ...seedPolicy } = seed.policies[0] ?? { measures: [] };
    expect(policy).toEqual(seedPolicy);
  });

  it("has exactly the diagnostics of checkPlan on the new plan, none of the old book's", () => {
    expect(r.plan.diagnostics).toEqual(checkPlan(r.plan));
    expect(r.plan.diagnostics.every((d) => d.line === null)).toBe(true);
    const keys = r.plan.diagnostics.map((d) => `${d.code}|${d.project ?? ""}|${d.fiscalYear ?? ""}`);
    expect(keys).toEqual([
      "funding-sum-mismatch|職員研修費|2025",
      "funding-sum-mismatch|職員研修費|2026",
      "funding-sum-mismatch|職員研修費|2027",
      "missing-fiscal-year|議員報酬等|2026",
      "missing-fiscal-year|議員報酬等|2027",
      "missing-fiscal-year|議会事務局人件費|2026",
      "missing-fiscal-year|議会事務局人件費|2027",
      "missing-fiscal-year|選挙管理委員会人件費|2026",
      "missing-fiscal-year|選挙管理委員会人件費|2027",
      "missing-fiscal-year|市長選挙運営費|2026",
      "missing-fiscal-year|市長選挙運営費|2027",
      "missing-fiscal-year|小諸市等公平委員会特別会計繰出金|2026",
      "missing-fiscal-year|小諸市等公平委員会特別会計繰出金|2027",
      "missing-fiscal-year|企画費運営費|2026",
      "missing-fiscal-year|企画費運営費|2027",
      "nonstandard-character|税務総務費人件費|",
      "classification-name-mismatch|税務総務費人件費|",
    ]);
    expect(r.plan.diagnostics.find((d) => d.code === "missing-fiscal-year")?.message).toBe(
      "「議員報酬等」に令和8年度の投入指標がありません（計画期間 令和7年度〜令和9年度）。",
    );
  });

  it("leaves the plan it rolled from as it was", () => {
    expect(seed).toEqual(seedPlan());
  });
});

describe("evaluations decide what is left out", () => {
  it("leaves out 文書費 evaluated 廃止 for 2024: the 2025 total drops by 9,562", () => {
    const seed = seedPlan();
    project(seed, "文書費").evaluations = { "2024": evaluation("abolish") };
    const r = rollOverPlan(seed, 2024);
    expect(r.leftOut).toEqual([
      { measureCode: "6-5", name: "文書費", leadDepartment: "総務課", outlook: "abolish", position: 37 },
    ]);
    expect(projectsOf(seed)[37]?.name).toBe("文書費");
    expect(r.carried).toBe(44);
    expect(projectsOf(r.plan).map((p) => p.name)).not.toContain("文書費");
    // 4,022,511 − 9,562 = 4,012,949; 3,735,953 − 9,419 = 3,726,534; 3,656,321 − 9,562 = 3,646,759.
    expect(totals(r.plan)).toEqual({
      "2025": [4012949, 3726534, 44],
      "2026": [3646759, 3445787, 38],
      "2027": [3646759, 3445787, 38],
    });
  });

  it("takes the planning division's outlook (二次評価) over the department's", () => {
    const seed = seedPlan();
    project(seed, "文書費").evaluations = { "2024": evaluation("continue", "complete") };
    project(seed, "職員研修費").evaluations = { "2024": evaluation("abolish", "improve") };
    project(seed, "会計管理事務").evaluations = { "2024": evaluation("complete", null) };
    const r = rollOverPlan(seed, 2024);
    expect(r.leftOut.map((l) => [l.name, l.outlook])).toEqual([
      ["会計管理事務", "complete"],
      ["文書費", "complete"],
    ]);
    expect(projectsOf(r.plan).map((p) => p.name)).toContain("職員研修費");
  });

  it("looks only at the evaluation of the year rolled from, and carries no evaluation", () => {
    const seed = seedPlan();
    const documents = project(seed, "文書費");
    documents.evaluations = { "2023": evaluation("abolish"), "2024": evaluation("reduce") };
    const measure = seed.policies[0]?.measures[4];
    if (!measure) throw new Error("no 6-5");
    measure.evaluations = { "2024": emptyMeasureEvaluation() };
    const r = rollOverPlan(seed, 2024);
    expect(r.leftOut).toEqual([]);
    expect(project(r.plan, "文書費").evaluations).toBeUndefined();
    expect(r.plan.policies[0]?.measures[4]?.evaluations).toBeUndefined();
    expect(r.plan.policies[0]?.measures[4]?.code).toBe("6-5");
  });

  it("keeps a measure whose projects are all left out", () => {
    const seed = seedPlan();
    const first = seed.policies[0]?.measures[0];
    if (!first) throw new Error("no 6-1");
    for (const p of first.projects) p.evaluations = { "2024": evaluation("complete") };
    const r = rollOverPlan(seed, 2024);
    expect(r.leftOut.map((l) => l.position)).toEqual([0, 1, 2]);
    expect(r.plan.policies[0]?.measures.map((m) => [m.code, m.projects.length])).toEqual([
      ["6-1", 0],
      ["6-2", 19],
      ["6-3", 12],
      ["6-4", 2],
      ["6-5", 9],
    ]);
  });
});

describe("what else carries", () => {
  it("carries activity actuals, directions and settled amounts of every year", () => {
    const seed = seedPlan();
    const accounts = project(seed, "会計管理事務");
    accounts.settled = { "2023": 15000, "2024": 16012 };
    const returns = accounts.activityIndicators[0];
    if (!returns) throw new Error("no indicator");
    returns.actual = { "2024": { text: "4.9", value: 4.9, comparator: "=" } };
    returns.direction = "lower";
    const r = rollOverPlan(seed, 2024);
    const rolled = project(r.plan, "会計管理事務");
    expect(rolled.settled).toEqual({ "2023": 15000, "2024": 16012 });
    expect(rolled.activityIndicators[0]?.actual).toEqual({
      "2024": { text: "4.9", value: 4.9, comparator: "=" },
    });
    expect(rolled.activityIndicators[0]?.direction).toBe("lower");
    // Nothing is shared with the plan rolled from.
    rolled.settled = {};
    expect(accounts.settled).toEqual({ "2023": 15000, "2024": 16012 });
  });

  it("keeps a new last year the project already prints, not as an estimate", () => {
    const seed = seedPlan();
    const documents = project(seed, "文書費");
    documents.inputs["2027"] = {
      total: 12000,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 12000,
    };
    const r = rollOverPlan(seed, 2024);
    expect(project(r.plan, "文書費").inputs["2027"]?.total).toBe(12000);
    expect(project(r.plan, "文書費").estimatedYears).toBeUndefined();
    expect(r.estimated.map((p) => p.name)).not.toContain("文書費");
  });
});

describe("rolling twice: 令和6年度 → 令和7年度 → 令和8年度", () => {
  const once = rollOverPlan(seedPlan(), 2024);
  const twice = rollOverPlan(once.plan, 2025);

  it("moves the window again and keeps the earlier estimate marked", () => {
    expect(twice.window).toEqual(planWindow(2026));
    expect(twice.window).toEqual(["2026", "2027", "2028"]);
    expect(totals(twice.plan)).toEqual({
      "2026": [3656321, 3455206, 39],
      "2027": [3656321, 3455206, 39],
      "2028": [3656321, 3455206, 39],
    });
    expect(project(twice.plan, "文書費").estimatedYears).toEqual(["2027", "2028"]);
    expect(twice.estimated).toHaveLength(39);
  });

  it("keeps the budget-only projects, now without any inputs in the window, and says so", () => {
    expect(twice.withoutLastYear.map((p) => p.name)).toEqual(BUDGET_ONLY_WITHOUT_2026);
    expect(project(twice.plan, "議員報酬等").inputs).toEqual({});
    const missing = twice.plan.diagnostics.filter((d) => d.code === "missing-fiscal-year");
    expect(missing.map((d) => [d.project, d.fiscalYear])).toEqual(
      BUDGET_ONLY_WITHOUT_2026.map((name) => [name, undefined]),
    );
    expect(missing[0]?.message).toBe("「議員報酬等」に投入指標（年度別事業費）がありません。");
  });
});
