import type { Database } from "../../db/client.ts";
import { departmentsOf } from "../../db/edit-plan.ts";
import { findPlanVersion, findPlanVersionById, type PlanVersionSummary } from "../../db/plans.ts";
import { type Actor, type CityScope, coversCity } from "../../domain/access.ts";
import { authorizedCities } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import { readPlanCatalogue } from "./freshness.ts";

export interface ListPlansOptions {
  db: Database;
  actor: Actor;
}

/**
 * The stored plan versions of the cities the actor works for (city, fiscal year, source file, when
 * imported), by city and year: from the catalogue kept per database handle (freshness.ts), read again only
 * when a version was added, removed or changed. Nothing of another city is listed.
 */
export async function listPlans(opts: ListPlansOptions): Promise<PlanVersionSummary[]> {
  const cities = authorizedCities(opts.actor, "readPlan");
  return (await readPlanCatalogue(opts.db)).plans.filter((p) => coversCity({ cities }, p.cityCode));
}

/** One stored plan version, or null when there is none of that id. */
export function findPlan(opts: { db: Database; planVersionId: number }): Promise<PlanVersionSummary | null> {
  return findPlanVersionById(opts.db, opts.planVersionId);
}

/**
 * The plan version of one city for one fiscal year, or null: one query on the city-led key, so a city's
 * page does not read the catalogue of every city in a national instance (whose stamp changes with every
 * write anywhere).
 */
export function findPlanOfYear(opts: {
  db: Database;
  cityCode: string;
  fiscalYear: number;
}): Promise<PlanVersionSummary | null> {
  return findPlanVersion(opts.db, { cityCode: opts.cityCode, fiscalYear: opts.fiscalYear });
}

/** One stored plan version, or not-found. */
export async function readPlanVersion(opts: {
  db: Database;
  planVersionId: number;
}): Promise<PlanVersionSummary> {
  const version = await findPlan(opts);
  if (!version) throw new HoshinError("not-found", "指定の実施計画は登録されていません。");
  return version;
}

/**
 * Every department that leads a project in a stored plan version of the given cities (for the users and
 * audit filters: an administrator of one city is offered only its departments).
 */
export async function listDepartments(opts: { db: Database; cities: CityScope }): Promise<string[]> {
  const versions = (await readPlanCatalogue(opts.db)).plans.filter((p) =>
    coversCity({ cities: opts.cities }, p.cityCode),
  );
  return departmentsOf(
    opts.db,
    versions.map((v) => v.id),
  );
}
