import type { AspectRatings, MeasureEvaluation, Outlook, ProjectEvaluation } from "../plan/model.ts";

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
