import { describe, expect, it } from "vitest";
import {
  ACHIEVEMENT_LABELS,
  type Achievement,
  achievementRate,
  activitySeries,
  assessIndicator,
  assessYear,
  countAchievements,
  defaultDirection,
  formatRate,
  indicatorDirection,
  outcomeSeries,
  readYesNo,
} from "../../../src/domain/evaluation/achievement.ts";
import { parseIndicatorValue } from "../../../src/domain/plan/indicator-value.ts";
import type { ActivityIndicator, IndicatorValue, OutcomeIndicator } from "../../../src/domain/plan/model.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// Every expected value below is worked out by hand; the seed values are as read from
// ../shared/seed/000_480ea832e9ae082e.txt (the same book as test/fixtures/komoro-2024-policy6.txt).

/** A value as a user or the book prints it. */
function v(text: string): IndicatorValue {
  const parsed = parseIndicatorValue(text);
  if (!parsed) throw new Error(`not a value: ${text}`);
  return parsed;
}

const plan = seedPlan();

function outcome(name: string): OutcomeIndicator {
  const found = plan.policies
    .flatMap((p) => p.measures.flatMap((m) => m.outcomeIndicators))
    .filter((o) => o.name === name);
  if (found.length !== 1) throw new Error(`${found.length} outcome indicators named ${name}`);
  return found[0] as OutcomeIndicator;
}

function activity(project: string, name: string): ActivityIndicator {
  const found = projectsOf(plan)
    .filter((p) => p.name === project)
    .flatMap((p) => p.activityIndicators.filter((a) => a.name === name));
  if (found.length !== 1) throw new Error(`${found.length} activity indicators named ${name}`);
  return found[0] as ActivityIndicator;
}

/** A series as printed: fiscal year → text. */
function printed(series: Record<string, IndicatorValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(series).map(([k, x]) => [k, x.text]));
}

/** The parts of an assessment a reader looks at. */
function brief(a: Achievement) {
  return { fiscalYear: a.fiscalYear, status: a.status, trend: a.trend, rate: formatRate(a.rate) };
}

const FUND = "年度末基金残高(一般会計における「定額資金運用基金」を除く)";
const BONDS = "年度末市債残高(臨時財政特例債を除く)";
const DEBT_RATIO = "実質公債費比率";
const TAX_RATE = "市税現年度収納率";
const MIGRATION = "人口の社会増減数";

