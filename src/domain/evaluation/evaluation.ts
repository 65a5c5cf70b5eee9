import type {
  AspectRatings,
  EvaluationAspect,
  MeasureEvaluation,
  Outlook,
  ProjectEvaluation,
  Rating,
} from "../plan/model.ts";

/** 必要性・有効性・効率性・公平性 */
export const ASPECT_LABELS: Record<EvaluationAspect, string> = {
  necessity: "必要性",
  effectiveness: "有効性",
  efficiency: "効率性",
  equity: "公平性",
};

/** What each rating means for an aspect of a project. */
export const RATING_LABELS: Record<Rating, string> = {
  A: "A（高い・適切）",
  B: "B（概ね適切）",
  C: "C（低い・見直しが必要）",
};

/** What each rating means for a measure's progress (施策評価). */
export const MEASURE_RATING_LABELS: Record<Rating, string> = {
  A: "A（順調）",
  B: "B（概ね順調）",
  C: "C（遅れている）",
};

/** 今後の方向性 */
export const OUTLOOK_LABELS: Record<Outlook, string> = {
  expand: "拡充",
  continue: "継続",
  improve: "改善",
  reduce: "縮小",
  abolish: "廃止",
  complete: "完了",
};

/** Outlooks that end a project: it is left out when the plan is rolled into the next year. */
export const ENDING_OUTLOOKS: ReadonlySet<Outlook> = new Set(["abolish", "complete"]);

export function emptyAspects(): AspectRatings {
  return {
    necessity: { rating: null, reason: null },
    effectiveness: { rating: null, reason: null },
    efficiency: { rating: null, reason: null },
    equity: { rating: null, reason: null },
  };
}

export function emptyProjectEvaluation(): ProjectEvaluation {
  return { self: { aspects: emptyAspects(), outlook: null, changes: null }, secondary: null };
}

export function emptyMeasureEvaluation(): MeasureEvaluation {
  return { self: { rating: null, assessment: null, nextSteps: null }, secondary: null };
}

/**
 * The outlook that stands: the planning division's (二次評価) when it gave one, else the department's
 * (一次評価), else null.
 */
export function effectiveOutlook(e: ProjectEvaluation | undefined): Outlook | null {
  if (!e) return null;
  return e.secondary?.outlook ?? e.self.outlook;
}
