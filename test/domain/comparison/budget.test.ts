import { describe, expect, it } from "vitest";
import {
  kanGroup,
  perCapitaOf,
  perCapitaYen,
  totalsByKan,
  totalsByPolicy,
  yearTotals,
} from "../../../src/domain/comparison/budget.ts";
import type { ComparedPolicy, ComparedProject } from "../../../src/domain/comparison/model.ts";
import { parseClassification } from "../../../src/domain/plan/classification.ts";
import type { Inputs } from "../../../src/domain/plan/model.ts";

const inputs = (total: number, np: number, lb: number, other: number, gr: number): Inputs => ({
  total,
  nationalPrefectural: np,
  localBonds: lb,
  otherEarmarked: other,
  generalRevenue: gr,
});

const project = (classification: string, years: Record<string, Inputs>): ComparedProject => ({
  classification: parseClassification(classification),
  inputs: years,
});

// Four approved projects; P4 prints only 2025, so it counts nothing in 2024.
const P1 = project("一般会計・2総務費・1総務管理費・4企画費", {
  "2024": inputs(38_430, 0, 0, 1_200, 37_230),
  "2025": inputs(40_000, 0, 0, 0, 40_000),
});
const P2 = project("一般会計・3民生費・1社会福祉費", { "2024": inputs(10_000, 5_000, 0, 0, 5_000) });
const P3 = project("小諸市等公平委員会特別会計・1小諸市等公平委員会運営費・1運営費", {
  "2024": inputs(500, 0, 0, 0, 500),
});
const P4 = project("一般会計・2総務費・1総務管理費", { "2025": inputs(9_999, 0, 0, 0, 9_999) });

const POLICIES: ComparedPolicy[] = [
  { code: "6", title: "協働のまちづくり", measures: [{ outcomeIndicators: [], projects: [P1, P4] }] },
  {
    code: "7",
    title: "福祉",
    measures: [
      { outcomeIndicators: [], projects: [P2] },
      { outcomeIndicators: [], projects: [P3] },
    ],
  },
];

describe("yearTotals", () => {
  it("adds the fiscal year's inputs of the approved projects, by funding source", () => {
    // total 38,430 + 10,000 + 500 = 48,930; 国・県 5,000; その他 1,200; 一般財源 37,230 + 5,000 + 500 = 42,730
    expect(yearTotals(POLICIES, "2024")).toEqual({
      projects: 3,
      total: 48_930,
      nationalPrefectural: 5_000,
      localBonds: 0,
      otherEarmarked: 1_200,
      generalRevenue: 42_730,
    });
    // 2025: P1 40,000 + P4 9,999
    expect(yearTotals(POLICIES, "2025")).toMatchObject({
      projects: 2,
      total: 49_999,
      generalRevenue: 49_999,
    });
    expect(yearTotals(POLICIES, "2026")).toMatchObject({ projects: 0, total: 0 });
  });

  it("keeps the inputs as printed, even when the sources do not add up", () => {
    const odd = project("一般会計・2総務費", { "2024": inputs(100, 10, 0, 0, 0) });
    expect(
      yearTotals([{ code: "1", title: "t", measures: [{ outcomeIndicators: [], projects: [odd] }] }], "2024"),
    ).toEqual({
      projects: 1,
      total: 100,
      nationalPrefectural: 10,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 0,
    });
  });
});

describe("totalsByPolicy", () => {
  it("gives the city's own policies in book order, named, not aligned", () => {
    expect(
      totalsByPolicy(POLICIES, "2024").map((p) => [p.code, p.title, p.totals.total, p.totals.projects]),
    ).toEqual([
      ["6", "協働のまちづくり", 38_430, 1],
      ["7", "福祉", 10_500, 2],
    ]);
  });
});

