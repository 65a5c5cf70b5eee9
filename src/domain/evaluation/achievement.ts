/**
 * Achievement (達成状況) of outcome and activity indicators, per fiscal year: was the target met, the
 * achievement rate (達成率), and the trend against the baseline (計画策定時). Pure: no I/O.
 *
 * ## Direction (高いほど良い / 低いほど良い)
 *
 * A target printed with 以上 or 以下 states its own direction: 「40以上」 is higher-is-better, 「150以下」
 * lower-is-better, and that comparator decides the year whatever the indicator's direction says. A plain
 * number (comparator "=") is met when the actual reaches it in the indicator's direction, which the user
 * sets; without one, the direction is the one the indicator's own 以上/以下 targets state, else higher.
 *
 * ## Met or not (達成 / 未達成)
 *
 * Decided on the parsed numbers directly (`actual.value` against `target.value`), never on the rate, so
 * 7.2 against 「9.0以下」 or 98.95 against 98.88 compare as printed: two different decimals of up to 15
 * significant digits never parse to the same double, and parsing keeps their order.
 * A text target (value null, e.g. 「実施する」) is met by an actual that reads yes (実施, 済, ○, 1 …) and
 * not met by one that reads no (未実施, ×, 0 …); any other actual cannot be judged (判定不能), as cannot a
 * numeric target against an actual that is not a number.
 *
 * ## Achievement rate (達成率)
 *
 * The ratio of actual to target, the definition most municipal 事務事業評価・施策評価 sheets print:
 *   higher-is-better: 達成率 = 実績値 ÷ 目標値      (73.4 against 「40以上」 → 1.835, i.e. 183.5 %)
 *   lower-is-better:  達成率 = 目標値 ÷ 実績値      (123.7 against 「150以下」 → 1.2126…, i.e. 121.3 %)
 * so that 1 (100 %) is always "exactly on target" and more is always better.
 * Why not the alternatives:
 * - progress from the baseline, (実績 − 基準) ÷ (目標 − 基準), needs a baseline (not every indicator has
 *   one) and breaks when the target lies on the "wrong" side of it, which 以上/以下 ceilings routinely do:
 *   the seed's 基金残高 has baseline 66.6 and target 「40以上」, so the denominator is negative;
 * - 2 − 実績 ÷ 目標 for lower-is-better turns negative once the actual is twice the target.
 * The ratio only means something on a ratio scale, so the rate is null (not meaningful) when:
 * - the target or the actual is not a number, or either is missing (a text target has no rate: its status
 *   says all there is);
 * - the target is 0 or negative (「0件」, 「-5以上」): a ratio to zero or across zero is not a share;
 * - the actual is negative (人口の社会増減数 -120 against 「+1以上」: not-met, rate null);
 * - lower-is-better with an actual of 0: the target divided by 0 is unbounded (the status is met).
 * Higher-is-better with an actual of 0 and a positive target gives a rate of 0.
 * Rates are plain numbers (1.835 for 183.5 %), never rounded here; `formatRate` rounds for display.
 *
 * ## Trend (改善 / 横ばい / 悪化)
 *
 * The actual against the baseline in the year's direction; null when either is missing or not a number.
 */

import { ACHIEVEMENT_STATUS_LABELS, DIRECTION_LABELS, TREND_LABELS } from "../labels.ts";
import {
  type ActivityIndicator,
  type FiscalYearKey,
  type IndicatorDirection,
  type IndicatorValue,
  type OutcomeIndicator,
  sortedYears,
} from "../plan/model.ts";
import { toHalfWidth } from "../plan/money.ts";

export type { IndicatorDirection };

export type AchievementStatus = "met" | "not-met" | "no-actual" | "no-target" | "not-comparable";
export type Trend = "improved" | "unchanged" | "worsened";

/** One fiscal year of one indicator. */
export interface Achievement {
  fiscalYear: FiscalYearKey;
  target: IndicatorValue | null;
  actual: IndicatorValue | null;
  /** The direction the year was judged in (the target's 以上/以下 if it has one, else the indicator's). */
  direction: IndicatorDirection;
  status: AchievementStatus;
  /** 達成率 as a ratio (1.835 = 183.5 %), null where not meaningful (see the module comment). */
  rate: number | null;
  /** Against the baseline (計画策定時); null when either is missing or not a number. */
  trend: Trend | null;
}

