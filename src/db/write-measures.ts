import type { Measure, MeasureEvaluation, OutcomeIndicator, Policy } from "../domain/plan/model.ts";
import { at, batches, byPosition } from "./batch.ts";
import type { Database } from "./client.ts";
import {
  measureEvaluations,
  measureSdgs,
  measures,
  outcomeIndicators,
  outcomeIndicatorValues,
  policies,
  policyDirections,
} from "./schema/index.ts";
import { fiscalYearNumber, indicatorColumns } from "./values.ts";

// Writers for the policy side of a plan (政策, 方針, 施策, SDGs, 成果指標), one multi-row INSERT per batch.
// Each returns the new ids in book order, so the caller can hang the next level under them.

/** The plan version written to, with its city (the leading key column of every row below it). */
export interface VersionKey {
  cityCode: string;
  planVersionId: number;
}

export async function insertPolicies(db: Database, key: VersionKey, list: Policy[]): Promise<number[]> {
  const { cityCode, planVersionId } = key;
  const rows = list.map((p, position) => ({
    cityCode,
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
    p.directions.map((d, position) => ({
      cityCode,
      policyId: at(ids, i),
      position,
      title: d.title,
      text: d.text,
    })),
  );
  for (const part of batches(directions)) await db.insert(policyDirections).values(part);
  return ids;
}

export async function insertMeasures(
  db: Database,
  key: VersionKey,
  list: { m: Measure; policyId: number }[],
): Promise<number[]> {
  const { cityCode, planVersionId } = key;
  const rows = list.map(({ m, policyId }, position) => ({
    cityCode,
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
      cityCode,
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

export async function insertOutcomeIndicators(
  db: Database,
  cityCode: string,
  list: { m: Measure; measureId: number }[],
): Promise<number> {
  const owned = list.flatMap(({ m, measureId }) =>
    m.outcomeIndicators.map((o, position) => ({ o, measureId, position })),
  );
  const rows = owned.map(({ o, measureId, position }) => ({
    cityCode,
    measureId,
    position,
    name: o.name,
    rationale: o.rationale,
    formula: o.formula,
    unit: o.unit,
    baselineText: o.baseline?.text ?? null,
    baselineValue: o.baseline?.value ?? null,
    baselineComparator: o.baseline?.comparator ?? null,
    direction: o.direction ?? null,
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
    return valueRows(cityCode, id, o);
  });
  for (const part of batches(values)) await db.insert(outcomeIndicatorValues).values(part);
  return rows.length;
}

function valueRows(cityCode: string, outcomeIndicatorId: number, o: OutcomeIndicator) {
  const series = [
    ["planned", o.planned],
    ["actual", o.actual],
  ] as const;
  return series.flatMap(([kind, byYear]) =>
    Object.entries(byYear).map(([fy, v]) => ({
      cityCode,
      outcomeIndicatorId,
      kind,
      fiscalYear: fiscalYearNumber(fy),
      ...indicatorColumns(v),
    })),
  );
}

/** The 施策評価 of the measures, each as 作成中. */
export async function insertMeasureEvaluations(
  db: Database,
  key: VersionKey,
  list: { m: Measure; measureId: number }[],
): Promise<void> {
  const { cityCode, planVersionId } = key;
  const rows = list.flatMap(({ m, measureId }) =>
    Object.entries(m.evaluations ?? {}).map(([fy, e]) => ({
      cityCode,
      planVersionId,
      measureId,
      fiscalYear: fiscalYearNumber(fy),
      ...measureEvaluationColumns(e),
    })),
  );
  for (const part of batches(rows)) await db.insert(measureEvaluations).values(part);
}

/** The columns of a 施策評価 that its content sets. */
export function measureEvaluationColumns(e: MeasureEvaluation) {
  return {
    selfRating: e.self.rating,
    selfAssessment: e.self.assessment,
    selfNextSteps: e.self.nextSteps,
    hasSecondary: e.secondary !== null,
    secondaryRating: e.secondary?.rating ?? null,
    secondaryComment: e.secondary?.comment ?? null,
  };
}
