import type { Project, ProjectEvaluation } from "../domain/plan/model.ts";
import { batches, byPosition } from "./batch.ts";
import type { Database } from "./client.ts";
import {
  activityIndicatorActuals,
  activityIndicators,
  activityIndicatorTargets,
  projectEvaluations,
  projectInputs,
  projectSettlements,
  projects,
} from "./schema/index.ts";
import { fiscalYearNumber, indicatorColumns } from "./values.ts";
import type { VersionKey } from "./write-measures.ts";

// Writers for the projects of a plan (事務事業, 投入指標, 活動指標), one multi-row INSERT per batch.

export async function insertProjects(
  db: Database,
  key: VersionKey,
  list: { p: Project; measureId: number }[],
): Promise<number[]> {
  const { cityCode, planVersionId } = key;
  const rows = list.map(({ p, measureId }, position) => ({
    cityCode,
    planVersionId,
    measureId,
    position,
    ...projectColumns(p),
    budgetOnly: p.budgetOnly,
  }));
  const returned: { id: number; position: number }[] = [];
  for (const part of batches(rows)) {
    returned.push(
      ...(await db.insert(projects).values(part).returning({ id: projects.id, position: projects.position })),
    );
  }
  return byPosition(returned, list.length);
}

export async function insertInputs(
  db: Database,
  key: VersionKey,
  list: { p: Project; projectId: number }[],
): Promise<number> {
  const { cityCode, planVersionId } = key;
  const rows = list.flatMap(({ p, projectId }) =>
    Object.entries(p.inputs).map(([fy, i]) => ({
      cityCode,
      projectId,
      planVersionId,
      fiscalYear: fiscalYearNumber(fy),
      total: i.total,
      nationalPrefectural: i.nationalPrefectural,
      localBonds: i.localBonds,
      otherEarmarked: i.otherEarmarked,
      generalRevenue: i.generalRevenue,
      estimated: p.estimatedYears?.includes(fy) ?? false,
    })),
  );
  for (const part of batches(rows)) await db.insert(projectInputs).values(part);
  return rows.length;
}

export async function insertActivityIndicators(
  db: Database,
  cityCode: string,
  list: { p: Project; projectId: number }[],
): Promise<number> {
  const owned = list.flatMap(({ p, projectId }) =>
    p.activityIndicators.map((a, position) => ({ a, projectId, position })),
  );
  const rows = owned.map(({ a, projectId, position }) => ({
    cityCode,
    projectId,
    position,
    name: a.name,
    unit: a.unit,
    direction: a.direction ?? null,
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
      cityCode,
      activityIndicatorId: id,
      fiscalYear: fiscalYearNumber(fy),
      ...indicatorColumns(v),
    }));
  });
  for (const part of batches(targets)) await db.insert(activityIndicatorTargets).values(part);
  const actuals = owned.flatMap(({ a, projectId, position }) =>
    Object.entries(a.actual ?? {}).map(([fy, v]) => ({
      cityCode,
      activityIndicatorId: idOf.get(`${projectId}/${position}`) as number,
      fiscalYear: fiscalYearNumber(fy),
      ...indicatorColumns(v),
    })),
  );
  for (const part of batches(actuals)) await db.insert(activityIndicatorActuals).values(part);
  return rows.length;
}

/** 決算額 of the projects, one row per project and fiscal year. */
export async function insertSettlements(
  db: Database,
  cityCode: string,
  list: { p: Project; projectId: number }[],
): Promise<void> {
  const rows = list.flatMap(({ p, projectId }) =>
    Object.entries(p.settled ?? {}).map(([fy, amount]) => ({
      cityCode,
      projectId,
      fiscalYear: fiscalYearNumber(fy),
      amount,
    })),
  );
  for (const part of batches(rows)) await db.insert(projectSettlements).values(part);
}

/** The 事務事業評価 of the projects, each as 作成中 (a saved plan starts its sheets over). */
export async function insertProjectEvaluations(
  db: Database,
  key: VersionKey,
  list: { p: Project; projectId: number }[],
): Promise<void> {
  const { cityCode, planVersionId } = key;
  const rows = list.flatMap(({ p, projectId }) =>
    Object.entries(p.evaluations ?? {}).map(([fy, e]) => ({
      cityCode,
      planVersionId,
      projectId,
      fiscalYear: fiscalYearNumber(fy),
      ...projectEvaluationColumns(e),
    })),
  );
  for (const part of batches(rows)) await db.insert(projectEvaluations).values(part);
}

/** The columns of a 事務事業評価 that its content sets (not its version or review state). */
export function projectEvaluationColumns(e: ProjectEvaluation) {
  const s = e.self.aspects;
  const t = e.secondary?.aspects;
  return {
    selfNecessity: s.necessity.rating,
    selfNecessityReason: s.necessity.reason,
    selfEffectiveness: s.effectiveness.rating,
    selfEffectivenessReason: s.effectiveness.reason,
    selfEfficiency: s.efficiency.rating,
    selfEfficiencyReason: s.efficiency.reason,
    selfEquity: s.equity.rating,
    selfEquityReason: s.equity.reason,
    selfOutlook: e.self.outlook,
    selfChanges: e.self.changes,
    hasSecondary: e.secondary !== null,
    secondaryNecessity: t?.necessity.rating ?? null,
    secondaryNecessityReason: t?.necessity.reason ?? null,
    secondaryEffectiveness: t?.effectiveness.rating ?? null,
    secondaryEffectivenessReason: t?.effectiveness.reason ?? null,
    secondaryEfficiency: t?.efficiency.rating ?? null,
    secondaryEfficiencyReason: t?.efficiency.reason ?? null,
    secondaryEquity: t?.equity.rating ?? null,
    secondaryEquityReason: t?.equity.reason ?? null,
    secondaryOutlook: e.secondary?.outlook ?? null,
    secondaryComment: e.secondary?.comment ?? null,
  };
}

/** The columns of a project's own row that its content sets (not its place, version or review state). */
export function projectColumns(p: Project) {
  const c = p.classification;
  return {
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
  };
}
