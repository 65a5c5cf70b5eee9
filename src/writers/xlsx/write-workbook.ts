import ExcelJS from "exceljs";
import { formatWarekiFiscalYear } from "../../domain/fiscal-year.ts";
import type { ClassificationLevel, Diagnostic, FiscalYearKey, PlanDocument } from "../../domain/plan.ts";
import { eachProject, INPUT_FIELDS, sortedYears } from "../../domain/plan.ts";
import { baselineRows } from "./baseline.ts";
import {
  ACTIVITY,
  ACTUAL,
  BASELINE,
  BUDGET_ONLY_MARK,
  DEPARTMENT_SEPARATOR,
  DIAGNOSTIC,
  directionText,
  directionTitle,
  INFO,
  INPUT,
  LIST_SEPARATOR,
  MARK,
  MEASURE,
  NO_LINE,
  OUTCOME,
  PLANNED,
  PLEDGE_TEXT,
  POLICY,
  PROJECT,
  SDG,
  SEVERITY_TEXT,
  SHEET,
  STATUS_TEXT,
} from "./layout.ts";
import { addMeasureSheet } from "./measure-sheet.ts";
import { addFlatSheet, type CellInput, type Column, HEADER_FILL, put } from "./sheet-tools.ts";

export interface WorkbookMeta {
  city: string;
  fiscalYear: number;
}

/**
 * The plan as an Excel workbook for a city department to work in: a sheet per 施策 laid out like the
 * printed book (for reading and printing), and flat sheets — 事務事業, 投入指標, 活動指標, 成果指標,
 * 政策, 施策, SDGs, 点検結果 — that readPlanWorkbook reads back into exactly this plan.
 */
export async function writePlanWorkbook(plan: PlanDocument, meta: WorkbookMeta): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Hoshin";
  wb.title = plan.title ?? "";

  writeInfo(wb, plan, meta);
  writeMeasureSheets(wb, plan, meta);
  writeProjects(wb, plan);
  writeInputs(wb, plan);
  writeActivities(wb, plan);
  writeOutcomes(wb, plan);
  writePolicies(wb, plan);
  writeMeasures(wb, plan);
  writeSdgs(wb, plan);
  writeDiagnostics(wb, plan.diagnostics);
  writeBaseline(wb, plan);

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

const wareki = (fy: FiscalYearKey | number) => formatWarekiFiscalYear(fy);

