import type { Comparator, IndicatorValue } from "./model.ts";
import { toHalfWidth } from "./money.ts";

const EMPTY = new Set(["", "—", "―", "-", "－", "–", "ー", "‐"]);

/**
 * Parses an indicator value as printed:
 * 「40以上」 → >= 40, 「150以下」 → <= 150, 「+1以上」 → >= 1, 「350,000」 → = 350000, 「実施する」 → text target.
 * Returns null for an empty cell or a dash (「—」).
 */
export function parseIndicatorValue(raw: string): IndicatorValue | null {
  const text = raw.trim();
  if (EMPTY.has(text)) return null;
  let s = toHalfWidth(text).replace(/\s+/g, "");
  let comparator: Comparator = "=";
  const suffix = /(以上|以下)$/.exec(s);
  if (suffix) {
    comparator = suffix[1] === "以上" ? ">=" : "<=";
    s = s.slice(0, -2);
  }
  s = s
    .replace(/^[＋+]/, "")
    .replace(/^[−–－ー]/, "-")
    .replace(/^[△▲]/, "-");
  const value = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(s) ? Number(s.replace(/,/g, "")) : null;
  if (value === null) comparator = "=";
  return { text, value: value !== null && Number.isFinite(value) ? value : null, comparator };
}

/** The printed form of an indicator value, or an empty string. */
export function formatIndicatorValue(v: IndicatorValue | null | undefined): string {
  return v ? v.text : "";
}

/**
 * The value as its text reads: the number and comparator are derived from the text, which is what the
 * user types and what the book prints, so a value whose number disagrees with its text cannot be stored.
 */
export function canonicalIndicatorValue(v: IndicatorValue): IndicatorValue {
  return parseIndicatorValue(v.text) ?? v;
}

export function canonicalSeries(series: Record<string, IndicatorValue>): Record<string, IndicatorValue> {
  return Object.fromEntries(Object.entries(series).map(([k, v]) => [k, canonicalIndicatorValue(v)]));
}
