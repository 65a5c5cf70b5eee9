import type { Thousands } from "../plan/model.ts";

/**
 * 執行率 = 決算額 ÷ 年度別事業費 of the same fiscal year, as a ratio (0.9688… for 96.9 %); null when the
 * budget is 0 or less or either amount is missing (a share of nothing is not a rate).
 */
export function executionRate(
  budget: Thousands | null | undefined,
  settled: Thousands | null | undefined,
): number | null {
  if (budget === null || budget === undefined || settled === null || settled === undefined) return null;
  if (budget <= 0) return null;
  return settled / budget;
}

/**
 * 執行率 as printed: a percentage with one decimal, rounded half-up (四捨五入) exactly in integers,
 * 1,398 of 1,443 → 「96.9%」; 「—」 when either amount is missing, the budget is 0 or negative (a book may
 * print a △ amount) or an amount is not an integer of 千円 0 or more: no rate means anything then.
 * Every view that shows an execution rate prints this.
 */
export function formatExecutionRate(
  budget: Thousands | null | undefined,
  settled: Thousands | null | undefined,
): string {
  if (budget === null || budget === undefined || settled === null || settled === undefined) return "—";
  if (!Number.isSafeInteger(budget) || !Number.isSafeInteger(settled) || budget <= 0 || settled < 0) {
    return "—";
  }
  // tenths of a percent = round(settled × 1000 ÷ budget), half up: floor((2 × settled × 1000 + budget) ÷ 2 budget).
  const b = BigInt(budget);
  const tenths = (BigInt(settled) * 2000n + b) / (2n * b);
  return `${tenths / 10n}.${tenths % 10n}%`;
}
