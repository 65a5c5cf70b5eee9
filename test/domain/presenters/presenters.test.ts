import { describe, expect, it } from "vitest";
import { formatExecutionRate } from "../../../src/domain/evaluation/execution-rate.ts";
import { parseIndicatorValue } from "../../../src/domain/plan/indicator-value.ts";
import type { IndicatorValue, Inputs, Project } from "../../../src/domain/plan/model.ts";
import {
  activityAchievements,
  activityYears,
  evaluationYears,
  hasActuals,
  inputYears,
  inputYearsOf,
  measureEvaluationYears,
  outcomeAchievements,
  outcomeYears,
  projectExecutionRate,
  projectSheetYears,
} from "../../../src/domain/presenters/project-figures.ts";
import {
  columnTotals,
  diffIsEmpty,
  judgedCount,
  reviewCounts,
  rollupGrid,
  yearsOf,
} from "../../../src/domain/presenters/tables.ts";
import type { RollupRow } from "../../../src/domain/rollups/rollups.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

const v = (text: string): IndicatorValue => parseIndicatorValue(text) as IndicatorValue;
const money = (total: number): Inputs => ({
  total,
  nationalPrefectural: 0,
  localBonds: 0,
  otherEarmarked: 0,
  generalRevenue: total,
});

function project(over: Partial<Project>): Project {
  const base = projectsOf(seedPlan())[0];
  if (!base) throw new Error("seed has no project");
  return { ...base, activityIndicators: [], evaluations: undefined, settled: undefined, ...over };
}

describe("execution rate as the views print it", () => {
  // Worked by hand: 9,300 ÷ 9,425 = 0.98673… → 98.7 %; 1 ÷ 16 = 6.25 % → 6.3 % (half up);
  // 100 of a △500 budget, of a 0 budget, or with no 決算額 → 「—」.
  const p = project({
    inputs: {
      "2024": money(9425),
      "2025": money(-500),
      "2026": money(0),
      "2027": money(16),
      "2028": money(800),
    },
    settled: { "2024": 9300, "2025": 100, "2026": 5, "2027": 1 },
  });

  it("uses formatExecutionRate for every year", () => {
    expect(projectExecutionRate(p, "2024")).toBe("98.7%");
    expect(projectExecutionRate(p, "2027")).toBe("6.3%");
    for (const fy of ["2024", "2025", "2026", "2027"])
      expect(projectExecutionRate(p, fy)).toBe(formatExecutionRate(p.inputs[fy]?.total, p.settled?.[fy]));
  });

  it("prints 「—」 for a △ or 0 budget, a year without 決算額 and a year without a budget", () => {
    expect(projectExecutionRate(p, "2025")).toBe("—");
    expect(projectExecutionRate(p, "2026")).toBe("—");
    expect(projectExecutionRate(p, "2028")).toBe("—");
    expect(projectExecutionRate(p, "2030")).toBe("—");
    expect(formatExecutionRate(undefined, 100)).toBe("—");
    expect(formatExecutionRate(100, null)).toBe("—");
  });
});

