/**
 * Achievement of outcome indicators and the outcomes of 事務事業評価, per city and fiscal year, for
 * comparing cities. Reads only the published plan (model.ts): outcome indicators as last approved and
 * 承認済 evaluation sheets. Pure.
 */
import { assessOutcome } from "../evaluation/achievement.ts";
import { effectiveOutlook } from "../evaluation/evaluation.ts";
import {
  EVALUATION_ASPECTS,
  type EvaluationAspect,
  type FiscalYearKey,
  OUTLOOKS,
  type Outlook,
  type ProjectEvaluation,
  RATINGS,
  type Rating,
} from "../plan/model.ts";
import type { ComparedPolicy } from "./model.ts";

/**
 * The outcome indicators (成果指標) of the published measures with an actual (実績) for the fiscal year:
 * how many met their target, did not, or could not be judged (no target that year, or a text that reads
 * neither yes nor no), judged by domain/evaluation/achievement.ts `assessOutcome`.
 */
export interface AchievementSummary {
  /** Indicators with an actual for the year: met + notMet + unjudged. */
  withActual: number;
  met: number;
  notMet: number;
  unjudged: number;
}

/**
 * The achievement of the year. The rate is met ÷ (met + notMet), as the dashboard's 「達成 3 / 5」
 * (domain/presenters/tables.ts `judgedCount`): an actual that cannot be judged against its target is
 * neither a success nor a failure, so it is counted apart (`unjudged`) and left out of the rate.
 */
export function achievementOf(
  policies: readonly ComparedPolicy[],
  fiscalYear: FiscalYearKey,
): AchievementSummary {
  const out: AchievementSummary = { withActual: 0, met: 0, notMet: 0, unjudged: 0 };
  for (const p of policies) {
    for (const m of p.measures) {
      for (const indicator of m.outcomeIndicators) {
        const year = assessOutcome(indicator).find((a) => a.fiscalYear === fiscalYear);
        if (!year || year.actual === null) continue;
        out.withActual += 1;
        if (year.status === "met") out.met += 1;
        else if (year.status === "not-met") out.notMet += 1;
        else out.unjudged += 1;
      }
    }
  }
  return out;
}

/** The rate met ÷ (met + notMet) as a ratio (0.75), null when nothing was judged. Round only to show it. */
export function achievementRatio(a: AchievementSummary): number | null {
  const judged = a.met + a.notMet;
  return judged === 0 ? null : a.met / judged;
}

/** A count per choice, plus the sheets that made none. */
export type Distribution<K extends string> = Record<K, number> & { none: number };

/** How the 承認済 事務事業評価 sheets of the year came out. */
export interface EvaluationSummary {
  sheets: number;
  /** 今後の方向性 that stands (二次評価 over 一次評価, evaluation.ts `effectiveOutlook`). */
  outlooks: Distribution<Outlook>;
  /** Per aspect (必要性・有効性・効率性・公平性), the rating that stands (see `standingRating`). */
  ratings: Record<EvaluationAspect, Distribution<Rating>>;
}

/**
 * The rating of an aspect that stands: the planning division's (二次評価) when it rated the aspect, else
 * the department's (一次評価), else none; the same precedence as `effectiveOutlook`.
 */
export function standingRating(e: ProjectEvaluation, aspect: EvaluationAspect): Rating | null {
  return e.secondary?.aspects[aspect].rating ?? e.self.aspects[aspect].rating;
}

function emptyDistribution<K extends string>(keys: readonly K[]): Distribution<K> {
  const d = { none: 0 } as Distribution<K>;
  for (const k of keys) (d as Record<K, number>)[k] = 0;
  return d;
}

export function evaluationOutcomes(sheets: readonly ProjectEvaluation[]): EvaluationSummary {
  const outlooks = emptyDistribution(OUTLOOKS);
  const ratings = {} as Record<EvaluationAspect, Distribution<Rating>>;
  for (const a of EVALUATION_ASPECTS) ratings[a] = emptyDistribution(RATINGS);
  for (const e of sheets) {
    const o = effectiveOutlook(e);
    if (o === null) outlooks.none += 1;
    else outlooks[o] += 1;
    for (const a of EVALUATION_ASPECTS) {
      const r = standingRating(e, a);
      if (r === null) ratings[a].none += 1;
      else ratings[a][r] += 1;
    }
  }
  return { sheets: sheets.length, outlooks, ratings };
}
