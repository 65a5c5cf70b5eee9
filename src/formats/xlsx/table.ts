import type ExcelJS from "exceljs";
import type { Diagnostic, FiscalYearKey, Severity } from "../../domain/plan/model.ts";
import { cellAddress, cellKey, cellText, type Plain, plainValue } from "./cells.ts";

/** What reading the workbook found, each message starting with the sheet and cell it is about. */
export class Findings {
  readonly list: Diagnostic[] = [];

  add(
    severity: Severity,
    code: string,
    where: string | null,
    message: string,
    about: { project?: string | undefined; fiscalYear?: FiscalYearKey | undefined } = {},
  ): void {
    const d: Diagnostic = {
      severity,
      code,
      message: where === null ? message : `${where}: ${message}`,
      line: null,
    };
    if (about.project !== undefined) d.project = about.project;
    if (about.fiscalYear !== undefined) d.fiscalYear = about.fiscalYear;
    this.list.push(d);
  }

  error(code: string, where: string | null, message: string, about?: Parameters<Findings["add"]>[4]) {
    this.add("error", code, where, message, about);
  }

  warning(code: string, where: string | null, message: string, about?: Parameters<Findings["add"]>[4]) {
    this.add("warning", code, where, message, about);
  }
}

/** One record of a flat sheet, its cells found by heading. */
export interface SheetRecord {
  row: number;
  value(heading: string): Plain;
  text(heading: string): string | null;
  key(heading: string): string | null;
  /** 「投入指標!F12」 for the cell under a heading (the heading's column, or column A when it is missing). */
  at(heading: string): string;
}

export interface Table {
  sheet: string;
  /** Each heading of row 1 with its column, left to right. */
  headings: { label: string; col: number; at: string }[];
  records: SheetRecord[];
}

/**
 * Reads a flat sheet: headings in row 1 (first occurrence of each label wins), one record per
 * non-empty row below. A missing heading is reported; its cells then read as empty.
 */
export function readTable(
  ws: ExcelJS.Worksheet,
  sheet: string,
  expected: readonly string[],
  f: Findings,
): Table {
  const headings: Table["headings"] = [];
  const columns = new Map<string, number>();
  const header = ws.getRow(1);
  const lastCol = Math.max(ws.actualColumnCount, ws.columnCount, header.cellCount);
  for (let col = 1; col <= lastCol; col++) {
    const label = cellKey(plainValue(header.getCell(col).value));
    if (label === null) continue;
    const at = cellAddress(sheet, 1, col);
    if (columns.has(label)) {
      f.warning(
        "duplicate-column",
        at,
        `見出し「${label}」の列が複数あります。最初の列（${cellAddress(sheet, 1, columns.get(label) ?? col)}）を読み、この列は読みません。`,
      );
      continue;
    }
    columns.set(label, col);
    headings.push({ label, col, at });
  }
  for (const label of expected) {
    if (!columns.has(label)) {
      f.error(
        "missing-column",
        sheet,
        `見出し「${label}」の列がありません（1行目に見出しを置いてください）。`,
      );
    }
  }

  const records: SheetRecord[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = new Map<string, Plain>();
    let empty = true;
    for (const h of headings) {
      const v = plainValue(row.getCell(h.col).value);
      values.set(h.label, v);
      if (cellText(v) !== null) empty = false;
    }
    if (empty) continue;
    const value = (heading: string): Plain => values.get(heading) ?? null;
    records.push({
      row: r,
      value,
      text: (heading) => cellText(value(heading)),
      key: (heading) => cellKey(value(heading)),
      at: (heading) => cellAddress(sheet, r, columns.get(heading) ?? 1),
    });
  }
  return { sheet, headings, records };
}

/** A position column (番号): a positive whole number, or null (reported) when it is not one. */
export function sortByPosition<T>(items: { position: number | null; row: number; item: T }[]): T[] {
  return [...items]
    .sort(
      (a, b) =>
        (a.position ?? Number.POSITIVE_INFINITY) - (b.position ?? Number.POSITIVE_INFINITY) || a.row - b.row,
    )
    .map((x) => x.item);
}
