import ExcelJS from "exceljs";
import type { PlanDocument } from "../../domain/plan/model.ts";
import { OUTLOOKS } from "../../domain/plan/model.ts";
import {
  ACHIEVEMENT,
  ACTUAL,
  DEPARTMENT_SEPARATOR,
  DIRECTION_TEXT,
  INDICATOR_DIRECTION,
  INFO,
  INPUT_CHECK,
  MARK,
  OUTLOOK_TEXT,
  PROJECT_EVALUATION,
  SHEET,
  TREND,
} from "./layout.ts";
import { addMeasureSheet } from "./measure-sheet.ts";
import { HEADER_FILL, put } from "./sheet-tools.ts";
import { writeMeasureEvaluations, writeProjectEvaluations } from "./write-evaluation-sheets.ts";
import { writeActivities, writeInputs, writeOutcomes, writeProjects } from "./write-project-sheets.ts";
import {
  writeBaseline,
  writeDiagnostics,
  writeMeasures,
  writePolicies,
  writeSdgs,
} from "./write-structure-sheets.ts";
import { wareki } from "./write-table.ts";

export interface WorkbookMeta {
  city: string;
  /** Written on the 情報 sheet, so a re-import finds the city even when another has the same name. */
  cityCode?: string;
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

function writeInfo(wb: ExcelJS.Workbook, plan: PlanDocument, meta: WorkbookMeta): void {
  const sheet = wb.addWorksheet(SHEET.info);
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 90;
  const rows: [string, string | null][] = [
    ["項目", "内容"],
    [INFO.format, plan.format],
    [INFO.city, meta.city],
    ...(meta.cityCode ? ([[INFO.cityCode, meta.cityCode]] as [string, string][]) : []),
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
