import type { CitiesComparison, CityComparison } from "../../domain/comparison/compare.ts";
import { achievementRatio } from "../../domain/comparison/outcomes.ts";
import {
  ACHIEVEMENT_STATUS_LABELS,
  ASPECT_LABELS,
  INPUT_LABELS,
  NO_OUTLOOK_LABEL,
  NO_RATING_LABEL,
  OUTLOOK_LABELS,
} from "../../domain/labels.ts";
import { EVALUATION_ASPECTS, INPUT_FIELDS, OUTLOOKS, RATINGS } from "../../domain/plan/model.ts";
import { type CsvCell, writeCsv } from "../open-data/csv.ts";
import { guardFormulaText } from "../spreadsheet-text.ts";

// The tables of the comparison page as one CSV (formats/open-data/csv.ts: UTF-8 with BOM, CRLF), in long
// form, one figure a row, so that a spreadsheet can pivot it: 年度, 団体コード, 市町村, 表, 区分, 値, 単位.
// Texts that could run as a formula are guarded (formats/spreadsheet-text.ts); the first row of each city
// says how much of its year is approved; a city without a published plan has that row only.

export const COMPARISON_CSV_HEADER = ["年度", "団体コード", "市町村", "表", "区分", "値", "単位"] as const;

export function comparisonCsv(c: CitiesComparison): Uint8Array {
  const rows: CsvCell[][] = [];
  for (const x of c.cities) {
    const row = (table: string, item: string, value: number | null, unit: string) =>
      rows.push([
        Number(c.fiscalYear),
        guardFormulaText(x.city.code),
        guardFormulaText(x.city.name),
        table,
        guardFormulaText(item),
        value,
        unit,
      ]);
    row("公開の状況", x.approvalText, null, "");
    if (!x.published) continue;
    cityRows(x, row);
  }
  return writeCsv(COMPARISON_CSV_HEADER, rows);
}

function cityRows(
  x: CityComparison,
  row: (table: string, item: string, value: number | null, unit: string) => void,
): void {
  for (const f of INPUT_FIELDS) row("財源別の事業費", INPUT_LABELS[f], x.totals[f], "千円");
  row("財源別の事業費", "事務事業数", x.totals.projects, "件");
  for (const f of INPUT_FIELDS) row("人口1人当たりの事業費", INPUT_LABELS[f], x.perCapita[f], "円");
  for (const k of x.byKan) row("款別の事業費", k.label, k.totals.total, "千円");
  for (const p of x.byPolicy) row("政策別の事業費", `政策${p.code} ${p.title}`, p.totals.total, "千円");
  const a = x.achievement;
  row("成果指標の達成状況", "実績のある指標", a.withActual, "件");
  row("成果指標の達成状況", ACHIEVEMENT_STATUS_LABELS.met, a.met, "件");
  row("成果指標の達成状況", ACHIEVEMENT_STATUS_LABELS["not-met"], a.notMet, "件");
  row("成果指標の達成状況", ACHIEVEMENT_STATUS_LABELS["not-comparable"], a.unjudged, "件");
  // The exact ratio (達成 ÷ (達成 + 未達成)); the page rounds it to a tenth of a percent.
  row("成果指標の達成状況", "達成率", achievementRatio(a), "比");
  const e = x.evaluations;
  row("事務事業評価の今後の方向性", "評価シート（承認済）", e.sheets, "件");
  for (const o of OUTLOOKS) row("事務事業評価の今後の方向性", OUTLOOK_LABELS[o], e.outlooks[o], "件");
  row("事務事業評価の今後の方向性", NO_OUTLOOK_LABEL, e.outlooks.none, "件");
  for (const asp of EVALUATION_ASPECTS) {
    for (const r of RATINGS)
      row("事務事業評価の観点別の評価", `${ASPECT_LABELS[asp]} ${r}`, e.ratings[asp][r], "件");
    row("事務事業評価の観点別の評価", `${ASPECT_LABELS[asp]} ${NO_RATING_LABEL}`, e.ratings[asp].none, "件");
  }
}