describe("the seed's outcome indicators, as printed (lines 244–251, 649–666, 924–930)", () => {
  it("基金残高: baseline 66.6 億円, 「40以上」 in 令和3–6年度, actuals 73.4 and 80.9", () => {
    const o = outcome(FUND);
    expect(o.unit).toBe("億円");
    expect(o.baseline).toEqual({ text: "66.6", value: 66.6, comparator: "=" });
    expect(printed(o.planned)).toEqual({ 2021: "40以上", 2022: "40以上", 2023: "40以上", 2024: "40以上" });
    expect(o.planned["2021"]).toEqual({ text: "40以上", value: 40, comparator: ">=" });
    expect(printed(o.actual)).toEqual({ 2021: "73.4", 2022: "80.9" });
  });
  it("市債残高: baseline 128.7 億円, 「150以下」, actuals 130.9 and 123.7", () => {
    const o = outcome(BONDS);
    expect(o.unit).toBe("億円");
    expect(o.baseline?.value).toBe(128.7);
    expect(printed(o.planned)).toEqual({
      2021: "150以下",
      2022: "150以下",
      2023: "150以下",
      2024: "150以下",
    });
    expect(o.planned["2024"]).toEqual({ text: "150以下", value: 150, comparator: "<=" });
    expect(printed(o.actual)).toEqual({ 2021: "130.9", 2022: "123.7" });
  });
  it("実質公債費比率: baseline 7.1 %, 「9.0以下」, actuals 7.2 and 7.2", () => {
    const o = outcome(DEBT_RATIO);
    expect(o.unit).toBe("%");
    expect(o.baseline?.value).toBe(7.1);
    expect(printed(o.planned)).toEqual({
      2021: "9.0以下",
      2022: "9.0以下",
      2023: "9.0以下",
      2024: "9.0以下",
    });
    expect(o.planned["2021"]).toEqual({ text: "9.0以下", value: 9, comparator: "<=" });
    expect(printed(o.actual)).toEqual({ 2021: "7.2", 2022: "7.2" });
  });
  it("市税現年度収納率: baseline 98.73 %, plain targets 98.83 … 98.98, actuals 98.81 and 98.95", () => {
    const o = outcome(TAX_RATE);
    expect(o.baseline?.value).toBe(98.73);
    expect(printed(o.planned)).toEqual({ 2021: "98.83", 2022: "98.88", 2023: "98.93", 2024: "98.98" });
    expect(Object.values(o.planned).map((x) => x.comparator)).toEqual(["=", "=", "=", "="]);
    expect(printed(o.actual)).toEqual({ 2021: "98.81", 2022: "98.95" });
  });
  it("人口の社会増減数: baseline -15 人, 「+1以上」, actuals 16 and 167", () => {
    const o = outcome(MIGRATION);
    expect(o.unit).toBe("人");
    expect(o.baseline).toEqual({ text: "-15", value: -15, comparator: "=" });
    expect(printed(o.planned)).toEqual({ 2021: "+1以上", 2022: "+1以上", 2023: "+1以上", 2024: "+1以上" });
    expect(o.planned["2023"]).toEqual({ text: "+1以上", value: 1, comparator: ">=" });
    expect(printed(o.actual)).toEqual({ 2021: "16", 2022: "167" });
  });
});

