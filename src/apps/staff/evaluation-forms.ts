import { type EvaluationSide, evaluationKey } from "../../domain/evaluation/evaluation-rules.ts";
import { ASPECT_LABELS, labelList, OUTLOOK_LABELS, SIDE_LABELS } from "../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import {
  type AspectRatings,
  EVALUATION_ASPECTS,
  type FiscalYearKey,
  type IndicatorValue,
  type MeasureEvaluation,
  OUTLOOKS,
  type Outlook,
  type ProjectEvaluation,
  RATINGS,
  type Rating,
  type Thousands,
} from "../../domain/plan/model.ts";
import type { FieldProblem } from "../../usecases/errors.ts";
import { type FormValues, parseAmount } from "./forms.ts";

// The evaluation sheets' forms as flat string maps keyed by the field keys of domain/evaluation-rules.ts
// (`evaluations.2024.self.aspects.necessity.rating`, `settled.2024`, `activityIndicators.0.actual.2024`),
// so that a problem found anywhere points at the control that holds the value.

const nz = (s: string | undefined): string | null => {
  const t = (s ?? "").replace(/\r\n?/g, "\n").trim();
  return t === "" ? null : t;
};

function aspectValues(v: FormValues, fy: FiscalYearKey, side: EvaluationSide, a: AspectRatings | null) {
  for (const k of EVALUATION_ASPECTS) {
    v[evaluationKey.rating(fy, side, k)] = a?.[k].rating ?? "";
    v[evaluationKey.reason(fy, side, k)] = a?.[k].reason ?? "";
  }
}

/** The form of a project's evaluation sheet, filled from what is stored. */
export function projectEvaluationFormValues(s: {
  fiscalYear: FiscalYearKey;
  evaluation: ProjectEvaluation;
  settled: Thousands | null;
  actuals: readonly (IndicatorValue | null)[];
}): FormValues {
  const fy = s.fiscalYear;
  const e = s.evaluation;
  const v: FormValues = {};
  aspectValues(v, fy, "self", e.self.aspects);
  v[evaluationKey.outlook(fy, "self")] = e.self.outlook ?? "";
  v[evaluationKey.changes(fy)] = e.self.changes ?? "";
  aspectValues(v, fy, "secondary", e.secondary?.aspects ?? null);
  v[evaluationKey.outlook(fy, "secondary")] = e.secondary?.outlook ?? "";
  v[evaluationKey.comment(fy)] = e.secondary?.comment ?? "";
  v[evaluationKey.settled(fy)] = s.settled === null ? "" : String(s.settled);
  s.actuals.forEach((a, n) => {
    v[evaluationKey.actual(fy, n)] = a?.text ?? "";
  });
  return v;
}

function rating(v: FormValues, key: string, label: string, problems: FieldProblem[]): Rating | null {
  const raw = (v[key] ?? "").trim();
  if (raw === "") return null;
  if ((RATINGS as readonly string[]).includes(raw)) return raw as Rating;
  problems.push({ field: key, message: `${label}は A・B・C から選んでください。` });
  return null;
}

function outlook(v: FormValues, key: string, side: EvaluationSide, problems: FieldProblem[]): Outlook | null {
  const raw = (v[key] ?? "").trim();
  if (raw === "") return null;
  if ((OUTLOOKS as readonly string[]).includes(raw)) return raw as Outlook;
  problems.push({
    field: key,
    message: `${SIDE_LABELS[side]}の今後の方向性は、${labelList(OUTLOOKS, OUTLOOK_LABELS)}から選んでください。`,
  });
  return null;
}

function aspects(
  v: FormValues,
  fy: FiscalYearKey,
  side: EvaluationSide,
  problems: FieldProblem[],
): AspectRatings {
  const out = {} as AspectRatings;
  for (const a of EVALUATION_ASPECTS) {
    out[a] = {
      rating: rating(
        v,
        evaluationKey.rating(fy, side, a),
        `${SIDE_LABELS[side]}の${ASPECT_LABELS[a]}`,
        problems,
      ),
      reason: nz(v[evaluationKey.reason(fy, side, a)]),
    };
  }
  return out;
}

