import { parseWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { parseThousands, toHalfWidth } from "../../domain/plan/money.ts";
import { columnLetters } from "./layout.ts";

/** A cell value reduced to what the reader needs. */
export type Plain = string | number | boolean | null;

/**
 * Normalises an ExcelJS cell value: a formula gives its cached result, rich text its joined text, a
 * hyperlink its text, an error its code (「#N/A」), a date its ISO day; an empty cell null.
 */
export function plainValue(v: unknown, depth = 0): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v !== "object" || depth > 4) return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return o.richText
      .map((r: unknown) => plainValue((r as { text?: unknown })?.text, depth + 1) ?? "")
      .join("");
  }
  if ("formula" in o || "sharedFormula" in o) return plainValue(o.result, depth + 1);
  if ("hyperlink" in o || "text" in o) return plainValue(o.text, depth + 1);
  if (typeof o.error === "string") return o.error;
  return null;
}

/** A number as a person reads it: 18.5 → 「18.5」, 100 → 「100」. */
export function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** The text of a cell, exactly as stored; null for an empty or blank cell. */
export function cellText(v: Plain): string | null {
  if (v === null) return null;
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.trim() === "" ? null : v;
}

/** The text of a key cell (codes, labels), trimmed; null when empty. */
export function cellKey(v: Plain): string | null {
  const t = cellText(v);
  return t === null ? null : t.trim();
}

/** A whole number typed as a number or as text (「12」, 「１２」); null when it is not one. */
export function cellInteger(v: Plain): number | null {
  if (typeof v === "number") return Number.isSafeInteger(v) ? v : null;
  if (typeof v !== "string") return null;
  const s = toHalfWidth(v).trim().replace(/,/g, "");
  if (!/^-?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

export type AmountReading =
  | { ok: true; value: number }
  | { ok: false; problem: "empty" | "not-integer" | "negative"; value: number | null };

/**
 * An amount in 千円: a number cell, or text such as 「1,234」, 「１２３４」 or 「1,234 千円」.
 * Fractions and text that is no number are refused; a negative amount is read but reported.
 */
export function cellAmount(v: Plain): AmountReading {
  if (v === null || (typeof v === "string" && v.trim() === "")) {
    return { ok: false, problem: "empty", value: null };
  }
  let n: number | null = null;
  if (typeof v === "number") n = Number.isSafeInteger(v) ? v : null;
  else if (typeof v === "string") n = parseThousands(v);
  if (n === null) return { ok: false, problem: "not-integer", value: null };
  if (n < 0) return { ok: false, problem: "negative", value: n };
  return { ok: true, value: n };
}

/**
 * A fiscal year label: 「令和6年度」, 「令和元年度」, 「平成30年度」, 「R6」, or a Western year
 * (2024, 「2024」, 「2024年度」). Returns the Western fiscal year, or null.
 */
export function cellFiscalYear(v: Plain): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1900 && v <= 2200 ? v : null;
  if (typeof v !== "string") return null;
  const s = toHalfWidth(v).replace(/\s+/g, "");
  const western = /^(\d{4})(年度)?$/.exec(s);
  if (western) {
    const y = Number(western[1]);
    return y >= 1900 && y <= 2200 ? y : null;
  }
  return parseWarekiFiscalYear(s);
}

/** 「投入指標!F12」 */
export function cellAddress(sheet: string, row: number, col: number): string {
  return `${sheet}!${columnLetters(col)}${row}`;
}

/** How a cell's content is quoted in a message: its text, or its number as typed. */
export function shown(v: Plain): string {
  const t = cellText(v);
  return t === null ? "" : t;
}
