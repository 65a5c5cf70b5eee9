/**
 * What the views of a project and a measure print that has to be worked out: the fiscal years a table
 * has columns for, the execution rate (執行率) of each year, and the achievement of an indicator by year.
 * The staff pages and the printed book both take them from here, so they cannot disagree. Pure.
 */
import { type Achievement, assessActivity, assessOutcome } from "../evaluation/achievement.ts";
import { formatExecutionRate } from "../evaluation/execution-rate.ts";
import type { ActivityIndicator, FiscalYearKey, Measure, OutcomeIndicator, Project } from "../plan/model.ts";
import { sortedYears } from "../plan/model.ts";

/** The fiscal years of a project's 投入指標, in order. */
export function inputYears(project: Project): FiscalYearKey[] {
  return sortedYears(Object.keys(project.inputs));
}

/** The fiscal years of activity indicators: every year with a target or an actual, in order. */
export function activityYears(list: readonly ActivityIndicator[]): FiscalYearKey[] {
  return sortedYears(list.flatMap((a) => [...Object.keys(a.targets), ...Object.keys(a.actual ?? {})]));
}

/** The columns of the book's project sheet: the years of the 投入指標 and of the activity indicators. */
export function projectSheetYears(project: Project): FiscalYearKey[] {
  return sortedYears([...inputYears(project), ...activityYears(project.activityIndicators)]);
}

/** The years a project has an evaluation sheet for: those of its 投入指標 and of its evaluations. */
export function evaluationYears(project: Project): FiscalYearKey[] {
  return sortedYears([...Object.keys(project.inputs), ...Object.keys(project.evaluations ?? {})]);
}

/** The fiscal years of outcome indicators: every year with a planned or an actual value, in order. */
export function outcomeYears(list: readonly OutcomeIndicator[]): FiscalYearKey[] {
  return sortedYears(list.flatMap((o) => [...Object.keys(o.planned), ...Object.keys(o.actual)]));
}

/** The years of several projects' 投入指標 together (the book's table of budget-only projects). */
export function inputYearsOf(projects: readonly Project[]): FiscalYearKey[] {
  return sortedYears(projects.flatMap((p) => Object.keys(p.inputs)));
}

/** The years a measure has an evaluation sheet for: those of its projects' 投入指標 and of its evaluations. */
export function measureEvaluationYears(measure: Measure, projects: readonly Project[]): FiscalYearKey[] {
  return sortedYears([...inputYearsOf(projects), ...Object.keys(measure.evaluations ?? {})]);
}

/**
 * 執行率 of a fiscal year as printed: 決算額 ÷ 年度別事業費 by formatExecutionRate, 「—」 when the year has no
 * 決算額 or no budget, or a budget of 0 or less (a △ amount).
 */
export function projectExecutionRate(project: Project, fiscalYear: FiscalYearKey): string {
  return formatExecutionRate(project.inputs[fiscalYear]?.total, project.settled?.[fiscalYear]);
}

/** Whether any year of the indicator has an actual. */
export function hasActuals(a: { actual?: Record<FiscalYearKey, unknown> }): boolean {
  return Object.keys(a.actual ?? {}).length > 0;
}

/** The achievement of each year of an activity indicator, by fiscal year. */
export function activityAchievements(a: ActivityIndicator): Map<FiscalYearKey, Achievement> {
  return new Map(assessActivity(a).map((x) => [x.fiscalYear, x]));
}

/** The achievement of each year of an outcome indicator, by fiscal year. */
export function outcomeAchievements(o: OutcomeIndicator): Map<FiscalYearKey, Achievement> {
  return new Map(assessOutcome(o).map((x) => [x.fiscalYear, x]));
}
