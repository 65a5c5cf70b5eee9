import ExcelJS from "exceljs";
import {
  ACHIEVEMENT_LABELS,
  type Achievement,
  assessActivity,
  assessOutcome,
  formatRate,
} from "../../domain/evaluation/achievement.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type {
  AspectRatings,
  ClassificationLevel,
  Diagnostic,
  FiscalYearKey,
  Outlook,
  PlanDocument,
} from "../../domain/plan/model.ts";
import {
  EVALUATION_ASPECTS,
  eachProject,
  INPUT_FIELDS,
  OUTLOOKS,
  sortedYears,
} from "../../domain/plan/model.ts";
import { baselineRows } from "./baseline.ts";
import {
  ACHIEVEMENT,
  ACTIVITY,
  ACTUAL,
  aspectRatingHeading,
  aspectReasonHeading,
  BASELINE,
  BUDGET_ONLY_MARK,
  DEPARTMENT_SEPARATOR,
  DIAGNOSTIC,
  DIRECTION_TEXT,
  directionText,
  directionTitle,
  type EvaluationStage,
  INDICATOR_DIRECTION,
  INFO,
  INPUT,
  INPUT_CHECK,
  LIST_SEPARATOR,
  MARK,
  MEASURE,
  MEASURE_EVALUATION,
  NO_LINE,
  OUTCOME,
  OUTLOOK_TEXT,
  PLANNED,
  PLEDGE_TEXT,
  POLICY,
  PROJECT,
  PROJECT_EVALUATION,
  RATING_TEXT,
  SDG,
  SEVERITY_TEXT,
  SHEET,
  STATUS_TEXT,
  TREND,
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
 * 事務事業評価, 施策評価, 政策, 施策, SDGs, 点検結果 — that readPlanWorkbook reads back into exactly
 * this plan.
 *
 * A plan with evaluation data (any 決算額, 見込み, activity 実績 or 評価の向き, evaluation) gets the
 * columns for it on 投入指標 (決算額, 見込み) and 活動指標 (評価の向き, 実績 per year, 達成状況); a plan
 * without any is written with those sheets exactly as before. 成果指標 always has 評価の向き, and
 * 達成状況 and 計画策定時比 for the years with an actual. The two evaluation sheets are always written,
 * empty when there is no evaluation, so that they can be filled in.
 */
export async function writePlanWorkbook(plan: PlanDocument, meta: WorkbookMeta): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Hoshin";
  wb.title = plan.title ?? "";

  writeInfo(wb, plan, meta);
  writeMeasureSheets(wb, plan, meta);
  const check = hasCheckData(plan);
  writeProjects(wb, plan);
  writeInputs(wb, plan, check);
  writeActivities(wb, plan, check);
  writeOutcomes(wb, plan);
  writeProjectEvaluations(wb, plan);
  writeMeasureEvaluations(wb, plan);
  writePolicies(wb, plan);
  writeMeasures(wb, plan);
  writeSdgs(wb, plan);
  writeDiagnostics(wb, plan.diagnostics);
  writeBaseline(wb, plan);

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

const wareki = (fy: FiscalYearKey | number) => formatWarekiFiscalYear(fy);

const some = (record: Record<string, unknown> | undefined) =>
  record !== undefined && Object.keys(record).length > 0;

/** Whether the plan has any data of the evaluation (Check) beyond the outcome actuals every plan prints. */
export function hasCheckData(plan: PlanDocument): boolean {
  for (const policy of plan.policies) {
    for (const m of policy.measures) {
      if (some(m.evaluations) || m.outcomeIndicators.some((o) => o.direction !== undefined)) return true;
      for (const p of m.projects) {
        if (some(p.settled) || (p.estimatedYears?.length ?? 0) > 0 || some(p.evaluations)) return true;
        if (p.activityIndicators.some((a) => some(a.actual) || a.direction !== undefined)) return true;
      }
    }
  }
  return false;
}

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

const byYear = (list: readonly Achievement[]) => new Map(list.map((a) => [a.fiscalYear, a]));

const derivedColumns = (years: readonly FiscalYearKey[], label: string): Column[] =>
  years.map((fy) => ({ header: `${wareki(fy)}${label}`, width: 16, kind: "text", derived: true }));

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
    `「${SHEET.projects}」「${SHEET.inputs}」「${SHEET.activities}」「${SHEET.outcomes}」「${SHEET.projectEvaluations}」「${SHEET.measureEvaluations}」「${SHEET.policies}」「${SHEET.measures}」「${SHEET.sdgs}」「${SHEET.diagnostics}」の各シートを編集して取り込めます。列は1行目の見出しで読みますので、見出しは変えないでください。`,
    "「施策…」の各シートは閲覧・印刷用で、取り込み時には読みません。",
    "金額は千円単位の整数で入力してください。年度は「令和6年度」のように入力します。",
    `一覧の項目（重点方針と目標、目標、ミッションの要点）は1行に1項目、関連部署は「${DEPARTMENT_SEPARATOR}」で区切ります。`,
    `「${ACHIEVEMENT}」「${TREND}」の列（灰色の見出し）は書き出した時点の計算結果で、取り込み時には読みません。`,
    `評価は A・B・C、今後の方向性は${OUTLOOKS.map((o) => `「${OUTLOOK_TEXT[o]}」`).join("")}で入力します。${INDICATOR_DIRECTION}は「${DIRECTION_TEXT.higher}」か「${DIRECTION_TEXT.lower}」で、空欄は目標値の以上・以下から判断します。`,
    `「${SHEET.activities}」の${INDICATOR_DIRECTION}・${ACTUAL}と「${SHEET.inputs}」の${INPUT_CHECK.settled}・${INPUT_CHECK.estimated}の列は、評価のデータがある計画に付きます（ない計画でも、1行目に「${INDICATOR_DIRECTION}」「${wareki(meta.fiscalYear)}${ACTUAL}」「${INPUT_CHECK.settled}」「${INPUT_CHECK.estimated}」の見出しを加えれば入力できます）。`,
    `「${PROJECT_EVALUATION.secondary}」の${MARK}は二次評価があることを示します（欄がすべて空欄でも二次評価ありとして読みます。二次評価の欄に記入があれば${MARK}がなくても読みます）。`,
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

/**
 * 投入指標: a row per project and fiscal year. With evaluation data, also 決算額 and 見込み, and a row
 * (its amounts empty) for a year that has a 決算額 or 見込み but no inputs.
 */
function writeInputs(wb: ExcelJS.Workbook, plan: PlanDocument, check: boolean): void {
  const columns: Column[] = [
    { header: INPUT.number, width: 10, kind: "number" },
    { header: INPUT.name, width: 30, kind: "text" },
    { header: INPUT.fiscalYear, width: 12, kind: "text" },
    ...INPUT_FIELDS.map((f): Column => ({ header: INPUT[f], width: 14, kind: "money" })),
  ];
  if (check) {
    columns.push(
      { header: INPUT_CHECK.settled, width: 14, kind: "money" },
      { header: INPUT_CHECK.estimated, width: 8, kind: "text", choices: [MARK] },
    );
  }
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  let n = 0;
  for (const { project: p } of eachProject(plan)) {
    n++;
    const settled = p.settled ?? {};
    const estimated = new Set(p.estimatedYears ?? []);
    const years = check
      ? sortedYears([...Object.keys(p.inputs), ...Object.keys(settled), ...estimated])
      : sortedYears(Object.keys(p.inputs));
    for (const fy of years) {
      const i = p.inputs[fy];
      if (!i && !check) continue;
      const row: CellInput[] = [n, p.name, wareki(fy), ...INPUT_FIELDS.map((f) => (i ? i[f] : null))];
      if (check) row.push(settled[fy] ?? null, estimated.has(fy) ? MARK : null);
      addRow(row);
    }
  }
  addFlatSheet(wb, SHEET.inputs, columns, rows);
}

/**
 * 活動指標: a row per indicator, its targets by fiscal year (「令和6年度」). With evaluation data, also
 * 評価の向き, the actuals in the same layout (「令和6年度実績」) and, for the years with an actual, the
 * derived 達成状況.
 */
function writeActivities(wb: ExcelJS.Workbook, plan: PlanDocument, check: boolean): void {
  const projects = [...eachProject(plan)].map((e) => e.project);
  const indicators = projects.flatMap((p) => p.activityIndicators);
  const actualYears = sortedYears(indicators.flatMap((a) => Object.keys(a.actual ?? {})));
  const years = sortedYears([...indicators.flatMap((a) => Object.keys(a.targets)), ...actualYears]);
  const columns: Column[] = [
    { header: ACTIVITY.number, width: 10, kind: "number" },
    { header: ACTIVITY.name, width: 26, kind: "text" },
    { header: ACTIVITY.position, width: 6, kind: "number" },
    { header: ACTIVITY.indicator, width: 40, kind: "text" },
    { header: ACTIVITY.unit, width: 8, kind: "text" },
  ];
  if (check) columns.push(directionColumn());
  columns.push(...years.map((fy): Column => ({ header: wareki(fy), width: 12, kind: "text" })));
  if (check) {
    columns.push(
      ...years.map((fy): Column => ({ header: `${wareki(fy)}${ACTUAL}`, width: 13, kind: "text" })),
      ...derivedColumns(actualYears, ACHIEVEMENT),
    );
  }
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  projects.forEach((p, k) => {
    p.activityIndicators.forEach((a, i) => {
      const row: CellInput[] = [k + 1, p.name, i + 1, a.name, a.unit];
      if (check) row.push(a.direction ? DIRECTION_TEXT[a.direction] : null);
      row.push(...years.map((fy) => a.targets[fy]?.text ?? null));
      if (check) {
        const assessed = byYear(assessActivity(a));
        row.push(
          ...years.map((fy) => a.actual?.[fy]?.text ?? null),
          ...actualYears.map((fy) => achievementText(assessed.get(fy))),
        );
      }
      addRow(row);
    });
  });
  addFlatSheet(wb, SHEET.activities, columns, rows);
}

function directionColumn(): Column {
  return {
    header: INDICATOR_DIRECTION,
    width: 13,
    kind: "text",
    choices: [DIRECTION_TEXT.higher, DIRECTION_TEXT.lower],
  };
}

function writeOutcomes(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const measures = plan.policies.flatMap((p) => p.measures);
  const all = measures.flatMap((m) => m.outcomeIndicators);
  const years = sortedYears(all.flatMap((o) => [...Object.keys(o.planned), ...Object.keys(o.actual)]));
  const actualYears = sortedYears(all.flatMap((o) => Object.keys(o.actual)));
  const columns: Column[] = [
    { header: OUTCOME.measure, width: 10, kind: "text" },
    { header: OUTCOME.position, width: 6, kind: "number" },
    { header: OUTCOME.name, width: 36, kind: "text" },
    { header: OUTCOME.rationale, width: 36, kind: "prose" },
    { header: OUTCOME.formula, width: 20, kind: "text" },
    { header: OUTCOME.unit, width: 8, kind: "text" },
    { header: OUTCOME.baseline, width: 11, kind: "text" },
    directionColumn(),
    ...years.map((fy): Column => ({ header: `${wareki(fy)}${PLANNED}`, width: 13, kind: "text" })),
    ...years.map((fy): Column => ({ header: `${wareki(fy)}${ACTUAL}`, width: 13, kind: "text" })),
    ...derivedColumns(actualYears, ACHIEVEMENT),
    ...derivedColumns(actualYears, TREND),
  ];
  const rows: CellInput[][] = [];
  const addRow = (r: CellInput[]) => rows.push(r);
  for (const m of measures) {
    m.outcomeIndicators.forEach((o, i) => {
      const assessed = byYear(assessOutcome(o));
      addRow([
        m.code,
        i + 1,
        o.name,
        o.rationale,
        o.formula,
        o.unit,
        o.baseline?.text ?? null,
        o.direction ? DIRECTION_TEXT[o.direction] : null,
        ...years.map((fy) => o.planned[fy]?.text ?? null),
        ...years.map((fy) => o.actual[fy]?.text ?? null),
        ...actualYears.map((fy) => achievementText(assessed.get(fy))),
        ...actualYears.map((fy) => trendText(assessed.get(fy))),
      ]);
    });
  }
  addFlatSheet(wb, SHEET.outcomes, columns, rows);
}

const outlookText = (o: Outlook | null | undefined) => (o ? OUTLOOK_TEXT[o] : null);
const OUTLOOK_CHOICES = OUTLOOKS.map((o) => OUTLOOK_TEXT[o]);

/** 事務事業評価: a row per project and fiscal year evaluated, 一次評価 then 二次評価. */
function writeProjectEvaluations(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const aspectColumns = (stage: EvaluationStage) =>
    EVALUATION_ASPECTS.flatMap((a): Column[] => [
      { header: aspectRatingHeading(stage, a), width: 9, kind: "text", choices: RATING_TEXT },
      { header: aspectReasonHeading(stage, a), width: 30, kind: "prose" },
    ]);
  const columns: Column[] = [
    { header: PROJECT_EVALUATION.number, width: 10, kind: "number" },
    { header: PROJECT_EVALUATION.name, width: 26, kind: "text" },
    { header: PROJECT_EVALUATION.fiscalYear, width: 12, kind: "text" },
    ...aspectColumns("self"),
    { header: PROJECT_EVALUATION.selfOutlook, width: 12, kind: "text", choices: OUTLOOK_CHOICES },
    { header: PROJECT_EVALUATION.changes, width: 40, kind: "prose" },
    { header: PROJECT_EVALUATION.secondary, width: 9, kind: "text", choices: [MARK] },
    ...aspectColumns("secondary"),
    { header: PROJECT_EVALUATION.secondaryOutlook, width: 12, kind: "text", choices: OUTLOOK_CHOICES },
    { header: PROJECT_EVALUATION.comment, width: 40, kind: "prose" },
  ];
  const aspects = (a: AspectRatings | undefined): CellInput[] =>
    EVALUATION_ASPECTS.flatMap((x) => [a?.[x].rating ?? null, a?.[x].reason ?? null]);
  const rows: CellInput[][] = [];
  let n = 0;
  for (const { project: p } of eachProject(plan)) {
    n++;
    const evaluations = p.evaluations ?? {};
    for (const fy of sortedYears(Object.keys(evaluations))) {
      const e = evaluations[fy];
      if (!e) continue;
      rows.push([
        n,
        p.name,
        fiscalYearText(fy),
        ...aspects(e.self.aspects),
        outlookText(e.self.outlook),
        e.self.changes,
        e.secondary ? MARK : null,
        ...aspects(e.secondary?.aspects),
        outlookText(e.secondary?.outlook),
        e.secondary?.comment ?? null,
      ]);
    }
  }
  addFlatSheet(wb, SHEET.projectEvaluations, columns, rows);
}

/** 施策評価: a row per measure and fiscal year evaluated. */
function writeMeasureEvaluations(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const columns: Column[] = [
    { header: MEASURE_EVALUATION.measure, width: 10, kind: "text" },
    { header: MEASURE_EVALUATION.title, width: 30, kind: "text" },
    { header: MEASURE_EVALUATION.fiscalYear, width: 12, kind: "text" },
    { header: MEASURE_EVALUATION.selfRating, width: 9, kind: "text", choices: RATING_TEXT },
    { header: MEASURE_EVALUATION.assessment, width: 50, kind: "prose" },
    { header: MEASURE_EVALUATION.nextSteps, width: 50, kind: "prose" },
    { header: MEASURE_EVALUATION.secondary, width: 9, kind: "text", choices: [MARK] },
    { header: MEASURE_EVALUATION.secondaryRating, width: 9, kind: "text", choices: RATING_TEXT },
    { header: MEASURE_EVALUATION.comment, width: 50, kind: "prose" },
  ];
  const rows: CellInput[][] = [];
  for (const policy of plan.policies) {
    for (const m of policy.measures) {
      const evaluations = m.evaluations ?? {};
      for (const fy of sortedYears(Object.keys(evaluations))) {
        const e = evaluations[fy];
        if (!e) continue;
        rows.push([
          m.code,
          m.title,
          fiscalYearText(fy),
          e.self.rating,
          e.self.assessment,
          e.self.nextSteps,
          e.secondary ? MARK : null,
          e.secondary?.rating ?? null,
          e.secondary?.comment ?? null,
        ]);
      }
    }
  }
  addFlatSheet(wb, SHEET.measureEvaluations, columns, rows);
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