/** What an indicator needs to be assessed: the baseline and the planned and actual series by fiscal year. */
export interface IndicatorSeries {
  baseline: IndicatorValue | null;
  planned: Record<FiscalYearKey, IndicatorValue>;
  actual: Record<FiscalYearKey, IndicatorValue>;
}

export const ACHIEVEMENT_LABELS = {
  status: ACHIEVEMENT_STATUS_LABELS,
  trend: TREND_LABELS,
  direction: DIRECTION_LABELS,
} as const satisfies {
  status: Record<AchievementStatus, string>;
  trend: Record<Trend, string>;
  direction: Record<IndicatorDirection, string>;
};

/** The direction a target states: 以上 → higher, 以下 → lower; a plain number or none → higher. */
export function defaultDirection(target: IndicatorValue | null): IndicatorDirection {
  return target?.comparator === "<=" ? "lower" : "higher";
}

/**
 * The direction an indicator's own targets state: that of the first planned value (in fiscal-year order)
 * printed with 以上 or 以下, else "higher".
 */
export function indicatorDirection(series: Pick<IndicatorSeries, "planned">): IndicatorDirection {
  for (const year of sortedYears(Object.keys(series.planned))) {
    const target = series.planned[year];
    if (target && target.comparator !== "=") return defaultDirection(target);
  }
  return "higher";
}

// Read after trimming, full-width → half-width and lower-casing. 〇 (U+3007) is the maru typed most often.
const YES = new Set([
  "実施",
  "実施した",
  "実施済",
  "実施済み",
  "済",
  "済み",
  "完了",
  "達成",
  "達成した",
  "有",
  "はい",
  "○",
  "◯",
  "〇",
  "yes",
  "true",
  "1",
]);
const NO = new Set([
  "未実施",
  "未",
  "未達成",
  "未完了",
  "無",
  "なし",
  "無し",
  "いいえ",
  "×",
  "✕",
  "no",
  "false",
  "0",
]);

/** An actual read as yes or no (実施/未実施, ○/×, 1/0 …); null when it reads as neither. */
export function readYesNo(actual: IndicatorValue): boolean | null {
  const text = toHalfWidth(actual.text).trim().toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return null;
}

function numberOf(v: IndicatorValue | null): number | null {
  return v !== null && v.value !== null && Number.isFinite(v.value) ? v.value : null;
}

/** Whether `actual` reaches `target` in the direction; compares the parsed numbers, never a difference. */
function reaches(actual: number, target: number, direction: IndicatorDirection): boolean {
  return direction === "higher" ? actual >= target : actual <= target;
}

/** 達成率 as defined in the module comment, or null where it is not meaningful. */
export function achievementRate(
  target: number,
  actual: number,
  direction: IndicatorDirection,
): number | null {
  if (!(target > 0) || actual < 0) return null;
  if (direction === "higher") return actual / target;
  return actual === 0 ? null : target / actual;
}

function trendOf(
  baseline: number | null,
  actual: number | null,
  direction: IndicatorDirection,
): Trend | null {
  if (baseline === null || actual === null) return null;
  if (actual === baseline) return "unchanged";
  return reaches(actual, baseline, direction) ? "improved" : "worsened";
}

/**
 * One fiscal year: the target (計画) against the actual (実績), and the actual against the baseline.
 * `direction` is the indicator's (default: the one the target states); a 以上/以下 target overrides it.
 */