describe("the seed's outcome indicators, assessed", () => {
  it("基金残高 「40以上」: 73.4 and 80.9 are met, 183.5 % and 202.3 %, improved on 66.6", () => {
    const result = assessIndicator(outcomeSeries(outcome(FUND)));
    expect(result.map(brief)).toEqual([
      { fiscalYear: "2021", status: "met", trend: "improved", rate: "183.5%" },
      // 80.9 / 40 = 2.0225: a true half, rounded up.
      { fiscalYear: "2022", status: "met", trend: "improved", rate: "202.3%" },
      { fiscalYear: "2023", status: "no-actual", trend: null, rate: "—" },
      { fiscalYear: "2024", status: "no-actual", trend: null, rate: "—" },
    ]);
    expect(result[0]?.rate).toBeCloseTo(1.835, 12);
    expect(result[1]?.rate).toBeCloseTo(2.0225, 12);
    expect(result.map((a) => a.direction)).toEqual(["higher", "higher", "higher", "higher"]);
    expect(result[0]?.target?.text).toBe("40以上");
    expect(result[0]?.actual?.text).toBe("73.4");
    expect(result[2]?.actual).toBeNull();
  });

  it("基金残高 with a 令和5年度 actual of 39.9 (not in the seed, constructed): not met, 99.75 % → 99.8 %", () => {
    const o = outcome(FUND);
    const result = assessIndicator({ ...o, actual: { ...o.actual, 2023: v("39.9") } });
    const y2023 = result[2] as Achievement;
    expect(y2023.status).toBe("not-met");
    expect(y2023.rate).toBeCloseTo(0.9975, 12);
    expect(formatRate(y2023.rate)).toBe("99.8%");
    expect(y2023.trend).toBe("worsened"); // 39.9 < 66.6
  });

  it("市債残高 「150以下」: 130.9 met but worse than 128.7; 123.7 met and better", () => {
    const result = assessIndicator(outcomeSeries(outcome(BONDS)));
    expect(result.map(brief)).toEqual([
      // 150 / 130.9 = 1.1459129… → 114.6 %
      { fiscalYear: "2021", status: "met", trend: "worsened", rate: "114.6%" },
      // 150 / 123.7 = 1.2126111… → 121.3 %
      { fiscalYear: "2022", status: "met", trend: "improved", rate: "121.3%" },
      { fiscalYear: "2023", status: "no-actual", trend: null, rate: "—" },
      { fiscalYear: "2024", status: "no-actual", trend: null, rate: "—" },
    ]);
    expect(result[0]?.rate).toBeCloseTo(1.1459129, 6);
    expect(result[1]?.rate).toBeCloseTo(1.2126112, 6);
    expect(result[0]?.direction).toBe("lower");
  });

  it("実質公債費比率 「9.0以下」: 7.2 is met (125.0 %), and worse than the baseline 7.1", () => {
    const result = assessIndicator(outcomeSeries(outcome(DEBT_RATIO)));
    expect(result.slice(0, 2).map(brief)).toEqual([
      { fiscalYear: "2021", status: "met", trend: "worsened", rate: "125.0%" },
      { fiscalYear: "2022", status: "met", trend: "worsened", rate: "125.0%" },
    ]);
    expect(result[0]?.rate).toBe(1.25); // 9 / 7.2, exact in binary
  });

  it("市税現年度収納率, plain numbers, higher is better: 98.81 misses 98.83 though its rate shows 100.0 %", () => {
    const result = assessIndicator(outcomeSeries(outcome(TAX_RATE)));
    expect(result.map(brief)).toEqual([
      // 98.81 / 98.83 = 0.99979763… → 100.0 %, yet not met: met never depends on the rate.
      { fiscalYear: "2021", status: "not-met", trend: "improved", rate: "100.0%" },
      // 98.95 / 98.88 = 1.00070793… → 100.1 %
      { fiscalYear: "2022", status: "met", trend: "improved", rate: "100.1%" },
      { fiscalYear: "2023", status: "no-actual", trend: null, rate: "—" },
      { fiscalYear: "2024", status: "no-actual", trend: null, rate: "—" },
    ]);
    expect(result[0]?.rate).toBeCloseTo(0.9997976, 6);
    expect(result[1]?.rate).toBeCloseTo(1.0007079, 6);
  });

  it("市税現年度収納率 if the user sets lower is better: 98.81 ≤ 98.83 is met, and worse than 98.73", () => {
    const result = assessIndicator(outcomeSeries(outcome(TAX_RATE)), "lower");
    expect(result.slice(0, 2).map(brief)).toEqual([
      // 98.83 / 98.81 = 1.00020240… → 100.0 %
      { fiscalYear: "2021", status: "met", trend: "worsened", rate: "100.0%" },
      // 98.88 / 98.95 = 0.99929257… → 99.9 %
      { fiscalYear: "2022", status: "not-met", trend: "worsened", rate: "99.9%" },
    ]);
    expect(result[0]?.direction).toBe("lower");
  });

  it("人口の社会増減数 「+1以上」: 16 and 167 are met, up from -15", () => {
    const result = assessIndicator(outcomeSeries(outcome(MIGRATION)));
    expect(result.slice(0, 2).map(brief)).toEqual([
      { fiscalYear: "2021", status: "met", trend: "improved", rate: "1600.0%" }, // 16 / 1
      { fiscalYear: "2022", status: "met", trend: "improved", rate: "16700.0%" }, // 167 / 1
    ]);
  });

  it("人口の社会増減数 with constructed actuals (the seed has none for 令和5・6年度): -120, 0, +1", () => {
    const o = outcome(MIGRATION);
    const target = o.planned["2023"] ?? null;
    const baseline = o.baseline;
    // -120 against 「+1以上」: not met; a negative actual has no meaningful rate; worse than -15.
    expect(assessYear({ baseline, target, actual: v("-120"), fiscalYear: "2023" })).toEqual({
      fiscalYear: "2023",
      target: { text: "+1以上", value: 1, comparator: ">=" },
      actual: { text: "-120", value: -120, comparator: "=" },
      direction: "higher",
      status: "not-met",
      rate: null,
      trend: "worsened",
    });
    // 「△120」, as budgets print a negative, reads the same.
    expect(brief(assessYear({ baseline, target, actual: v("△120"), fiscalYear: "2023" }))).toEqual({
      fiscalYear: "2023",
      status: "not-met",
      trend: "worsened",
      rate: "—",
    });
    // 0: not met (0 < 1), rate 0 / 1 = 0, better than -15.
    expect(brief(assessYear({ baseline, target, actual: v("0"), fiscalYear: "2024" }))).toEqual({
      fiscalYear: "2024",
      status: "not-met",
      trend: "improved",
      rate: "0.0%",
    });
    // +1: exactly on target.
    expect(brief(assessYear({ baseline, target, actual: v("+1"), fiscalYear: "2024" }))).toEqual({
      fiscalYear: "2024",
      status: "met",
      trend: "improved",
      rate: "100.0%",
    });
  });

  it("a 以上/以下 target decides whatever direction the user set", () => {
    const fund = assessIndicator(outcomeSeries(outcome(FUND)), "lower");
    expect(fund[0]?.status).toBe("met"); // 73.4 >= 40
    expect(fund[0]?.direction).toBe("higher");
    expect(fund[0]?.trend).toBe("improved");
    const bonds = assessIndicator(outcomeSeries(outcome(BONDS)), "higher");
    expect(bonds[1]?.status).toBe("met"); // 123.7 <= 150
    expect(bonds[1]?.direction).toBe("lower");
  });

  it("an actual in a year without a target: no-target, no rate, trend in the indicator's direction", () => {
    const o = outcome(BONDS);
    // Constructed: 令和7年度 is outside the plan period (2021–2024), so it has no target.
    const result = assessIndicator({ ...o, actual: { ...o.actual, 2025: v("140.0") } });
    expect(result.map((a) => a.fiscalYear)).toEqual(["2021", "2022", "2023", "2024", "2025"]);
    expect(result[4]).toEqual({
      fiscalYear: "2025",
      target: null,
      actual: { text: "140.0", value: 140, comparator: "=" },
      direction: "lower", // what the indicator's 「150以下」 targets state
      status: "no-target",
      rate: null,
      trend: "worsened", // 140.0 > 128.7
    });
  });

  it("no baseline, no trend: 6-1's second indicator", () => {
    const o = outcome("過去3年以内に、区等で開催された行事や活動に参加したことがある市民の割合");
    expect(o.baseline).toBeNull();
    expect(printed(o.planned)).toEqual({ 2021: "44", 2022: "47", 2023: "50", 2024: "53" });
    expect(printed(o.actual)).toEqual({ 2021: "57.3", 2022: "45.8" });
    expect(assessIndicator(o).slice(0, 2).map(brief)).toEqual([
      // 57.3 / 44 = 1.30227… → 130.2 %
      { fiscalYear: "2021", status: "met", trend: null, rate: "130.2%" },
      // 45.8 / 47 = 0.97446… → 97.4 %
      { fiscalYear: "2022", status: "not-met", trend: null, rate: "97.4%" },
    ]);
  });

  it("counts every outcome indicator of the seed: 9 indicators × 4 years", () => {
    const all = plan.policies
      .flatMap((p) => p.measures.flatMap((m) => m.outcomeIndicators))
      .flatMap((o) => assessIndicator(outcomeSeries(o)));
    // Met in 令和3/4年度: 区等の行事 57.3≥44; 社会増減 ×2; 基金 ×2; 市債 ×2; 公債費比率 ×2; 収納率 98.95≥98.88 → 10.
    // Not met: 市民参加 13<21.8, 14.7<23.4; 区等の行事 45.8<47; 収納率 98.81<98.83;
    //          窓口満足度 73.8<78, 71.5<79; 職員 74.9<75, 72.1<80 → 8. 令和5・6年度 have no actual → 18.
    expect(countAchievements(all)).toEqual({
      met: 10,
      notMet: 8,
      noActual: 18,
      noTarget: 0,
      notComparable: 0,
      total: 36,
    });
  });
});

