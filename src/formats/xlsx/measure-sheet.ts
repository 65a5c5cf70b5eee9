import type ExcelJS from "exceljs";
import { ASPECT_LABELS, MEASURE_RATING_LABELS, OUTLOOK_LABELS } from "../../domain/labels.ts";
import { formatClassification } from "../../domain/plan/classification.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type {
  FiscalYearKey,
  InputField,
  Measure,
  MeasureEvaluation,
  Outlook,
  Policy,
  Project,
  ProjectEvaluation,
  Rating,
} from "../../domain/plan/model.ts";
import { EVALUATION_ASPECTS, sortedYears } from "../../domain/plan/model.ts";
import { MONEY_FORMAT, STATUS_TEXT } from "./layout.ts";
import { BOX, HEADER_FILL, LABEL_FILL, put, wrappedHeight } from "./sheet-tools.ts";

const NONE = "—";

const INPUT_ROWS: readonly { field: InputField; label: string; group?: string }[] = [
  { field: "total", label: "年度別事業費" },
  { field: "nationalPrefectural", label: "国・県支出金", group: "特定財源" },
  { field: "localBonds", label: "地方債", group: "特定財源" },
  { field: "otherEarmarked", label: "その他", group: "特定財源" },
  { field: "generalRevenue", label: "一般財源" },
];

/** The label of the 投入指標 heading cell, so that readers of the sheet (and tests) can find the table. */
export const INPUTS_HEADING = "投入指標（千円）";
export const ACTIVITY_HEADING = "活動目標 指標名";
/** The band above the 事務事業評価 of one fiscal year: 「事務事業評価（令和6年度）」. */
export const projectEvaluationHeading = (fy: FiscalYearKey) =>
  `事務事業評価（${formatWarekiFiscalYear(fy)}）`;
/** The band above the 施策評価 of one fiscal year: 「施策評価（令和6年度）」. */
export const measureEvaluationHeading = (fy: FiscalYearKey) => `施策評価（${formatWarekiFiscalYear(fy)}）`;
const NOT_YET = "二次評価はまだありません。";

/**
 * One sheet per 施策 laying out its 事務事業 as the printed book does: per project the header
 * (事務事業名, 所管課, 新規・継続, 事業優先順位, 会計・款・項・目, 市長公約事項), 事業概要, the 投入指標
 * table by fiscal year, 目的, the year's 目標, the activity indicators and 特記事項, and the 事務事業評価
 * of each fiscal year evaluated, a page per project; the measure's 施策評価 above its projects.
 * For reading and printing only; the reader does not read it.
 */
