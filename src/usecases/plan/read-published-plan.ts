import type { Database } from "../../db/client.ts";
import type { PlanVersionSummary } from "../../db/plans.ts";
import type { Measure, PlanDocument, Policy, Project } from "../../domain/plan/model.ts";
import { HoshinError } from "../errors.ts";
import { planToken, readPlanCatalogue } from "./freshness.ts";
import { readPlanModel } from "./read-model.ts";

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
 * leaves the public side again if it is returned for changes. Served from the read model
 * (read-model.ts), computed once per plan version and revision.
 */
export async function readPublishedPlan(opts: {
  db: Database;
  planVersionId: number;
}): Promise<PublishedPlan> {
  const model = await readPlanModel({ db: opts.db, planVersionId: opts.planVersionId });
  if (!model) throw new HoshinError("not-found", "指定の実施計画は公開されていません。");
  return model.published;
}

/**
 * A value computed from the published part of a plan version once per revision and kept with it in the
 * read model (the public API's response bodies): `make` runs again only after the version changed.
 * `key` names what `make` computes; a `make` that throws caches nothing.
 */
export async function readPublishedMemo<T>(opts: {
  db: Database;
  planVersionId: number;
  key: string;
  make: (published: PublishedPlan) => T;
}): Promise<{ value: T; token: string }> {
  const model = await readPlanModel({ db: opts.db, planVersionId: opts.planVersionId });
  if (!model) throw new HoshinError("not-found", "指定の実施計画は公開されていません。");
  return {
    value: model.memo(`published:${opts.key}`, () => opts.make(model.published)),
    token: planToken(model.id, model.revision),
  };
}

/** Every stored plan version (the list is public: cities and years, without content). */
export async function listPublishedPlans(opts: { db: Database }): Promise<PlanVersionSummary[]> {
  return (await readPublishedCatalogue(opts)).plans;
}

/** The same list with its freshness token (freshness.ts), for responses that may be kept. */
export async function readPublishedCatalogue(opts: {
  db: Database;
}): Promise<{ plans: PlanVersionSummary[]; token: string }> {
  return readPlanCatalogue(opts.db);
}
