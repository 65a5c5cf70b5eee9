import type { Diagnostic, PlanDocument } from "../plan/model.ts";
import { checkPlan } from "./check-plan.ts";

/** The codes checkPlan reports: findings about the data that can be made again from the data alone. */
export const CHECK_CODES: ReadonlySet<string> = new Set([
  "funding-sum-mismatch",
  "missing-fiscal-year",
  "nonstandard-character",
  "classification-name-mismatch",
]);

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
 * The diagnostics of a plan as its data is now. A stored plan keeps the diagnostics of its import (with
 * the book's line numbers); after edits in the app some no longer hold and others are new. This keeps
 * every finding of reading (an unreadable line stays reported), keeps a check finding that still holds —
 * as stored, with the message of the current figures — drops one the edits fixed, and adds what the
 * checks find now (without a line). A plan as read from a book is returned unchanged: its check findings are
 * the ones checkPlan makes.
 */
export function currentDiagnostics(plan: PlanDocument): Diagnostic[] {
  const now = new Map<string, Diagnostic[]>();
  for (const d of checkPlan(plan)) {
    const k = keyOf(d);
    now.set(k, [...(now.get(k) ?? []), d]);
  }
  const out: Diagnostic[] = [];
  for (const d of plan.diagnostics) {
    if (!CHECK_CODES.has(d.code)) {
      out.push(d);
      continue;
    }
    const current = now.get(keyOf(d))?.shift();
    if (!current) continue; // the edits fixed it
    // Still holds: as stored (its line, its keys), with the message of the figures as they are now.
    out.push(
      d.message !== undefined && d.message !== current.message ? { ...d, message: current.message } : d,
    );
  }
  for (const rest of now.values()) out.push(...rest);
  return out;
}

/** The plan with currentDiagnostics, for publishing what the data says now. */
export function withCurrentDiagnostics(plan: PlanDocument): PlanDocument {
  return { ...plan, diagnostics: currentDiagnostics(plan) };
}
