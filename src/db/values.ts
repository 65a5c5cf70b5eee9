import type { Comparator, FiscalYearKey, IndicatorValue } from "../domain/plan/model.ts";

/** "2024" → 2024. Refuses keys that would not come back as the same string ("02024", "2024.5", "R6"). */
export function fiscalYearNumber(key: FiscalYearKey): number {
  const n = Number(key);
  if (!Number.isSafeInteger(n) || String(n) !== key || n < 0 || n > 9999) {
    throw new RangeError(`年度のキー「${key}」は西暦の年度（例: 2024）ではありません。`);
  }
  return n;
}

export function fiscalYearKey(year: number): FiscalYearKey {
  return String(year);
}

/** The stored columns of an IndicatorValue. */
export function indicatorColumns(v: IndicatorValue): {
  text: string;
  value: number | null;
  comparator: string;
} {
  return { text: v.text, value: v.value, comparator: v.comparator };
}

export function indicatorValue(text: string, value: number | null, comparator: string): IndicatorValue {
  return { text, value, comparator: comparator as Comparator };
}

/**
 * An aggregate read back from PostgreSQL (sum() of bigint is numeric, which the drivers return as a
 * string) as an exact integer number of 千円; refuses anything that is not a safe integer.
 */
export function exactInteger(raw: unknown): number {
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "bigint") n = Number(raw);
  else if (typeof raw === "string" && /^-?\d+$/.test(raw)) {
    const b = BigInt(raw);
    n = Number(b);
    if (BigInt(n) !== b) throw new RangeError(`整数として正確に扱えない金額です: ${raw}`);
  } else throw new RangeError(`整数ではない値です: ${String(raw)}`);
  if (!Number.isSafeInteger(n)) throw new RangeError(`整数として正確に扱えない金額です: ${String(raw)}`);
  return n;
}
