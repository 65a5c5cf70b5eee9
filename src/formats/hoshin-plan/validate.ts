import { z } from "zod";
import { PlanDocument } from "./schema.ts";

const japanese = z.locales.ja().localeError;

/**
 * Checks a plan (usually parsed from JSON) against the hoshin-plan/1 schema that storage needs: every
 * listed key with its type, amounts as integer 千円, fiscal-year keys as Western years, indicator values
 * with a comparator. Returns the problems in Japanese, each with the path of the key, in the order
 * of the format's keys; at most `limit` of them.
 */
export function planProblems(plan: unknown, limit = 20): string[] {
  const result = PlanDocument.safeParse(plan, { error: japanese });
  if (result.success) return [];
  return result.error.issues.slice(0, limit).map((issue) => `${pathOf(issue)}: ${issue.message}`);
}

/**
 * `policies[0].measures[1].projects[2].inputs["2024"].total`; the document itself is 「計画」.
 * Fiscal-year keys are quoted in brackets: a record key reaches a path either as a valid year
 * (digits, which no key of the schema's objects is) or as the rejected key at the end of the path.
 */
function pathOf(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return "計画";
  const last = issue.path.length - 1;
  return issue.path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      if (/^\d+$/.test(name) || (i === last && issue.code === "invalid_key"))
        return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join("");
}