function writeInfo(wb: ExcelJS.Workbook, plan: PlanDocument, meta: WorkbookMeta): void {
  const sheet = wb.addWorksheet(SHEET.info);
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 90;
  const rows: [string, string | null][] = [
    ["項目", "内容"],
    [INFO.format, plan.format],
    [INFO.city, meta.city],
    [INFO.fiscalYear, wareki(meta.fiscalYear)],
    [INFO.title, plan.title],
  ];
  rows.forEach(([k, v], i) => {
    const row = sheet.getRow(i + 1);
    put(row.getCell(1), k);
    put(row.getCell(2), v);
    row.getCell(1).font = { bold: true };
    if (i === 0) {
      row.getCell(1).fill = HEADER_FILL;
      row.getCell(2).fill = HEADER_FILL;
      row.getCell(2).font = { bold: true };
    }
  });
  const notes = [
    "このブックは Hoshin の計画（hoshin-plan/1）です。",
    `「${SHEET.projects}」「${SHEET.inputs}」「${SHEET.activities}」「${SHEET.outcomes}」「${SHEET.policies}」「${SHEET.measures}」「${SHEET.sdgs}」「${SHEET.diagnostics}」の各シートを編集して取り込めます。列は1行目の見出しで読みますので、見出しは変えないでください。`,
    "「施策…」の各シートは閲覧・印刷用で、取り込み時には読みません。",
    "金額は千円単位の整数で入力してください。年度は「令和6年度」のように入力します。",
    `一覧の項目（重点方針と目標、目標、ミッションの要点）は1行に1項目、関連部署は「${DEPARTMENT_SEPARATOR}」で区切ります。`,
  ];
  notes.forEach((text, i) => {
    const row = sheet.getRow(rows.length + 2 + i);
    if (i === 0) {
      put(row.getCell(1), INFO.note);
      row.getCell(1).font = { bold: true };
    }
    put(row.getCell(2), text);
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

/** A worksheet name: at most 31 characters, none of : \ / ? * [ ], unique (case-insensitively). */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "施策";
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - `(${n})`.length)}(${n})`;
  taken.add(name.toLowerCase());
  return name;
}

function writeMeasureSheets(wb: ExcelJS.Workbook, plan: PlanDocument, meta: WorkbookMeta): void {
  const taken = new Set<string>([...Object.values(SHEET)].map((s) => s.toLowerCase()));
  for (const policy of plan.policies) {
    for (const measure of policy.measures) {
      addMeasureSheet(wb, sheetName(`施策${measure.code}`, taken), policy, measure, meta.fiscalYear);
    }
  }
}

const level = (l: ClassificationLevel | null): [number | null, string | null] =>
  l === null ? [null, null] : [l.number, l.name];

function writeProjects(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const columns: Column[] = [
    { header: PROJECT.number, width: 10, kind: "number" },
    { header: PROJECT.measure, width: 10, kind: "text" },
    { header: PROJECT.name, width: 30, kind: "text" },
    { header: PROJECT.lead, width: 14, kind: "text" },
    { header: PROJECT.status, width: 10, kind: "text", choices: Object.values(STATUS_TEXT) },
    { header: PROJECT.priority, width: 10, kind: "text" },
    { header: PROJECT.account, width: 12, kind: "text" },
    { header: PROJECT.kanNumber, width: 7, kind: "number" },
    { header: PROJECT.kanName, width: 12, kind: "text" },
    { header: PROJECT.kouNumber, width: 7, kind: "number" },
    { header: PROJECT.kouName, width: 14, kind: "text" },
    { header: PROJECT.mokuNumber, width: 7, kind: "number" },
    { header: PROJECT.mokuName, width: 16, kind: "text" },
    { header: PROJECT.pledge, width: 10, kind: "text", choices: [PLEDGE_TEXT.yes, PLEDGE_TEXT.no] },
    { header: PROJECT.budgetOnly, width: 8, kind: "text", choices: [BUDGET_ONLY_MARK] },
    { header: PROJECT.summary, width: 40, kind: "prose" },
    { header: PROJECT.purpose, width: 40, kind: "prose" },
    { header: PROJECT.yearGoals, width: 40, kind: "prose" },
    { header: PROJECT.notes, width: 40, kind: "prose" },
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  let n = 0;
  for (const { measure, project: p } of eachProject(plan)) {
    n++;
    const c = p.classification;
    addRow([
      n,
      measure.code,
      p.name,
      p.leadDepartment,
      STATUS_TEXT[p.status],
      p.priority,
      c.account,
      ...level(c.kan),
      ...level(c.kou),
      ...level(c.moku),
      p.mayoralPledge === null ? null : p.mayoralPledge ? PLEDGE_TEXT.yes : PLEDGE_TEXT.no,
      p.budgetOnly ? BUDGET_ONLY_MARK : null,
      p.summary,
      p.purpose,
      p.yearGoals,
      p.notes,
    ]);
  }
  addFlatSheet(wb, SHEET.projects, columns, rows);
}

function writeInputs(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const columns: Column[] = [
    { header: INPUT.number, width: 10, kind: "number" },
    { header: INPUT.name, width: 30, kind: "text" },
    { header: INPUT.fiscalYear, width: 12, kind: "text" },
    ...INPUT_FIELDS.map((f): Column => ({ header: INPUT[f], width: 14, kind: "money" })),
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  let n = 0;
  for (const { project: p } of eachProject(plan)) {
    n++;
    for (const fy of sortedYears(Object.keys(p.inputs))) {
      const i = p.inputs[fy];
      if (!i) continue;
      addRow([n, p.name, wareki(fy), ...INPUT_FIELDS.map((f) => i[f])]);
    }
  }
  addFlatSheet(wb, SHEET.inputs, columns, rows);
}

function writeActivities(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const projects = [...eachProject(plan)].map((e) => e.project);
  const years = sortedYears(
    projects.flatMap((p) => p.activityIndicators.flatMap((a) => Object.keys(a.targets))),
  );
  const columns: Column[] = [
    { header: ACTIVITY.number, width: 10, kind: "number" },
    { header: ACTIVITY.name, width: 26, kind: "text" },
    { header: ACTIVITY.position, width: 6, kind: "number" },
    { header: ACTIVITY.indicator, width: 40, kind: "text" },
    { header: ACTIVITY.unit, width: 8, kind: "text" },
    ...years.map((fy): Column => ({ header: wareki(fy), width: 12, kind: "text" })),
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  projects.forEach((p, k) => {
    p.activityIndicators.forEach((a, i) => {
      addRow([k + 1, p.name, i + 1, a.name, a.unit, ...years.map((fy) => a.targets[fy]?.text ?? null)]);
    });
  });
  addFlatSheet(wb, SHEET.activities, columns, rows);
}

function writeOutcomes(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const measures = plan.policies.flatMap((p) => p.measures);
  const all = measures.flatMap((m) => m.outcomeIndicators);
  const years = sortedYears(all.flatMap((o) => [...Object.keys(o.planned), ...Object.keys(o.actual)]));
  const columns: Column[] = [
    { header: OUTCOME.measure, width: 10, kind: "text" },
    { header: OUTCOME.position, width: 6, kind: "number" },
    { header: OUTCOME.name, width: 36, kind: "text" },
    { header: OUTCOME.rationale, width: 36, kind: "prose" },
    { header: OUTCOME.formula, width: 20, kind: "text" },
    { header: OUTCOME.unit, width: 8, kind: "text" },
    { header: OUTCOME.baseline, width: 11, kind: "text" },
    ...years.map((fy): Column => ({ header: `${wareki(fy)}${PLANNED}`, width: 13, kind: "text" })),
    ...years.map((fy): Column => ({ header: `${wareki(fy)}${ACTUAL}`, width: 13, kind: "text" })),
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  for (const m of measures) {
    m.outcomeIndicators.forEach((o, i) => {
      addRow([
        m.code,
        i + 1,
        o.name,
        o.rationale,
        o.formula,
        o.unit,
        o.baseline?.text ?? null,
        ...years.map((fy) => o.planned[fy]?.text ?? null),
        ...years.map((fy) => o.actual[fy]?.text ?? null),
      ]);
    });
  }
  addFlatSheet(wb, SHEET.outcomes, columns, rows);
}

function writePolicies(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const directions = Math.max(1, ...plan.policies.map((p) => p.directions.length));
  const columns: Column[] = [
    { header: POLICY.code, width: 10, kind: "text" },
    { header: POLICY.title, width: 30, kind: "text" },
    { header: POLICY.lead, width: 12, kind: "text" },
    { header: POLICY.related, width: 16, kind: "text" },
    { header: POLICY.mission, width: 50, kind: "prose" },
    { header: POLICY.missionPoints, width: 40, kind: "prose" },
  ];
  for (let n = 1; n <= directions; n++) {
    columns.push({ header: directionTitle(n), width: 30, kind: "prose" });
    columns.push({ header: directionText(n), width: 50, kind: "prose" });
  }
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  for (const p of plan.policies) {
    const cells: CellInput[] = [
      p.code,
      p.title,
      p.leadDepartment,
      joinDepartments(p.relatedDepartments),
      p.mission,
      joinList(p.missionPoints),
    ];
    for (const d of p.directions) cells.push(d.title, d.text);
    addRow(cells);
  }
  addFlatSheet(wb, SHEET.policies, columns, rows);
}

function writeMeasures(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const columns: Column[] = [
    { header: MEASURE.code, width: 10, kind: "text" },
    { header: MEASURE.policy, width: 10, kind: "text" },
    { header: MEASURE.title, width: 36, kind: "text" },
    { header: MEASURE.lead, width: 12, kind: "text" },
    { header: MEASURE.related, width: 16, kind: "text" },
    { header: MEASURE.currentIssues, width: 50, kind: "prose" },
    { header: MEASURE.purpose, width: 50, kind: "prose" },
    { header: MEASURE.priorities, width: 50, kind: "prose" },
    { header: MEASURE.goalStates, width: 40, kind: "prose" },
    { header: MEASURE.futureActions, width: 50, kind: "prose" },
    { header: MEASURE.sectoralPlans, width: 30, kind: "prose" },
    { header: MEASURE.notes, width: 30, kind: "prose" },
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  for (const p of plan.policies) {
    for (const m of p.measures) {
      addRow([
        m.code,
        p.code,
        m.title,
        m.leadDepartment,
        joinDepartments(m.relatedDepartments),
        m.currentIssues,
        m.purpose,
        joinList(m.priorities),
        joinList(m.goalStates),
        m.futureActions,
        m.sectoralPlans,
        m.notes,
      ]);
    }
  }
  addFlatSheet(wb, SHEET.measures, columns, rows);
}

function writeSdgs(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const columns: Column[] = [
    { header: SDG.measure, width: 10, kind: "text" },
    { header: SDG.position, width: 6, kind: "number" },
    { header: SDG.goal, width: 7, kind: "number" },
    { header: SDG.title, width: 30, kind: "text" },
    { header: SDG.text, width: 60, kind: "prose" },
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  for (const p of plan.policies) {
    for (const m of p.measures) {
      m.sdgs.forEach((s, i) => {
        addRow([m.code, i + 1, s.goal, s.title, s.text]);
      });
    }
  }
  addFlatSheet(wb, SHEET.sdgs, columns, rows);
}

function writeDiagnostics(wb: ExcelJS.Workbook, diagnostics: readonly Diagnostic[]): void {
  const columns: Column[] = [
    {
      header: DIAGNOSTIC.severity,
      width: 8,
      kind: "text",
      choices: Object.values(SEVERITY_TEXT),
    },
    { header: DIAGNOSTIC.code, width: 24, kind: "text" },
    { header: DIAGNOSTIC.message, width: 80, kind: "prose" },
    { header: DIAGNOSTIC.line, width: 7, kind: "number" },
    { header: DIAGNOSTIC.project, width: 26, kind: "text" },
    { header: DIAGNOSTIC.fiscalYear, width: 12, kind: "text" },
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  for (const d of diagnostics) {
    addRow([
      SEVERITY_TEXT[d.severity] ?? d.severity,
      d.code,
      d.message === undefined ? null : d.message,
      !("line" in d) || d.line === undefined ? null : d.line === null ? NO_LINE : d.line,
      d.project ?? null,
      d.fiscalYear === undefined ? null : fiscalYearText(d.fiscalYear),
    ]);
  }
  addFlatSheet(wb, SHEET.diagnostics, columns, rows);
}

/** What checkPlan found when the workbook was written, so that reading reports only what changed. */
function writeBaseline(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const columns: Column[] = [
    { header: BASELINE.code, width: 24, kind: "text" },
    { header: BASELINE.project, width: 26, kind: "text" },
    { header: BASELINE.fiscalYear, width: 12, kind: "text" },
    { header: BASELINE.listed, width: 10, kind: "text" },
  ];
  const rows = baselineRows(plan).map((b): CellInput[] => [
    b.code,
    b.project,
    b.fiscalYear === null ? null : fiscalYearText(b.fiscalYear),
    b.listed ? MARK : null,
  ]);
  addFlatSheet(wb, SHEET.baseline, columns, rows).state = "hidden";
}

function fiscalYearText(fy: FiscalYearKey): string {
  return /^\d+$/.test(fy) ? wareki(fy) : fy;
}

function joinList(items: readonly string[]): string | null {
  return items.length === 0 ? null : items.join(LIST_SEPARATOR);
}

function joinDepartments(items: readonly string[]): string | null {
  return items.length === 0 ? null : items.join(DEPARTMENT_SEPARATOR);
}
