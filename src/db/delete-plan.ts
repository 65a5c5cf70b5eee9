import { and, count, eq, inArray } from "drizzle-orm";
import type { Database } from "./client.ts";
import {
  cities,
  measureEvaluations,
  measures,
  planVersions,
  policies,
  projectEvaluations,
  projects,
} from "./schema/index.ts";

/** What a deletion removes: the plan years, and the rows under them. */
export interface DeletionCounts {
  fiscalYears: number[];
  policies: number;
  measures: number;
  projects: number;
  /** 事務事業評価 and 施策評価 sheets together. */
  evaluations: number;
}

/**
 * The city (by code) and its plan versions to delete: one fiscal year, or all of them when `fiscalYear`
 * is null. Null when the city is not stored (or has no plan for that year).
 */
export async function findDeletionTarget(
  db: Database,
  where: { cityCode: string; fiscalYear: number | null },
): Promise<{ cityCode: string; versions: { id: number; fiscalYear: number }[] } | null> {
  const [city] = await db.select({ code: cities.code }).from(cities).where(eq(cities.code, where.cityCode));
  if (!city) return null;
  const versions = await db
    .select({ id: planVersions.id, fiscalYear: planVersions.fiscalYear })
    .from(planVersions)
    .where(
      where.fiscalYear === null
        ? eq(planVersions.cityCode, city.code)
        : and(eq(planVersions.cityCode, city.code), eq(planVersions.fiscalYear, where.fiscalYear)),
    )
    .orderBy(planVersions.fiscalYear);
  if (where.fiscalYear !== null && versions.length === 0) return null;
  return { cityCode: city.code, versions };
}

/** How many rows of each kind the plan versions hold. */
export async function deletionCounts(
  db: Database,
  versions: { id: number; fiscalYear: number }[],
): Promise<DeletionCounts> {
  const ids = versions.map((v) => v.id);
  const n = async (table: typeof policies | typeof measures | typeof projects) => {
    if (ids.length === 0) return 0;
    const [row] = await db.select({ n: count() }).from(table).where(inArray(table.planVersionId, ids));
    return row?.n ?? 0;
  };
  const e = async (table: typeof projectEvaluations | typeof measureEvaluations) => {
    if (ids.length === 0) return 0;
    const [row] = await db.select({ n: count() }).from(table).where(inArray(table.planVersionId, ids));
    return row?.n ?? 0;
  };
  return {
    fiscalYears: versions.map((v) => v.fiscalYear),
    policies: await n(policies),
    measures: await n(measures),
    projects: await n(projects),
    evaluations: (await e(projectEvaluations)) + (await e(measureEvaluations)),
  };
}

/**
 * Deletes plan versions (everything below them goes by cascade; a plan rolled over from one keeps
 * standing, its link cleared) and, with `cityCode`, the city row too. The audit log has no foreign keys,
 * so it keeps what it says about them.
 */
export async function deletePlanVersions(
  db: Database,
  versionIds: number[],
  cityCode: string | null,
): Promise<void> {
  if (versionIds.length > 0) await db.delete(planVersions).where(inArray(planVersions.id, versionIds));
  if (cityCode !== null) await db.delete(cities).where(eq(cities.code, cityCode));
}
