import { describe, expect, it } from "vitest";
import { compareCityYears, NO_PUBLISHED_PLAN } from "../../../src/domain/comparison/compare.ts";
import type { CityYear } from "../../../src/domain/comparison/model.ts";
import { emptyProjectEvaluation } from "../../../src/domain/evaluation/evaluation.ts";
import { parseClassification } from "../../../src/domain/plan/classification.ts";
import { parseIndicatorValue } from "../../../src/domain/plan/indicator-value.ts";
import type { IndicatorValue, Inputs } from "../../../src/domain/plan/model.ts";

const v = (text: string): IndicatorValue => parseIndicatorValue(text) as IndicatorValue;
const gr = (total: number): Inputs => ({
  total,
  nationalPrefectural: 0,
  localBonds: 0,
  otherEarmarked: 0,
  generalRevenue: total,
});

const KOMORO: CityYear = {
  city: {
    code: "202088",
    name: "小諸市",
    prefecture: "長野県",
    population: 40_000,
    populationYear: 2020,
    similarityGroup: "都市Ⅰ-1",
  },
  published: {
    // 3 of 4 project sheets and 1 of 2 measures approved
    approval: { projects: { approved: 3, total: 4 }, measures: { approved: 1, total: 2 } },
    policies: [
      {
        code: "6",
        title: "協働のまちづくり",
        measures: [
          {
            outcomeIndicators: [
              {
                name: "満足度",
                rationale: null,
                formula: null,
                unit: "%",
                baseline: null,
                planned: { "2024": v("78以上") },
                actual: { "2024": v("80") },
              },
            ],
            projects: [
              { classification: parseClassification("一般会計・2総務費"), inputs: { "2024": gr(30_000) } },
              { classification: parseClassification("一般会計・3民生費"), inputs: { "2024": gr(9_000) } },
            ],
          },
          {
            outcomeIndicators: [],
            projects: [
              { classification: parseClassification("一般会計・2総務費"), inputs: { "2024": gr(1_000) } },
            ],
          },
        ],
      },
    ],
    evaluations: [emptyProjectEvaluation()],
  },
};

const UEDA: CityYear = {
  city: {
    code: "202037",
    name: "上田市",
    prefecture: "長野県",
    population: null,
    populationYear: null,
    similarityGroup: null,
  },
  published: {
    approval: { projects: { approved: 1, total: 1 }, measures: { approved: 1, total: 1 } },
    policies: [
      {
        code: "1",
        title: "教育",
        measures: [
          {
            outcomeIndicators: [],
            projects: [
              { classification: parseClassification("一般会計・10教育費"), inputs: { "2024": gr(5_000) } },
            ],
          },
        ],
      },
    ],
    evaluations: [],
  },
};

const SAKU: CityYear = {
  city: {
    code: "202177",
    name: "佐久市",
    prefecture: "長野県",
    population: 98_199,
    populationYear: 2020,
    similarityGroup: null,
  },
  published: null,
};

describe("compareCityYears", () => {
  const c = compareCityYears("2024", [KOMORO, UEDA, SAKU]);

  it("totals and per resident per city: 40,000 千円 over 40,000 residents is 1,000 円", () => {
    expect(c.cities.map((x) => [x.city.name, x.totals.total, x.totals.projects, x.perCapita.total])).toEqual([
      ["小諸市", 40_000, 3, 1_000],
      ["上田市", 5_000, 1, null],
      ["佐久市", 0, 0, null],
    ]);
    // 一般財源 of 小諸市 is all of it
    expect(c.cities[0]?.perCapita.generalRevenue).toBe(1_000);
  });

  it("says how much of each city's year is approved", () => {
    expect(c.cities.map((x) => [x.published, x.complete, x.approvalText])).toEqual([
      [true, false, "一部のみ承認済（事務事業 3／4件、施策 1／2件）"],
      [true, true, "すべて承認済"],
      [false, false, NO_PUBLISHED_PLAN],
    ]);
  });

  it("gives the 款 rows of every city, national order", () => {
    expect(c.kanGroups.map((k) => k.label)).toEqual([
      "一般会計 2款 総務費",
      "一般会計 3款 民生費",
      "一般会計 10款 教育費",
    ]);
    expect(c.cities[0]?.byKan.map((k) => [k.label, k.totals.total])).toEqual([
      ["一般会計 2款 総務費", 31_000],
      ["一般会計 3款 民生費", 9_000],
    ]);
  });

  it("carries the policies, achievement and evaluation outcomes of each city", () => {
    expect(c.cities[0]?.byPolicy.map((p) => [p.code, p.totals.total])).toEqual([["6", 40_000]]);
    expect(c.cities[0]?.achievement).toEqual({ withActual: 1, met: 1, notMet: 0, unjudged: 0 });
    expect(c.cities[0]?.evaluations.sheets).toBe(1);
    expect(c.cities[0]?.evaluations.outlooks.none).toBe(1);
    expect(c.cities[2]?.byPolicy).toEqual([]);
    expect(c.cities[2]?.evaluations.sheets).toBe(0);
  });
});
