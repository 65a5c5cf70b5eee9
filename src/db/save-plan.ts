import { and, eq, sql } from "drizzle-orm";
import type { Measure, OutcomeIndicator, PlanDocument, Policy, Project } from "../domain/plan.ts";
import { batches } from "./batch.ts";
import type { Database } from "./client.ts";
import {
  activityIndicators,
  activityIndicatorTargets,
  cities,
  measureSdgs,
  measures,
  outcomeIndicators,
  outcomeIndicatorValues,
  planDiagnostics,
  planVersions,
  policies,
  policyDirections,
  projectInputs,
  projects,
} from "./schema/index.ts";
import { fiscalYearNumber, indicatorColumns } from "./values.ts";

export interface SavePlanInput {
  city: string;
  /** Western fiscal year of the book (令和6年度 → 2024). */
  fiscalYear: number;
  plan: PlanDocument;
  sourceName?: string | null;
  sourceEncoding?: string | null;
}

/** Rows written, per part of the plan. */
export interface PlanCounts {
  policies: number;
  measures: number;
  projects: number;
  projectInputs: number;
  outcomeIndicators: number;
  activityIndicators: number;
  diagnostics: number;
}

export interface SavePlanResult {
  planVersionId: number;
  /** True when a plan of the same city and fiscal year was there before and has been replaced. */
  replaced: boolean;
  counts: PlanCounts;
}

/**
 * Stores a plan as the version of `city` for `fiscalYear`, replacing any version already there (delete,
 * then insert; never a duplicate). Runs in a transaction of its own (a savepoint inside a caller's), with
 * one multi-row INSERT per table and batch, so a failure anywhere leaves the database as it was.
 */
export function savePlan(db: Database, input: SavePlanInput): Promise<SavePlanResult> {
  return db.transaction((tx) => writePlan(tx, input));
}

async function writePlan(db: Database, input: SavePlanInput): Promise<SavePlanResult> {
  const { plan } = input;
  // Upserting the city locks its row, so two imports of the same city wait for each other.
  const [city] = await db
    .insert(cities)
    .values({ name: input.city })
    .onConflictDoUpdate({ target: cities.name, set: { name: sql`excluded.name` } })
    .returning({ id: cities.id });
  if (!city) throw new Error("市町村を登録できませんでした。");

  const removed = await db
    .delete(planVersions)
    .where(and(eq(planVersions.cityId, city.id), eq(planVersions.fiscalYear, input.fiscalYear)))
    .returning({ id: planVersions.id });

  const [version] = await db
    .insert(planVersions)
    .values({
      cityId: city.id,
      fiscalYear: input.fiscalYear,
      title: plan.title,
      sourceName: input.sourceName ?? null,
      sourceEncoding: input.sourceEncoding ?? null,
    })
    .returning({ id: planVersions.id });
  if (!version) throw new Error("計画の版を登録できませんでした。");
  const planVersionId = version.id;

  const policyIds = await insertPolicies(db, planVersionId, plan.policies);
  const measureList = plan.policies.flatMap((p, i) =>
    p.measures.map((m) => ({ m, policyId: at(policyIds, i) })),
  );
  const measureIds = await insertMeasures(db, planVersionId, measureList);
  const outcomeCount = await insertOutcomeIndicators(
    db,
    measureList.map(({ m }, i) => ({ m, measureId: at(measureIds, i) })),
  );
  const projectList = measureList.flatMap(({ m }, i) =>
    m.projects.map((p) => ({ p, measureId: at(measureIds, i) })),
  );
  const projectIds = await insertProjects(db, planVersionId, projectList);
  const withIds = projectList.map(({ p }, i) => ({ p, projectId: at(projectIds, i) }));
  const inputCount = await insertInputs(db, planVersionId, withIds);
  const activityCount = await insertActivityIndicators(db, withIds);
  await insertDiagnostics(db, planVersionId, plan);

  return {
    planVersionId,
    replaced: removed.length > 0,
    counts: {
      policies: policyIds.length,
      measures: measureIds.length,
      projects: projectIds.length,
      projectInputs: inputCount,
      outcomeIndicators: outcomeCount,
      activityIndicators: activityCount,
      diagnostics: plan.diagnostics.length,
    },
  };
}