describe("the three printed comparators", () => {
  it("「40以上」 is met by 73.4, 「150以下」 by 123.7, 「9.0以下」 by 7.2", () => {
    const at = (target: string, actual: string) =>
      assessYear({ baseline: null, target: v(target), actual: v(actual), fiscalYear: "2024" });
    expect(at("40以上", "73.4").status).toBe("met");
    expect(at("150以下", "123.7").status).toBe("met");
    expect(at("9.0以下", "7.2").status).toBe("met");
    // and missed the other way
    expect(at("40以上", "39.9").status).toBe("not-met");
    expect(at("150以下", "150.1").status).toBe("not-met");
    expect(at("9.0以下", "9.1").status).toBe("not-met");
    // the bound itself meets both
    expect(at("40以上", "40").status).toBe("met");
    expect(at("150以下", "150").status).toBe("met");
    expect(at("9.0以下", "9").status).toBe("met");
    // full-width digits as a user may type them
    expect(at("９．０以下", "７．２").status).toBe("met");
  });

  it("decimals compare as printed, with no float surprise", () => {
    const at = (target: string, actual: string, direction: "higher" | "lower") =>
      assessYear({ baseline: null, target: v(target), actual: v(actual), direction, fiscalYear: "2024" })
        .status;
    expect(at("0.3", "0.3", "higher")).toBe("met");
    expect(at("0.3", "0.3", "lower")).toBe("met");
    expect(at("0.53", "0.52", "higher")).toBe("not-met");
    expect(at("0.53", "0.52", "lower")).toBe("met");
    expect(at("98.98", "98.97", "higher")).toBe("not-met");
    expect(at("9.0以下", "9.00", "higher")).toBe("met");
    expect(at("350,000", "349,999", "higher")).toBe("not-met");
  });
});

