import type ExcelJS from "exceljs";
import type { Diagnostic, Measure, PlanDocument, Policy, SdgLink } from "../../domain/plan/model.ts";
import { baselineRows } from "./baseline.ts";
import {
  BASELINE,
  DIAGNOSTIC,
  directionText,
  directionTitle,
  MARK,
  MEASURE,
  NO_LINE,
  POLICY,
  SDG,
  SEVERITY_TEXT,
  SHEET,
} from "./layout.ts";
import { type FlatColumn, fiscalYearText, joinDepartments, joinList, writeTable } from "./write-table.ts";

export function writePolicies(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const directions = Math.max(1, ...plan.policies.map((p) => p.directions.length));
  const columns: FlatColumn<Policy>[] = [
    { header: POLICY.code, width: 10, kind: "text", cell: (p) => p.code },
    { header: POLICY.title, width: 30, kind: "text", cell: (p) => p.title },
    { header: POLICY.lead, width: 12, kind: "text", cell: (p) => p.leadDepartment },
    { header: POLICY.related, width: 16, kind: "text", cell: (p) => joinDepartments(p.relatedDepartments) },
    { header: POLICY.mission, width: 50, kind: "prose", cell: (p) => p.mission },
    { header: POLICY.missionPoints, width: 40, kind: "prose", cell: (p) => joinList(p.missionPoints) },
  ];
  for (let n = 1; n <= directions; n++) {
    columns.push(
      {
        header: directionTitle(n),
        width: 30,
        kind: "prose",
        cell: (p) => p.directions[n - 1]?.title ?? null,
      },
      { header: directionText(n), width: 50, kind: "prose", cell: (p) => p.directions[n - 1]?.text ?? null },
    );
  }
  writeTable(wb, SHEET.policies, columns, plan.policies);
}

interface MeasureRow {
  policy: Policy;
  measure: Measure;
}

const MEASURE_COLUMNS: FlatColumn<MeasureRow>[] = [
  { header: MEASURE.code, width: 10, kind: "text", cell: (r) => r.measure.code },
  { header: MEASURE.policy, width: 10, kind: "text", cell: (r) => r.policy.code },
  { header: MEASURE.title, width: 36, kind: "text", cell: (r) => r.measure.title },
  { header: MEASURE.lead, width: 12, kind: "text", cell: (r) => r.measure.leadDepartment },
  {
    header: MEASURE.related,
    width: 16,
    kind: "text",
    cell: (r) => joinDepartments(r.measure.relatedDepartments),
  },
  { header: MEASURE.currentIssues, width: 50, kind: "prose", cell: (r) => r.measure.currentIssues },
  { header: MEASURE.purpose, width: 50, kind: "prose", cell: (r) => r.measure.purpose },
  { header: MEASURE.priorities, width: 50, kind: "prose", cell: (r) => joinList(r.measure.priorities) },
  { header: MEASURE.goalStates, width: 40, kind: "prose", cell: (r) => joinList(r.measure.goalStates) },
  { header: MEASURE.futureActions, width: 50, kind: "prose", cell: (r) => r.measure.futureActions },
  { header: MEASURE.sectoralPlans, width: 30, kind: "prose", cell: (r) => r.measure.sectoralPlans },
  { header: MEASURE.notes, width: 30, kind: "prose", cell: (r) => r.measure.notes },
];

const measureRows = (plan: PlanDocument): MeasureRow[] =>
  plan.policies.flatMap((policy) => policy.measures.map((measure) => ({ policy, measure })));

export function writeMeasures(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  writeTable(wb, SHEET.measures, MEASURE_COLUMNS, measureRows(plan));
}

interface SdgRow {
  measure: Measure;
  position: number;
  sdg: SdgLink;
}

const SDG_COLUMNS: FlatColumn<SdgRow>[] = [
  { header: SDG.measure, width: 10, kind: "text", cell: (r) => r.measure.code },
  { header: SDG.position, width: 6, kind: "number", cell: (r) => r.position },
  { header: SDG.goal, width: 7, kind: "number", cell: (r) => r.sdg.goal },
  { header: SDG.title, width: 30, kind: "text", cell: (r) => r.sdg.title },
  { header: SDG.text, width: 60, kind: "prose", cell: (r) => r.sdg.text },
];

export function writeSdgs(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const rows = measureRows(plan).flatMap(({ measure }) =>
    measure.sdgs.map((sdg, i) => ({ measure, position: i + 1, sdg })),
  );
  writeTable(wb, SHEET.sdgs, SDG_COLUMNS, rows);
}

const DIAGNOSTIC_COLUMNS: FlatColumn<Diagnostic>[] = [
  {
    header: DIAGNOSTIC.severity,
    width: 8,
    kind: "text",
    choices: Object.values(SEVERITY_TEXT),
    cell: (d) => SEVERITY_TEXT[d.severity] ?? d.severity,
  },
  { header: DIAGNOSTIC.code, width: 24, kind: "text", cell: (d) => d.code },
  {
    header: DIAGNOSTIC.message,
    width: 80,
    kind: "prose",
    cell: (d) => (d.message === undefined ? null : d.message),
  },
  {
    header: DIAGNOSTIC.line,
    width: 7,
    kind: "number",
    cell: (d) => (!("line" in d) || d.line === undefined ? null : d.line === null ? NO_LINE : d.line),
  },
  { header: DIAGNOSTIC.project, width: 26, kind: "text", cell: (d) => d.project ?? null },
  {
    header: DIAGNOSTIC.fiscalYear,
    width: 12,
    kind: "text",
    cell: (d) => (d.fiscalYear === undefined ? null : fiscalYearText(d.fiscalYear)),
  },
];

export function writeDiagnostics(wb: ExcelJS.Workbook, diagnostics: readonly Diagnostic[]): void {
  writeTable(wb, SHEET.diagnostics, DIAGNOSTIC_COLUMNS, diagnostics);
}

type BaselineRow = ReturnType<typeof baselineRows>[number];

const BASELINE_COLUMNS: FlatColumn<BaselineRow>[] = [
  { header: BASELINE.code, width: 24, kind: "text", cell: (b) => b.code },
  { header: BASELINE.project, width: 26, kind: "text", cell: (b) => b.project },
  {
    header: BASELINE.fiscalYear,
    width: 12,
    kind: "text",
    cell: (b) => (b.fiscalYear === null ? null : fiscalYearText(b.fiscalYear)),
  },
  { header: BASELINE.listed, width: 10, kind: "text", cell: (b) => (b.listed ? MARK : null) },
];

/** What checkPlan found when the workbook was written, so that reading reports only what changed. */
export function writeBaseline(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  writeTable(wb, SHEET.baseline, BASELINE_COLUMNS, baselineRows(plan)).state = "hidden";
}
