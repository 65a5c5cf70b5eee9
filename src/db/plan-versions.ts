import { and, asc, eq } from "drizzle-orm";
import type { PlanDocument } from "../domain/plan/model.ts";
import type { Database } from "./client.ts";
import { cities, planVersions, policies } from "./schema/index.ts";

/** One stored plan version, without its content. */
export interface PlanVersionSummary {
  id: number;
  /** The city's 全国地方公共団体コード (202088) and name (小諸市). */
  cityCode: string;
  city: string;
  /** The city's prefecture (長野県). */
  prefecture: string;
  /** The city's 人口 (persons), null until entered. */
  population: number | null;
  fiscalYear: number;
  title: string | null;
  sourceName: string | null;
  sourceEncoding: string | null;
  importedAt: Date;
  /** The version this one was rolled over from, or null for an imported plan. */
  rolledFromId: number | null;
}

const summaryColumns = {
  id: planVersions.id,
  cityCode: planVersions.cityCode,
  city: cities.name,
  prefecture: cities.prefecture,
  population: cities.population,
  fiscalYear: planVersions.fiscalYear,
  title: planVersions.title,
  sourceName: planVersions.sourceName,
  sourceEncoding: planVersions.sourceEncoding,
  importedAt: planVersions.importedAt,
  rolledFromId: planVersions.rolledFromId,
};

/** The plan version of a city for a fiscal year, or null. */
export async function findPlanVersion(
  db: Database,
  where: { cityCode: string; fiscalYear: number },
): Promise<PlanVersionSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(planVersions)
    .innerJoin(cities, eq(cities.code, planVersions.cityCode))
    .where(and(eq(planVersions.cityCode, where.cityCode), eq(planVersions.fiscalYear, where.fiscalYear)));
  return row ?? null;
}

/** Every stored plan version, by city (prefecture and code order) and fiscal year. */
export function listPlanVersions(db: Database): Promise<PlanVersionSummary[]> {
  return db
    .select(summaryColumns)
    .from(planVersions)
    .innerJoin(cities, eq(cities.code, planVersions.cityCode))
    .orderBy(asc(planVersions.cityCode), asc(planVersions.fiscalYear));
}

/** The policies (code and title, in book order) stored for a city and fiscal year; empty when none. */
export function storedPolicies(
  db: Database,
  where: { cityCode: string; fiscalYear: number },
): Promise<{ code: string; title: string }[]> {
  return db
    .select({ code: policies.code, title: policies.title })
    .from(policies)
    .innerJoin(planVersions, eq(planVersions.id, policies.planVersionId))
    .where(and(eq(planVersions.cityCode, where.cityCode), eq(planVersions.fiscalYear, where.fiscalYear)))
    .orderBy(asc(policies.position));
}

/** One plan version by id, or null. */
export async function findPlanVersionById(db: Database, id: number): Promise<PlanVersionSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(planVersions)
    .innerJoin(cities, eq(cities.code, planVersions.cityCode))
    .where(eq(planVersions.id, id));
  return row ?? null;
}

/** The plan as saved by its import or rollover (for comparing with the edits since), and its origin. */
export async function findPlanSource(
  db: Database,
  planVersionId: number,
): Promise<{ sourcePlan: PlanDocument | null; rolledFromId: number | null } | null> {
  const [row] = await db
    .select({ sourcePlan: planVersions.sourcePlan, rolledFromId: planVersions.rolledFromId })
    .from(planVersions)
    .where(eq(planVersions.id, planVersionId));
  if (!row) return null;
  return { sourcePlan: (row.sourcePlan as PlanDocument | null) ?? null, rolledFromId: row.rolledFromId };
}
