/**
 * The rules of the evaluation sheets (事務事業評価・施策評価) and of the actuals entered with them (決算額,
 * 活動指標の実績): their fields flattened for the audit log and for showing a conflicting change, what a
 * sheet must satisfy to be saved or submitted, and the execution rate (執行率). Pure: no I/O.
 *
 * Field keys follow the paths of the plan model, so they are unique across a project and can join
 * `projectFields` of changes.ts: `evaluations.2024.self.aspects.necessity.rating`, `settled.2024`,
 * `activityIndicators.0.actual.2024`. The forms name their controls by the same keys.
 */
import { diffFields, type FieldChange } from "../editing/changes.ts";
import { MAX_AMOUNT, MAX_TEXT_LENGTH, type RuleProblem } from "../editing/project-rules.ts";
import { ASPECT_LABELS, labelList, OUTLOOK_LABELS, SIDE_LABELS } from "../labels.ts";
import { formatWarekiFiscalYear } from "../plan/fiscal-year.ts";
import { parseIndicatorValue } from "../plan/indicator-value.ts";
import {
  type AspectRatings,
  EVALUATION_ASPECTS,
  type EvaluationAspect,
  type FiscalYearKey,
  type IndicatorValue,
  type MeasureEvaluation,
  OUTLOOKS,
  type Outlook,
  type ProjectEvaluation,
  RATINGS,
  type Rating,
  type Thousands,
} from "../plan/model.ts";
import { formatThousands } from "../plan/money.ts";

export type { FieldChange, RuleProblem };

/** Longest 実績 accepted for an activity indicator (characters): a value such as 「350,000」 or 「実施」. */
export const MAX_INDICATOR_TEXT_LENGTH = 200;

/** 一次評価 (the department's) or 二次評価 (the planning division's). */
export type EvaluationSide = "self" | "secondary";

/** Outlooks that change the project, so the sheet must say what changes (改善内容, or the comment). */
export const OUTLOOKS_NEEDING_CHANGES: ReadonlySet<Outlook> = new Set(["improve", "reduce", "abolish"]);

/** The field keys of the evaluation sheets, shared by the rules, the audit and the forms. */
export const evaluationKey = {
  rating: (fy: FiscalYearKey, side: EvaluationSide, a: EvaluationAspect) =>
    `evaluations.${fy}.${side}.aspects.${a}.rating`,
  reason: (fy: FiscalYearKey, side: EvaluationSide, a: EvaluationAspect) =>
    `evaluations.${fy}.${side}.aspects.${a}.reason`,
  outlook: (fy: FiscalYearKey, side: EvaluationSide) => `evaluations.${fy}.${side}.outlook`,
  changes: (fy: FiscalYearKey) => `evaluations.${fy}.self.changes`,
  comment: (fy: FiscalYearKey) => `evaluations.${fy}.secondary.comment`,
  settled: (fy: FiscalYearKey) => `settled.${fy}`,
  actual: (fy: FiscalYearKey, n: number) => `activityIndicators.${n}.actual.${fy}`,
  measureRating: (fy: FiscalYearKey, side: EvaluationSide) => `evaluations.${fy}.${side}.rating`,
  assessment: (fy: FiscalYearKey) => `evaluations.${fy}.self.assessment`,
  nextSteps: (fy: FiscalYearKey) => `evaluations.${fy}.self.nextSteps`,
} as const;

