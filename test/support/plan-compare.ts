/**
 * Compares a reading with the hand-checked expected JSON: every number, name, code, classification and
 * flag exactly; prose fields once white space is ignored (PLAN_FORMAT.md, issue 2).
 */
const PROSE_KEYS = new Set([
  "mission",
  "text",
  "currentIssues",
  "purpose",
  "futureActions",
  "sectoralPlans",
  "notes",
  "summary",
  "yearGoals",
  "rationale",
]);
const PROSE_ARRAYS = new Set(["missionPoints", "priorities", "goalStates"]);

export function normalizeForComparison(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    return value.map((v) =>
      PROSE_ARRAYS.has(key) && typeof v === "string" ? v.replace(/\s+/g, "") : normalizeForComparison(v),
    );
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === "diagnostics") continue;
      out[k] =
        PROSE_KEYS.has(k) && typeof v === "string" ? v.replace(/\s+/g, "") : normalizeForComparison(v, k);
    }
    return out;
  }
  return value;
}

export interface DiagnosticKey {
  severity: string;
  code: string;
  project?: string;
  fiscalYear?: string;
}

export function diagnosticKeys(ds: readonly DiagnosticKey[]): string[] {
  return ds.map((d) => [d.severity, d.code, d.project ?? "", d.fiscalYear ?? ""].join("|")).sort();
}