describe("the years a table has columns for", () => {
  const a = {
    name: "研修",
    unit: "回",
    targets: { "2025": v("2"), "2024": v("2") },
    actual: { "2023": v("1") },
  };
  const p = project({
    inputs: { "2026": money(1), "2024": money(1), "2025": money(1) },
    activityIndicators: [a, { name: "相談", unit: "件", targets: { "2027": v("10") } }],
    evaluations: {
      "2023": { self: { aspects: {} as never, outlook: null, changes: null }, secondary: null },
    },
  });

  it("sorts numerically and leaves out nothing", () => {
    expect(inputYears(p)).toEqual(["2024", "2025", "2026"]);
    expect(activityYears(p.activityIndicators)).toEqual(["2023", "2024", "2025", "2027"]);
    expect(projectSheetYears(p)).toEqual(["2023", "2024", "2025", "2026", "2027"]);
    expect(evaluationYears(p)).toEqual(["2023", "2024", "2025", "2026"]);
    expect(inputYearsOf([p, project({ inputs: { "2030": money(1) } })])).toEqual([
      "2024",
      "2025",
      "2026",
      "2030",
    ]);
  });

  it("a measure's outcome years and evaluation years", () => {
    const m = seedPlan().policies[0]?.measures[2];
    if (!m) throw new Error("seed changed");
    // 6-3 as the book prints it: planned 令和3〜6年度 (2021–2024), actuals 令和3・4年度 only.
    expect(outcomeYears(m.outcomeIndicators)).toEqual(["2021", "2022", "2023", "2024"]);
    expect(outcomeYears([{ ...m.outcomeIndicators[0], actual: { "2019": v("1") } } as never])).toEqual([
      "2019",
      "2021",
      "2022",
      "2023",
      "2024",
    ]);
    expect(
      measureEvaluationYears({ ...m, evaluations: { "2020": m.evaluations?.["2020"] as never } }, [p]),
    ).toEqual(["2020", "2024", "2025", "2026"]);
  });

  it("achievements by year: 3 held of a target of 2 is met", () => {
    const by = activityAchievements({ ...a, actual: { "2024": v("3") } });
    expect(by.get("2024")?.status).toBe("met");
    expect(by.get("2025")?.status).toBe("no-actual");
    expect(hasActuals(a)).toBe(true);
    expect(hasActuals({ actual: {} })).toBe(false);
    const fund = seedPlan().policies[0]?.measures[2]?.outcomeIndicators.find((o) =>
      o.name?.includes("基金残高"),
    );
    if (!fund) throw new Error("seed changed");
    // 73.4 against 40以上: met, 73.4 ÷ 40 = 183.5 %.
    const x = outcomeAchievements(fund).get("2021");
    expect(x?.status).toBe("met");
    expect(x?.rate).toBeCloseTo(1.835, 6);
  });
});

describe("counts and totals under the tables", () => {
  const row = (key: string, fiscalYear: string, total: number): RollupRow => ({
    dimension: "measure",
    key,
    label: `施策${key}`,
    fiscalYear,
    projects: 1,
    ...money(total),
  });

  it("a rollup grid: groups in first-seen order, each year's total", () => {
    const g = rollupGrid([row("6-2", "2025", 30), row("6-1", "2024", 10), row("6-1", "2025", 20)]);
    expect(g.years).toEqual(["2024", "2025"]);
    expect(g.keys).toEqual(["6-2", "6-1"]);
    expect(g.label("6-1")).toBe("施策6-1");
    expect(g.label("9-9")).toBe("9-9");
    expect(g.cell("6-2", "2024")).toBeUndefined();
    expect(g.cell("6-1", "2025")?.total).toBe(20);
    expect(g.totals).toEqual([10, 50]);
  });

  it("column totals, judged counts, review counts per department", () => {
    expect(
      columnTotals(["missing", "draft"] as const, [
        { missing: 1, draft: 2 },
        { missing: 3, draft: 4 },
      ]),
    ).toEqual({ missing: 4, draft: 6 });
    expect(judgedCount({ met: 3, notMet: 2 })).toBe(5);
    const c = reviewCounts([
      { department: "総務課", state: "draft" },
      { department: "企画課", state: "approved" },
      { department: "総務課", state: "draft" },
      { department: "総務課", state: "submitted" },
    ]);
    // 企画課 (きかくか) before 総務課 (そうむか) in Japanese order.
    expect(c.departments).toEqual(["企画課", "総務課"]);
    expect(c.count("総務課", "draft")).toBe(2);
    expect(c.count("総務課", "submitted")).toBe(1);
    expect(c.count("企画課", "draft")).toBe(0);
  });

  it("an empty diff and the years of project totals", () => {
    const none = {
      measuresAdded: [],
      measuresRemoved: [],
      measuresChanged: [],
      projectsAdded: [],
      projectsRemoved: [],
      projectsChanged: [],
    };
    expect(diffIsEmpty(none)).toBe(true);
    expect(diffIsEmpty({ ...none, measuresRemoved: [{ code: "6-1", title: "x" }] })).toBe(false);
    expect(yearsOf([{ totals: { "2026": 1 } }, { totals: { "2024": 1, "2026": 2 } }])).toEqual([
      "2024",
      "2026",
    ]);
  });
});