/** The Japanese labels of those fields (「令和6年度 一次評価 必要性」), as the audit log and messages print them. */
export const evaluationLabel = {
  rating: (fy: FiscalYearKey, side: EvaluationSide, a: EvaluationAspect) =>
    `${formatWarekiFiscalYear(fy)} ${SIDE_LABELS[side]} ${ASPECT_LABELS[a]}`,
  reason: (fy: FiscalYearKey, side: EvaluationSide, a: EvaluationAspect) =>
    `${formatWarekiFiscalYear(fy)} ${SIDE_LABELS[side]} ${ASPECT_LABELS[a]} 理由`,
  outlook: (fy: FiscalYearKey, side: EvaluationSide) =>
    `${formatWarekiFiscalYear(fy)} ${SIDE_LABELS[side]} 今後の方向性`,
  changes: (fy: FiscalYearKey) => `${formatWarekiFiscalYear(fy)} 一次評価 改善内容`,
  comment: (fy: FiscalYearKey) => `${formatWarekiFiscalYear(fy)} 二次評価 コメント`,
  settled: (fy: FiscalYearKey) => `${formatWarekiFiscalYear(fy)} 決算額`,
  actual: (fy: FiscalYearKey, n: number) => `活動指標${n + 1} ${formatWarekiFiscalYear(fy)}実績`,
  measureRating: (fy: FiscalYearKey, side: EvaluationSide) =>
    `${formatWarekiFiscalYear(fy)} ${SIDE_LABELS[side]} 施策の進捗`,
  assessment: (fy: FiscalYearKey) => `${formatWarekiFiscalYear(fy)} 一次評価 成果と課題`,
  nextSteps: (fy: FiscalYearKey) => `${formatWarekiFiscalYear(fy)} 一次評価 今後の取り組み`,
} as const;

type Fields = Map<string, { label: string; value: string | null }>;

function text(v: string | null | undefined): string | null {
  return v === null || v === undefined || v === "" ? null : v;
}

/** The data of one project's evaluation sheet for one fiscal year: the evaluation and the actuals. */
export interface ProjectEvaluationSheet {
  fiscalYear: FiscalYearKey;
  evaluation: ProjectEvaluation;
  /** 実績 of each activity indicator of the project for the year, by position; null where there is none. */
  actuals: readonly (IndicatorValue | null)[];
  /** 決算額 of the year in 千円; null when none is entered. */
  settled: Thousands | null;
}

/**
 * Every field of a project's evaluation sheet for one fiscal year, flattened and labelled in the style
 * of changes.ts: the 一次評価 and 二次評価 (each aspect's rating and reason, the outlook, 改善内容 or the
 * comment), the 決算額 and each activity indicator's 実績.
 */
export function evaluationFields(
  e: ProjectEvaluation,
  actuals: readonly (IndicatorValue | null)[],
  settled: Thousands | null,
  fiscalYear: FiscalYearKey,
): Fields {
  const fy = fiscalYear;
  const f: Fields = new Map();
  const put = (field: string, label: string, value: string | null | undefined) =>
    f.set(field, { label, value: text(value) });
  const side = (s: EvaluationSide, aspects: AspectRatings | null, outlook: Outlook | null) => {
    for (const a of EVALUATION_ASPECTS) {
      put(evaluationKey.rating(fy, s, a), evaluationLabel.rating(fy, s, a), aspects?.[a].rating);
      put(evaluationKey.reason(fy, s, a), evaluationLabel.reason(fy, s, a), aspects?.[a].reason);
    }
    put(
      evaluationKey.outlook(fy, s),
      evaluationLabel.outlook(fy, s),
      outlook === null ? null : OUTLOOK_LABELS[outlook],
    );
  };
  side("self", e.self.aspects, e.self.outlook);
  put(evaluationKey.changes(fy), evaluationLabel.changes(fy), e.self.changes);
  side("secondary", e.secondary?.aspects ?? null, e.secondary?.outlook ?? null);
  put(evaluationKey.comment(fy), evaluationLabel.comment(fy), e.secondary?.comment);
  put(evaluationKey.settled(fy), evaluationLabel.settled(fy), settled === null ? null : String(settled));
  actuals.forEach((a, n) => {
    put(evaluationKey.actual(fy, n), evaluationLabel.actual(fy, n), a?.text);
  });
  return f;
}

export function sheetFields(s: ProjectEvaluationSheet): Fields {
  return evaluationFields(s.evaluation, s.actuals, s.settled, s.fiscalYear);
}