export function addMeasureSheet(
  wb: ExcelJS.Workbook,
  name: string,
  policy: Policy,
  measure: Measure,
  fiscalYear: number,
): ExcelJS.Worksheet {
  const years = sortedYears(
    measure.projects.flatMap((p) => [
      ...Object.keys(p.inputs),
      ...p.activityIndicators.flatMap((a) => Object.keys(a.targets)),
    ]),
  );
  // Columns: A–C labels, then one per fiscal year (at least up to F, for the header cells).
  const firstYearCol = 4;
  const lastCol = Math.max(6, firstYearCol + years.length - 1);
  const sheet = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&P / &N" },
    views: [{ showGridLines: false }],
  });
  const widths = [13, 15, 24, ...Array.from({ length: lastCol - 3 }, () => 15)];
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  const spanWidth = (from: number, to: number) => widths.slice(from - 1, to).reduce((a, b) => a + b, 0);

  let r = 1;
  const cell = (row: number, col: number) => sheet.getCell(row, col);
  const merge = (row: number, from: number, to: number, rowTo = row) => {
    if (to > from || rowTo > row) sheet.mergeCells(row, from, rowTo, to);
  };
  const label = (row: number, from: number, to: number, text: string, rowTo = row) => {
    merge(row, from, to, rowTo);
    const c = cell(row, from);
    put(c, text);
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    for (let rr = row; rr <= rowTo; rr++) for (let cc = from; cc <= to; cc++) cell(rr, cc).border = BOX;
  };
  const value = (
    row: number,
    from: number,
    to: number,
    v: string | number | null,
    opts: { center?: boolean; bold?: boolean; wrap?: boolean } = {},
  ) => {
    merge(row, from, to);
    const c = cell(row, from);
    put(c, v ?? NONE);
    if (typeof v === "number") c.numFmt = MONEY_FORMAT;
    if (opts.bold) c.font = { bold: true };
    c.alignment = {
      vertical: opts.wrap ? "top" : "middle",
      horizontal: typeof v === "number" ? "right" : opts.center || v === null ? "center" : "left",
      wrapText: opts.wrap ?? false,
    };
    for (let cc = from; cc <= to; cc++) cell(row, cc).border = BOX;
  };
  const prose = (text: string | null, caption: string) => {
    label(r, 1, 1, caption);
    cell(r, 1).fill = LABEL_FILL;
    value(r, 2, lastCol, text, { wrap: true });
    sheet.getRow(r).height = wrappedHeight([text], [spanWidth(2, lastCol)]);
    r++;
  };

  // The band printed above each project sheet.
  merge(r, 1, lastCol);
  put(cell(r, 1), `施策 ${measure.code}　${measure.title}`);
  cell(r, 1).font = { bold: true, size: 14 };
  sheet.getRow(r).height = 24;
  r++;
  merge(r, 1, lastCol);
  put(
    cell(r, 1),
    `政策 ${policy.code}　${policy.title}　／　所管 ${measure.leadDepartment ?? NONE}` +
      (measure.relatedDepartments.length > 0 ? `　関連 ${measure.relatedDepartments.join("、")}` : ""),
  );
  cell(r, 1).font = { size: 10, color: { argb: "FF555555" } };
  r += 2;

  const measureEvaluations = measure.evaluations ?? {};
  for (const fy of sortedYears(Object.keys(measureEvaluations))) {
    const e = measureEvaluations[fy];
    if (!e) continue;
    writeMeasureEvaluation(fy, e);
    r++;
  }

  if (measure.projects.length === 0) {
    merge(r, 1, lastCol);
    put(cell(r, 1), "この施策に事務事業はありません。");
    return sheet;
  }

  for (const project of measure.projects) {
    writeProject(project);
    sheet.getRow(r - 1).addPageBreak();
    r++;
  }
  return sheet;

  function writeProject(p: Project) {
    // Header: 事務事業名 | 所管課 | 新規・継続 | 事業優先順位
    label(r, 1, 3, "事務事業名");
    label(r, 4, 4, "所管課");
    label(r, 5, 5, "新規・継続");
    label(r, 6, lastCol, "事業優先順位");
    r++;
    value(r, 1, 3, p.name, { bold: true });
    value(r, 4, 4, p.leadDepartment, { center: true });
    value(r, 5, 5, STATUS_TEXT[p.status], { center: true });
    value(r, 6, lastCol, p.priority, { center: true });
    sheet.getRow(r).height = wrappedHeight([p.name], [spanWidth(1, 3)]);
    r++;
    label(r, 1, 5, "会計・款・項・目");
    label(r, 6, lastCol, "市長公約事項");
    r++;
    value(r, 1, 5, formatClassification(p.classification));
    value(r, 6, lastCol, p.mayoralPledge === null ? null : p.mayoralPledge ? "2:有" : "1:無", {
      center: true,
    });
    r++;
    if (p.budgetOnly) {
      merge(r, 1, lastCol);
      put(cell(r, 1), "予算のみの掲載（事業シートなし）");
      cell(r, 1).font = { italic: true, color: { argb: "FF555555" } };
      r++;
    }
    prose(p.summary, "事業概要");

    // 投入指標
    label(r, 1, 3, INPUTS_HEADING);
    years.forEach((fy, k) => {
      label(r, firstYearCol + k, firstYearCol + k, formatWarekiFiscalYear(fy));
    });
    r++;
    const groupStart = r + INPUT_ROWS.findIndex((x) => x.group);
    const groupEnd = r + INPUT_ROWS.length - 1 - [...INPUT_ROWS].reverse().findIndex((x) => x.group);
    for (const row of INPUT_ROWS) {
      if (row.group) {
        if (r === groupStart) label(r, 1, 1, row.group, groupEnd);
        label(r, 2, 3, row.label);
      } else {
        label(r, 1, 3, row.label);
      }
      years.forEach((fy: FiscalYearKey, k) => {
        const i = p.inputs[fy];
        value(r, firstYearCol + k, firstYearCol + k, i ? i[row.field] : null);
      });
      for (let k = 0; k < 3; k++) cell(r, k + 1).fill = LABEL_FILL;
      r++;
    }

    prose(p.purpose, "目的");
    prose(p.yearGoals, `${formatWarekiFiscalYear(fiscalYear)}の目標`);

    // 活動目標
    label(r, 1, 2, ACTIVITY_HEADING);
    label(r, 3, 3, "単位");
    years.forEach((fy, k) => {
      label(r, firstYearCol + k, firstYearCol + k, formatWarekiFiscalYear(fy));
    });
    r++;
    if (p.activityIndicators.length === 0) {
      value(r, 1, lastCol, null);
      r++;
    }
    for (const a of p.activityIndicators) {
      value(r, 1, 2, a.name, { wrap: true });
      value(r, 3, 3, a.unit ?? "", { center: true });
      years.forEach((fy, k) => {
        value(r, firstYearCol + k, firstYearCol + k, a.targets[fy]?.text ?? null, { center: true });
      });
      sheet.getRow(r).height = wrappedHeight([a.name], [spanWidth(1, 2)]);
      r++;
    }
    prose(p.notes, "特記事項");

    const evaluations = p.evaluations ?? {};
    for (const fy of sortedYears(Object.keys(evaluations))) {
      const e = evaluations[fy];
      if (e) writeProjectEvaluation(fy, e);
    }
  }

  /** 事務事業評価 of one year: the four aspects 一次 and 二次 side by side, the outlooks, the texts. */
  function writeProjectEvaluation(fy: FiscalYearKey, e: ProjectEvaluation) {
    const second = e.secondary;
    label(r, 1, lastCol, projectEvaluationHeading(fy));
    r++;
    label(r, 1, 1, "観点");
    label(r, 2, 2, "一次評価");
    label(r, 3, 3, "理由");
    label(r, 4, 4, "二次評価");
    label(r, 5, lastCol, "理由");
    r++;
    for (const aspect of EVALUATION_ASPECTS) {
      const self = e.self.aspects[aspect];
      const other = second?.aspects[aspect];
      label(r, 1, 1, ASPECT_LABELS[aspect]);
      cell(r, 1).fill = LABEL_FILL;
      value(r, 2, 2, self.rating, { center: true });
      value(r, 3, 3, self.reason, { wrap: true });
      value(r, 4, 4, other?.rating ?? null, { center: true });
      value(r, 5, lastCol, other?.reason ?? null, { wrap: true });
      sheet.getRow(r).height = wrappedHeight(
        [self.reason, other?.reason ?? null],
        [spanWidth(3, 3), spanWidth(5, lastCol)],
      );
      r++;
    }
    label(r, 1, 1, "今後の方向性");
    cell(r, 1).fill = LABEL_FILL;
    value(r, 2, 3, outlook(e.self.outlook), { center: true });
    value(r, 4, lastCol, outlook(second?.outlook ?? null), { center: true });
    r++;
    prose(e.self.changes, "改善内容");
    prose(second ? second.comment : NOT_YET, "二次評価コメント");
  }

  /** 施策評価 of one year: the ratings, the department's assessment and next steps, the comment. */
  function writeMeasureEvaluation(fy: FiscalYearKey, e: MeasureEvaluation) {
    label(r, 1, lastCol, measureEvaluationHeading(fy));
    r++;
    label(r, 1, 1, "評価");
    cell(r, 1).fill = LABEL_FILL;
    const rating = (stage: string, x: Rating | null | undefined) =>
      x ? `${stage} ${MEASURE_RATING_LABELS[x]}` : null;
    value(r, 2, 3, rating("一次", e.self.rating), { center: true });
    value(r, 4, lastCol, rating("二次", e.secondary?.rating), { center: true });
    r++;
    prose(e.self.assessment, "評価内容");
    prose(e.self.nextSteps, "今後の取り組み");
    prose(e.secondary ? e.secondary.comment : NOT_YET, "二次評価コメント");
  }
}

const outlook = (o: Outlook | null) => (o === null ? null : OUTLOOK_LABELS[o]);
