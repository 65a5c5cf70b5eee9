import { checkPlan } from "../checks/check-plan.ts";
import { ENDING_OUTLOOKS, effectiveOutlook } from "../evaluation/evaluation.ts";
import type {
  ActivityIndicator,
  FiscalYearKey,
  IndicatorValue,
  Inputs,
  Measure,
  Outlook,
  PlanDocument,
  Policy,
  Project,
} from "../plan/model.ts";
import { sortedYears } from "../plan/model.ts";

/** What a rollover made, and what it left out. */
export interface RolloverResult {
  plan: PlanDocument;
  /** The fiscal year of the plan rolled from. */
  fromYear: number;
  /** The fiscal year of the new plan (fromYear + 1). */
  toYear: number;
  /** The new window: fromYear+1 … fromYear+3. */
  window: FiscalYearKey[];
  /** Projects left out because their outlook for fromYear is 廃止 or 完了, in book order. */
  leftOut: LeftOutProject[];
  /** Projects whose new last year was copied from the previous last year and marked an estimate. */
  estimated: RolledProject[];
  /** Projects without inputs for the previous last year, so without the new last year either. */
  withoutLastYear: RolledProject[];
  /** Projects carried into the new plan. */
  carried: number;
}

export interface RolledProject {
  measureCode: string;
  name: string;
  leadDepartment: string;
}

export interface LeftOutProject extends RolledProject {
  outlook: Outlook;
  /** 0-based position of the project in the book order of the plan rolled from. */
  position: number;
}

/** The three fiscal years of a plan of `fiscalYear` (its window). */
export function planWindow(fiscalYear: number): FiscalYearKey[] {
  return [0, 1, 2].map((n) => String(fiscalYear + n));
}

/** The outlook that leaves a project out of the plan after `fromYear`, or null when it carries. */
export function endingOutlook(project: Project, fromYear: number): Outlook | null {
  const outlook = effectiveOutlook(project.evaluations?.[String(fromYear)]);
  return outlook !== null && ENDING_OUTLOOKS.has(outlook) ? outlook : null;
}

/**
 * Rolling the plan (ローリング): creates the implementation plan of fiscal year fromYear+1 from the plan
 * of fromYear.
 *
 * The rules, for a plan of fiscal year `fromYear` with the window fromYear … fromYear+2
 * (令和6–8年度 → 令和7–9年度 for fromYear 2024):
 *
 * - **Window.** Inputs (投入指標) of the years that stay carry over exactly. Inputs of years before the
 *   new window are dropped. The new last year (fromYear+3) starts from the previous last year's figures
 *   (all five amounts copied) and is listed in `estimatedYears` (見込み). A project without the previous
 *   last year gets no new last year either (the missing-fiscal-year check says so). A project that
 *   already prints the new last year keeps its own figures, not marked as an estimate. Years already
 *   marked as estimates stay marked while they are in the window.
 * - **Activity targets.** Targets of dropped years go; the new last year's target copies the previous
 *   last year's target when there is one (and the new last year has none of its own).
 * - **Evaluations.** Projects whose effective outlook (二次評価, else 一次評価) in the evaluation of
 *   `fromYear` is 廃止 or 完了 are left out and listed. Evaluations (of projects and of measures) do not
 *   carry into the new plan: every sheet of the new year starts empty and 作成中.
 * - **What else carries.** Outcome indicators fully (planned and actual series, baseline, direction);
 *   activity actuals and directions; settled amounts (決算額) of every year; every text unchanged,
 *   including 新規・継続 and 事業優先順位; measures even when all their projects are left out.
 * - **Diagnostics.** Exactly `checkPlan(newPlan)`: nothing carries from the old plan, whose diagnostics
 *   point at lines of the old book.
 * - **Year wording.** Anything that names a year in the data stays as it is: the plan title, 令和N年度の
 *   目標 (yearGoals), 重点方針 (priorities) and any text mentioning 令和6年度. The rollover cannot tell
 *   which mentions should move on; the departments rewrite them while editing the new year.
 *
 * Pure: the input plan is not changed and shares nothing with the result.
 */
