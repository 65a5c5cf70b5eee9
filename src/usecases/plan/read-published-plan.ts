import type { Database } from "../../db/client.ts";
import {
  findPlanVersionById,
  listPlanVersions,
  loadIndexedPlanVersion,
  type PlanVersionSummary,
} from "../../db/plans.ts";
import type { Measure, PlanDocument, Policy, Project } from "../../domain/plan/model.ts";
import { HoshinError } from "../errors.ts";

/** What the public may see of a plan version: its structure, and only the 承認済 project sheets. */
export interface PublishedPlan {
  version: PlanVersionSummary;
  /** The plan with unapproved projects left out (and no import diagnostics). */
  plan: PlanDocument;
  policies: { policy: Policy }[];
  measures: { id: number; measure: Measure; policy: Policy; publishedProjects: number }[];
  projects: { id: number; project: Project; measure: Measure }[];
}

/**
 * The published part of a plan version. Public code reads plans only through here, so a draft or a
 * submitted sheet can never reach the portal or the API: a project is public once it is 承認済, and
 * leaves the public side again if it is returned for changes.
 */
export async function readPublishedPlan(opts: {
  db: Database;
  planVersionId: number;
}): Promise<PublishedPlan> {
  return opts.db.transaction(async (tx) => {
    const version = await findPlanVersionById(tx, opts.planVersionId);
    if (!version) throw new HoshinError("not-found", "指定の実施計画は公開されていません。");
    const { plan, index } = await loadIndexedPlanVersion(tx, version.id, version.title);
    const measures: PublishedPlan["measures"] = [];
    const projects: PublishedPlan["projects"] = [];
    const published: PlanDocument = {
      ...plan,
      diagnostics: [],
      policies: plan.policies.map((policy) => ({
        ...policy,
        measures: policy.measures.map((measure) => {
          const kept = measure.projects.filter((p) => index.projects.get(p)?.reviewState === "approved");
          const m: Measure = { ...measure, projects: kept };
          measures.push({
            id: index.measures.get(measure)?.id ?? 0,
            measure: m,
            policy,
            publishedProjects: kept.length,
          });
          for (const p of kept) projects.push({ id: index.projects.get(p)?.id ?? 0, project: p, measure: m });
          return m;
        }),
      })),
    };
    return {
      version,
      plan: published,
      policies: published.policies.map((policy) => ({ policy })),
      measures,
      projects,
    };
  });
}

/** Every stored plan version (the list is public: cities and years, without content). */
export function listPublishedPlans(opts: { db: Database }): Promise<PlanVersionSummary[]> {
  return listPlanVersions(opts.db);
}
