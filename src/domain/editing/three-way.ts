import type { Measure, OutcomeIndicator, Project } from "../plan/model.ts";
import { type FieldChange, type Fields, measureFields, projectFields } from "./changes.ts";

/**
 * The three-way merge of a save made from a stale form (issue 11, finding 5): `base` is what the form was
 * made from, `theirs` what is stored now (someone saved meanwhile), `mine` what the user sent. Field by
 * field (the keys and printed values of changes.ts):
 *
 * | mine vs base | theirs vs base | result                                            |
 * | ------------ | -------------- | ------------------------------------------------- |
 * | same         | any            | theirs (the user did not touch it: never written) |
 * | changed      | same           | mine                                              |
 * | changed      | changed, equal | theirs (both made the same change)                |
 * | changed      | changed, other | a conflict, unless the user chose mine or theirs  |
 *
 * Values are compared as printed (「1,443」 typed and 1443 stored are the same), so only real changes count.
 * The base comes from the user's form and is trusted for nothing but this: what is written is checked
 * against what is stored, field rights included.
 */

export interface FieldConflict {
  field: string;
  label: string;
  base: string | null;
  theirs: string | null;
  mine: string | null;
}

/** How the user decided a conflicting field. */
export type MergeChoice = "mine" | "theirs";

export interface FieldMerge {
  /** Fields whose value comes from mine: changed by the user only, or a conflict decided for mine. */
  mine: string[];
  /** Fields the other person changed (base → theirs) that are not unresolved conflicts. */
  theirs: FieldChange[];
  /** Fields both changed to different values, with no choice given. */
  conflicts: FieldConflict[];
}

const printed = (f: Fields, k: string) => f.get(k)?.value ?? null;

export function mergeFields(
  base: Fields,
  theirs: Fields,
  mine: Fields,
  choices: Readonly<Record<string, MergeChoice>> = {},
): FieldMerge {
  const out: FieldMerge = { mine: [], theirs: [], conflicts: [] };
  const keys = new Set([...mine.keys(), ...theirs.keys(), ...base.keys()]);
  for (const field of keys) {
    const b = printed(base, field);
    const t = printed(theirs, field);
    const m = printed(mine, field);
    const label = (mine.get(field) ?? theirs.get(field) ?? base.get(field))?.label ?? field;
    const theirChange = t !== b;
    if (m !== b && !theirChange) out.mine.push(field);
    else if (m !== b && m !== t) {
      const choice = choices[field];
      if (choice === undefined) {
        out.conflicts.push({ field, label, base: b, theirs: t, mine: m });
        continue;
      }
      if (choice === "mine") out.mine.push(field);
    }
    if (theirChange) out.theirs.push({ field, label, before: b, after: t });
  }
  return out;
}

/** Fields of the plan form: the 決算額 and the actuals are entered on the evaluation sheets, not here. */
const onPlanForm = (field: string) => !field.startsWith("settled.") && !/\.actual\./.test(field);

function planFormFields(p: Project): Fields {
  return new Map([...projectFields(p)].filter(([k]) => onPlanForm(k)));
}

const PROJECT_SCALARS = new Set([
  "name",
  "status",
  "priority",
  "leadDepartment",
  "mayoralPledge",
  "summary",
  "purpose",
  "yearGoals",
  "notes",
]);

