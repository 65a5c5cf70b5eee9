/**
 * The layout of the Hoshin plan workbook (hoshin-plan/1 as .xlsx), shared by the writer and the reader:
 * sheet names, column headings and the encodings of values that have no cell type of their own.
 *
 * The flat sheets are read back; the 「施策…」 sheets are a printed-book view and are only written.
 * Columns of a flat sheet are found by their heading in row 1, never by position, so a user may move
 * columns. Fiscal years are written in 和暦 (「令和6年度」).
 */

import {
  ASPECT_LABELS,
  DIRECTION_LABELS,
  INPUT_LABELS,
  OUTLOOK_LABELS,
  PLEDGE_LABELS,
  PROJECT_STATUS_LABELS,
} from "../../domain/labels.ts";
import type {
  EvaluationAspect,
  IndicatorDirection,
  Outlook,
  ProjectStatus,
  Rating,
  Severity,
} from "../../domain/plan/model.ts";
import { RATINGS } from "../../domain/plan/model.ts";

export const SHEET = {
  info: "情報",
  policies: "政策",
  measures: "施策",
  sdgs: "SDGs",
  outcomes: "成果指標",
  projects: "事務事業",
  inputs: "投入指標",
  activities: "活動指標",
  projectEvaluations: "事務事業評価",
  measureEvaluations: "施策評価",
  diagnostics: "点検結果",
  /** Hidden: what checkPlan found when the workbook was written, and whether the plan listed it. */
  baseline: "点検基準",
} as const;

/** The flat sheets (read back), in the order they are written. */
export const FLAT_SHEETS = [
  SHEET.projects,
  SHEET.inputs,
  SHEET.activities,
  SHEET.outcomes,
  SHEET.policies,
  SHEET.measures,
  SHEET.sdgs,
  SHEET.diagnostics,
] as const;

/**
 * Flat sheets read when present and written after 成果指標. A workbook written before they existed reads
 * as a plan without evaluations, without a finding.
 */
export const OPTIONAL_SHEETS = [SHEET.projectEvaluations, SHEET.measureEvaluations] as const;

/** 千円, thousands separators. */
export const MONEY_FORMAT = "#,##0";
/** Text: what a user types stays as typed (「100」 is not turned into a number). */
export const TEXT_FORMAT = "@";

export const INFO = {
  format: "形式",
  city: "市区町村",
  cityCode: "全国地方公共団体コード",
  fiscalYear: "年度",
  title: "表題",
  note: "説明",
} as const;

export const POLICY = {
  code: "政策コード",
  title: "政策名",
  lead: "所管",
  related: "関連",
  mission: "ミッション",
  missionPoints: "ミッションの要点",
} as const;
/** 方針 n (1-based) of a policy: its title and its text, one column each. */
export const directionTitle = (n: number) => `方針${n}`;
export const directionText = (n: number) => `方針${n}の説明`;
export const DIRECTION_HEADING = /^方針([0-9０-９]+)(の説明)?$/;

export const MEASURE = {
  code: "施策コード",
  policy: "政策コード",
  title: "施策名",
  lead: "所管",
  related: "関連",
  currentIssues: "現状と課題",
  purpose: "方針",
  priorities: "重点方針と目標",
  goalStates: "目標",
  futureActions: "今後の取り組み",
  sectoralPlans: "個別計画",
  notes: "特記事項",
} as const;

export const SDG = {
  measure: "施策コード",
  position: "番号",
  goal: "ゴール",
  title: "ゴール名",
  text: "取り組み",
} as const;

export const OUTCOME = {
  measure: "施策コード",
  position: "番号",
  name: "指標名",
  rationale: "設定理由",
  formula: "算式",
  unit: "単位",
  baseline: "計画策定時",
} as const;
export const PLANNED = "計画";
export const ACTUAL = "実績";

/**
 * 評価の向き of an indicator (成果指標 always, 活動指標 when the plan has evaluation data): 「高いほど良い」,
 * 「低いほど良い」, or empty when the direction is judged from the targets (以上/以下). Not required:
 * a workbook without the column reads as having no directions.
 */
export const INDICATOR_DIRECTION = "評価の向き";
export const DIRECTION_TEXT: Record<IndicatorDirection, string> = DIRECTION_LABELS;

/**
 * Derived columns, computed when the workbook is written and never read: the 達成状況 of a year
 * (「令和3年度達成状況」: 「達成（183.5%）」) and the actual against the baseline (「令和3年度計画策定時比」:
 * 改善・横ばい・悪化), on rows with an actual for that year.
 */
export const ACHIEVEMENT = "達成状況";
export const TREND = "計画策定時比";
/** A heading of a derived column, with or without its fiscal year. */
export const DERIVED_HEADING = new RegExp(`(${ACHIEVEMENT}|${TREND})$`);

export const PROJECT = {
  number: "事業番号",
  measure: "施策コード",
  name: "事務事業名",
  lead: "所管課",
  status: "新規・継続",
  priority: "事業優先順位",
  account: "会計",
  kanNumber: "款番号",
  kanName: "款名",
  kouNumber: "項番号",
  kouName: "項名",
  mokuNumber: "目番号",
  mokuName: "目名",
  pledge: "市長公約事項",
  budgetOnly: "予算のみ",
  summary: "事業概要",
  purpose: "目的",
  yearGoals: "年度目標",
  notes: "特記事項",
} as const;

