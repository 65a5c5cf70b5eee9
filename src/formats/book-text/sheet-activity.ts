import { parseIndicatorValue } from "../../domain/plan/indicator-value.ts";
import type { ActivityIndicator, FiscalYearKey, IndicatorValue } from "../../domain/plan/model.ts";
import type { Line } from "./lines.ts";
import { cellText, collapse } from "./prose.ts";
import type { RowProblem } from "./sheet-header.ts";

/**
 * A text that reads as an indicator name rather than a remark: short, no sentence punctuation, no list
 * marker or HTML, no change note (「…年度から」, 「変更」, 「統合」). Decides whether a 特記事項-labelled row
 * without values is an activity indicator (「事務局職員研修」) or the sheet's notes.
 */
export function looksLikeIndicatorName(text: string): boolean {
  const t = collapse(text);
  if (t.length > 30) return false;
  if (/[。、：:「」]|<|^[・･\-①-⑳]/.test(t)) return false;
  if (/年度(から|より|以降)|変更|統合|削除|予定/.test(t)) return false;
  return true;
}

function isValueLike(text: string): boolean {
  const v = parseIndicatorValue(text);
  return v !== null && v.value !== null;
}

/**
 * One activity-indicator row by content: the name, then (when there is one more cell than years) the unit,
 * then one target per fiscal year. The cells' columns are not trusted: the books shift them.
 */
export function readActivityRow(
  line: Line,
  name: string,
  values: string[],
  years: FiscalYearKey[],
): { indicator: ActivityIndicator; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  let unit: string | null = null;
  let targetCells = values;
  const y = years.length;
  if (values.length === y + 1) {
    unit = values[0] ?? null;
    targetCells = values.slice(1);
  } else if (values.length > y + 1) {
    unit = values[values.length - y - 1] ?? null;
    targetCells = values.slice(values.length - y);
    problems.push({
      code: "unparsed-line",
      message: `${line.no}行目: 活動目標「${name}」の列が多すぎます: 「${values.slice(0, values.length - y - 1).join("」「")}」を読み飛ばしました。`,
    });
  } else if (values.length > 0) {
    const [firstValue, ...others] = values as [string, ...string[]];
    if (!isValueLike(firstValue) && others.length > 0 && others.every(isValueLike)) {
      unit = firstValue;
      targetCells = others;
    }
    if (targetCells.length < y) {
      problems.push({
        code: "missing-field",
        message: `${line.no}行目: 活動目標「${name}」の目標値が${targetCells.length}年度分しかありません（${y}年度分の欄があります）。`,
      });
    }
  }
  const targets: Record<FiscalYearKey, IndicatorValue> = {};
  targetCells.forEach((c, k) => {
    const fy = years[k];
    const v = parseIndicatorValue(cellText(c) ?? "");
    if (fy !== undefined && v) targets[fy] = v;
  });
  return { indicator: { name, unit: unit === null ? null : collapse(unit), targets }, problems };
}
