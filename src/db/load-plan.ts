import type {
  ActivityIndicator,
  AspectRating,
  Diagnostic,
  Direction,
  FiscalYearKey,
  IndicatorValue,
  Measure,
  MeasureEvaluation,
  OutcomeIndicator,
  Outlook,
  PlanDocument,
  Policy,
  Project,
  ProjectEvaluation,
  Rating,
  SdgLink,
} from "../domain/plan/model.ts";
import { PLAN_FORMAT } from "../domain/plan/model.ts";
import type { Database } from "./client.ts";
import { findPlanVersion } from "./plan-versions.ts";
import { type PlanRows, readPlanRows, readProjectRows } from "./read-plan-rows.ts";
import { fiscalYearKey, indicatorValue } from "./values.ts";

/**
 * The stored plan of a city for a fiscal year, exactly as it was saved (book order, key order of
 * hoshin-plan/1, diagnostics included), or null when there is none. A constant number of queries,
 * whatever the size of the plan; run it inside a transaction for a consistent snapshot.
 */
export async function loadPlan(
  db: Database,
  where: { cityCode: string; fiscalYear: number },
): Promise<PlanDocument | null> {
  const version = await findPlanVersion(db, where);
  if (!version) return null;
  return loadPlanVersion(db, version.id, version.title);
}

export async function loadPlanVersion(
  db: Database,
  planVersionId: number,
  title: string | null,
): Promise<PlanDocument> {
  return buildPlan(await readPlanRows(db, planVersionId), title, null);
}

/** The stored rows behind the objects of a loaded plan, for the screens that link to and edit them. */
export interface PlanIndex {
  policies: Map<Policy, PlanRows["policyRows"][number]>;
  measures: Map<Measure, PlanRows["measureRows"][number]>;
  projects: Map<Project, PlanRows["projectRows"][number]>;
  outcomeIndicators: Map<OutcomeIndicator, number>;
  projectEvaluations: Map<ProjectEvaluation, PlanRows["projectEvaluationRows"][number]>;
  measureEvaluations: Map<MeasureEvaluation, PlanRows["measureEvaluationRows"][number]>;
}

/** A plan version as loadPlanVersion reads it, with the row (id, version, review state) of each object. */
export async function loadIndexedPlanVersion(
  db: Database,
  planVersionId: number,
  title: string | null,
): Promise<{ plan: PlanDocument; index: PlanIndex }> {
  const index: PlanIndex = {
    policies: new Map(),
    measures: new Map(),
    projects: new Map(),
    outcomeIndicators: new Map(),
    projectEvaluations: new Map(),
    measureEvaluations: new Map(),
  };
  const plan = buildPlan(await readPlanRows(db, planVersionId), title, index);
  return { plan, index };
}

/**
 * One project as loadPlanVersion would build it (with its 投入指標, 活動指標, actuals, 決算額 and
 * evaluations), from its own rows only: for the saves that change one project. Null when there is none.
 */
export async function loadProject(db: Database, projectId: number): Promise<Project | null> {
  const [project] = [...buildProjects(await readProjectRows(db, projectId), null).values()].flat();
  return project ?? null;
}

