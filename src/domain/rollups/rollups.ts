import { formatLevel } from "../plan/classification.ts";
import type { Classification, FiscalYearKey, Inputs, PlanDocument } from "../plan/model.ts";
import { eachProject, INPUT_FIELDS, sortedYears } from "../plan/model.ts";

/** What a rollup groups projects by. "all" is the whole book. */
export const ROLLUP_DIMENSIONS = [
  "all",
  "measure",
  "department",
  "account",
  "kan",
  "kou",
  "moku",
  "pledge",
  "priority",
] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<RollupDimension, string> = {
  all: "全体",
  measure: "施策別",
  department: "所管課別",
  account: "会計別",
  kan: "款別",
  kou: "項別",
  moku: "目別",
  pledge: "市長公約事項別",
  priority: "事業優先順位別",
};

/** Totals of one group in one fiscal year, in 千円, with the funding-source split. */
export interface RollupRow extends Inputs {
  dimension: RollupDimension;
  key: string;
  label: string;
  fiscalYear: FiscalYearKey;
  /** How many projects print this fiscal year in the group. */
  projects: number;
}

/** Group keys shared by the domain rollup and the SQL rollup (db/), so the two can be compared. */
export function kanKey(c: Classification): string {
  return [c.account, formatLevel(c.kan)].join("・");
}
export function kouKey(c: Classification): string {
  return [c.account, formatLevel(c.kan), formatLevel(c.kou)].join("・");
}
export function mokuKey(c: Classification): string {
  return [c.account, formatLevel(c.kan), formatLevel(c.kou), formatLevel(c.moku)].join("・");
}
export function pledgeLabel(p: boolean | null): string {
  return p === true ? "有" : p === false ? "無" : "記載なし";
}
export function priorityLabel(p: string | null): string {
  return p ?? "記載なし";
}

/**
 * Totals per fiscal year by the given dimension, pure and exact (integer 千円).
 * Rows are sorted by first appearance of the group in the book, then by fiscal year.
 */
export function rollup(plan: PlanDocument, dimension: RollupDimension): RollupRow[] {
  const groups = new Map<string, { label: string; years: Map<FiscalYearKey, RollupRow> }>();
  for (const { measure, project } of eachProject(plan)) {
    const c = project.classification;
    let key: string;
    let label: string;
    switch (dimension) {
      case "all":
        key = "all";
        label = "合計";
        break;
      case "measure":
        key = measure.code;
        label = `${measure.code} ${measure.title}`;
        break;
      case "department":
        key = label = project.leadDepartment;
        break;
      case "account":
        key = label = c.account;
        break;
      case "kan":
        key = label = kanKey(c);
        break;
      case "kou":
        key = label = kouKey(c);
        break;
      case "moku":
        key = label = mokuKey(c);
        break;
      case "pledge":
        key = label = pledgeLabel(project.mayoralPledge);
        break;
      case "priority":
        key = label = priorityLabel(project.priority);
        break;
    }
    let g = groups.get(key);
    if (!g) {
      g = { label, years: new Map() };
      groups.set(key, g);
    }
    for (const [fy, inputs] of Object.entries(project.inputs)) {
      let row = g.years.get(fy);
      if (!row) {
        row = {
          dimension,
          key,
          label,
          fiscalYear: fy,
          projects: 0,
          total: 0,
          nationalPrefectural: 0,
          localBonds: 0,
          otherEarmarked: 0,
          generalRevenue: 0,
        };
        g.years.set(fy, row);
      }
      row.projects++;
      for (const f of INPUT_FIELDS) row[f] += inputs[f];
    }
  }
  const out: RollupRow[] = [];
  for (const g of groups.values()) {
    for (const fy of sortedYears(g.years.keys())) {
      const row = g.years.get(fy);
      if (row) out.push(row);
    }
  }
  return out;
}

/** Every dimension at once. */
export function allRollups(plan: PlanDocument): Record<RollupDimension, RollupRow[]> {
  const out = {} as Record<RollupDimension, RollupRow[]>;
  for (const d of ROLLUP_DIMENSIONS) out[d] = rollup(plan, d);
  return out;
}
