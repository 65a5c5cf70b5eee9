import type ExcelJS from "exceljs";
import { ACHIEVEMENT_LABELS, type Achievement, formatRate } from "../../domain/evaluation/achievement.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { FiscalYearKey } from "../../domain/plan/model.ts";
import { DEPARTMENT_SEPARATOR, LIST_SEPARATOR } from "./layout.ts";
import { addFlatSheet, type CellInput, type Column } from "./sheet-tools.ts";

/** A column of a flat sheet and how its cell is made from the sheet's row. */
export interface FlatColumn<R> extends Column {
  cell: (row: R) => CellInput;
}

/** A flat sheet: one row per item, one cell per column. */
export function writeTable<R>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly FlatColumn<R>[],
  rows: readonly R[],
): ExcelJS.Worksheet {
  return addFlatSheet(
    wb,
    name,
    [...columns],
    rows.map((row) => columns.map((c) => c.cell(row))),
  );
}

export const wareki = (fy: FiscalYearKey | number) => formatWarekiFiscalYear(fy);

/** 達成状況 of a year with an actual: 「達成（183.5%）」, 「未達成（87.5%）」, 「達成」 when there is no rate. */
export function achievementText(a: Achievement | undefined): string | null {
  if (!a || a.actual === null) return null;
  const status = ACHIEVEMENT_LABELS.status[a.status];
  return a.rate === null ? status : `${status}（${formatRate(a.rate)}）`;
}

/** 計画策定時比 of a year with an actual: 改善・横ばい・悪化; null without an actual or a baseline. */
export function trendText(a: Achievement | undefined): string | null {
  if (!a || a.actual === null || a.trend === null) return null;
  return ACHIEVEMENT_LABELS.trend[a.trend];
}

export const byYear = (list: readonly Achievement[]) => new Map(list.map((a) => [a.fiscalYear, a]));

export const derivedColumns = (years: readonly FiscalYearKey[], label: string): Column[] =>
  years.map((fy) => ({ header: `${wareki(fy)}${label}`, width: 16, kind: "text", derived: true }));

export function fiscalYearText(fy: FiscalYearKey): string {
  return /^\d+$/.test(fy) ? wareki(fy) : fy;
}

export function joinList(items: readonly string[]): string | null {
  return items.length === 0 ? null : items.join(LIST_SEPARATOR);
}

export function joinDepartments(items: readonly string[]): string | null {
  return items.length === 0 ? null : items.join(DEPARTMENT_SEPARATOR);
}
