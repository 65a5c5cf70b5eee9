import type { Database } from "../../db/client.ts";
import { findPlanVersion, rollupPlanVersion } from "../../db/plans.ts";
import { ROLLUP_DIMENSIONS, type RollupDimension, type RollupRow } from "../../domain/rollups/rollups.ts";
import { planNotFound } from "../errors.ts";
import { planKey } from "./plan-key.ts";

export interface SummarizePlanOptions {
  db: Database;
  city: string;
  fiscalYear: number;
}

/** Rollup rows per dimension (全体, 施策別, 所管課別, 会計別, 款・項・目別, 市長公約事項別, 事業優先順位別). */
export type PlanSummary = Record<RollupDimension, RollupRow[]>;

/**
 * Totals of a stored plan per fiscal year by every dimension, grouped and summed in SQL (integer 千円),
 * in one read-only, repeatable-read transaction. Throws HoshinError "not-found" when there is no such plan.
 */
export async function summarizePlan(opts: SummarizePlanOptions): Promise<PlanSummary> {
  const key = planKey(opts.city, opts.fiscalYear);
  const summary = await opts.db.transaction(
    async (tx) => {
      const version = await findPlanVersion(tx, key);
      if (!version) return null;
      const out = {} as PlanSummary;
      for (const d of ROLLUP_DIMENSIONS) out[d] = await rollupPlanVersion(tx, version.id, d);
      return out;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (!summary) throw planNotFound(key.city.name, key.fiscalYear);
  return summary;
}
