import { checkPlan } from "../../domain/checks/check-plan.ts";
import { Bag, keyOf } from "../../domain/checks/current-diagnostics.ts";
import type { PlanDocument } from "../../domain/plan/model.ts";

/**
 * The rows of 点検基準 for a plan: each checkPlan finding with whether the plan's diagnostics list it
 * (matched by code, project and fiscal year, each listed diagnostic used once).
 */
export function baselineRows(
  plan: PlanDocument,
): { code: string; project: string | null; fiscalYear: string | null; listed: boolean }[] {
  const listed = new Bag(plan.diagnostics.map(keyOf));
  return checkPlan(plan).map((d) => ({
    code: d.code,
    project: d.project ?? null,
    fiscalYear: d.fiscalYear ?? null,
    listed: listed.take(keyOf(d)),
  }));
}