export function rollOverPlan(plan: PlanDocument, fromYear: number): RolloverResult {
  if (!Number.isInteger(fromYear)) throw new RangeError(`not a fiscal year: ${fromYear}`);
  const firstKept = fromYear + 1;
  const previousLast = String(fromYear + 2);
  const newLast = String(fromYear + 3);
  const leftOut: LeftOutProject[] = [];
  const estimated: RolledProject[] = [];
  const withoutLastYear: RolledProject[] = [];
  let position = 0;
  let carried = 0;

  const rollProject = (measure: Measure, p: Project): Project | null => {
    const ref = { measureCode: measure.code, name: p.name, leadDepartment: p.leadDepartment };
    const ending = endingOutlook(p, fromYear);
    const at = position++;
    if (ending !== null) {
      leftOut.push({ ...ref, outlook: ending, position: at });
      return null;
    }
    carried++;
    const inputs: Record<FiscalYearKey, Inputs> = {};
    for (const fy of sortedYears(Object.keys(p.inputs))) {
      const i = p.inputs[fy];
      if (i && Number(fy) >= firstKept) inputs[fy] = { ...i };
    }
    let isEstimate = false;
    const last = p.inputs[previousLast];
    if (!(newLast in inputs)) {
      if (last) {
        inputs[newLast] = { ...last };
        isEstimate = true;
        estimated.push(ref);
      } else {
        withoutLastYear.push(ref);
      }
    }
    const estimatedYears = sortedYears([
      ...(p.estimatedYears ?? []).filter((fy) => fy in inputs),
      ...(isEstimate ? [newLast] : []),
    ]);

    const out: Project = {
      name: p.name,
      status: p.status,
      priority: p.priority,
      classification: structuredClone(p.classification),
      leadDepartment: p.leadDepartment,
      mayoralPledge: p.mayoralPledge,
      summary: p.summary,
      purpose: p.purpose,
      yearGoals: p.yearGoals,
      notes: p.notes,
      inputs,
      activityIndicators: p.activityIndicators.map((a) => rollActivity(a, firstKept, previousLast, newLast)),
      budgetOnly: p.budgetOnly,
    };
    if (p.settled) out.settled = { ...p.settled };
    if (estimatedYears.length > 0) out.estimatedYears = estimatedYears;
    return out;
  };

  const rollMeasure = (m: Measure): Measure => {
    const projects: Project[] = [];
    for (const p of m.projects) {
      const rolled = rollProject(m, p);
      if (rolled) projects.push(rolled);
    }
    // Everything but the projects and the evaluations, copied.
    const { projects: _projects, evaluations: _evaluations, ...rest } = m;
    return { ...structuredClone(rest), projects };
  };

  const policies = plan.policies.map(
    (policy): Policy => ({
      ...structuredClone({ ...policy, measures: [] }),
      measures: policy.measures.map(rollMeasure),
    }),
  );
  const next: PlanDocument = { format: plan.format, title: plan.title, policies, diagnostics: [] };
  next.diagnostics = checkPlan(next);
  return {
    plan: next,
    fromYear,
    toYear: fromYear + 1,
    window: planWindow(fromYear + 1),
    leftOut,
    estimated,
    withoutLastYear,
    carried,
  };
}

function rollActivity(
  a: ActivityIndicator,
  firstKept: number,
  previousLast: FiscalYearKey,
  newLast: FiscalYearKey,
): ActivityIndicator {
  const targets: Record<FiscalYearKey, IndicatorValue> = {};
  for (const fy of sortedYears(Object.keys(a.targets))) {
    const t = a.targets[fy];
    if (t && Number(fy) >= firstKept) targets[fy] = { ...t };
  }
  const last = a.targets[previousLast];
  if (last && !(newLast in targets)) targets[newLast] = { ...last };
  const out: ActivityIndicator = { name: a.name, unit: a.unit, targets };
  if (a.actual) out.actual = structuredClone(a.actual);
  if (a.direction) out.direction = a.direction;
  return out;
}