describe("kanGroup", () => {
  it.each([
    // printed → label (national number whatever the city printed)
    ["一般会計・2総務費・1総務管理費", "一般会計・総務費", "一般会計 2款 総務費", 2],
    ["一般会計・2民生費", "一般会計・民生費", "一般会計 3款 民生費", 3],
    ["一般会計・10教育費", "一般会計・教育費", "一般会計 10款 教育費", 10],
    ["一般会計・2総務费", "一般会計・総務费", "一般会計 2款 総務费", null],
    [
      "国民健康保険特別会計・1総務費",
      "国民健康保険特別会計・総務費",
      "国民健康保険特別会計 1款 総務費",
      null,
    ],
    ["一般会計", "一般会計・", "一般会計 （款の記載なし）", null],
  ])("%s → %s", (text, key, label, nationalNumber) => {
    expect(kanGroup(parseClassification(text))).toEqual({ key, label, nationalNumber });
  });
});

describe("totalsByKan", () => {
  it("puts the national 款 of 一般会計 first in their order, then the others as they appear", () => {
    const extra = project("一般会計・10教育費", { "2024": inputs(3_000, 1_000, 2_000, 0, 0) });
    const early = project("一般会計・1議会費", { "2024": inputs(700, 0, 0, 0, 700) });
    const policies: ComparedPolicy[] = [
      ...POLICIES,
      { code: "8", title: "教育", measures: [{ outcomeIndicators: [], projects: [P3, extra, early] }] },
    ];
    expect(totalsByKan(policies, "2024").map((k) => [k.label, k.totals.total, k.totals.projects])).toEqual([
      ["一般会計 1款 議会費", 700, 1],
      ["一般会計 2款 総務費", 38_430, 1],
      ["一般会計 3款 民生費", 10_000, 1],
      ["一般会計 10款 教育費", 3_000, 1],
      ["小諸市等公平委員会特別会計 1款 小諸市等公平委員会運営費", 1_000, 2],
    ]);
  });
});

describe("perCapitaYen: 千円 × 1000 ÷ population, integer 円, half away from zero", () => {
  it.each([
    // 48,930,000 ÷ 41,765 = 1,171 remainder 23,185 (more than half of 41,765) → 1,172
    [48_930, 41_765, 1_172],
    // 42,730,000 ÷ 41,765 = 1,023 remainder 4,405 → 1,023
    [42_730, 41_765, 1_023],
    // 5,000,000 ÷ 41,765 = 119 remainder 29,965 → 120
    [5_000, 41_765, 120],
    [0, 41_765, 0],
    // exact halves go away from zero
    [1, 2_000, 1], // 0.5
    [3, 2_000, 2], // 1.5
    [-1, 2_000, -1], // -0.5
    [-3, 2_000, -2], // -1.5
    [1, 2_001, 0], // 0.49975…
    [5, 4_000, 1], // 1.25
    [7, 4_000, 2], // 1.75
    // beyond 2^53 once multiplied by 1000: 9,007,199,254,741,000 ÷ 7 = 1,286,742,750,677,285 remainder 5 → …286
    [9_007_199_254_741, 7, 1_286_742_750_677_286],
  ])("%i 千円 over %i residents → %i 円", (amount, population, yen) => {
    expect(perCapitaYen(amount, population)).toBe(yen);
  });

  it("is null without a population", () => {
    expect(perCapitaYen(48_930, null)).toBeNull();
    expect(perCapitaYen(48_930, 0)).toBeNull();
    expect(perCapitaYen(48_930, -5)).toBeNull();
    expect(perCapitaYen(48_930, 1.5)).toBeNull();
  });

  it("applies to every amount of a row", () => {
    // その他 1,200,000 ÷ 41,765 = 28 remainder 30,580 → 29
    expect(perCapitaOf(yearTotals(POLICIES, "2024"), 41_765)).toEqual({
      total: 1_172,
      nationalPrefectural: 120,
      localBonds: 0,
      otherEarmarked: 29,
      generalRevenue: 1_023,
    });
  });
});
