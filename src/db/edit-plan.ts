import { and, eq, inArray, sql } from "drizzle-orm";
import type { ReviewState } from "../domain/editing/review.ts";
import type { Measure, Project } from "../domain/plan/model.ts";
import type { Database } from "./client.ts";
import { refreshPlanTotals } from "./plan-totals.ts";
import { bumpRevision } from "./revision.ts";
import {
  activityIndicators,
  cities,
  measures,
  outcomeIndicators,
  planVersions,
  projectInputs,
  projects,
} from "./schema/index.ts";
import { insertOutcomeIndicators } from "./write-measures.ts";
import { insertActivityIndicators, insertInputs, projectColumns } from "./write-projects.ts";

// Writes of the staff app: one project or one measure at a time, each guarded by its version
// (optimistic concurrency). Callers run them inside a transaction. Each write that changes a row also
// bumps the revision of its plan version (db/revision.ts) in that transaction.

/** Where a project or measure stands: its plan version, city and fiscal year, version and state. */
export interface RowHead {
  id: number;
  planVersionId: number;
  /** The city's 全国地方公共団体コード and name. */
  cityCode: string;
  city: string;
  fiscalYear: number;
  version: number;
}

export interface ProjectHead extends RowHead {
  name: string;
  leadDepartment: string;
  reviewState: ReviewState;
  reviewComment: string | null;
  measureId: number;
}

export interface MeasureHead extends RowHead {
  code: string;
  title: string;
  leadDepartment: string | null;
  reviewState: ReviewState;
  reviewComment: string | null;
}

/** The head of a project, locked FOR UPDATE when `lock` is set; null when there is no such project. */
export async function projectHead(db: Database, id: number, lock = false): Promise<ProjectHead | null> {
  const q = db
    .select({
      id: projects.id,
      planVersionId: projects.planVersionId,
      cityCode: planVersions.cityCode,
      city: cities.name,
      fiscalYear: planVersions.fiscalYear,
      version: projects.version,
      name: projects.name,
      leadDepartment: projects.leadDepartment,
      reviewState: projects.reviewState,
      reviewComment: projects.reviewComment,
      measureId: projects.measureId,
    })
    .from(projects)
    .innerJoin(planVersions, eq(planVersions.id, projects.planVersionId))
    .innerJoin(cities, eq(cities.code, planVersions.cityCode))
    .where(eq(projects.id, id));
  const [row] = lock ? await q.for("update", { of: projects }) : await q;
  return row ?? null;
}

export async function measureHead(db: Database, id: number, lock = false): Promise<MeasureHead | null> {
  const q = db
    .select({
      id: measures.id,
      planVersionId: measures.planVersionId,
      cityCode: planVersions.cityCode,
      city: cities.name,
      fiscalYear: planVersions.fiscalYear,
      version: measures.version,
      code: measures.code,
      title: measures.title,
      leadDepartment: measures.leadDepartment,
      reviewState: measures.reviewState,
      reviewComment: measures.reviewComment,
    })
    .from(measures)
    .innerJoin(planVersions, eq(planVersions.id, measures.planVersionId))
    .innerJoin(cities, eq(cities.code, planVersions.cityCode))
    .where(eq(measures.id, id));
  const [row] = lock ? await q.for("update", { of: measures }) : await q;
  return row ?? null;
}

/**
 * Replaces the content of a project (its row, 投入指標 and 活動指標) when its version is still
 * `expectedVersion`; returns the new version, or null when someone saved in between.
 */
export async function updateProjectContent(
  db: Database,
  head: { id: number; planVersionId: number; cityCode: string },
  expectedVersion: number,
  p: Project,
): Promise<number | null> {
  const [updated] = await db
    .update(projects)
    .set({ ...projectColumns(p), version: sql`${projects.version} + 1` })
    .where(
      and(
        eq(projects.cityCode, head.cityCode),
        eq(projects.id, head.id),
        eq(projects.version, expectedVersion),
      ),
    )
    .returning({ version: projects.version });
  if (!updated) return null;
  await db
    .delete(projectInputs)
    .where(and(eq(projectInputs.cityCode, head.cityCode), eq(projectInputs.projectId, head.id)));
  await db
    .delete(activityIndicators)
    .where(and(eq(activityIndicators.cityCode, head.cityCode), eq(activityIndicators.projectId, head.id)));
  await insertInputs(db, head, [{ p, projectId: head.id }]);
  await insertActivityIndicators(db, head.cityCode, [{ p, projectId: head.id }]);
  await refreshPlanTotals(db, head);
  await bumpRevision(db, head.planVersionId);
  return updated.version;
}