export interface ParsedProjectEvaluation {
  evaluation: ProjectEvaluation;
  settled: Thousands | null;
  activityActuals: (string | null)[];
  /** Problems of form (not a number, not one of the choices), by field. */
  problems: FieldProblem[];
}

/** A project's evaluation sheet from its form. The 二次評価 is there when any of its fields is filled. */
export function parseProjectEvaluationForm(
  v: FormValues,
  fy: FiscalYearKey,
  indicatorCount: number,
): ParsedProjectEvaluation {
  const problems: FieldProblem[] = [];
  const selfAspects = aspects(v, fy, "self", problems);
  const selfOutlook = outlook(v, evaluationKey.outlook(fy, "self"), "self", problems);
  const secondaryAspects = aspects(v, fy, "secondary", problems);
  const secondaryOutlook = outlook(v, evaluationKey.outlook(fy, "secondary"), "secondary", problems);
  const comment = nz(v[evaluationKey.comment(fy)]);
  const secondaryEmpty =
    secondaryOutlook === null &&
    comment === null &&
    EVALUATION_ASPECTS.every(
      (a) => secondaryAspects[a].rating === null && secondaryAspects[a].reason === null,
    );
  const amount = parseAmount(v[evaluationKey.settled(fy)] ?? "");
  let settled: Thousands | null = null;
  if (amount !== null && "error" in amount) {
    problems.push({
      field: evaluationKey.settled(fy),
      message: `${formatWarekiFiscalYear(fy)}の決算額: ${amount.error}`,
    });
  } else if (amount !== null) settled = amount.value;
  const activityActuals = Array.from({ length: indicatorCount }, (_, n) =>
    nz(v[evaluationKey.actual(fy, n)]),
  );
  return {
    evaluation: {
      self: { aspects: selfAspects, outlook: selfOutlook, changes: nz(v[evaluationKey.changes(fy)]) },
      secondary: secondaryEmpty ? null : { aspects: secondaryAspects, outlook: secondaryOutlook, comment },
    },
    settled,
    activityActuals,
    problems,
  };
}

export function measureEvaluationFormValues(fy: FiscalYearKey, e: MeasureEvaluation): FormValues {
  return {
    [evaluationKey.measureRating(fy, "self")]: e.self.rating ?? "",
    [evaluationKey.assessment(fy)]: e.self.assessment ?? "",
    [evaluationKey.nextSteps(fy)]: e.self.nextSteps ?? "",
    [evaluationKey.measureRating(fy, "secondary")]: e.secondary?.rating ?? "",
    [evaluationKey.comment(fy)]: e.secondary?.comment ?? "",
  };
}

export function parseMeasureEvaluationForm(
  v: FormValues,
  fy: FiscalYearKey,
): { evaluation: MeasureEvaluation; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const selfRating = rating(v, evaluationKey.measureRating(fy, "self"), "一次評価の施策の進捗", problems);
  const secondaryRating = rating(
    v,
    evaluationKey.measureRating(fy, "secondary"),
    "二次評価の施策の進捗",
    problems,
  );
  const comment = nz(v[evaluationKey.comment(fy)]);
  return {
    evaluation: {
      self: {
        rating: selfRating,
        assessment: nz(v[evaluationKey.assessment(fy)]),
        nextSteps: nz(v[evaluationKey.nextSteps(fy)]),
      },
      secondary: secondaryRating === null && comment === null ? null : { rating: secondaryRating, comment },
    },
    problems,
  };
}

/**
 * What the form sent, and the stored values for any field the form did not carry (the parts shown
 * read-only, or a form opened when less was editable), so that nothing is emptied because it was not on
 * the page. A field sent that the actor may not change is passed on as sent: the use case refuses it
 * unless it is unchanged. Every control of the forms sends a value (a radio group always has one option
 * checked, 未評価 included).
 */
export function withStoredValues(sent: FormValues, stored: FormValues): FormValues {
  const out: FormValues = {};
  for (const k of Object.keys(stored)) out[k] = sent[k] ?? stored[k] ?? "";
  return out;
}