function at(ids: readonly number[], i: number): number {
  const id = ids[i];
  if (id === undefined) throw new Error(`内部エラー: ${i} 番目の行の ID がありません。`);
  return id;
}

/** Ids of inserted rows in the order of their `position` 0..n-1, whatever order RETURNING gives. */
function byPosition(rows: { id: number; position: number }[], n: number): number[] {
  const ids = new Array<number>(n);
  for (const r of rows) ids[r.position] = r.id;
  return ids;
}

async function insertPolicies(db: Database, planVersionId: number, list: Policy[]): Promise<number[]> {
  const rows = list.map((p, position) => ({
    planVersionId,
    position,
    code: p.code,
    title: p.title,
    leadDepartment: p.leadDepartment,
    relatedDepartments: p.relatedDepartments,
    mission: p.mission,
    missionPoints: p.missionPoints,
  }));
  const returned: { id: number; position: number }[] = [];
  for (const part of batches(rows)) {
    returned.push(
      ...(await db.insert(policies).values(part).returning({ id: policies.id, position: policies.position })),
    );
  }
  const ids = byPosition(returned, list.length);
  const directions = list.flatMap((p, i) =>
    p.directions.map((d, position) => ({ policyId: at(ids, i), position, title: d.title, text: d.text })),
  );
  for (const part of batches(directions)) await db.insert(policyDirections).values(part);
  return ids;
}

async function insertMeasures(
  db: Database,
  planVersionId: number,
  list: { m: Measure; policyId: number }[],
): Promise<number[]> {
  const rows = list.map(({ m, policyId }, position) => ({
    planVersionId,
    policyId,
    position,
    code: m.code,
    title: m.title,
    leadDepartment: m.leadDepartment,
    relatedDepartments: m.relatedDepartments,
    currentIssues: m.currentIssues,
    purpose: m.purpose,
    priorities: m.priorities,
    goalStates: m.goalStates,
    futureActions: m.futureActions,
    sectoralPlans: m.sectoralPlans,
    notes: m.notes,
  }));
  const returned: { id: number; position: number }[] = [];
  for (const part of batches(rows)) {
    returned.push(
      ...(await db.insert(measures).values(part).returning({ id: measures.id, position: measures.position })),
    );
  }
  const ids = byPosition(returned, list.length);
  const sdgs = list.flatMap(({ m }, i) =>
    m.sdgs.map((s, position) => ({
      measureId: at(ids, i),
      position,
      goal: s.goal,
      title: s.title,
      text: s.text,
    })),
  );
  for (const part of batches(sdgs)) await db.insert(measureSdgs).values(part);
  return ids;
}

async function insertOutcomeIndicators(
  db: Database,
  list: { m: Measure; measureId: number }[],
): Promise<number> {
  const owned = list.flatMap(({ m, measureId }) =>
    m.outcomeIndicators.map((o, position) => ({ o, measureId, position })),
  );
  const rows = owned.map(({ o, measureId, position }) => ({
    measureId,
    position,
    name: o.name,
    rationale: o.rationale,
    formula: o.formula,
    unit: o.unit,
    baselineText: o.baseline?.text ?? null,
    baselineValue: o.baseline?.value ?? null,
    baselineComparator: o.baseline?.comparator ?? null,
  }));
  const idOf = new Map<string, number>();
  for (const part of batches(rows)) {
    const returned = await db.insert(outcomeIndicators).values(part).returning({
      id: outcomeIndicators.id,
      measureId: outcomeIndicators.measureId,
      position: outcomeIndicators.position,
    });
    for (const r of returned) idOf.set(`${r.measureId}/${r.position}`, r.id);
  }
  const values = owned.flatMap(({ o, measureId, position }) => {
    const id = idOf.get(`${measureId}/${position}`);
    if (id === undefined) throw new Error("内部エラー: 成果指標の ID がありません。");
    return valueRows(id, o);
  });
  for (const part of batches(values)) await db.insert(outcomeIndicatorValues).values(part);
  return rows.length;
}

