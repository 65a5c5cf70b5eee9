import ExcelJS from "exceljs";
import { checkPlan } from "../../domain/checks/check-plan.ts";
import type { PlanDocument } from "../../domain/plan/model.ts";
import { EVALUATION_ASPECTS, emptyPlan, PLAN_FORMAT } from "../../domain/plan/model.ts";
import { cellAddress, cellFiscalYear, cellKey, cellText, plainValue, shown } from "./cells.ts";
import {
  ACTIVITY,
  aspectRatingHeading,
  aspectReasonHeading,
  BASELINE,
  DIAGNOSTIC,
  FLAT_SHEETS,
  INFO,
  INPUT,
  MEASURE,
  MEASURE_EVALUATION,
  OUTCOME,
  POLICY,
  PROJECT,
  PROJECT_EVALUATION,
  SDG,
  SHEET,
} from "./layout.ts";
import { readBaseline, readCarriedDiagnostics, reconcileDiagnostics } from "./read-diagnostics.ts";
import { readMeasureEvaluations, readProjectEvaluations } from "./read-evaluations.ts";
import { readActivities, readInputs, readProjects } from "./read-projects.ts";
import { readMeasures, readOutcomes, readPolicies, readSdgs } from "./read-structure.ts";
import { Findings, readTable, type Table } from "./table.ts";
import { readInWorker } from "./workbook-worker.ts";
import { checkWorkbookZip, WORKBOOK_LIMITS, type WorkbookLimits } from "./zip-guard.ts";

export interface WorkbookReading {
  plan: PlanDocument;
  city: string | null;
  /** The 全国地方公共団体コード on the 情報 sheet (written since issue 12), as typed; null when absent. */
  cityCode: string | null;
  fiscalYear: number | null;
  /**
   * What this reading found (cells it could not read, missing sheets), without the findings the
   * workbook carries on 点検結果 from the import it was exported from.
   */
  findings: PlanDocument["diagnostics"];
}

/**
 * Reads a plan workbook written by writePlanWorkbook (and edited in Excel) back into a PlanDocument.
 * Never throws: a file that is not an xlsx workbook, or not a plan workbook, gives a plan with an error
 * diagnostic; a wrong cell gives a diagnostic naming the sheet and cell (「投入指標!H12: …」). The plan
 * is then checked (checkPlan) so that, say, funding that no longer adds up after an edit is reported.
 * The reading runs in a worker thread within the limits (expanded size, cells, strings, memory, time):
 * a workbook over them gives a `too-large` error naming the limit (「ファイルが大きすぎます（…）」).
 */
export async function readPlanWorkbook(
  bytes: Uint8Array,
  opts: { limits?: Partial<WorkbookLimits> } = {},
): Promise<WorkbookReading> {
  const limits = { ...WORKBOOK_LIMITS, ...opts.limits };
  const early = refuseEarly(bytes);
  if (early) return early;
  const outcome = await readInWorker<WorkbookReading>(bytes, limits);
  if ("reading" in outcome) return outcome.reading;
  if ("refusal" in outcome) return failed(outcome.refusal.code, outcome.refusal.message);
  return failed(
    "reader-failure",
    `Excel ブックの読み取り中に想定外の誤りが起きました（${outcome.failure}）。この内容を開発者に報告してください。`,
  );
}

/** The reading itself, on the calling thread (the worker calls it); the zip is checked first. */
export async function readPlanWorkbookHere(
  bytes: Uint8Array,
  limits: WorkbookLimits = WORKBOOK_LIMITS,
): Promise<WorkbookReading> {
  try {
    return await read(bytes, limits);
  } catch (e) {
    return failed(
      "reader-failure",
      `Excel ブックの読み取り中に想定外の誤りが起きました（${e instanceof Error ? e.message : String(e)}）。この内容を開発者に報告してください。`,
    );
  }
}

function failed(code: string, message: string): WorkbookReading {
  const plan = emptyPlan();
  plan.diagnostics.push({ severity: "error", code, message, line: null });
  return { plan, city: null, cityCode: null, fiscalYear: null, findings: plan.diagnostics };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** An empty file, an old .xls or a file that is not a zip is told without starting a worker. */
function refuseEarly(bytes: Uint8Array): WorkbookReading | null {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    return failed("empty-input", "ファイルが空です。Excel ブック（.xlsx）を選んでください。");
  }
  if (startsWith(bytes, OLE)) {
    return failed(
      "not-xlsx",
      "古い形式の Excel ファイル（.xls）は読めません。Excel で「Excel ブック（.xlsx）」として保存し直してください。",
    );
  }
  if (!startsWith(bytes, ZIP)) {
    return failed(
      "not-xlsx",
      "Excel ブック（.xlsx）ではありません。Hoshin から書き出したブックを選んでください。",
    );
  }
  return null;
}