/** Sets the review state (and the return comment) of a project, bumping its version. */
export async function setReviewState(
  db: Database,
  id: number,
  state: ReviewState,
  comment: string | null,
): Promise<number> {
  const [updated] = await db
    .update(projects)
    .set({ reviewState: state, reviewComment: comment, version: sql`${projects.version} + 1` })
    .where(eq(projects.id, id))
    .returning({ version: projects.version, planVersionId: projects.planVersionId });
  if (!updated) throw new Error(`内部エラー: 事務事業 ${id} がありません。`);
  await bumpRevision(db, updated.planVersionId);
  return updated.version;
}

/**
 * Replaces the editable content of a measure (texts, outcome indicators with their planned and actual
 * values) when its version is still `expectedVersion`; returns the new version or null. The measure goes
 * back to 作成中: what was changed is a draft until it is approved again (the approved content it keeps
 * stays what the public sees).
 */
export async function updateMeasureContent(
  db: Database,
  head: { id: number; cityCode: string },
  expectedVersion: number,
  m: Measure,
): Promise<number | null> {
  const { id, cityCode } = head;
  const [updated] = await db
    .update(measures)
    .set({
      currentIssues: m.currentIssues,
      purpose: m.purpose,
      priorities: m.priorities,
      goalStates: m.goalStates,
      futureActions: m.futureActions,
      sectoralPlans: m.sectoralPlans,
      notes: m.notes,
      reviewState: "draft",
      version: sql`${measures.version} + 1`,
    })
    .where(and(eq(measures.cityCode, cityCode), eq(measures.id, id), eq(measures.version, expectedVersion)))
    .returning({ version: measures.version, planVersionId: measures.planVersionId });
  if (!updated) return null;
  await db
    .delete(outcomeIndicators)
    .where(and(eq(outcomeIndicators.cityCode, cityCode), eq(outcomeIndicators.measureId, id)));
  await insertOutcomeIndicators(db, cityCode, [{ m, measureId: id }]);
  await bumpRevision(db, updated.planVersionId);
  return updated.version;
}

/**
 * Sets the review state (and the return comment) of a measure, bumping its version; with `approved`, also
 * keeps that content as the measure's approved content (what the public side shows).
 */
export async function setMeasureReviewState(
  db: Database,
  id: number,
  state: ReviewState,
  comment: string | null,
  approved?: Omit<Measure, "projects" | "evaluations">,
): Promise<number> {
  const [updated] = await db
    .update(measures)
    .set({
      reviewState: state,
      reviewComment: comment,
      ...(approved ? { approvedContent: approved } : {}),
      version: sql`${measures.version} + 1`,
    })
    .where(eq(measures.id, id))
    .returning({ version: measures.version, planVersionId: measures.planVersionId });
  if (!updated) throw new Error(`内部エラー: 施策 ${id} がありません。`);
  await bumpRevision(db, updated.planVersionId);
  return updated.version;
}

/** Review states of the projects of a plan version, counted per department. */
export async function reviewCounts(
  db: Database,
  planVersionId: number,
): Promise<{ department: string; state: ReviewState; count: number }[]> {
  const rows = await db
    .select({
      department: projects.leadDepartment,
      state: projects.reviewState,
      count: sql<number>`count(*)::int`,
    })
    .from(projects)
    .where(eq(projects.planVersionId, planVersionId))
    .groupBy(projects.leadDepartment, projects.reviewState)
    .orderBy(projects.leadDepartment);
  return rows;
}

/** The departments named by the projects and measures of the given plan versions, sorted. */
export async function departmentsOf(db: Database, planVersionIds: number[]): Promise<string[]> {
  if (planVersionIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ d: projects.leadDepartment })
    .from(projects)
    .where(inArray(projects.planVersionId, planVersionIds));
  return rows.map((r) => r.d).sort((a, b) => a.localeCompare(b, "ja"));
}