/** The fields that differ between two sheets of the same project and year. */
export function diffEvaluationSheets(
  before: ProjectEvaluationSheet,
  after: ProjectEvaluationSheet,
): FieldChange[] {
  return diffFields(sheetFields(before), sheetFields(after));
}

/** Every field of a measure's evaluation (施策評価) for one fiscal year, flattened and labelled. */
export function measureEvaluationFields(e: MeasureEvaluation, fiscalYear: FiscalYearKey): Fields {
  const fy = fiscalYear;
  const f: Fields = new Map();
  const put = (field: string, label: string, value: string | null | undefined) =>
    f.set(field, { label, value: text(value) });
  put(evaluationKey.measureRating(fy, "self"), evaluationLabel.measureRating(fy, "self"), e.self.rating);
  put(evaluationKey.assessment(fy), evaluationLabel.assessment(fy), e.self.assessment);
  put(evaluationKey.nextSteps(fy), evaluationLabel.nextSteps(fy), e.self.nextSteps);
  put(
    evaluationKey.measureRating(fy, "secondary"),
    evaluationLabel.measureRating(fy, "secondary"),
    e.secondary?.rating,
  );
  put(evaluationKey.comment(fy), evaluationLabel.comment(fy), e.secondary?.comment);
  return f;
}

export function diffMeasureEvaluations(
  before: MeasureEvaluation,
  after: MeasureEvaluation,
  fiscalYear: FiscalYearKey,
): FieldChange[] {
  return diffFields(measureEvaluationFields(before, fiscalYear), measureEvaluationFields(after, fiscalYear));
}

/** Whether a changed field belongs to the 二次評価 (which only the planning division writes). */
export function isSecondaryField(field: string): boolean {
  return /^evaluations\.\d+\.secondary\./.test(field);
}

// ---------------------------------------------------------------------------------------------------------
// Normalising

function blank(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\r\n?/g, "\n").trim();
  return t === "" ? null : t;
}

function normalAspects(a: AspectRatings): AspectRatings {
  const out = {} as AspectRatings;
  for (const k of EVALUATION_ASPECTS) out[k] = { rating: a[k].rating ?? null, reason: blank(a[k].reason) };
  return out;
}

/**
 * An evaluation as it is stored: texts trimmed (empty → null), and a 二次評価 with nothing in it as none
 * (so that an empty secondary part of a form never counts as a written 二次評価).
 */
export function normalizeProjectEvaluation(e: ProjectEvaluation): ProjectEvaluation {
  const self = {
    aspects: normalAspects(e.self.aspects),
    outlook: e.self.outlook ?? null,
    changes: blank(e.self.changes),
  };
  if (e.secondary === null) return { self, secondary: null };
  const secondary = {
    aspects: normalAspects(e.secondary.aspects),
    outlook: e.secondary.outlook ?? null,
    comment: blank(e.secondary.comment),
  };
  const empty =
    secondary.outlook === null &&
    secondary.comment === null &&
    EVALUATION_ASPECTS.every(
      (a) => secondary.aspects[a].rating === null && secondary.aspects[a].reason === null,
    );
  return { self, secondary: empty ? null : secondary };
}

export function normalizeMeasureEvaluation(e: MeasureEvaluation): MeasureEvaluation {
  const self = {
    rating: e.self.rating ?? null,
    assessment: blank(e.self.assessment),
    nextSteps: blank(e.self.nextSteps),
  };
  if (e.secondary === null) return { self, secondary: null };
  const secondary = { rating: e.secondary.rating ?? null, comment: blank(e.secondary.comment) };
  return { self, secondary: secondary.rating === null && secondary.comment === null ? null : secondary };
}

/** The 実績 typed for each activity indicator, as stored: parsed by parseIndicatorValue; empty or 「—」 → none. */
export function parseActuals(texts: readonly (string | null)[]): (IndicatorValue | null)[] {
  return texts.map((t) => (t === null ? null : parseIndicatorValue(t)));
}

// ---------------------------------------------------------------------------------------------------------
// Validation

