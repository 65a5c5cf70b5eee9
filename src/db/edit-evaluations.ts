import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { ReviewState } from "../domain/editing/review.ts";
import type {
  IndicatorValue,
  MeasureEvaluation,
  ProjectEvaluation,
  Thousands,
} from "../domain/plan/model.ts";
import type { Database } from "./client.ts";
import { bumpRevision, bumpRevisionOfProject } from "./revision.ts";
import {
  activityIndicatorActuals,
  activityIndicators,
  measureEvaluations,
  projectEvaluations,
  projectSettlements,
} from "./schema/index.ts";
import { indicatorColumns } from "./values.ts";
import { measureEvaluationColumns } from "./write-measures.ts";
import { projectEvaluationColumns } from "./write-projects.ts";

// Writes of the evaluation sheets (事務事業評価・施策評価) and of the actuals entered with them, one sheet
// at a time, each guarded by its version (optimistic concurrency). A sheet that was never saved has no row
// and counts as version 1, 作成中; its first save creates the row at version 2. Callers run these inside a
// transaction, after locking the project or measure the sheet belongs to. Each write bumps the revision of
// the plan version (db/revision.ts) in that transaction.

/** Where an evaluation sheet stands: its row, version and review state. */
export interface EvaluationHead {
  id: number;
  planVersionId: number;
  fiscalYear: number;
  version: number;
  reviewState: ReviewState;
  reviewComment: string | null;
}

/** The version of a sheet that has no row yet. */
export const UNSAVED_EVALUATION_VERSION = 1;

/**
 * The head of the 事務事業評価 of a project for a fiscal year (the evaluated year), locked FOR UPDATE when
 * `lock` is set; null when the sheet has never been saved.
 */
