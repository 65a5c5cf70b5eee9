import type { FiscalYearKey } from "./model.ts";
import { toHalfWidth } from "./money.ts";

/** 和暦 eras used for fiscal years, newest first. start = Western year of 元年. */
const ERAS = [
  { name: "令和", start: 2019 },
  { name: "平成", start: 1989 },
  { name: "昭和", start: 1926 },
] as const;

/**
 * 令和N年度 = fiscal year 2018 + N. Accepts 「令和6年度」, 「令和元年度」, 「令和６年度」, 「R6」, 「平成30年度」.
 * Returns the Western fiscal year, or null.
 */
export function parseWarekiFiscalYear(text: string): number | null {
  const s = toHalfWidth(text).replace(/\s+/g, "");
  const m = /^(令和|平成|昭和)(元|\d{1,2})年度?$/.exec(s);
  if (m) {
    const era = ERAS.find((e) => e.name === m[1]);
    if (!era) return null;
    const n = m[2] === "元" ? 1 : Number(m[2]);
    if (n < 1) return null;
    return era.start - 1 + n;
  }
  const r = /^R(\d{1,2})$/i.exec(s);
  if (r) return 2018 + Number(r[1]);
  return null;
}

/**
 * A fiscal year as a person types it, wherever a year is typed (the import form, `--year`, `--from`):
 * 「2024」「２０２４年度」 or any 和暦 form of parseWarekiFiscalYear, also without 年度 (「令和7」「R7年度」).
 * Returns the Western fiscal year, or null when the text is not a year.
 */
export function parseFiscalYear(text: string): number | null {
  const s = toHalfWidth(text).replace(/\s+/g, "");
  const western = /^(\d{4})(?:年度?)?$/.exec(s);
  if (western) return Number(western[1]);
  const m = /^(令和|平成|昭和|R|H|S)(元|\d{1,2})(?:年度?)?$/i.exec(s);
  if (!m) return null;
  const era = { R: "令和", H: "平成", S: "昭和" }[(m[1] ?? "").toUpperCase()] ?? m[1];
  return parseWarekiFiscalYear(`${era}${m[2]}年度`);
}

/** 2024 → 「令和6年度」; 2019 → 「令和元年度」; 2018 → 「平成30年度」. */
export function formatWarekiFiscalYear(fiscalYear: number | FiscalYearKey): string {
  const y = Number(fiscalYear);
  if (!Number.isInteger(y)) throw new RangeError(`not a fiscal year: ${fiscalYear}`);
  for (const era of ERAS) {
    if (y >= era.start) {
      const n = y - era.start + 1;
      return `${era.name}${n === 1 ? "元" : n}年度`;
    }
  }
  return `${y}年度`;
}

/** 2024 → 「令和6年度（2024年度）」 for tables that show both. */
export function formatFiscalYearBoth(fiscalYear: number | FiscalYearKey): string {
  return `${formatWarekiFiscalYear(fiscalYear)}（${Number(fiscalYear)}年度）`;
}

/** Every 和暦 fiscal year written in a text, in order: 「令和6年度から令和8年度」 → [2024, 2026]. */
export function findWarekiFiscalYears(text: string): number[] {
  const out: number[] = [];
  for (const m of toHalfWidth(text).matchAll(/(令和|平成|昭和)\s*(元|\d{1,2})\s*年度/g)) {
    const y = parseWarekiFiscalYear(`${m[1]}${m[2]}年度`);
    if (y !== null) out.push(y);
  }
  return out;
}
