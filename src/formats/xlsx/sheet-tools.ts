import type ExcelJS from "exceljs";
import { columnLetters, escapeCellText, MONEY_FORMAT, TEXT_FORMAT } from "./layout.ts";

/** What a cell of a flat sheet holds and how it is shown. */
export type ColumnKind =
  /** short text, typed as text (「100」 stays 「100」) */
  | "text"
  /** prose: wrapped, top-aligned, typed as text */
  | "prose"
  /** 千円 */
  | "money"
  /** a plain number (事業番号, 番号, ゴール, 行) */
  | "number";

export interface Column {
  header: string;
  width: number;
  kind: ColumnKind;
  /** A drop-down list of allowed values (the cell may also be left empty). */
  choices?: readonly string[];
  /** Computed when written and never read (達成状況): a grey heading and grey text. */
  derived?: boolean;
}

export type CellInput = string | number | null;

export const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFDDE5F0" },
};
export const LABEL_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFF2F2F2" },
};
/** The text of derived columns. */
const DERIVED_COLOR = "FF555555";
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FF9E9E9E" } };
export const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * A drop-down of allowed values for a whole column below the heading, as one range. (ExcelJS's per-cell
 * `dataValidation` is merged into overlapping ranges when a column passes row 9, so the range is given
 * directly through the worksheet's data-validation list, which ExcelJS's types do not declare.)
 */
function addChoices(
  sheet: ExcelJS.Worksheet,
  col: string,
  lastRow: number,
  header: string,
  choices: readonly string[],
): void {
  const list = (
    sheet as unknown as { dataValidations?: { add(address: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  list?.add(`${col}2:${col}${lastRow}`, {
    type: "list",
    allowBlank: true,
    formulae: [`"${choices.join(",")}"`],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: header,
    error: `${choices.map((x) => `「${x}」`).join("")}のいずれかを入力してください。`,
  });
}

/** Puts a value into a cell, escaping text so that it reads back exactly. */
export function put(cell: ExcelJS.Cell, value: CellInput): void {
  if (value === null) return;
  cell.value = typeof value === "string" ? escapeCellText(value) : value;
}

/** Estimated height (points) of a row whose cell of `width` characters shows `text` wrapped. */
export function wrappedHeight(
  texts: readonly (string | null)[],
  widths: readonly number[],
  max = 409,
): number {
  let lines = 1;
  texts.forEach((text, i) => {
    if (!text) return;
    const width = Math.max(4, (widths[i] ?? 10) - 1);
    let n = 0;
    for (const paragraph of text.split("\n")) {
      // East Asian characters take about two character widths.
      let w = 0;
      for (const ch of paragraph) w += (ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1;
      n += Math.max(1, Math.ceil(w / width));
    }
    lines = Math.max(lines, n);
  });
  return Math.min(max, Math.max(18, lines * 15 + 4));
}

/** Rows below the last record that keep the drop-downs, for records a user adds. */
const SPARE_ROWS = 1000;

/** A flat sheet: headings in row 1 (bold, filled, frozen, with an auto filter), one record per row below. */
export function addFlatSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  rows: readonly (readonly CellInput[])[],
): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    properties: { defaultRowHeight: 18 },
  });
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    put(cell, c.header);
    cell.font = c.derived ? { bold: true, color: { argb: DERIVED_COLOR } } : { bold: true };
    cell.fill = c.derived ? LABEL_FILL : HEADER_FILL;
    cell.border = BOX;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  header.height = 22;
  if (columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
  columns.forEach((c, i) => {
    if (c.choices) addChoices(sheet, columnLetters(i + 1), rows.length + 1 + SPARE_ROWS, c.header, c.choices);
  });
  const widths = columns.map((c) => c.width);
  rows.forEach((values, k) => {
    const row = sheet.getRow(k + 2);
    const wrapped: (string | null)[] = [];
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i] ?? null;
      put(cell, v);
      switch (c.kind) {
        case "money":
          cell.numFmt = MONEY_FORMAT;
          break;
        case "number":
          cell.alignment = { vertical: "top", horizontal: "right" };
          break;
        case "prose":
          cell.numFmt = TEXT_FORMAT;
          cell.alignment = { vertical: "top", wrapText: true };
          break;
        case "text":
          cell.numFmt = TEXT_FORMAT;
          cell.alignment = { vertical: "top", wrapText: true };
          break;
      }
      if (c.derived) cell.font = { color: { argb: DERIVED_COLOR } };
      wrapped.push(c.kind === "prose" || c.kind === "text" ? (typeof v === "string" ? v : null) : null);
    });
    row.height = wrappedHeight(wrapped, widths, 150);
  });
  return sheet;
}