describe("plain numbers in the direction the user sets", () => {
  it("higher is better: 区長会研修会の開催回数, target 3 回", () => {
    const a = activity("市民協働推進事業", "区長会研修会の開催回数");
    expect(printed(a.targets)).toEqual({ 2024: "3", 2025: "3", 2026: "3" });
    // Constructed actuals: the plan stores no actuals for activity indicators.
    const result = assessIndicator(activitySeries(a, { 2024: v("3"), 2025: v("2") }));
    expect(result.map(brief)).toEqual([
      { fiscalYear: "2024", status: "met", trend: null, rate: "100.0%" },
      { fiscalYear: "2025", status: "not-met", trend: null, rate: "66.7%" }, // 2 / 3 = 0.6667
      { fiscalYear: "2026", status: "no-actual", trend: null, rate: "—" },
    ]);
    expect(result[1]?.rate).toBeCloseTo(2 / 3, 12);
  });

  it("lower is better: 伝票返却率, targets 5.3 / 5.2 / 5.1 %", () => {
    const a = activity("会計管理事務", "伝票返却率");
    expect(printed(a.targets)).toEqual({ 2024: "5.3", 2025: "5.2", 2026: "5.1" });
    const actual = { 2024: v("5.0"), 2025: v("5.4"), 2026: v("5.1") }; // constructed
    expect(assessIndicator(activitySeries(a, actual), "lower").map(brief)).toEqual([
      { fiscalYear: "2024", status: "met", trend: null, rate: "106.0%" }, // 5.3 / 5.0 = 1.06
      { fiscalYear: "2025", status: "not-met", trend: null, rate: "96.3%" }, // 5.2 / 5.4 = 0.96296…
      { fiscalYear: "2026", status: "met", trend: null, rate: "100.0%" }, // 5.1 / 5.1
    ]);
    // Left at the default (higher), the same 5.0 misses 5.3: 5.0 / 5.3 = 0.94339… → 94.3 %.
    expect(brief(assessIndicator(activitySeries(a, actual))[0] as Achievement)).toEqual({
      fiscalYear: "2024",
      status: "not-met",
      trend: null,
      rate: "94.3%",
    });
  });

  it("lower is better: エネルギー消費原単位, 637 kl in 令和6年度", () => {
    const a = activity("庁舎等管理費", "エネルギー消費原単位(消費原油量/床面積)の削減");
    expect(printed(a.targets)).toEqual({ 2024: "637", 2025: "630", 2026: "623" });
    const [y2024] = assessIndicator(activitySeries(a, { 2024: v("650") }), "lower");
    expect(y2024?.status).toBe("not-met"); // 650 > 637
    expect(formatRate(y2024?.rate ?? null)).toBe("98.0%"); // 637 / 650 = 0.98
  });
});