export const INPUT = {
  number: "事業番号",
  name: "事務事業名",
  fiscalYear: "年度",
  ...INPUT_LABELS,
} as const;

/**
 * Columns of 投入指標 written when the plan has evaluation data, read when present: 決算額 (千円) and
 * 見込み (○: the year's inputs are an estimate carried by a rollover). A row whose five amounts are all
 * empty but which has a 決算額 or 見込み carries no inputs for its year (a 決算額 of a year outside the
 * plan's years, as a rollover leaves it).
 */
export const INPUT_CHECK = {
  settled: "決算額",
  estimated: "見込み",
} as const;

export const ACTIVITY = {
  number: "事業番号",
  name: "事務事業名",
  position: "番号",
  indicator: "指標名",
  unit: "単位",
} as const;

/** 一次評価 (the department's) and 二次評価 (the planning division's). */
export type EvaluationStage = "self" | "secondary";
export const STAGE_TEXT: Record<EvaluationStage, string> = { self: "一次", secondary: "二次" };

/** 事務事業評価: one row per project and fiscal year evaluated. */
export const PROJECT_EVALUATION = {
  number: "事業番号",
  /** For the reader's eye: rows are joined by 事業番号. */
  name: "事務事業名",
  fiscalYear: "年度",
  selfOutlook: "一次 今後の方向性",
  changes: "改善内容",
  /** ○ when there is a 二次評価, even one whose fields are all empty. */
  secondary: "二次評価あり",
  secondaryOutlook: "二次 今後の方向性",
  comment: "二次評価コメント",
} as const;
/** 「一次 必要性 評価」 (A/B/C) */
export const aspectRatingHeading = (stage: EvaluationStage, aspect: EvaluationAspect) =>
  `${STAGE_TEXT[stage]} ${ASPECT_LABELS[aspect]} 評価`;
/** 「二次 効率性 理由」 */
export const aspectReasonHeading = (stage: EvaluationStage, aspect: EvaluationAspect) =>
  `${STAGE_TEXT[stage]} ${ASPECT_LABELS[aspect]} 理由`;

/** 施策評価: one row per measure and fiscal year evaluated. */
export const MEASURE_EVALUATION = {
  measure: "施策コード",
  /** For the reader's eye: rows are joined by 施策コード. */
  title: "施策名",
  fiscalYear: "年度",
  selfRating: "一次 評価",
  assessment: "一次 評価内容",
  nextSteps: "一次 今後の取り組み",
  /** ○ when there is a 二次評価, even one whose fields are all empty. */
  secondary: "二次評価あり",
  secondaryRating: "二次 評価",
  comment: "二次評価コメント",
} as const;

/** A rating as written: 「A」, 「B」, 「C」. */
export const RATING_TEXT: readonly Rating[] = RATINGS;
/** 今後の方向性 as written: 拡充・継続・改善・縮小・廃止・完了. */
export const OUTLOOK_TEXT: Record<Outlook, string> = OUTLOOK_LABELS;

export const DIAGNOSTIC = {
  severity: "重要度",
  code: "コード",
  message: "メッセージ",
  line: "行",
  project: "事務事業",
  fiscalYear: "年度",
} as const;

export const BASELINE = {
  code: "コード",
  project: "事務事業",
  fiscalYear: "年度",
  /** ○ when the plan's diagnostics (点検結果) list the finding; empty when the plan leaves it out. */
  listed: "点検結果に記載",
} as const;

export const STATUS_TEXT: Record<ProjectStatus, string> = PROJECT_STATUS_LABELS;
export const SEVERITY_TEXT: Record<Severity, string> = { error: "エラー", warning: "警告", info: "情報" };
/** 市長公約事項: true / false; an empty cell is null (not printed). */
export const PLEDGE_TEXT = PLEDGE_LABELS;
/** A ticked cell. */
export const MARK = "○";
/** 予算のみ: true; an empty cell is false. */
export const BUDGET_ONLY_MARK = MARK;
/** A diagnostic whose `line` is present but null. An empty 行 cell means the key is absent. */
export const NO_LINE = "—";
/** List items of one cell (priorities, goalStates, missionPoints): one per line. */
export const LIST_SEPARATOR = "\n";
/** Departments of one cell: 「市民課、全課」. */
export const DEPARTMENT_SEPARATOR = "、";

/**
 * A string as stored in the xlsx XML. ExcelJS drops control characters and reads 「_xHHHH_」 as the
 * character HHHH; escaping both (the underscore of a literal 「_xHHHH_」 as 「_x005F_」) keeps every text exact.
 * Carriage returns are escaped too, since XML turns 「\r\n」 into 「\n」.
 */
export function escapeCellText(text: string): string {
  return text.replace(/_(?=x[0-9A-F]{4}_)/g, "_x005F_").replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being escaped
    /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\u007F]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/** Column number → letters: 1 → A, 28 → AB. */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
