import { and, eq, inArray, sql } from "drizzle-orm";
import type { CityIdentity } from "../domain/city/city.ts";
import type { PlanDocument } from "../domain/plan/model.ts";
import { at, batches } from "./batch.ts";
import type { Database } from "./client.ts";
import { refreshPlanTotals } from "./plan-totals.ts";
import { cities, planDiagnostics, planVersions } from "./schema/index.ts";
import { fiscalYearNumber } from "./values.ts";
import {
  insertMeasureEvaluations,
  insertMeasures,
  insertOutcomeIndicators,
  insertPolicies,
  type VersionKey,
} from "./write-measures.ts";
import {
  insertActivityIndicators,
  insertInputs,
  insertProjectEvaluations,
  insertProjects,
  insertSettlements,
} from "./write-projects.ts";

export interface SavePlanInput {
  city: CityIdentity;
  /** Western fiscal year of the book (令和6年度 → 2024). */
  fiscalYear: number;
  plan: PlanDocument;
  sourceName?: string | null;
  sourceEncoding?: string | null;
  /** The version this plan was rolled over from, if any. */
  rolledFromId?: number | null;
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
  // Upserting the city locks its row, so two imports of the same city wait for each other. What the city
  // row holds besides its code (population, 類似団体区分) is the city's own and stays as it is.
  const [city] = await db
    .insert(cities)
    .values({
      code: input.city.code,
      name: input.city.name,
      nameKana: input.city.nameKana,
      prefecture: input.city.prefecture,
    })
    .onConflictDoUpdate({ target: cities.code, set: { code: sql`excluded.code` } })
    .returning({ code: cities.code });
  if (!city) throw new Error("市町村を登録できませんでした。");

  const replacedIds = db
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(and(eq(planVersions.cityCode, city.code), eq(planVersions.fiscalYear, input.fiscalYear)));
  // A version rolled over from the one replaced loses its rolled_from_id (ON DELETE SET NULL): that
  // changes what a read of it shows, so its revision goes up in this transaction as well.
  await db
    .update(planVersions)
    .set({ revision: sql`${planVersions.revision} + 1` })
    .where(inArray(planVersions.rolledFromId, replacedIds));
  const removed = await db
    .delete(planVersions)
    .where(and(eq(planVersions.cityCode, city.code), eq(planVersions.fiscalYear, input.fiscalYear)))
    .returning({ id: planVersions.id });

  const [version] = await db
    .insert(planVersions)
    .values({
      cityCode: city.code,
      fiscalYear: input.fiscalYear,
      title: plan.title,
      sourceName: input.sourceName ?? null,
      sourceEncoding: input.sourceEncoding ?? null,
      // Kept as saved, so that later edits can be compared with what was imported or rolled over.
      sourcePlan: plan,
      rolledFromId: input.rolledFromId ?? null,
    })
    .returning({ id: planVersions.id });
  if (!version) throw new Error("計画の版を登録できませんでした。");
  const planVersionId = version.id;
  const key = { cityCode: city.code, planVersionId };

  const policyIds = await insertPolicies(db, key, plan.policies);
  const measureList = plan.policies.flatMap((p, i) =>
    p.measures.map((m) => ({ m, policyId: at(policyIds, i) })),
  );
  const measureIds = await insertMeasures(db, key, measureList);
  const outcomeCount = await insertOutcomeIndicators(
    db,
    city.code,
    measureList.map(({ m }, i) => ({ m, measureId: at(measureIds, i) })),
  );
  const projectList = measureList.flatMap(({ m }, i) =>
    m.projects.map((p) => ({ p, measureId: at(measureIds, i) })),
  );
  const projectIds = await insertProjects(db, key, projectList);
  const withIds = projectList.map(({ p }, i) => ({ p, projectId: at(projectIds, i) }));
  const inputCount = await insertInputs(db, key, withIds);
  const activityCount = await insertActivityIndicators(db, city.code, withIds);
  await insertSettlements(db, city.code, withIds);
  await insertProjectEvaluations(db, key, withIds);
  await insertMeasureEvaluations(
    db,
    key,
    measureList.map(({ m }, i) => ({ m, measureId: at(measureIds, i) })),
  );
  await insertDiagnostics(db, key, plan);
  await refreshPlanTotals(db, key);

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

async function insertDiagnostics(db: Database, key: VersionKey, plan: PlanDocument): Promise<void> {
  const { cityCode, planVersionId } = key;
  const rows = plan.diagnostics.map((d, position) => ({
    cityCode,
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