export function assessYear(args: {
  baseline: IndicatorValue | null;
  target: IndicatorValue | null;
  actual: IndicatorValue | null;
  direction?: IndicatorDirection;
  fiscalYear: FiscalYearKey;
}): Achievement {
  const { baseline, target, actual, fiscalYear } = args;
  const direction: IndicatorDirection =
    target !== null && target.comparator !== "="
      ? defaultDirection(target)
      : (args.direction ?? defaultDirection(target));
  const actualNumber = numberOf(actual);
  const base = {
    fiscalYear,
    target,
    actual,
    direction,
    trend: trendOf(numberOf(baseline), actualNumber, direction),
  };
  if (actual === null) return { ...base, status: "no-actual", rate: null };
  if (target === null) return { ...base, status: "no-target", rate: null };

  const targetNumber = numberOf(target);
  if (targetNumber === null) {
    const yes = readYesNo(actual);
    const status = yes === null ? "not-comparable" : yes ? "met" : "not-met";
    return { ...base, status, rate: null };
  }
  if (actualNumber === null) return { ...base, status: "not-comparable", rate: null };

  // The comparator decides; for "=" the direction does. Both come down to `reaches` in `direction`,
  // because `direction` already is the comparator's for 以上/以下.
  const met = reaches(actualNumber, targetNumber, direction);
  return {
    ...base,
    status: met ? "met" : "not-met",
    rate: achievementRate(targetNumber, actualNumber, direction),
  };
}

/**
 * Every fiscal year of an indicator that has a target or an actual, in fiscal-year order.
 * `direction` is the user's setting for the indicator; without it, `indicatorDirection`.
 */
export function assessIndicator(series: IndicatorSeries, direction?: IndicatorDirection): Achievement[] {
  const dir = direction ?? indicatorDirection(series);
  return sortedYears([...Object.keys(series.planned), ...Object.keys(series.actual)]).map((fiscalYear) =>
    assessYear({
      baseline: series.baseline,
      target: series.planned[fiscalYear] ?? null,
      actual: series.actual[fiscalYear] ?? null,
      direction: dir,
      fiscalYear,
    }),
  );
}

/** An outcome indicator (成果指標) as a series: baseline, 計画 and 実績 as stored. */
export function outcomeSeries(indicator: OutcomeIndicator): IndicatorSeries {
  return { baseline: indicator.baseline, planned: indicator.planned, actual: indicator.actual };
}

/**
 * An activity indicator (活動指標) as a series: its targets and the actuals (実績) entered with the
 * evaluations (or `actual` given here instead). It has no baseline.
 */
export function activitySeries(
  indicator: ActivityIndicator,
  actual: Record<FiscalYearKey, IndicatorValue> = indicator.actual ?? {},
): IndicatorSeries {
  return { baseline: null, planned: indicator.targets, actual };
}

/** The assessments of an indicator in its direction: the user's, else what its targets state. */
export function assessOutcome(indicator: OutcomeIndicator): Achievement[] {
  return assessIndicator(outcomeSeries(indicator), indicator.direction);
}

export function assessActivity(indicator: ActivityIndicator): Achievement[] {
  return assessIndicator(activitySeries(indicator), indicator.direction);
}

export interface AchievementCounts {
  met: number;
  notMet: number;
  noActual: number;
  noTarget: number;
  notComparable: number;
  /** Every assessed year: the sum of the five counts. */
  total: number;
}

/** Counts by status, for dashboards. */
export function countAchievements(list: readonly Achievement[]): AchievementCounts {
  const counts: AchievementCounts = {
    met: 0,
    notMet: 0,
    noActual: 0,
    noTarget: 0,
    notComparable: 0,
    total: 0,
  };
  for (const a of list) {
    counts.total += 1;
    if (a.status === "met") counts.met += 1;
    else if (a.status === "not-met") counts.notMet += 1;
    else if (a.status === "no-actual") counts.noActual += 1;
    else if (a.status === "no-target") counts.noTarget += 1;
    else counts.notComparable += 1;
  }
  return counts;
}

/**
 * A rate as a percentage with one decimal, rounded half-up (四捨五入): 1.835 → 「183.5%」,
 * 0.99975 → 「100.0%」; null → 「—」. The product with 100 is first cut to 12 significant digits, so that
 * binary noise (73.4 / 40 = 1.8349999…) does not decide a half.
 */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  const tenths = Number((Math.abs(rate) * 1000).toPrecision(12));
  const rounded = Math.floor(tenths + 0.5);
  const sign = rate < 0 && rounded !== 0 ? "-" : "";
  return `${sign}${Math.floor(rounded / 10)}.${rounded % 10}%`;
}