async function read(bytes: Uint8Array, limits: WorkbookLimits): Promise<WorkbookReading> {
  const early = refuseEarly(bytes);
  if (early) return early;
  const refusal = checkWorkbookZip(bytes, limits);
  if (refusal) return failed(refusal.code, refusal.message);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS declares its own Buffer type; a Node Buffer is what it reads at run time.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Drop-downs and conditional formats are not read: a whole-column range would be expanded cell by cell.
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0], {
      ignoreNodes: ["dataValidations", "conditionalFormatting"],
    });
  } catch (e) {
    return failed(
      "not-xlsx",
      `Excel ブック（.xlsx）として読めません。ファイルが壊れているか、別の形式です（${e instanceof Error ? e.message : String(e)}）。`,
    );
  }

  const sheet = (name: string) => wb.worksheets.find((w) => w.name === name);
  const present = [SHEET.info, ...FLAT_SHEETS].filter((n) => sheet(n) !== undefined);
  if (present.length === 0) {
    return failed(
      "not-plan-workbook",
      `Hoshin の計画ブックではありません（「${SHEET.info}」「${SHEET.projects}」「${SHEET.inputs}」などのシートがありません）。`,
    );
  }

  const f = new Findings();
  for (const name of [SHEET.info, ...FLAT_SHEETS]) {
    if (sheet(name)) continue;
    // Without 点検結果 the plan itself is whole: only the diagnostics it carried are gone.
    if (name === SHEET.diagnostics) {
      f.warning(
        "missing-sheet",
        null,
        `「${name}」シートがありません（これまでの点検結果は引き継ぎません）。`,
      );
    } else f.error("missing-sheet", null, `「${name}」シートがありません。`);
  }
  const table = (name: string, headings: readonly string[]): Table | null => {
    const ws = sheet(name);
    return ws ? readTable(ws, name, headings, f) : null;
  };

  // 情報
  let city: string | null = null;
  let cityCode: string | null = null;
  let fiscalYear: number | null = null;
  let title: string | null = null;
  const info = sheet(SHEET.info);
  if (info) {
    const values = new Map<string, { value: ReturnType<typeof plainValue>; at: string }>();
    for (let r = 1; r <= info.rowCount; r++) {
      const label = cellKey(plainValue(info.getCell(r, 1).value));
      if (label !== null && !values.has(label)) {
        values.set(label, { value: plainValue(info.getCell(r, 2).value), at: cellAddress(SHEET.info, r, 2) });
      }
    }
    const format = values.get(INFO.format);
    const formatText = format ? cellKey(format.value) : null;
    if (formatText !== PLAN_FORMAT) {
      return failed(
        formatText === null ? "not-plan-workbook" : "unsupported-format",
        formatText === null
          ? `Hoshin の計画ブックではありません（「${SHEET.info}」シートに${INFO.format}がありません）。`
          : `${format?.at}: ${INFO.format}「${formatText}」のブックは読めません（${PLAN_FORMAT} のみ）。`,
      );
    }
    city = cellKey(values.get(INFO.city)?.value ?? null);
    cityCode = cellKey(values.get(INFO.cityCode)?.value ?? null);
    const fy = values.get(INFO.fiscalYear);
    if (fy && cellText(fy.value) !== null) {
      fiscalYear = cellFiscalYear(fy.value);
      if (fiscalYear === null) {
        f.error(
          "invalid-fiscal-year",
          fy.at,
          `${INFO.fiscalYear}「${shown(fy.value)}」を読めません。「令和6年度」のように入力してください。`,
        );
      }
    }
    title = cellText(values.get(INFO.title)?.value ?? null);
  }

  const plan: PlanDocument = { format: PLAN_FORMAT, title, policies: [], diagnostics: [] };

  const policyTable = table(SHEET.policies, Object.values(POLICY));
  const policies = policyTable ? readPolicies(policyTable, f) : new Map();
  plan.policies = [...policies.values()];

  const measureTable = table(SHEET.measures, Object.values(MEASURE));
  const measures = measureTable ? readMeasures(measureTable, policies, f) : new Map();

  const sdgTable = table(SHEET.sdgs, Object.values(SDG));
  if (sdgTable) readSdgs(sdgTable, measures, f, SHEET.measures);
  const outcomeTable = table(SHEET.outcomes, Object.values(OUTCOME));
  if (outcomeTable) readOutcomes(outcomeTable, measures, f, SHEET.measures);

  const projectTable = table(SHEET.projects, Object.values(PROJECT));
  const projects = projectTable ? readProjects(projectTable, measures, f, SHEET.measures) : new Map();
  // 事務事業名 on 投入指標 and 活動指標 is for the reader's eye only: rows are joined by 事業番号.
  const inputTable = table(
    SHEET.inputs,
    Object.values(INPUT).filter((h) => h !== INPUT.name),
  );
  if (inputTable) readInputs(inputTable, projects, f, SHEET.projects);
  const activityTable = table(
    SHEET.activities,
    Object.values(ACTIVITY).filter((h) => h !== ACTIVITY.name),
  );
  if (activityTable) readActivities(activityTable, projects, f, SHEET.projects);
  // The evaluation sheets are read when present: a workbook without them has no evaluations. Names
  // (事務事業名, 施策名) are for the reader's eye: rows are joined by 事業番号 and 施策コード.
  const projectEvaluationTable = table(SHEET.projectEvaluations, [
    ...Object.values(PROJECT_EVALUATION).filter((h) => h !== PROJECT_EVALUATION.name),
    ...(["self", "secondary"] as const).flatMap((stage) =>
      EVALUATION_ASPECTS.flatMap((a) => [aspectRatingHeading(stage, a), aspectReasonHeading(stage, a)]),
    ),
  ]);
  if (projectEvaluationTable) readProjectEvaluations(projectEvaluationTable, projects, f, SHEET.projects);
  const measureEvaluationTable = table(
    SHEET.measureEvaluations,
    Object.values(MEASURE_EVALUATION).filter((h) => h !== MEASURE_EVALUATION.title),
  );
  if (measureEvaluationTable) readMeasureEvaluations(measureEvaluationTable, measures, f, SHEET.measures);

  const diagnosticTable = table(SHEET.diagnostics, Object.values(DIAGNOSTIC));
  const carried = diagnosticTable ? readCarriedDiagnostics(diagnosticTable, f) : [];
  const baselineSheet = sheet(SHEET.baseline);
  const baseline = baselineSheet
    ? readBaseline(readTable(baselineSheet, SHEET.baseline, Object.values(BASELINE), f))
    : null;

  plan.diagnostics = reconcileDiagnostics(carried, f.list, checkPlan(plan), baseline);
  return { plan, city, cityCode, fiscalYear, findings: f.list };
}