function buildPlan(rows: PlanRows, title: string | null, index: PlanIndex | null): PlanDocument {
  const {
    policyRows,
    directionRows,
    measureRows,
    sdgRows,
    outcomeRows,
    valueRows,
    diagnosticRows,
    measureEvaluationRows,
  } = rows;

  const directionsOf = groupBy(
    directionRows,
    (d) => d.policyId,
    (d): Direction => ({ title: d.title, text: d.text }),
  );
  const sdgsOf = groupBy(
    sdgRows,
    (s) => s.measureId,
    (s): SdgLink => ({ goal: s.goal, title: s.title, text: s.text }),
  );
  const seriesOf = new Map<
    number,
    { planned: Record<FiscalYearKey, IndicatorValue>; actual: Record<FiscalYearKey, IndicatorValue> }
  >();
  for (const v of valueRows) {
    let s = seriesOf.get(v.outcomeIndicatorId);
    if (!s) {
      s = { planned: {}, actual: {} };
      seriesOf.set(v.outcomeIndicatorId, s);
    }
    s[v.kind][fiscalYearKey(v.fiscalYear)] = indicatorValue(v.text, v.value, v.comparator);
  }
  const outcomesOf = groupBy(
    outcomeRows,
    (o) => o.measureId,
    (o): OutcomeIndicator =>
      remember(index?.outcomeIndicators, o.id, {
        name: o.name,
        rationale: o.rationale,
        formula: o.formula,
        unit: o.unit,
        baseline:
          o.baselineText === null || o.baselineComparator === null
            ? null
            : indicatorValue(o.baselineText, o.baselineValue, o.baselineComparator),
        planned: seriesOf.get(o.id)?.planned ?? {},
        actual: seriesOf.get(o.id)?.actual ?? {},
        ...(o.direction === null ? {} : { direction: o.direction }),
      }),
  );

  const projectsOf = buildProjects(rows, index);
  const measureEvaluationsOf = byYearOf(
    measureEvaluationRows,
    (r) => r.measureId,
    (r) => remember(index?.measureEvaluations, r, toMeasureEvaluation(r)),
  );
  const measuresOf = groupBy(
    measureRows,
    (m) => m.policyId,
    (m): Measure =>
      remember(index?.measures, m, {
        code: m.code,
        title: m.title,
        leadDepartment: m.leadDepartment,
        relatedDepartments: m.relatedDepartments,
        currentIssues: m.currentIssues,
        purpose: m.purpose,
        priorities: m.priorities,
        goalStates: m.goalStates,
        outcomeIndicators: outcomesOf.get(m.id) ?? [],
        futureActions: m.futureActions,
        sdgs: sdgsOf.get(m.id) ?? [],
        sectoralPlans: m.sectoralPlans,
        notes: m.notes,
        projects: projectsOf.get(m.id) ?? [],
        ...optional("evaluations", measureEvaluationsOf.get(m.id)),
      }),
  );
  const policyList = policyRows.map(
    (p): Policy =>
      remember(index?.policies, p, {
        code: p.code,
        title: p.title,
        leadDepartment: p.leadDepartment,
        relatedDepartments: p.relatedDepartments,
        mission: p.mission,
        missionPoints: p.missionPoints,
        directions: directionsOf.get(p.id) ?? [],
        measures: measuresOf.get(p.id) ?? [],
      }),
  );

  return {
    format: PLAN_FORMAT,
    title,
    policies: policyList,
    diagnostics: diagnosticRows.map(toDiagnostic),
  };
}

/** The rows a project is built from: its own row and its children's. */
export type ProjectRows = Pick<
  PlanRows,
  | "projectRows"
  | "inputRows"
  | "activityRows"
  | "targetRows"
  | "activityActualRows"
  | "settlementRows"
  | "projectEvaluationRows"
>;

/** The projects of the given rows, grouped by measure id, in row order. */
function buildProjects(rows: ProjectRows, index: PlanIndex | null): Map<number, Project[]> {
  const {
    projectRows,
    inputRows,
    activityRows,
    targetRows,
    activityActualRows,
    settlementRows,
    projectEvaluationRows,
  } = rows;
  const inputsOf = new Map<number, Project["inputs"]>();
  const estimatedOf = new Map<number, FiscalYearKey[]>();
  for (const i of inputRows) {
    let inputs = inputsOf.get(i.projectId);
    if (!inputs) {
      inputs = {};
      inputsOf.set(i.projectId, inputs);
    }
    if (i.estimated)
      estimatedOf.set(i.projectId, [...(estimatedOf.get(i.projectId) ?? []), fiscalYearKey(i.fiscalYear)]);
    inputs[fiscalYearKey(i.fiscalYear)] = {
      total: i.total,
      nationalPrefectural: i.nationalPrefectural,
      localBonds: i.localBonds,
      otherEarmarked: i.otherEarmarked,
      generalRevenue: i.generalRevenue,
    };
  }
  const targetsOf = new Map<number, Record<FiscalYearKey, IndicatorValue>>();
  for (const t of targetRows) {
    let targets = targetsOf.get(t.activityIndicatorId);
    if (!targets) {
      targets = {};
      targetsOf.set(t.activityIndicatorId, targets);
    }
    targets[fiscalYearKey(t.fiscalYear)] = indicatorValue(t.text, t.value, t.comparator);
  }
  const actualsOf = byYearOf(
    activityActualRows,
    (a) => a.activityIndicatorId,
    (a) => indicatorValue(a.text, a.value, a.comparator),
  );
  const settledOf = byYearOf(
    settlementRows,
    (r) => r.projectId,
    (r) => r.amount,
  );
  const projectEvaluationsOf = byYearOf(
    projectEvaluationRows,
    (r) => r.projectId,
    (r) => remember(index?.projectEvaluations, r, toProjectEvaluation(r)),
  );
  const activitiesOf = groupBy(
    activityRows,
    (a) => a.projectId,
    (a): ActivityIndicator => {
      const out: ActivityIndicator = { name: a.name, unit: a.unit, targets: targetsOf.get(a.id) ?? {} };
      const actual = actualsOf.get(a.id);
      if (actual) out.actual = actual;
      if (a.direction !== null) out.direction = a.direction;
      return out;
    },
  );

  return groupBy(
    projectRows,
    (p) => p.measureId,
    (p): Project =>
      remember(index?.projects, p, {
        name: p.name,
        status: p.status,
        priority: p.priority,
        classification: {
          account: p.account,
          kan: p.kanName === null ? null : { number: p.kanNumber, name: p.kanName },
          kou: p.kouName === null ? null : { number: p.kouNumber, name: p.kouName },
          moku: p.mokuName === null ? null : { number: p.mokuNumber, name: p.mokuName },
        },
        leadDepartment: p.leadDepartment,
        mayoralPledge: p.mayoralPledge,
        summary: p.summary,
        purpose: p.purpose,
        yearGoals: p.yearGoals,
        notes: p.notes,
        inputs: inputsOf.get(p.id) ?? {},
        activityIndicators: activitiesOf.get(p.id) ?? [],
        budgetOnly: p.budgetOnly,
        ...optional("settled", settledOf.get(p.id)),
        ...optional("estimatedYears", estimatedOf.get(p.id)),
        ...optional("evaluations", projectEvaluationsOf.get(p.id)),
      }),
  );
}

