import { describe, expect, it } from "vitest";
import type { ComparedPolicy } from "../../../src/domain/comparison/model.ts";
import {
  achievementOf,
  achievementRatio,
  evaluationOutcomes,
  standingRating,
} from "../../../src/domain/comparison/outcomes.ts";
import { emptyAspects } from "../../../src/domain/evaluation/evaluation.ts";
import { parseIndicatorValue } from "../../../src/domain/plan/indicator-value.ts";
import type {
  IndicatorValue,
  OutcomeIndicator,
  Outlook,
  ProjectEvaluation,
  Rating,
} from "../../../src/domain/plan/model.ts";

const v = (text: string): IndicatorValue => parseIndicatorValue(text) as IndicatorValue;

const indicator = (planned: Record<string, string>, actual: Record<string, string>): OutcomeIndicator => ({
  name: "指標",
  rationale: null,
  formula: null,
  unit: null,
  baseline: null,
  planned: Object.fromEntries(Object.entries(planned).map(([y, t]) => [y, v(t)])),
  actual: Object.fromEntries(Object.entries(actual).map(([y, t]) => [y, v(t)])),
});

const policies = (...indicators: OutcomeIndicator[][]): ComparedPolicy[] => [
  {
    code: "1",
    title: "政策",
    measures: indicators.map((outcomeIndicators) => ({ outcomeIndicators, projects: [] })),
  },
];

describe("achievementOf", () => {
  it("counts the outcome indicators with an actual for the year, and how many met their target", () => {
    const list = policies(
      [
        indicator({ "2024": "40以上" }, { "2024": "73.4" }), // met (73.4 ≥ 40)
        indicator({ "2024": "150以下" }, { "2024": "160" }), // not met (160 > 150)
      ],
      [
        indicator({ "2024": "実施する" }, { "2024": "検討中" }), // text target, actual neither yes nor no: unjudged
        indicator({ "2024": "10" }, {}), // no actual: not counted
        indicator({}, { "2024": "5" }), // actual without a target: unjudged
        indicator({ "2023": "10" }, { "2023": "12" }), // another year: not counted
      ],
    );
    const a = achievementOf(list, "2024");
    expect(a).toEqual({ withActual: 4, met: 1, notMet: 1, unjudged: 2 });
    // 1 met of 2 judged
    expect(achievementRatio(a)).toBe(0.5);
    expect(achievementOf(list, "2023")).toEqual({ withActual: 1, met: 1, notMet: 0, unjudged: 0 });
  });

  it("has no rate when nothing was judged", () => {
    expect(achievementRatio(achievementOf(policies([indicator({ "2024": "10" }, {})]), "2024"))).toBeNull();
    expect(achievementRatio({ withActual: 3, met: 2, notMet: 1, unjudged: 0 })).toBeCloseTo(2 / 3, 12);
  });
});

const sheet = (
  self: { outlook: Outlook | null; ratings: (Rating | null)[] },
  secondary: { outlook: Outlook | null; ratings: (Rating | null)[] } | null,
): ProjectEvaluation => {
  const aspects = (ratings: (Rating | null)[]) => {
    const a = emptyAspects();
    a.necessity.rating = ratings[0] ?? null;
    a.effectiveness.rating = ratings[1] ?? null;
    a.efficiency.rating = ratings[2] ?? null;
    a.equity.rating = ratings[3] ?? null;
    return a;
  };
  return {
    self: { aspects: aspects(self.ratings), outlook: self.outlook, changes: null },
    secondary: secondary
      ? { aspects: aspects(secondary.ratings), outlook: secondary.outlook, comment: null }
      : null,
  };
};

describe("evaluationOutcomes", () => {
  // E1: 一次 継続 A A B C, 二次 拡充 with only 必要性 B → stands 拡充; B A B C
  // E2: 一次 改善, only 必要性 A, no 二次 → 改善; A – – –
  // E3: nothing chosen → 未選択; – – – –
  const E1 = sheet(
    { outlook: "continue", ratings: ["A", "A", "B", "C"] },
    { outlook: "expand", ratings: ["B"] },
  );
  const E2 = sheet({ outlook: "improve", ratings: ["A"] }, null);
  const E3 = sheet({ outlook: null, ratings: [] }, null);

  it("takes the 二次評価 over the 一次評価, aspect by aspect", () => {
    expect(standingRating(E1, "necessity")).toBe("B");
    expect(standingRating(E1, "effectiveness")).toBe("A");
    expect(standingRating(E1, "equity")).toBe("C");
    expect(standingRating(E2, "effectiveness")).toBeNull();
  });

  it("counts the outlooks and ratings that stand", () => {
    expect(evaluationOutcomes([E1, E2, E3])).toEqual({
      sheets: 3,
      outlooks: { expand: 1, continue: 0, improve: 1, reduce: 0, abolish: 0, complete: 0, none: 1 },
      ratings: {
        necessity: { A: 1, B: 1, C: 0, none: 1 },
        effectiveness: { A: 1, B: 0, C: 0, none: 2 },
        efficiency: { A: 0, B: 1, C: 0, none: 2 },
        equity: { A: 0, B: 0, C: 1, none: 2 },
      },
    });
  });

  it("is all zeros without sheets", () => {
    const e = evaluationOutcomes([]);
    expect(e.sheets).toBe(0);
    expect(e.outlooks.none).toBe(0);
    expect(e.ratings.necessity).toEqual({ A: 0, B: 0, C: 0, none: 0 });
  });
});
