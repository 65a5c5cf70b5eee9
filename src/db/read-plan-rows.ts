import { and, asc, eq } from "drizzle-orm";
import type { Database } from "./client.ts";
import {
  activityIndicatorActuals,
  activityIndicators,
  activityIndicatorTargets,
  measureEvaluations,
  measureSdgs,
  measures,
  outcomeIndicators,
  outcomeIndicatorValues,
  planDiagnostics,
  planVersions,
  policies,
  policyDirections,
  projectEvaluations,
  projectInputs,
  projectSettlements,
  projects,
} from "./schema/index.ts";

/**
 * Every stored row of one plan version, each table in book order (parents by position, children by
 * parent and position or fiscal year): sixteen queries, whatever the size of the plan. Run it inside a
 * transaction for a consistent snapshot. Every query names the city first (the leading column of every
 * key), so each is a range of one city's index and, on Citus, one shard.
 */
export async function readPlanRows(db: Database, planVersionId: number) {
  const [version] = await db
    .select({ cityCode: planVersions.cityCode })
    .from(planVersions)
    .where(eq(planVersions.id, planVersionId));
  // An unknown version has no rows; a city code no row carries gives the same empty result.
  const cityCode = version?.cityCode ?? "";
  const [policyRows, directionRows, measureRows, sdgRows, outcomeRows, valueRows] = await inTurn([
    db
      .select()
      .from(policies)
      .where(and(eq(policies.cityCode, cityCode), eq(policies.planVersionId, planVersionId)))
      .orderBy(asc(policies.position)),
    db
      .select({ d: policyDirections })
      .from(policyDirections)
      .innerJoin(
        policies,
        and(eq(policies.cityCode, policyDirections.cityCode), eq(policies.id, policyDirections.policyId)),
      )
      .where(and(eq(policies.cityCode, cityCode), eq(policies.planVersionId, planVersionId)))
      .orderBy(asc(policyDirections.policyId), asc(policyDirections.position)),
    db
      .select()
      .from(measures)
      .where(and(eq(measures.cityCode, cityCode), eq(measures.planVersionId, planVersionId)))
      .orderBy(asc(measures.position)),
    db
      .select({ s: measureSdgs })
      .from(measureSdgs)
      .innerJoin(
        measures,
        and(eq(measures.cityCode, measureSdgs.cityCode), eq(measures.id, measureSdgs.measureId)),
      )
      .where(and(eq(measures.cityCode, cityCode), eq(measures.planVersionId, planVersionId)))
      .orderBy(asc(measureSdgs.measureId), asc(measureSdgs.position)),
    db
      .select({ o: outcomeIndicators })
      .from(outcomeIndicators)
      .innerJoin(
        measures,
        and(eq(measures.cityCode, outcomeIndicators.cityCode), eq(measures.id, outcomeIndicators.measureId)),
      )
      .where(and(eq(measures.cityCode, cityCode), eq(measures.planVersionId, planVersionId)))
      .orderBy(asc(outcomeIndicators.measureId), asc(outcomeIndicators.position)),
    db
      .select({ v: outcomeIndicatorValues })
      .from(outcomeIndicatorValues)
      .innerJoin(
        outcomeIndicators,
        and(
          eq(outcomeIndicators.cityCode, outcomeIndicatorValues.cityCode),
          eq(outcomeIndicators.id, outcomeIndicatorValues.outcomeIndicatorId),
        ),
      )
      .innerJoin(
        measures,
        and(eq(measures.cityCode, outcomeIndicators.cityCode), eq(measures.id, outcomeIndicators.measureId)),
      )
      .where(and(eq(measures.cityCode, cityCode), eq(measures.planVersionId, planVersionId)))
      .orderBy(asc(outcomeIndicatorValues.outcomeIndicatorId), asc(outcomeIndicatorValues.fiscalYear)),
  ]);
  const [
    projectRows,
    inputRows,
    activityRows,
    targetRows,
    diagnosticRows,
    activityActualRows,
    settlementRows,
    projectEvaluationRows,
    measureEvaluationRows,
  ] = await inTurn([
    db
      .select()
      .from(projects)
      .where(and(eq(projects.cityCode, cityCode), eq(projects.planVersionId, planVersionId)))
      .orderBy(asc(projects.position)),
    db
      .select()
      .from(projectInputs)
      .where(and(eq(projectInputs.cityCode, cityCode), eq(projectInputs.planVersionId, planVersionId)))
      .orderBy(asc(projectInputs.projectId), asc(projectInputs.fiscalYear)),
    db
      .select({ a: activityIndicators })
      .from(activityIndicators)
      .innerJoin(
        projects,
        and(
          eq(projects.cityCode, activityIndicators.cityCode),
          eq(projects.id, activityIndicators.projectId),
        ),
      )
      .where(and(eq(projects.cityCode, cityCode), eq(projects.planVersionId, planVersionId)))
      .orderBy(asc(activityIndicators.projectId), asc(activityIndicators.position)),
    db
      .select({ t: activityIndicatorTargets })
      .from(activityIndicatorTargets)
      .innerJoin(
        activityIndicators,
        and(
          eq(activityIndicators.cityCode, activityIndicatorTargets.cityCode),
          eq(activityIndicators.id, activityIndicatorTargets.activityIndicatorId),
        ),
      )
      .innerJoin(
        projects,
        and(
          eq(projects.cityCode, activityIndicators.cityCode),
          eq(projects.id, activityIndicators.projectId),
        ),
      )
      .where(and(eq(projects.cityCode, cityCode), eq(projects.planVersionId, planVersionId)))
      .orderBy(asc(activityIndicatorTargets.activityIndicatorId), asc(activityIndicatorTargets.fiscalYear)),
    db
      .select()
      .from(planDiagnostics)
      .where(and(eq(planDiagnostics.cityCode, cityCode), eq(planDiagnostics.planVersionId, planVersionId)))
      .orderBy(asc(planDiagnostics.position)),
    db
      .select({ a: activityIndicatorActuals })
      .from(activityIndicatorActuals)
      .innerJoin(
        activityIndicators,
        and(
          eq(activityIndicators.cityCode, activityIndicatorActuals.cityCode),
          eq(activityIndicators.id, activityIndicatorActuals.activityIndicatorId),
        ),
      )
      .innerJoin(
        projects,
        and(
          eq(projects.cityCode, activityIndicators.cityCode),
          eq(projects.id, activityIndicators.projectId),
        ),
      )
      .where(and(eq(projects.cityCode, cityCode), eq(projects.planVersionId, planVersionId)))
      .orderBy(asc(activityIndicatorActuals.activityIndicatorId), asc(activityIndicatorActuals.fiscalYear)),
    db
      .select({ s: projectSettlements })
      .from(projectSettlements)
      .innerJoin(
        projects,
        and(
          eq(projects.cityCode, projectSettlements.cityCode),
          eq(projects.id, projectSettlements.projectId),
        ),
      )
      .where(and(eq(projects.cityCode, cityCode), eq(projects.planVersionId, planVersionId)))
      .orderBy(asc(projectSettlements.projectId), asc(projectSettlements.fiscalYear)),
    db
      .select()
      .from(projectEvaluations)
      .where(
        and(eq(projectEvaluations.cityCode, cityCode), eq(projectEvaluations.planVersionId, planVersionId)),
      )
      .orderBy(asc(projectEvaluations.projectId), asc(projectEvaluations.fiscalYear)),
    db
      .select()
      .from(measureEvaluations)
      .where(
        and(eq(measureEvaluations.cityCode, cityCode), eq(measureEvaluations.planVersionId, planVersionId)),
      )
      .orderBy(asc(measureEvaluations.measureId), asc(measureEvaluations.fiscalYear)),
  ]);

  return {
    policyRows,
    directionRows: directionRows.map(({ d }) => d),
    measureRows,
    sdgRows: sdgRows.map(({ s }) => s),
    outcomeRows: outcomeRows.map(({ o }) => o),
    valueRows: valueRows.map(({ v }) => v),
    projectRows,
    inputRows,
    activityRows: activityRows.map(({ a }) => a),
    targetRows: targetRows.map(({ t }) => t),
    diagnosticRows,
    activityActualRows: activityActualRows.map(({ a }) => a),
    settlementRows: settlementRows.map(({ s }) => s),
    projectEvaluationRows,
    measureEvaluationRows,
  };
}

