import type { PlanDocument } from "./model.ts";
import { emptyPlan } from "./model.ts";

export interface NamedPlan {
  /** The file the plan was read from, named in the merged diagnostics. */
  name: string;
  plan: PlanDocument;
}

export interface MergeResult {
  plan: PlanDocument;
  /** Policy codes printed by more than one book, with the books. */
  duplicates: { code: string; books: string[] }[];
}

/**
 * One plan from several books of the same city and year (cities often publish one book per policy).
 * Policies are concatenated in the order given; each diagnostic's message is prefixed with its book's name
 * when there is more than one book, since its line number refers to that book.
 */
export function mergePlans(books: NamedPlan[]): MergeResult {
  if (books.length === 1 && books[0]) return { plan: books[0].plan, duplicates: [] };
  const plan = emptyPlan();
  const seen = new Map<string, string[]>();
  for (const { name, plan: p } of books) {
    plan.title ??= p.title;
    for (const policy of p.policies) {
      seen.set(policy.code, [...(seen.get(policy.code) ?? []), name]);
      plan.policies.push(policy);
    }
    for (const d of p.diagnostics) plan.diagnostics.push({ ...d, message: `${name}: ${d.message}` });
  }
  const duplicates = [...seen.entries()]
    .filter(([, names]) => names.length > 1)
    .map(([code, names]) => ({ code, books: names }));
  return { plan, duplicates };
}
