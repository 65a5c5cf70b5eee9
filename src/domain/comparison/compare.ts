/**
 * The comparison of cities for one fiscal year: every figure the page shows, per city, from the
 * published plans only (model.ts). A city whose year is only partly approved says so (its figures are
 * those of the approved part); a city without a published plan of the year shows nothing but that. Pure.
 */
import { approvalLabel } from "../labels.ts";
import type { FiscalYearKey, InputField } from "../plan/model.ts";
import { type ApprovalCounts, isFullyApproved } from "../publication/approval.ts";
import {
  type BudgetTotals,
  emptyTotals,
  type KanGroup,
  type KanTotals,
  type PolicyTotals,
  perCapitaOf,
  sortKanGroups,
  totalsByKan,
  totalsByPolicy,
  yearTotals,
} from "./budget.ts";
import type { CityInfo, CityYear } from "./model.ts";
import {
  type AchievementSummary,
  achievementOf,
  type EvaluationSummary,
  evaluationOutcomes,
} from "./outcomes.ts";

export interface CityComparison {
  city: CityInfo;
  /** Whether the city has a published plan of the fiscal year. */
  published: boolean;
  approval: ApprovalCounts | null;
  /** Every project and measure of the year approved. */
  complete: boolean;
  /** 「すべて承認済」「一部のみ承認済（…）」「公開された計画はありません」. */
  approvalText: string;
  totals: BudgetTotals;
  /** 円 per resident of each amount (budget.ts `perCapitaYen`); null without a population. */
  perCapita: Record<InputField, number | null>;
  byKan: KanTotals[];
  byPolicy: PolicyTotals[];
  achievement: AchievementSummary;
  evaluations: EvaluationSummary;
}

export interface CitiesComparison {
  fiscalYear: FiscalYearKey;
  cities: CityComparison[];
  /** Every 款 group any city has, national 款 first (budget.ts `sortKanGroups`): the rows of the 款 table. */
  kanGroups: KanGroup[];
}

export const NO_PUBLISHED_PLAN = "公開された計画はありません";

export function compareCityYears(fiscalYear: FiscalYearKey, years: readonly CityYear[]): CitiesComparison {
  const cities = years.map(({ city, published }): CityComparison => {
    const policies = published?.policies ?? [];
    const totals = published ? yearTotals(policies, fiscalYear) : emptyTotals();
    return {
      city,
      published: published !== null,
      approval: published?.approval ?? null,
      complete: published ? isFullyApproved(published.approval) : false,
      approvalText: published ? approvalLabel(published.approval) : NO_PUBLISHED_PLAN,
      totals,
      perCapita: perCapitaOf(totals, published ? city.population : null),
      byKan: totalsByKan(policies, fiscalYear),
      byPolicy: totalsByPolicy(policies, fiscalYear),
      achievement: achievementOf(policies, fiscalYear),
      evaluations: evaluationOutcomes(published?.evaluations ?? []),
    };
  });
  const groups = new Map<string, KanGroup>();
  for (const c of cities) {
    for (const { key, label, nationalNumber } of c.byKan) {
      if (!groups.has(key)) groups.set(key, { key, label, nationalNumber });
    }
  }
  return { fiscalYear, cities, kanGroups: sortKanGroups([...groups.values()]) };
}
