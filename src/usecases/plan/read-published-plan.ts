import type { Database } from "../../db/client.ts";
import { listPlanVersionApprovals, type PlanVersionApproval } from "../../db/published.ts";
import { hasApprovedContent } from "../../domain/publication/approval.ts";
import { HoshinError } from "../errors.ts";
import { keptWithCatalogue, planToken, readPlanCatalogue } from "./freshness.ts";
import type { PublishedPlan } from "./published-plan.ts";
import { readPlanModel } from "./read-model.ts";

export type { PublishedPlan } from "./published-plan.ts";

const NOT_PUBLIC = "指定の実施計画は公開されていません。";

/**
 * The published part of a plan version. Public code reads plans only through here, so a draft or a
 * submitted sheet can never reach the portal or the API: a project is public once it is 承認済, and
 * leaves the public side again if it is returned for changes; a measure shows its content as last
 * approved (a later edit or outcome actual is a draft until it is approved). A plan with nothing approved
 * is not public at all. Served from the read model (read-model.ts), computed once per plan version and
 * revision.
 */
export async function readPublishedPlan(opts: {
  db: Database;
  planVersionId: number;
}): Promise<PublishedPlan> {
  const model = await readPlanModel({ db: opts.db, planVersionId: opts.planVersionId });
  if (!model || !hasApprovedContent(model.published.approval)) throw new HoshinError("not-found", NOT_PUBLIC);
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
  if (!model || !hasApprovedContent(model.published.approval)) throw new HoshinError("not-found", NOT_PUBLIC);
  return {
    value: model.memo(`published:${opts.key}`, () => opts.make(model.published)),
    token: planToken(model.id, model.revision),
  };
}

/**
 * The published plans (cities and years, without content): only those with approved content, so test and
 * broken imports where nothing was approved are not listed.
 */
export async function listPublishedPlans(opts: { db: Database }): Promise<PlanVersionApproval[]> {
  return (await readPublishedCatalogue(opts)).plans;
}

/**
 * The same list with its freshness token (freshness.ts), for responses that may be kept: counted again
 * only when a plan version was added, removed or changed (a review bumps its revision).
 */
export async function readPublishedCatalogue(opts: {
  db: Database;
}): Promise<{ plans: PlanVersionApproval[]; token: string }> {
  const { token, value } = await keptWithCatalogue(opts.db, "published-plans", async (db) =>
    Object.freeze((await listPlanVersionApprovals(db)).filter((v) => hasApprovedContent(v.approval))),
  );
  return { token, plans: value as PlanVersionApproval[] };
}

/**
 * The id of the plan of a city (by its public key, the code: domain/publication/public-ids.ts) and fiscal year, from
 * the kept catalogue, with the catalogue's token (the address names another row after a re-import);
 * not-found when there is none. Whether it has approved content is decided when it is read.
 */
export async function findPublishedPlanId(opts: {
  db: Database;
  city: string;
  fiscalYear: number;
}): Promise<{ id: number; token: string }> {
  const { plans, token } = await readPlanCatalogue(opts.db);
  const version = plans.find((v) => v.cityCode === opts.city && v.fiscalYear === opts.fiscalYear);
  if (!version) throw new HoshinError("not-found", NOT_PUBLIC);
  return { id: version.id, token };
}
