import type { Database } from "../../db/client.ts";
import { listPlanVersions, type PlanVersionSummary } from "../../db/plans.ts";

export interface ListPlansOptions {
  db: Database;
}

/** Every stored plan version (city, fiscal year, source file, when imported), by city and year. */
export function listPlans(opts: ListPlansOptions): Promise<PlanVersionSummary[]> {
  return listPlanVersions(opts.db);
}