function isRating(v: unknown): v is Rating {
  return (RATINGS as readonly unknown[]).includes(v);
}

function isOutlook(v: unknown): v is Outlook {
  return (OUTLOOKS as readonly unknown[]).includes(v);
}

function checkText(
  out: RuleProblem[],
  field: string,
  label: string,
  v: string | null,
  max = MAX_TEXT_LENGTH,
) {
  if (v !== null && v.length > max) {
    out.push({ field, message: `${label}が長すぎます（${max.toLocaleString("ja-JP")}字まで）。` });
  }
}

function aspectProblems(
  out: RuleProblem[],
  fy: FiscalYearKey,
  side: EvaluationSide,
  aspects: AspectRatings,
): void {
  for (const a of EVALUATION_ASPECTS) {
    const { rating, reason } = aspects[a];
    if (rating !== null && !isRating(rating)) {
      out.push({
        field: evaluationKey.rating(fy, side, a),
        message: `${SIDE_LABELS[side]}の${ASPECT_LABELS[a]}は A・B・C から選んでください。`,
      });
    } else if (rating === "C" && (reason === null || reason.trim() === "")) {
      out.push({
        field: evaluationKey.reason(fy, side, a),
        message: `${SIDE_LABELS[side]}の${ASPECT_LABELS[a]}を C とした理由を入力してください。`,
      });
    }
    checkText(out, evaluationKey.reason(fy, side, a), evaluationLabel.reason(fy, side, a), reason);
  }
}

function outlookProblems(
  out: RuleProblem[],
  fy: FiscalYearKey,
  side: EvaluationSide,
  outlook: Outlook | null,
  explanation: string | null,
): void {
  const explained = side === "self" ? "改善内容" : "コメント";
  const field = side === "self" ? evaluationKey.changes(fy) : evaluationKey.comment(fy);
  if (outlook !== null && !isOutlook(outlook)) {
    out.push({
      field: evaluationKey.outlook(fy, side),
      message: `${SIDE_LABELS[side]}の今後の方向性は、${labelList(OUTLOOKS, OUTLOOK_LABELS)}から選んでください。`,
    });
  } else if (outlook !== null && OUTLOOKS_NEEDING_CHANGES.has(outlook) && explanation === null) {
    out.push({
      field,
      message: `${SIDE_LABELS[side]}で今後の方向性を「${OUTLOOK_LABELS[outlook]}」とする場合は、${explained}を入力してください。`,
    });
  }
}

/** Problems of the 一次評価 of a project evaluation (ratings, reasons for C, 改善内容 for 改善・縮小・廃止). */
export function selfEvaluationProblems(e: ProjectEvaluation, fiscalYear: FiscalYearKey): RuleProblem[] {
  const out: RuleProblem[] = [];
  aspectProblems(out, fiscalYear, "self", e.self.aspects);
  outlookProblems(out, fiscalYear, "self", e.self.outlook, blank(e.self.changes));
  checkText(out, evaluationKey.changes(fiscalYear), evaluationLabel.changes(fiscalYear), e.self.changes);
  return out;
}

/** Problems of the 二次評価 of a project evaluation; none when there is no 二次評価. */
export function secondaryEvaluationProblems(e: ProjectEvaluation, fiscalYear: FiscalYearKey): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (e.secondary === null) return out;
  aspectProblems(out, fiscalYear, "secondary", e.secondary.aspects);
  outlookProblems(out, fiscalYear, "secondary", e.secondary.outlook, blank(e.secondary.comment));
  checkText(out, evaluationKey.comment(fiscalYear), evaluationLabel.comment(fiscalYear), e.secondary.comment);
  return out;
}

/** Problems of the 決算額 (an integer of 千円 from 0 to MAX_AMOUNT, or none). */
export function settledProblems(settled: Thousands | null, fiscalYear: FiscalYearKey): RuleProblem[] {
  if (settled === null) return [];
  if (Number.isSafeInteger(settled) && settled >= 0 && settled <= MAX_AMOUNT) return [];
  return [
    {
      field: evaluationKey.settled(fiscalYear),
      message: `${formatWarekiFiscalYear(fiscalYear)}の決算額は 0 以上 ${formatThousands(MAX_AMOUNT)} 以下の整数（千円）で入力してください。`,
    },
  ];
}

