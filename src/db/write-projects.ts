import type { Project } from "../domain/plan.ts";
import { batches, byPosition } from "./batch.ts";
import type { Database } from "./client.ts";
import { activityIndicators, activityIndicatorTargets, projectInputs, projects } from "./schema/index.ts";
import { fiscalYearNumber, indicatorColumns } from "./values.ts";

// Writers for the projects of a plan (事務事業, 投入指標, 活動指標), one multi-row INSERT per batch.

export async function insertProjects(
  db: Database,
  planVersionId: number,
  list: { p: Project; measureId: number }[],
): Promise<number[]> {
  const rows = list.map(({ p, measureId }, position) => ({
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

export async function insertActivityIndicators(
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
