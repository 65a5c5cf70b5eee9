import type { Thousands } from "./model.ts";

/**
 * Parses an amount printed in 千円: 「38,430 千円」, 「38,430」, 「△1,200」 (negative), full-width digits.
 * Returns null when the text is not an integer amount.
 */
export function parseThousands(text: string): Thousands | null {
  let s = toHalfWidth(text).replace(/\s+/g, "");
  s = s.replace(/千円$/, "");
  let negative = false;
  if (/^[△▲-]/.test(s)) {
    negative = true;
    s = s.slice(1);
  }
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(s)) return null;
  const n = Number(s.replace(/,/g, ""));
  if (!Number.isSafeInteger(n)) return null;
  return negative ? -n : n;
}

/** 38430 → 「38,430」 (thousands separators, no unit). */
export function formatThousands(n: Thousands): string {
  if (!Number.isInteger(n)) throw new RangeError(`amount must be an integer number of 千円: ${n}`);
  const sign = n < 0 ? "-" : "";
  return (
    sign +
    Math.abs(n)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  );
}

/** Sums integer amounts exactly, refusing anything that is not a safe integer. */
export function sumThousands(values: Iterable<Thousands>): Thousands {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`amount must be an integer number of 千円: ${v}`);
    total += v;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError("sum exceeds the safe integer range");
  return total;
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ，．－＋) to half-width; other characters unchanged. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
