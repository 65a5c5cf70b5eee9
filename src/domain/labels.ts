/**
 * Every Japanese label of a code, defined once: the staff pages, the printed book, the workbook, the open
 * data, the audit log and the messages all print these. Pure: imports only types of the domain.
 * The modules that used to define them (review.ts, evaluation.ts, achievement.ts, changes.ts,
 * evaluation-rules.ts) re-export them under their old names.
 */
import type { ReviewAction, ReviewState } from "./editing/review.ts";
import type { AchievementStatus, Trend } from "./evaluation/achievement.ts";
import type {
  EvaluationAspect,
  IndicatorDirection,
  InputField,
  Outlook,
  ProjectStatus,
  Rating,
  Severity,
} from "./plan/model.ts";
import type { ApprovalCounts } from "./publication/approval.ts";

// ---------------------------------------------------------------------------------------------------------
// The project sheet

/** 新規・継続 */
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = { continuing: "継続", new: "新規" };
/** In the order the book and the forms list them: 継続, then 新規. */
export const PROJECT_STATUSES: readonly ProjectStatus[] = ["continuing", "new"];

/** 市長公約事項 as the staff pages print it (有 / 無); null is not printed. */
export const PLEDGE_LABELS = { yes: "有", no: "無" } as const;
/** 市長公約事項 as the book prints it, with the book's codes: 「1:無」「2:有」. */
export const PLEDGE_BOOK_LABELS = { yes: "2:有", no: "1:無" } as const;

/** The 投入指標 (funding) fields: 年度別事業費 and its sources. */
export const INPUT_LABELS: Record<InputField, string> = {
  total: "年度別事業費",
  nationalPrefectural: "国・県支出金",
  localBonds: "地方債",
  otherEarmarked: "その他",
  generalRevenue: "一般財源",
};

/** The heading grouping 国・県支出金, 地方債 and その他. */
export const EARMARKED_LABEL = "特定財源";

/** 投入指標 row labels of the staff project page: 「特定財源 国・県支出金」 for the earmarked sources. */
export const INPUT_ROW_LABELS: Record<InputField, string> = {
  total: INPUT_LABELS.total,
  nationalPrefectural: `${EARMARKED_LABEL} ${INPUT_LABELS.nationalPrefectural}`,
  localBonds: `${EARMARKED_LABEL} ${INPUT_LABELS.localBonds}`,
  otherEarmarked: `${EARMARKED_LABEL} ${INPUT_LABELS.otherEarmarked}`,
  generalRevenue: INPUT_LABELS.generalRevenue,
};

/** 投入指標 row labels of the book's compact table of budget-only projects: 「事業費」 for the total. */
export const BUDGET_ROW_LABELS: Record<InputField, string> = { ...INPUT_LABELS, total: "事業費" };

export const SETTLED_LABEL = "決算額";
export const EXECUTION_RATE_LABEL = "執行率";
export const ESTIMATED_LABEL = "見込み";

// ---------------------------------------------------------------------------------------------------------
// Review

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  draft: "作成中",
  submitted: "提出済",
  approved: "承認済",
};

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  submit: "提出",
  return: "差戻し",
  approve: "承認",
};

/** A sheet with no row yet. */
export const MISSING_SHEET_LABEL = "未作成";

/** A field of a sheet left empty. */
export const NOT_ENTERED_LABEL = "未記入";

/** The action of an audit event. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  update: "編集",
  "refused-change": "権限のない変更（拒否）",
  ...REVIEW_ACTION_LABELS,
  import: "取り込み",
  rollover: "繰越",
  delete: "削除",
  "user-add": "利用者の追加",
  "user-change": "利用者の変更",
  "user-unlock": "ログインのロックの解除",
  "user-reset-password": "パスワードの再設定",
  "password-change": "パスワードの変更",
};

/** The severity of a diagnostic as the staff pages show it. */
export const SEVERITY_LABELS: Record<Severity, string> = { error: "誤り", warning: "注意", info: "情報" };

// ---------------------------------------------------------------------------------------------------------
// Publication (what the public API and the open data say about how much of a plan is approved)

const count = (n: number) => n.toLocaleString("ja-JP");

/** 「すべて承認済」 or 「一部のみ承認済（事務事業 2／45件、施策 1／5件）」. */
export function approvalLabel(c: ApprovalCounts): string {
  const full = c.projects.approved === c.projects.total && c.measures.approved === c.measures.total;
  if (full) return "すべて承認済";
  return `一部のみ承認済（事務事業 ${count(c.projects.approved)}／${count(c.projects.total)}件、施策 ${count(c.measures.approved)}／${count(c.measures.total)}件）`;
}

/** What a public total covers: 「承認済の事務事業 2件の合計（計画の全45件の合計ではありません）」. */
export function approvedTotalsLabel(c: ApprovalCounts): string {
  if (c.projects.approved === c.projects.total) {
    return `全事務事業 ${count(c.projects.total)}件の合計（すべて承認済）`;
  }
  return `承認済の事務事業 ${count(c.projects.approved)}件の合計（計画の全${count(c.projects.total)}件の合計ではありません）`;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

/** 必要性・有効性・効率性・公平性 */
export const ASPECT_LABELS: Record<EvaluationAspect, string> = {
  necessity: "必要性",
  effectiveness: "有効性",
  efficiency: "効率性",
  equity: "公平性",
};

/** What each rating means for an aspect of a project. */
export const RATING_MEANINGS: Record<Rating, string> = {
  A: "高い・適切",
  B: "概ね適切",
  C: "低い・見直しが必要",
};

/** 「A（高い・適切）」 */
export const RATING_LABELS: Record<Rating, string> = {
  A: `A（${RATING_MEANINGS.A}）`,
  B: `B（${RATING_MEANINGS.B}）`,
  C: `C（${RATING_MEANINGS.C}）`,
};

/** What each rating means for a measure's progress (施策評価). */
export const MEASURE_RATING_LABELS: Record<Rating, string> = {
  A: "A（順調）",
  B: "B（概ね順調）",
  C: "C（遅れている）",
};

/** No rating chosen. */
export const NO_RATING_LABEL = "未評価";

/** 今後の方向性 */
export const OUTLOOK_LABELS: Record<Outlook, string> = {
  expand: "拡充",
  continue: "継続",
  improve: "改善",
  reduce: "縮小",
  abolish: "廃止",
  complete: "完了",
};

/** No outlook chosen. */
export const NO_OUTLOOK_LABEL = "未選択";

/** 一次評価 (the department's) or 二次評価 (the planning division's). */
export const SIDE_LABELS = { self: "一次評価", secondary: "二次評価" } as const;

// ---------------------------------------------------------------------------------------------------------
// Indicators

/** 評価の向き */
export const DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  higher: "高いほど良い",
  lower: "低いほど良い",
};

/** No 評価の向き set: judged from the targets (以上 / 以下). */
export const DIRECTION_AUTO_LABEL = "目標から判断";

export const ACHIEVEMENT_STATUS_LABELS: Record<AchievementStatus, string> = {
  met: "達成",
  "not-met": "未達成",
  "no-actual": "実績なし",
  "no-target": "目標なし",
  "not-comparable": "判定不能",
};

/** The actual against the baseline (計画策定時比). */
export const TREND_LABELS: Record<Trend, string> = {
  improved: "改善",
  unchanged: "横ばい",
  worsened: "悪化",
};

/** Labels of `codes` in order joined by 「・」: 「拡充・継続・改善・縮小・廃止・完了」. */
export function labelList<K extends string>(codes: readonly K[], labels: Record<K, string>): string {
  return codes.map((c) => labels[c]).join("・");
}