describe("text targets (「実施する」) against yes/no actuals", () => {
  const a = activity("職員研修費", "人材育成基本方針の見直し");

  it("the seed prints 「実施する」 as a text target", () => {
    expect(a.targets["2024"]).toEqual({ text: "実施する", value: null, comparator: "=" });
  });

  it("yes is met, no is not met, anything else cannot be judged; no rate, no trend", () => {
    const result = assessIndicator(
      activitySeries(a, { 2024: v("実施"), 2025: v("未実施"), 2026: v("検討中") }),
    );
    expect(result.map(brief)).toEqual([
      { fiscalYear: "2024", status: "met", trend: null, rate: "—" },
      { fiscalYear: "2025", status: "not-met", trend: null, rate: "—" },
      { fiscalYear: "2026", status: "not-comparable", trend: null, rate: "—" },
    ]);
  });

  it("reads every yes and no form", () => {
    const target = a.targets["2024"] ?? null;
    const status = (text: string) =>
      assessYear({ baseline: null, target, actual: v(text), fiscalYear: "2024" }).status;
    for (const yes of [
      "実施",
      "実施した",
      "済",
      "達成",
      "有",
      "はい",
      "○",
      "◯",
      "〇",
      "yes",
      "YES",
      "ｙｅｓ",
      "true",
      "1",
      "１",
    ]) {
      expect(status(yes), yes).toBe("met");
    }
    for (const no of ["未実施", "未", "無", "いいえ", "×", "no", "No", "false", "0", "０"]) {
      expect(status(no), no).toBe("not-met");
    }
    for (const other of ["実施する", "2", "一部実施", "maybe", "50%"]) {
      expect(status(other), other).toBe("not-comparable");
    }
    expect(readYesNo(v(" 済 "))).toBe(true);
    expect(readYesNo(v("×"))).toBe(false);
    expect(readYesNo(v("検討中"))).toBeNull();
  });

  it("a numeric target against an actual that is not a number cannot be judged", () => {
    const result = assessYear({ baseline: v("1"), target: v("3"), actual: v("実施"), fiscalYear: "2024" });
    expect(result.status).toBe("not-comparable");
    expect(result.rate).toBeNull();
    expect(result.trend).toBeNull();
  });
});

describe("missing values", () => {
  it("no actual: no-actual, no rate, no trend", () => {
    expect(
      assessYear({ baseline: v("66.6"), target: v("40以上"), actual: null, fiscalYear: "2023" }),
    ).toEqual({
      fiscalYear: "2023",
      target: { text: "40以上", value: 40, comparator: ">=" },
      actual: null,
      direction: "higher",
      status: "no-actual",
      rate: null,
      trend: null,
    });
  });
  it("no target: no-target, but the trend is still read", () => {
    const result = assessYear({ baseline: v("66.6"), target: null, actual: v("73.4"), fiscalYear: "2025" });
    expect(result.status).toBe("no-target");
    expect(result.rate).toBeNull();
    expect(result.trend).toBe("improved");
    expect(result.direction).toBe("higher");
  });
  it("neither: no-actual", () => {
    expect(assessYear({ baseline: null, target: null, actual: null, fiscalYear: "2025" }).status).toBe(
      "no-actual",
    );
  });
  it("an indicator without targets or actuals has no years; an empty activity indicator neither", () => {
    expect(assessIndicator({ baseline: null, planned: {}, actual: {} })).toEqual([]);
    expect(
      assessIndicator(activitySeries(activity("職員研修費", "人材育成基本方針に沿った職員研修の実施"))),
    ).toEqual([]);
  });
  it("years come in fiscal-year order, not key order", () => {
    const result = assessIndicator({
      baseline: null,
      planned: { 2026: v("1"), 2024: v("1") },
      actual: { 2025: v("1"), 2019: v("1") },
    });
    expect(result.map((a) => a.fiscalYear)).toEqual(["2019", "2024", "2025", "2026"]);
    expect(result.map((a) => a.status)).toEqual(["no-target", "no-actual", "no-target", "no-actual"]);
  });
});