/** `target` with the given fields (keys of projectFields) taken from `source`. Returns a new project. */
export function withProjectFields(target: Project, source: Project, fields: readonly string[]): Project {
  const out = structuredClone(target) as Project;
  const copy = out as unknown as Record<string, unknown>;
  const from = source as unknown as Record<string, unknown>;
  const droppedRows = new Set<string>();
  const droppedIndicators = new Set<number>();
  let estimated = new Set(out.estimatedYears ?? []);
  for (const field of fields) {
    const parts = field.split(".");
    const [head, a, b, c] = parts;
    if (PROJECT_SCALARS.has(field)) copy[field] = from[field] ?? null;
    else if (head === "classification" && a) {
      const k = a as keyof Project["classification"];
      (out.classification as unknown as Record<string, unknown>)[k] = source.classification[k];
    } else if (head === "inputs" && a && b) {
      const row = source.inputs[a];
      if (!row) droppedRows.add(a);
      else {
        const k = b as keyof typeof row;
        out.inputs[a] ??= {
          total: 0,
          nationalPrefectural: 0,
          localBonds: 0,
          otherEarmarked: 0,
          generalRevenue: 0,
        };
        (out.inputs[a] as typeof row)[k] = row[k];
      }
    } else if (head === "estimated" && a) {
      if ((source.estimatedYears ?? []).includes(a)) estimated.add(a);
      else estimated.delete(a);
    } else if (head === "activityIndicators" && a && b) {
      const n = Number(a);
      const src = source.activityIndicators[n];
      if (!src) {
        droppedIndicators.add(n);
        continue;
      }
      while (out.activityIndicators.length <= n)
        out.activityIndicators.push({ name: "", unit: null, targets: {} });
      const dst = out.activityIndicators[n] as Project["activityIndicators"][number];
      if (b === "name") dst.name = src.name;
      else if (b === "unit") dst.unit = src.unit;
      else if (b === "direction") {
        if (src.direction) dst.direction = src.direction;
        else delete dst.direction;
      } else if (b === "targets" && c) {
        const v = src.targets[c];
        if (v) dst.targets[c] = v;
        else delete dst.targets[c];
      }
    }
  }
  for (const fy of droppedRows) delete out.inputs[fy];
  estimated = new Set([...estimated].filter((fy) => fy in out.inputs));
  if (estimated.size > 0) out.estimatedYears = [...estimated].sort();
  else delete out.estimatedYears;
  out.activityIndicators = out.activityIndicators.filter((_, n) => !droppedIndicators.has(n));
  return out;
}

export interface ProjectMerge extends FieldMerge {
  /** What is written: theirs with mine's fields (conflicts left as theirs). */
  merged: Project;
  /** The form shown again after a conflict: the merge, with mine in the conflicting fields. */
  proposal: Project;
}

/** The three-way merge of a project's plan form (the evaluation sheets' fields are left as stored). */
export function mergeProjects(
  base: Project,
  theirs: Project,
  mine: Project,
  choices: Readonly<Record<string, MergeChoice>> = {},
): ProjectMerge {
  const m = mergeFields(planFormFields(base), planFormFields(theirs), planFormFields(mine), choices);
  return {
    ...m,
    merged: withProjectFields(theirs, mine, m.mine),
    proposal: withProjectFields(theirs, mine, [...m.mine, ...m.conflicts.map((c) => c.field)]),
  };
}

type MeasureTexts = Pick<
  Measure,
  | "currentIssues"
  | "purpose"
  | "priorities"
  | "goalStates"
  | "futureActions"
  | "sectoralPlans"
  | "notes"
  | "outcomeIndicators"
>;

const MEASURE_SCALARS = new Set([
  "currentIssues",
  "purpose",
  "priorities",
  "goalStates",
  "futureActions",
  "sectoralPlans",
  "notes",
]);

/** `target` with the given fields (keys of measureFields) taken from `source`. Returns a new measure. */
export function withMeasureFields<M extends MeasureTexts>(
  target: M,
  source: MeasureTexts,
  fields: readonly string[],
): M {
  const out = structuredClone(target) as M;
  const copy = out as unknown as Record<string, unknown>;
  const from = source as unknown as Record<string, unknown>;
  for (const field of fields) {
    const [head, a, b, c] = field.split(".");
    if (MEASURE_SCALARS.has(field)) copy[field] = structuredClone(from[field] ?? null);
    else if (head === "outcomeIndicators" && a && b) {
      const src = source.outcomeIndicators[Number(a)];
      const dst = out.outcomeIndicators[Number(a)];
      if (!src || !dst) continue;
      if (b === "planned" || b === "actual") {
        if (!c) continue;
        const v = src[b][c];
        if (v) dst[b][c] = v;
        else delete dst[b][c];
      } else if (b === "direction") {
        if (src.direction) dst.direction = src.direction;
        else delete dst.direction;
      } else {
        const k = b as "name" | "rationale" | "formula" | "unit" | "baseline";
        (dst as unknown as Record<string, unknown>)[k] = (src as OutcomeIndicator)[k] ?? null;
      }
    }
  }
  return out;
}

export interface MeasureMerge<M> extends FieldMerge {
  merged: M;
  proposal: M;
}

/** The three-way merge of a measure's texts and outcome indicators. */
export function mergeMeasures<M extends Measure>(
  base: Measure,
  theirs: M,
  mine: Measure,
  choices: Readonly<Record<string, MergeChoice>> = {},
): MeasureMerge<M> {
  const m = mergeFields(measureFields(base), measureFields(theirs), measureFields(mine), choices);
  return {
    ...m,
    merged: withMeasureFields(theirs, mine, m.mine),
    proposal: withMeasureFields(theirs, mine, [...m.mine, ...m.conflicts.map((c) => c.field)]),
  };
}