export async function projectEvaluationHead(
  db: Database,
  projectId: number,
  fiscalYear: number,
  lock = false,
): Promise<EvaluationHead | null> {
  const q = db
    .select({
      id: projectEvaluations.id,
      planVersionId: projectEvaluations.planVersionId,
      fiscalYear: projectEvaluations.fiscalYear,
      version: projectEvaluations.version,
      reviewState: projectEvaluations.reviewState,
      reviewComment: projectEvaluations.reviewComment,
    })
    .from(projectEvaluations)
    .where(and(eq(projectEvaluations.projectId, projectId), eq(projectEvaluations.fiscalYear, fiscalYear)));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** The head of the 施策評価 of a measure for a fiscal year, locked when `lock` is set; null when unsaved. */
export async function measureEvaluationHead(
  db: Database,
  measureId: number,
  fiscalYear: number,
  lock = false,
): Promise<EvaluationHead | null> {
  const q = db
    .select({
      id: measureEvaluations.id,
      planVersionId: measureEvaluations.planVersionId,
      fiscalYear: measureEvaluations.fiscalYear,
      version: measureEvaluations.version,
      reviewState: measureEvaluations.reviewState,
      reviewComment: measureEvaluations.reviewComment,
    })
    .from(measureEvaluations)
    .where(and(eq(measureEvaluations.measureId, measureId), eq(measureEvaluations.fiscalYear, fiscalYear)));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** Which sheet: the project or measure, its plan version, and the evaluated fiscal year. */
export interface SheetKey {
  /** The city's 全国地方公共団体コード (the leading key column of the sheet's row). */
  cityCode: string;
  planVersionId: number;
  fiscalYear: number;
}

/**
 * Writes the content of a 事務事業評価 when its version is still `expectedVersion` and returns the row's id
 * and new version, or null when someone saved in between. The first save (expected version 1, no row)
 * inserts the row at version 2; when another first save got there before, the unique key
 * (project_id, fiscal_year) turns the insert into nothing and this returns null as well.
 */
export async function upsertProjectEvaluation(
  db: Database,
  key: SheetKey & { projectId: number },
  expectedVersion: number,
  e: ProjectEvaluation,
): Promise<{ id: number; version: number } | null> {
  const columns = projectEvaluationColumns(e);
  const [updated] = await db
    .update(projectEvaluations)
    .set({ ...columns, version: sql`${projectEvaluations.version} + 1` })
    .where(
      and(
        eq(projectEvaluations.projectId, key.projectId),
        eq(projectEvaluations.fiscalYear, key.fiscalYear),
        eq(projectEvaluations.version, expectedVersion),
      ),
    )
    .returning({ id: projectEvaluations.id, version: projectEvaluations.version });
  if (updated) {
    await bumpRevision(db, key.planVersionId);
    return updated;
  }
  if (expectedVersion !== UNSAVED_EVALUATION_VERSION) return null;
  const [inserted] = await db
    .insert(projectEvaluations)
    .values({
      cityCode: key.cityCode,
      planVersionId: key.planVersionId,
      projectId: key.projectId,
      fiscalYear: key.fiscalYear,
      ...columns,
      version: UNSAVED_EVALUATION_VERSION + 1,
    })
    .onConflictDoNothing({
      target: [projectEvaluations.cityCode, projectEvaluations.projectId, projectEvaluations.fiscalYear],
    })
    .returning({ id: projectEvaluations.id, version: projectEvaluations.version });
  if (!inserted) return null;
  await bumpRevision(db, key.planVersionId);
  return inserted;
}

/** The same for a 施策評価. */
export async function upsertMeasureEvaluation(
  db: Database,
  key: SheetKey & { measureId: number },
  expectedVersion: number,
  e: MeasureEvaluation,
): Promise<{ id: number; version: number } | null> {
  const columns = measureEvaluationColumns(e);
  const [updated] = await db
    .update(measureEvaluations)
    .set({ ...columns, version: sql`${measureEvaluations.version} + 1` })
    .where(
      and(
        eq(measureEvaluations.measureId, key.measureId),
        eq(measureEvaluations.fiscalYear, key.fiscalYear),
        eq(measureEvaluations.version, expectedVersion),
      ),
    )
    .returning({ id: measureEvaluations.id, version: measureEvaluations.version });
  if (updated) {
    await bumpRevision(db, key.planVersionId);
    return updated;
  }
  if (expectedVersion !== UNSAVED_EVALUATION_VERSION) return null;
  const [inserted] = await db
    .insert(measureEvaluations)
    .values({
      cityCode: key.cityCode,
      planVersionId: key.planVersionId,
      measureId: key.measureId,
      fiscalYear: key.fiscalYear,
      ...columns,
      version: UNSAVED_EVALUATION_VERSION + 1,
    })
    .onConflictDoNothing({
      target: [measureEvaluations.cityCode, measureEvaluations.measureId, measureEvaluations.fiscalYear],
    })
    .returning({ id: measureEvaluations.id, version: measureEvaluations.version });
  if (!inserted) return null;
  await bumpRevision(db, key.planVersionId);
  return inserted;
}

/** The ids of a project's activity indicators in book order (by position). */
export async function activityIndicatorIds(db: Database, projectId: number): Promise<number[]> {
  const rows = await db
    .select({ id: activityIndicators.id })
    .from(activityIndicators)
    .where(eq(activityIndicators.projectId, projectId))
    .orderBy(asc(activityIndicators.position));
  return rows.map((r) => r.id);
}

/**
 * Replaces the 決算額 of a project for one fiscal year (null: none) and the 実績 of its activity indicators
 * for that year, given by position (null: none). Throws when more actuals are given than the project has
 * indicators.
 */
export async function replaceProjectActuals(
  db: Database,
  project: { id: number; cityCode: string },
  fiscalYear: number,
  settled: Thousands | null,
  actuals: readonly (IndicatorValue | null)[],
): Promise<void> {
  const { id: projectId, cityCode } = project;
  await db
    .delete(projectSettlements)
    .where(
      and(
        eq(projectSettlements.cityCode, cityCode),
        eq(projectSettlements.projectId, projectId),
        eq(projectSettlements.fiscalYear, fiscalYear),
      ),
    );
  if (settled !== null)
    await db.insert(projectSettlements).values({ cityCode, projectId, fiscalYear, amount: settled });
  const ids = await activityIndicatorIds(db, projectId);
  if (actuals.length > ids.length) {
    throw new Error(`内部エラー: 活動指標 ${ids.length} 件に実績 ${actuals.length} 件は入りません。`);
  }
  if (ids.length > 0) {
    await db
      .delete(activityIndicatorActuals)
      .where(
        and(
          inArray(activityIndicatorActuals.activityIndicatorId, ids),
          eq(activityIndicatorActuals.fiscalYear, fiscalYear),
        ),
      );
  }
  const rows = actuals.flatMap((a, n) => {
    const id = ids[n];
    return a === null || id === undefined
      ? []
      : [{ cityCode, activityIndicatorId: id, fiscalYear, ...indicatorColumns(a) }];
  });
  if (rows.length > 0) await db.insert(activityIndicatorActuals).values(rows);
  await bumpRevisionOfProject(db, projectId);
}

/** Sets the review state (and the return comment) of an evaluation sheet, bumping its version. */
export async function setEvaluationReviewState(
  db: Database,
  kind: "project" | "measure",
  id: number,
  state: ReviewState,
  comment: string | null,
): Promise<number> {
  const table = kind === "project" ? projectEvaluations : measureEvaluations;
  const [updated] = await db
    .update(table)
    .set({ reviewState: state, reviewComment: comment, version: sql`${table.version} + 1` })
    .where(eq(table.id, id))
    .returning({ version: table.version, planVersionId: table.planVersionId });
  if (!updated) throw new Error(`内部エラー: 評価シート ${id} がありません。`);
  await bumpRevision(db, updated.planVersionId);
  return updated.version;
}

/** The project (or measure) and evaluated fiscal year of an evaluation sheet's row, for links from the audit log. */
export async function evaluationSheetOf(
  db: Database,
  kind: "project" | "measure",
  id: number,
): Promise<{ ownerId: number; fiscalYear: number } | null> {
  if (kind === "project") {
    const [row] = await db
      .select({ ownerId: projectEvaluations.projectId, fiscalYear: projectEvaluations.fiscalYear })
      .from(projectEvaluations)
      .where(eq(projectEvaluations.id, id));
    return row ?? null;
  }
  const [row] = await db
    .select({ ownerId: measureEvaluations.measureId, fiscalYear: measureEvaluations.fiscalYear })
    .from(measureEvaluations)
    .where(eq(measureEvaluations.id, id));
  return row ?? null;
}