describe("zero and negative values", () => {
  const at = (target: string, actual: string, direction?: "higher" | "lower") =>
    assessYear({
      baseline: null,
      target: v(target),
      actual: v(actual),
      fiscalYear: "2024",
      ...(direction ? { direction } : {}),
    });

  it("target 0: met or not by comparison, rate null", () => {
    expect(at("0", "0", "lower")).toMatchObject({ status: "met", rate: null }); // e.g. 事故件数 0 件
    expect(at("0", "2", "lower")).toMatchObject({ status: "not-met", rate: null });
    expect(at("0以上", "5")).toMatchObject({ status: "met", rate: null });
    expect(at("0", "0", "higher")).toMatchObject({ status: "met", rate: null });
  });
  it("actual 0: higher-is-better rate 0; lower-is-better met with no finite rate", () => {
    expect(at("3", "0", "higher")).toMatchObject({ status: "not-met", rate: 0 });
    expect(at("5.3", "0", "lower")).toMatchObject({ status: "met", rate: null });
    expect(at("150以下", "0")).toMatchObject({ status: "met", rate: null });
  });
  it("negative targets compare by sign; no rate", () => {
    expect(at("-5以上", "-3")).toMatchObject({ status: "met", rate: null });
    expect(at("-5以上", "-8")).toMatchObject({ status: "not-met", rate: null });
    expect(at("△5以下", "-8")).toMatchObject({ status: "met", rate: null });
    expect(at("-5", "-3", "lower")).toMatchObject({ status: "not-met", rate: null });
  });
  it("achievementRate directly", () => {
    expect(achievementRate(40, 73.4, "higher")).toBeCloseTo(1.835, 12);
    expect(achievementRate(9, 7.2, "lower")).toBe(1.25);
    expect(achievementRate(1, -120, "higher")).toBeNull();
    expect(achievementRate(0, 3, "higher")).toBeNull();
    expect(achievementRate(0, 3, "lower")).toBeNull();
    expect(achievementRate(-5, 3, "higher")).toBeNull();
    expect(achievementRate(5, 0, "lower")).toBeNull();
    expect(achievementRate(5, 0, "higher")).toBe(0);
  });
});

describe("trend against the baseline (計画策定時)", () => {
  const trend = (baseline: string | null, actual: string, direction?: "higher" | "lower") =>
    assessYear({
      baseline: baseline === null ? null : v(baseline),
      target: null,
      actual: v(actual),
      fiscalYear: "2024",
      ...(direction ? { direction } : {}),
    }).trend;

  it("improved, unchanged, worsened in each direction", () => {
    expect(trend("66.6", "73.4", "higher")).toBe("improved");
    expect(trend("66.6", "60", "higher")).toBe("worsened");
    expect(trend("7.2", "7.20", "higher")).toBe("unchanged");
    expect(trend("128.7", "123.7", "lower")).toBe("improved");
    expect(trend("7.1", "7.2", "lower")).toBe("worsened");
    expect(trend("7.2", "7.2", "lower")).toBe("unchanged");
    expect(trend("-15", "-120")).toBe("worsened");
  });
  it("null when the baseline or the actual is missing or not a number", () => {
    expect(trend(null, "73.4")).toBeNull();
    expect(trend("実施", "73.4")).toBeNull();
    expect(trend("66.6", "実施")).toBeNull();
  });
});

