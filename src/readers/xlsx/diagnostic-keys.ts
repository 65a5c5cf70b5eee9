import { checkPlan } from "../../domain/checks.ts";
import type { PlanDocument } from "../../domain/plan.ts";

/** Diagnostics are matched by code, project and fiscal year. */
export function keyOf(d: {
  code: string;
  project?: string | undefined;
  fiscalYear?: string | undefined;
}): string {
  return `${d.code}\u0000${d.project ?? ""}\u0000${d.fiscalYear ?? ""}`;
}

/** A multiset of keys. */
export class Bag {
  private readonly counts = new Map<string, number>();
  constructor(keys: Iterable<string> = []) {
    for (const k of keys) this.put(k);
  }
  put(k: string): void {
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  take(k: string): boolean {
    const n = this.counts.get(k) ?? 0;
    if (n === 0) return false;
    this.counts.set(k, n - 1);
    return true;
  }
}

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
