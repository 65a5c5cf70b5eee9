/**
 * Counts and totals the staff pages print under their tables, worked out here so that the views only lay
 * them out. Pure.
 */

import type { PlanDiff } from "../cycle/plan-diff.ts";
import type { ReviewState } from "../editing/review.ts";
import type { AchievementCounts } from "../evaluation/achievement.ts";
import { type FiscalYearKey, sortedYears } from "../plan/model.ts";
import type { RollupRow } from "../rollups/rollups.ts";

/** A rollup as a grid: its groups (in first-seen order), its years, each cell and each year's total. */
export interface RollupGrid {
  years: FiscalYearKey[];
  keys: string[];
  label: (key: string) => string;
  cell: (key: string, fiscalYear: FiscalYearKey) => RollupRow | undefined;
  /** 年度別事業費 of each year summed over the groups, in the order of `years`. */
  totals: number[];
}

export function rollupGrid(rows: readonly RollupRow[]): RollupGrid {
  const years = [...new Set(rows.map((r) => r.fiscalYear))].sort();
  const keys = [...new Set(rows.map((r) => r.key))];
  const labels = new Map(rows.map((r) => [r.key, r.label]));
  const at = new Map(rows.map((r) => [`${r.key}\u0000${r.fiscalYear}`, r]));
  return {
    years,
    keys,
    label: (k) => labels.get(k) ?? k,
    cell: (k, fy) => at.get(`${k}\u0000${fy}`),
    totals: years.map((fy) => rows.filter((r) => r.fiscalYear === fy).reduce((n, r) => n + r.total, 0)),
  };
}

/** Each column summed over the rows: the 合計 row of a table of counts. */
export function columnTotals<K extends string>(
  columns: readonly K[],
  rows: readonly Record<K, number>[],
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const c of columns) out[c] = rows.reduce((n: number, r) => n + r[c], 0);
  return out;
}

/** How many sheets of each department are in each review state, departments in Japanese order. */
export interface ReviewCounts {
  departments: string[];
  count: (department: string, state: ReviewState) => number;
}

export function reviewCounts(sheets: readonly { department: string; state: ReviewState }[]): ReviewCounts {
  const departments = [...new Set(sheets.map((s) => s.department))].sort((a, b) => a.localeCompare(b, "ja"));
  const counts = new Map<string, number>();
  for (const s of sheets) {
    const k = `${s.department}\u0000${s.state}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { departments, count: (d, s) => counts.get(`${d}\u0000${s}`) ?? 0 };
}

/** How many indicators were judged met or not met: the denominator of 「達成 3 / 5」. */
export function judgedCount(c: Pick<AchievementCounts, "met" | "notMet">): number {
  return c.met + c.notMet;
}

/** Whether two plans compared show no difference at all in measures or projects. */
export function diffIsEmpty(
  d: Pick<
    PlanDiff,
    | "measuresAdded"
    | "measuresRemoved"
    | "measuresChanged"
    | "projectsAdded"
    | "projectsRemoved"
    | "projectsChanged"
  >,
): boolean {
  return (
    d.measuresAdded.length +
      d.measuresRemoved.length +
      d.measuresChanged.length +
      d.projectsAdded.length +
      d.projectsRemoved.length +
      d.projectsChanged.length ===
    0
  );
}

/** The fiscal years of several rows of amounts by year, in order. */
export function yearsOf(rows: readonly { totals: Record<FiscalYearKey, unknown> }[]): FiscalYearKey[] {
  return sortedYears(rows.flatMap((r) => Object.keys(r.totals)));
}