describe("directions", () => {
  it("defaultDirection: 以上 higher, 以下 lower, plain higher, none higher", () => {
    expect(defaultDirection(v("40以上"))).toBe("higher");
    expect(defaultDirection(v("150以下"))).toBe("lower");
    expect(defaultDirection(v("98.83"))).toBe("higher");
    expect(defaultDirection(v("実施する"))).toBe("higher");
    expect(defaultDirection(null)).toBe("higher");
  });
  it("indicatorDirection: from the first 以上/以下 target, else higher", () => {
    expect(indicatorDirection(outcome(BONDS))).toBe("lower");
    expect(indicatorDirection(outcome(FUND))).toBe("higher");
    expect(indicatorDirection(outcome(TAX_RATE))).toBe("higher");
    expect(indicatorDirection({ planned: { 2025: v("10以下"), 2024: v("12") } })).toBe("lower");
    expect(indicatorDirection({ planned: {} })).toBe("higher");
  });
});

describe("formatRate rounds half-up to one decimal", () => {
  it("formats", () => {
    expect(formatRate(1.834)).toBe("183.4%");
    expect(formatRate(1.835)).toBe("183.5%");
    expect(formatRate(73.4 / 40)).toBe("183.5%"); // 1.8350000000000002 in binary
    expect(formatRate(1)).toBe("100.0%");
    expect(formatRate(0)).toBe("0.0%");
    expect(formatRate(16)).toBe("1600.0%");
    expect(formatRate(null)).toBe("—");
  });
  it("rounds halves up, not to even, and not by binary noise", () => {
    expect(formatRate(0.0125)).toBe("1.3%"); // 1.25 % → 1.3 (to even would give 1.2)
    expect(formatRate(0.0135)).toBe("1.4%");
    expect(formatRate(2.0225)).toBe("202.3%");
    expect(formatRate(39.9 / 40)).toBe("99.8%"); // 0.9974999999999999 in binary, 99.75 % exactly
    expect(formatRate(32.3 / 8)).toBe("403.8%"); // 4.0375: 403.75 %
    expect(formatRate(0.99949)).toBe("99.9%");
    expect(formatRate(0.9995)).toBe("100.0%");
    expect(formatRate(0.12345)).toBe("12.3%"); // 12.345 %: the second decimal is 4
    expect(formatRate(0.0004)).toBe("0.0%");
    expect(formatRate(0.0005)).toBe("0.1%");
  });
});

describe("labels and counts", () => {
  it("has Japanese labels for every status, trend and direction", () => {
    expect(ACHIEVEMENT_LABELS.status).toEqual({
      met: "達成",
      "not-met": "未達成",
      "no-actual": "実績なし",
      "no-target": "目標なし",
      "not-comparable": "判定不能",
    });
    expect(ACHIEVEMENT_LABELS.trend).toEqual({ improved: "改善", unchanged: "横ばい", worsened: "悪化" });
    expect(ACHIEVEMENT_LABELS.direction).toEqual({ higher: "高いほど良い", lower: "低いほど良い" });
  });
  it("counts by status", () => {
    const year = (status: Achievement["status"]): Achievement => ({
      fiscalYear: "2024",
      target: null,
      actual: null,
      direction: "higher",
      status,
      rate: null,
      trend: null,
    });
    expect(
      countAchievements([
        year("met"),
        year("met"),
        year("not-met"),
        year("no-actual"),
        year("no-target"),
        year("not-comparable"),
        year("not-comparable"),
      ]),
    ).toEqual({ met: 2, notMet: 1, noActual: 1, noTarget: 1, notComparable: 2, total: 7 });
    expect(countAchievements([])).toEqual({
      met: 0,
      notMet: 0,
      noActual: 0,
      noTarget: 0,
      notComparable: 0,
      total: 0,
    });
  });
});
