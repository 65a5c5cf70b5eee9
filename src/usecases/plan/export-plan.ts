import type { Database } from "../../db/client.ts";
import { loadPlan } from "../../db/plans.ts";
import type { PlanDocument } from "../../domain/plan/model.ts";
import { planNotFound } from "../errors.ts";
import { planKey } from "./plan-key.ts";

export interface ExportPlanOptions {
  db: Database;
  city: string;
  fiscalYear: number;
}

/**
 * The stored plan of a city for a fiscal year as a hoshin-plan/1 document, exactly as imported.
 * Reads in one read-only, repeatable-read transaction so the parts agree with each other.
 * Throws HoshinError "not-found" when there is no such plan.
 */
export async function exportPlan(opts: ExportPlanOptions): Promise<PlanDocument> {
  const key = planKey(opts.city, opts.fiscalYear);
  const plan = await opts.db.transaction((tx) => loadPlan(tx, key), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  if (!plan) throw planNotFound(key.city.name, key.fiscalYear);
  return plan;
}