function valueRows(outcomeIndicatorId: number, o: OutcomeIndicator) {
  const series = [
    ["planned", o.planned],
    ["actual", o.actual],
  ] as const;
  return series.flatMap(([kind, byYear]) =>
    Object.entries(byYear).map(([fy, v]) => ({
      outcomeIndicatorId,
      kind,
      fiscalYear: fiscalYearNumber(fy),
      ...indicatorColumns(v),
    })),
  );
}

async function insertProjects(
  db: Database,
  planVersionId: number,
  list: { p: Project; measureId: number }[],
): Promise<number[]> {
  const rows = list.map(({ p, measureId }, position) => {
    const c = p.classification;
    return {
      planVersionId,
      measureId,
      position,
      name: p.name,
      status: p.status,
      priority: p.priority,
      account: c.account,
      kanNumber: c.kan?.number ?? null,
      kanName: c.kan?.name ?? null,
      kouNumber: c.kou?.number ?? null,
      kouName: c.kou?.name ?? null,
      mokuNumber: c.moku?.number ?? null,
      mokuName: c.moku?.name ?? null,
      leadDepartment: p.leadDepartment,
      mayoralPledge: p.mayoralPledge,
      summary: p.summary,
      purpose: p.purpose,
      yearGoals: p.yearGoals,
      notes: p.notes,
      budgetOnly: p.budgetOnly,
    };
  });
  const returned: { id: number; position: number }[] = [];
  for (const part of batches(rows)) {
    returned.push(
      ...(await db.insert(projects).values(part).returning({ id: projects.id, position: projects.position })),
    );
  }
  return byPosition(returned, list.length);
}

async function insertInputs(
  db: Database,
  planVersionId: number,
  list: { p: Project; projectId: number }[],
): Promise<number> {
  const rows = list.flatMap(({ p, projectId }) =>
    Object.entries(p.inputs).map(([fy, i]) => ({
      projectId,
      planVersionId,
      fiscalYear: fiscalYearNumber(fy),
      total: i.total,
      nationalPrefectural: i.nationalPrefectural,
      localBonds: i.localBonds,
      otherEarmarked: i.otherEarmarked,
      generalRevenue: i.generalRevenue,
    })),
  );
  for (const part of batches(rows)) await db.insert(projectInputs).values(part);
  return rows.length;
}

async function insertActivityIndicators(
  db: Database,
  list: { p: Project; projectId: number }[],
): Promise<number> {
  const owned = list.flatMap(({ p, projectId }) =>
    p.activityIndicators.map((a, position) => ({ a, projectId, position })),
  );
  const rows = owned.map(({ a, projectId, position }) => ({
    projectId,
    position,
    name: a.name,
    unit: a.unit,
  }));
  const idOf = new Map<string, number>();
  for (const part of batches(rows)) {
    const returned = await db.insert(activityIndicators).values(part).returning({
      id: activityIndicators.id,
      projectId: activityIndicators.projectId,
      position: activityIndicators.position,
    });
    for (const r of returned) idOf.set(`${r.projectId}/${r.position}`, r.id);
  }
  const targets = owned.flatMap(({ a, projectId, position }) => {
    const id = idOf.get(`${projectId}/${position}`);
    if (id === undefined) throw new Error("内部エラー: 活動指標の ID がありません。");
    return Object.entries(a.targets).map(([fy, v]) => ({
      activityIndicatorId: id,
      fiscalYear: fiscalYearNumber(fy),
      ...indicatorColumns(v),
    }));
  });
  for (const part of batches(targets)) await db.insert(activityIndicatorTargets).values(part);
  return rows.length;
}

async function insertDiagnostics(db: Database, planVersionId: number, plan: PlanDocument): Promise<void> {
  const rows = plan.diagnostics.map((d, position) => ({
    planVersionId,
    position,
    severity: d.severity,
    code: d.code,
    // A hand-written plan may leave out message and line; remember that, to give back the same document.
    message: d.message ?? null,
    line: d.line ?? null,
    hasLine: d.line !== undefined,
    project: d.project ?? null,
    fiscalYear: d.fiscalYear === undefined ? null : fiscalYearNumber(d.fiscalYear),
  }));
  for (const part of batches(rows)) await db.insert(planDiagnostics).values(part);
}