/** Problems of the 実績 typed for the activity indicators (their length). */
export function actualProblems(texts: readonly (string | null)[], fiscalYear: FiscalYearKey): RuleProblem[] {
  const out: RuleProblem[] = [];
  texts.forEach((t, n) => {
    checkText(
      out,
      evaluationKey.actual(fiscalYear, n),
      evaluationLabel.actual(fiscalYear, n),
      t === null ? null : t.trim(),
      MAX_INDICATOR_TEXT_LENGTH,
    );
  });
  return out;
}

/** Problems of a 施策評価's 一次評価. */
export function measureSelfProblems(e: MeasureEvaluation, fiscalYear: FiscalYearKey): RuleProblem[] {
  const out: RuleProblem[] = [];
  const fy = fiscalYear;
  if (e.self.rating !== null && !isRating(e.self.rating)) {
    out.push({
      field: evaluationKey.measureRating(fy, "self"),
      message: "一次評価の施策の進捗は A・B・C から選んでください。",
    });
  } else if (e.self.rating === "C" && blank(e.self.assessment) === null) {
    out.push({
      field: evaluationKey.assessment(fy),
      message: "一次評価で施策の進捗を C とした場合は、成果と課題を入力してください。",
    });
  }
  checkText(out, evaluationKey.assessment(fy), evaluationLabel.assessment(fy), e.self.assessment);
  checkText(out, evaluationKey.nextSteps(fy), evaluationLabel.nextSteps(fy), e.self.nextSteps);
  return out;
}

/** Problems of a 施策評価's 二次評価; none when there is none. */
export function measureSecondaryProblems(e: MeasureEvaluation, fiscalYear: FiscalYearKey): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (e.secondary === null) return out;
  const fy = fiscalYear;
  if (e.secondary.rating !== null && !isRating(e.secondary.rating)) {
    out.push({
      field: evaluationKey.measureRating(fy, "secondary"),
      message: "二次評価の施策の進捗は A・B・C から選んでください。",
    });
  } else if (e.secondary.rating === "C" && blank(e.secondary.comment) === null) {
    out.push({
      field: evaluationKey.comment(fy),
      message: "二次評価で施策の進捗を C とした場合は、コメントを入力してください。",
    });
  }
  checkText(out, evaluationKey.comment(fy), evaluationLabel.comment(fy), e.secondary.comment);
  return out;
}

/**
 * What a 事務事業評価 needs before it is submitted (提出): every aspect of the 一次評価 rated and an outlook
 * chosen (the save rules, reasons for C and 改善内容, apply as well).
 */
export function projectSubmitProblems(e: ProjectEvaluation, fiscalYear: FiscalYearKey): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const a of EVALUATION_ASPECTS) {
    if (e.self.aspects[a].rating === null) {
      out.push({
        field: evaluationKey.rating(fiscalYear, "self", a),
        message: `一次評価の${ASPECT_LABELS[a]}を選んでください。`,
      });
    }
  }
  if (e.self.outlook === null) {
    out.push({
      field: evaluationKey.outlook(fiscalYear, "self"),
      message: "一次評価の今後の方向性を選んでください。",
    });
  }
  return [...out, ...selfEvaluationProblems(e, fiscalYear)];
}

/** What a 施策評価 needs before it is submitted: the 一次評価's rating. */
export function measureSubmitProblems(e: MeasureEvaluation, fiscalYear: FiscalYearKey): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (e.self.rating === null) {
    out.push({
      field: evaluationKey.measureRating(fiscalYear, "self"),
      message: "一次評価の施策の進捗を選んでください。",
    });
  }
  return [...out, ...measureSelfProblems(e, fiscalYear)];
}