export type PlanRows = Awaited<ReturnType<typeof readPlanRows>>;

/**
 * The rows of one project and of its children, in the order readPlanRows gives them: seven indexed
 * queries by project id, for the saves that change one project without reading the whole plan.
 */
export async function readProjectRows(db: Database, projectId: number) {
  const [project] = await db
    .select({ cityCode: projects.cityCode })
    .from(projects)
    .where(eq(projects.id, projectId));
  const cityCode = project?.cityCode ?? "";
  const [
    projectRows,
    inputRows,
    activityRows,
    targetRows,
    activityActualRows,
    settlementRows,
    projectEvaluationRows,
  ] = await inTurn([
    db
      .select()
      .from(projects)
      .where(and(eq(projects.cityCode, cityCode), eq(projects.id, projectId))),
    db
      .select()
      .from(projectInputs)
      .where(and(eq(projectInputs.cityCode, cityCode), eq(projectInputs.projectId, projectId)))
      .orderBy(asc(projectInputs.fiscalYear)),
    db
      .select()
      .from(activityIndicators)
      .where(and(eq(activityIndicators.cityCode, cityCode), eq(activityIndicators.projectId, projectId)))
      .orderBy(asc(activityIndicators.position)),
    db
      .select({ t: activityIndicatorTargets })
      .from(activityIndicatorTargets)
      .innerJoin(
        activityIndicators,
        and(
          eq(activityIndicators.cityCode, activityIndicatorTargets.cityCode),
          eq(activityIndicators.id, activityIndicatorTargets.activityIndicatorId),
        ),
      )
      .where(and(eq(activityIndicators.cityCode, cityCode), eq(activityIndicators.projectId, projectId)))
      .orderBy(asc(activityIndicatorTargets.activityIndicatorId), asc(activityIndicatorTargets.fiscalYear)),
    db
      .select({ a: activityIndicatorActuals })
      .from(activityIndicatorActuals)
      .innerJoin(
        activityIndicators,
        and(
          eq(activityIndicators.cityCode, activityIndicatorActuals.cityCode),
          eq(activityIndicators.id, activityIndicatorActuals.activityIndicatorId),
        ),
      )
      .where(and(eq(activityIndicators.cityCode, cityCode), eq(activityIndicators.projectId, projectId)))
      .orderBy(asc(activityIndicatorActuals.activityIndicatorId), asc(activityIndicatorActuals.fiscalYear)),
    db
      .select()
      .from(projectSettlements)
      .where(and(eq(projectSettlements.cityCode, cityCode), eq(projectSettlements.projectId, projectId)))
      .orderBy(asc(projectSettlements.fiscalYear)),
    db
      .select()
      .from(projectEvaluations)
      .where(and(eq(projectEvaluations.cityCode, cityCode), eq(projectEvaluations.projectId, projectId)))
      .orderBy(asc(projectEvaluations.fiscalYear)),
  ]);
  return {
    projectRows,
    inputRows,
    activityRows,
    targetRows: targetRows.map(({ t }) => t),
    activityActualRows: activityActualRows.map(({ a }) => a),
    settlementRows,
    projectEvaluationRows,
  };
}

/**
 * Runs queries one after the other. A plan is read inside a transaction, which holds one connection; a
 * connection runs one query at a time, so issuing them together gains nothing and node-postgres warns
 * about queries queued on a busy client.
 */
async function inTurn<T extends readonly unknown[]>(
  queries: { [K in keyof T]: PromiseLike<T[K]> },
): Promise<T> {
  // Drizzle's queries are lazy: each runs when it is awaited here, not when it is built.
  const out: unknown[] = [];
  for (const q of queries as readonly PromiseLike<unknown>[]) out.push(await q);
  return out as unknown as T;
}
