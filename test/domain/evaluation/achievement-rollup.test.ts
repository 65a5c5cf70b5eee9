import { describe, expect, it } from "vitest";
import type { AchievementCounts } from "../../../src/domain/evaluation/achievement.ts";
import { achievementRollup } from "../../../src/domain/evaluation/achievement-rollup.ts";
import { parseIndicatorValue } from "../../../src/domain/plan/indicator-value.ts";
import type { IndicatorValue } from "../../../src/domain/plan/model.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// Counts worked out by hand from the seed's outcome tables (actuals only for 令和3・4年度):
//  6-1 (企画課) 市民参加型 13 < 21.8, 14.7 < 23.4; 行事参加 57.3 ≥ 44, 45.8 < 47
//  6-2 (企画課) 社会増減 16 and 167 against +1以上: met twice
//  6-3 (財政課) 基金 73.4/80.9 ≥ 40, 市債 130.9/123.7 ≤ 150, 公債費比率 7.2 ≤ 9.0: all met
//  6-4 (税務課) 収納率 98.81 < 98.83, 98.95 ≥ 98.88
//  6-5 (総務課) 満足度 73.8 < 78, 71.5 < 79; 職員の割合 74.9 < 75, 72.1 < 80

const counts = (met: number, notMet: number, notComparable = 0): AchievementCounts => ({
  met,
  notMet,
  noActual: 0,
  noTarget: 0,
  notComparable,
  total: met + notMet + notComparable,
});

const v = (text: string): IndicatorValue => parseIndicatorValue(text) as IndicatorValue;

describe("achievementRollup on the seed", () => {
  it("counts per measure, only in the years with actuals", () => {
    const r = achievementRollup(seedPlan(), "measure");
    expect(r.years).toEqual(["2021", "2022"]);
    expect(r.rows.map((x) => [x.key, x.byYear["2021"], x.byYear["2022"]])).toEqual([
      ["6-1", counts(1, 1), counts(0, 2)],
      ["6-2", counts(1, 0), counts(1, 0)],
      ["6-3", counts(3, 0), counts(3, 0)],
      ["6-4", counts(0, 1), counts(1, 0)],
      ["6-5", counts(0, 2), counts(0, 2)],
    ]);
  });

  it("counts per department: outcome indicators go to the measure's lead department", () => {
    const r = achievementRollup(seedPlan(), "department");
    expect(r.rows.map((x) => [x.label, x.byYear["2021"], x.byYear["2022"]])).toEqual([
      // In Japanese collation order (as the other department lists of the app).
      ["企画課", counts(2, 1), counts(1, 2)],
      ["財政課", counts(3, 0), counts(3, 0)],
      ["税務課", counts(0, 1), counts(1, 0)],
      ["総務課", counts(0, 2), counts(0, 2)],
    ]);
  });

  it("adds activity indicators with actuals to their project's measure and department", () => {
    const plan = seedPlan();
    const projects = projectsOf(plan);
    const documents = projects.find((p) => p.name === "文書費");
    const training = projects.find((p) => p.name === "職員研修費");
    const [files, filingCourses] = documents?.activityIndicators ?? [];
    const [review] = training?.activityIndicators ?? [];
    if (!files || !filingCourses || !review) throw new Error("seed changed");
    // 文書費 (6-5, 総務課): ファイルメータ 3m 以内 — target 「3」 and lower is better: 2.8 m is met.
    files.direction = "lower";
    files.actual = { "2024": v("2.8") };
    // ファイリング研修 target 2 回: 1 回 is not met.
    filingCourses.actual = { "2024": v("1") };
    // 職員研修費 (6-2, 総務課): 人材育成基本方針の見直し 「実施する」: 「未実施」 is not met, 「検討中」 cannot be judged.
    review.actual = { "2024": v("未実施"), "2025": v("検討中") };

    const byMeasure = achievementRollup(plan, "measure");
    expect(byMeasure.years).toEqual(["2021", "2022", "2024", "2025"]);
    const row = (key: string) => byMeasure.rows.find((x) => x.key === key)?.byYear;
    expect(row("6-5")?.["2024"]).toEqual(counts(1, 1));
    expect(row("6-2")?.["2024"]).toEqual(counts(0, 1));
    expect(row("6-2")?.["2025"]).toEqual(counts(0, 0, 1));
    expect(row("6-1")?.["2024"]).toEqual(counts(0, 0));

    const soumu = achievementRollup(plan, "department").rows.find((x) => x.label === "総務課")?.byYear;
    expect(soumu?.["2024"]).toEqual(counts(1, 2));
    expect(soumu?.["2021"]).toEqual(counts(0, 2));
  });
});
