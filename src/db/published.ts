import { count, sql } from "drizzle-orm";
import type { ApprovalCounts } from "../domain/publication/approval.ts";
import type { Database } from "./client.ts";
import { listPlanVersions, type PlanVersionSummary } from "./plan-versions.ts";
import { measures, projects } from "./schema/index.ts";

/** A stored plan version with how much of it is approved. */
export interface PlanVersionApproval extends PlanVersionSummary {
  approval: ApprovalCounts;
}

/**
 * Every plan version, by city name and fiscal year, with its approved and total projects (承認済 sheets)
 * and measures (approved at least once): two grouped queries over the whole database.
 */
export async function listPlanVersionApprovals(db: Database): Promise<PlanVersionApproval[]> {
  const projectCounts = await db
    .select({
      id: projects.planVersionId,
      total: count(),
      approved: sql<number>`(count(*) filter (where ${projects.reviewState} = 'approved'))::int`,
    })
    .from(projects)
    .groupBy(projects.planVersionId);
  const measureCounts = await db
    .select({
      id: measures.planVersionId,
      total: count(),
      approved: sql<number>`count(${measures.approvedContent})::int`,
    })
    .from(measures)
    .groupBy(measures.planVersionId);
  const p = new Map(projectCounts.map((r) => [r.id, r]));
  const m = new Map(measureCounts.map((r) => [r.id, r]));
  return (await listPlanVersions(db)).map((v) => ({
    ...v,
    approval: {
      projects: { approved: p.get(v.id)?.approved ?? 0, total: p.get(v.id)?.total ?? 0 },
      measures: { approved: m.get(v.id)?.approved ?? 0, total: m.get(v.id)?.total ?? 0 },
    },
  }));
}