/** Rebuilds a diagnostic with the keys it was saved with, in the order of hoshin-plan/1. */
function toDiagnostic(d: PlanRows["diagnosticRows"][number]): Diagnostic {
  const out: Record<string, unknown> = { severity: d.severity, code: d.code };
  if (d.message !== null) out.message = d.message;
  if (d.hasLine) out.line = d.line;
  if (d.project !== null) out.project = d.project;
  if (d.fiscalYear !== null) out.fiscalYear = fiscalYearKey(d.fiscalYear);
  return out as unknown as Diagnostic;
}

/** `{ [key]: value }` when there is a value, else nothing: optional keys are left out, not set to undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Rows with a parent id and a fiscal year, as `parent → { [fiscalYear]: value }` in row order. */
function byYearOf<R extends { fiscalYear: number }, K, V>(
  rows: readonly R[],
  keyOf: (r: R) => K,
  map: (r: R) => V,
): Map<K, Record<FiscalYearKey, V>> {
  const out = new Map<K, Record<FiscalYearKey, V>>();
  for (const r of rows) {
    const k = keyOf(r);
    let rec = out.get(k);
    if (!rec) {
      rec = {};
      out.set(k, rec);
    }
    rec[fiscalYearKey(r.fiscalYear)] = map(r);
  }
  return out;
}

function aspect(rating: string | null, reason: string | null): AspectRating {
  return { rating: rating as Rating | null, reason };
}

export function toProjectEvaluation(r: PlanRows["projectEvaluationRows"][number]): ProjectEvaluation {
  return {
    self: {
      aspects: {
        necessity: aspect(r.selfNecessity, r.selfNecessityReason),
        effectiveness: aspect(r.selfEffectiveness, r.selfEffectivenessReason),
        efficiency: aspect(r.selfEfficiency, r.selfEfficiencyReason),
        equity: aspect(r.selfEquity, r.selfEquityReason),
      },
      outlook: r.selfOutlook as Outlook | null,
      changes: r.selfChanges,
    },
    secondary: r.hasSecondary
      ? {
          aspects: {
            necessity: aspect(r.secondaryNecessity, r.secondaryNecessityReason),
            effectiveness: aspect(r.secondaryEffectiveness, r.secondaryEffectivenessReason),
            efficiency: aspect(r.secondaryEfficiency, r.secondaryEfficiencyReason),
            equity: aspect(r.secondaryEquity, r.secondaryEquityReason),
          },
          outlook: r.secondaryOutlook as Outlook | null,
          comment: r.secondaryComment,
        }
      : null,
  };
}

function toMeasureEvaluation(r: PlanRows["measureEvaluationRows"][number]): MeasureEvaluation {
  return {
    self: { rating: r.selfRating as Rating | null, assessment: r.selfAssessment, nextSteps: r.selfNextSteps },
    secondary: r.hasSecondary
      ? { rating: r.secondaryRating as Rating | null, comment: r.secondaryComment }
      : null,
  };
}

/** Groups rows (already in order) by their parent id, mapping each. */
function groupBy<R, K, V>(rows: readonly R[], keyOf: (r: R) => K, map: (r: R) => V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    let list = out.get(k);
    if (!list) {
      list = [];
      out.set(k, list);
    }
    list.push(map(r));
  }
  return out;
}

/** Records the row an object was built from, when an index is being made; returns the object. */
function remember<O, R>(map: Map<O, R> | undefined, row: R, object: O): O {
  map?.set(object, row);
  return object;
}
