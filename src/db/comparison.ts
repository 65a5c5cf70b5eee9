import { and, asc, eq, inArray } from "drizzle-orm";
import type { CityInfo, ComparedPolicy, ComparedProject, PublishedYear } from "../domain/comparison/model.ts";
import type { Measure, OutcomeIndicator, ProjectEvaluation } from "../domain/plan/model.ts";
import type { Database } from "./client.ts";
import { toProjectEvaluation } from "./load-plan.ts";
import { cities, measures, policies, projectEvaluations, projectInputs, projects } from "./schema/index.ts";

// What the comparison of cities reads (usecases/compare/compare-cities.ts): the published content of one
// fiscal year of many plan versions at once, one query per table for all of them, never one per city.
// Only approved rows leave the database: 承認済 project sheets and their inputs of the year, the
// approved snapshot of each measure, 承認済 evaluation sheets of the year.

/** Every city of the instance, in code order (prefectures in JIS X 0401 order, then municipalities). */
export function listCityInfos(db: Database): Promise<CityInfo[]> {
  return db
    .select({
      code: cities.code,
      name: cities.name,
      prefecture: cities.prefecture,
      population: cities.population,
      populationYear: cities.populationYear,
      similarityGroup: cities.similarityGroup,
    })
    .from(cities)
    .orderBy(asc(cities.code));
}

/**
 * The published content of the fiscal year of each plan version given (see domain/comparison/model.ts),
 * by plan version id: five queries whatever the number of versions. Run it in one transaction for a
 * consistent snapshot. A version without rows gets an empty plan (the caller decides what is public).
 */
export async function loadPublishedYears(
  db: Database,
  where: { planVersionIds: readonly number[]; fiscalYear: number },
): Promise<Map<number, PublishedYear>> {
  const ids = [...new Set(where.planVersionIds)];
  const out = new Map<number, PublishedYear>();
  if (ids.length === 0) return out;
  const policyRows = await db
    .select({
      id: policies.id,
      planVersionId: policies.planVersionId,
      code: policies.code,
      title: policies.title,
    })
    .from(policies)
    .where(inArray(policies.planVersionId, ids))
    .orderBy(asc(policies.planVersionId), asc(policies.position));
  const measureRows = await db
    .select({ id: measures.id, policyId: measures.policyId, approvedContent: measures.approvedContent })
    .from(measures)
    .where(inArray(measures.planVersionId, ids))
    .orderBy(asc(measures.policyId), asc(measures.position));
  // Every project, for the approval counts; the classification of the approved ones.
  const projectRows = await db
    .select({
      id: projects.id,
      measureId: projects.measureId,
      planVersionId: projects.planVersionId,
      reviewState: projects.reviewState,
      account: projects.account,
      kanNumber: projects.kanNumber,
      kanName: projects.kanName,
    })
    .from(projects)
    .where(inArray(projects.planVersionId, ids))
    .orderBy(asc(projects.measureId), asc(projects.position));
  const inputRows = await db
    .select({
      projectId: projectInputs.projectId,
      total: projectInputs.total,
      nationalPrefectural: projectInputs.nationalPrefectural,
      localBonds: projectInputs.localBonds,
      otherEarmarked: projectInputs.otherEarmarked,
      generalRevenue: projectInputs.generalRevenue,
    })
    .from(projectInputs)
    .innerJoin(projects, eq(projects.id, projectInputs.projectId))
    .where(
      and(
        inArray(projectInputs.planVersionId, ids),
        eq(projectInputs.fiscalYear, where.fiscalYear),
        eq(projects.reviewState, "approved"),
      ),
    );
  const evaluationRows = await db
    .select()
    .from(projectEvaluations)
    .where(
      and(
        inArray(projectEvaluations.planVersionId, ids),
        eq(projectEvaluations.fiscalYear, where.fiscalYear),
        eq(projectEvaluations.reviewState, "approved"),
      ),
    )
    .orderBy(asc(projectEvaluations.projectId));

  const year = String(where.fiscalYear);
  const of = (id: number): PublishedYear => {
    let y = out.get(id);
    if (!y) {
      y = {
        approval: { projects: { approved: 0, total: 0 }, measures: { approved: 0, total: 0 } },
        policies: [],
        evaluations: [],
      };
      out.set(id, y);
    }
    return y;
  };
  for (const id of ids) of(id);

  const inputsOf = new Map(inputRows.map(({ projectId, ...inputs }) => [projectId, inputs]));
  const projectsOf = new Map<number, ComparedProject[]>();
  for (const p of projectRows) {
    const counts = of(p.planVersionId).approval.projects;
    counts.total += 1;
    if (p.reviewState !== "approved") continue;
    counts.approved += 1;
    const inputs = inputsOf.get(p.id);
    const project: ComparedProject = {
      classification: {
        account: p.account,
        kan: p.kanName === null ? null : { number: p.kanNumber, name: p.kanName },
      },
      inputs: inputs ? { [year]: inputs } : {},
    };
    push(projectsOf, p.measureId, project);
  }
  const versionOfPolicy = new Map(policyRows.map((p) => [p.id, p.planVersionId]));
  const measuresOf = new Map<number, ComparedPolicy["measures"][number][]>();
  for (const m of measureRows) {
    // The approved snapshot (hoshin-plan/1 Measure without projects); a measure never approved has none.
    const approved = m.approvedContent as Pick<Measure, "outcomeIndicators"> | null;
    const version = versionOfPolicy.get(m.policyId);
    if (version !== undefined) {
      const counts = of(version).approval.measures;
      counts.total += 1;
      if (approved !== null) counts.approved += 1;
    }
    push(measuresOf, m.policyId, {
      outcomeIndicators: (approved?.outcomeIndicators ?? []) as OutcomeIndicator[],
      projects: projectsOf.get(m.id) ?? [],
    });
  }
  const policiesOf = new Map<number, ComparedPolicy[]>();
  for (const p of policyRows) {
    push(policiesOf, p.planVersionId, { code: p.code, title: p.title, measures: measuresOf.get(p.id) ?? [] });
  }
  const evaluationsOf = new Map<number, ProjectEvaluation[]>();
  for (const e of evaluationRows) push(evaluationsOf, e.planVersionId, toProjectEvaluation(e));
  for (const id of ids) {
    const y = of(id);
    out.set(id, { ...y, policies: policiesOf.get(id) ?? [], evaluations: evaluationsOf.get(id) ?? [] });
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
