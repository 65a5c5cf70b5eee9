import { emptyAspects } from "../evaluation/evaluation.ts";
import {
  measureEvaluationFields,
  normalizeMeasureEvaluation,
  normalizeProjectEvaluation,
  type ProjectEvaluationSheet,
  sheetFields,
} from "../evaluation/evaluation-rules.ts";
import type { FiscalYearKey, MeasureEvaluation } from "../plan/model.ts";
import { type FieldMerge, type MergeChoice, mergeFields } from "./three-way.ts";

// The three-way merge of the evaluation sheets' forms (three-way.ts has the rule and the table): the keys
// are those of evaluation-rules.ts (`evaluations.2024.self.aspects.necessity.rating`, `settled.2024`,
// `activityIndicators.0.actual.2024`), which follow the paths of the model.

type Tree = Record<string, unknown>;

function getPath(root: unknown, parts: readonly string[]): unknown {
  let at = root;
  for (const p of parts) {
    if (at === null || typeof at !== "object") return null;
    at = (at as Tree)[p];
  }
  return at ?? null;
}

function setPath(root: Tree, parts: readonly string[], value: unknown): void {
  let at = root;
  for (const p of parts.slice(0, -1)) {
    at[p] ??= {};
    at = at[p] as Tree;
  }
  at[parts.at(-1) as string] = value;
}

/** Copies one field `evaluations.<fy>.<side>.…` between two evaluations (a missing 二次評価 created empty). */
function copyEvaluationField(target: Tree, source: unknown, rest: readonly string[], empty: () => Tree) {
  const [side, ...path] = rest;
  if (!side) return;
  if (target[side] === null || target[side] === undefined) target[side] = empty();
  setPath(target[side] as Tree, path, structuredClone(getPath(getPath(source, [side]), path)));
}

export interface SheetMerge<T> extends FieldMerge {
  merged: T;
  proposal: T;
}

function withSheetFields(
  target: ProjectEvaluationSheet,
  source: ProjectEvaluationSheet,
  fields: readonly string[],
): ProjectEvaluationSheet {
  const evaluation = structuredClone(target.evaluation) as unknown as Tree;
  const actuals = [...target.actuals];
  let settled = target.settled;
  for (const field of fields) {
    const parts = field.split(".");
    if (parts[0] === "evaluations") {
      copyEvaluationField(evaluation, source.evaluation, parts.slice(2), () => ({
        aspects: emptyAspects(),
        outlook: null,
        comment: null,
      }));
    } else if (parts[0] === "settled") settled = source.settled;
    else if (parts[0] === "activityIndicators") {
      const n = Number(parts[1]);
      if (n < actuals.length) actuals[n] = source.actuals[n] ?? null;
    }
  }
  return {
    fiscalYear: target.fiscalYear,
    evaluation: normalizeProjectEvaluation(evaluation as unknown as ProjectEvaluationSheet["evaluation"]),
    actuals,
    settled,
  };
}

/** The three-way merge of a project's evaluation sheet (evaluation, 決算額, activity actuals). */
export function mergeProjectSheets(
  base: ProjectEvaluationSheet,
  theirs: ProjectEvaluationSheet,
  mine: ProjectEvaluationSheet,
  choices: Readonly<Record<string, MergeChoice>> = {},
): SheetMerge<ProjectEvaluationSheet> {
  const m = mergeFields(sheetFields(base), sheetFields(theirs), sheetFields(mine), choices);
  return {
    ...m,
    merged: withSheetFields(theirs, mine, m.mine),
    proposal: withSheetFields(theirs, mine, [...m.mine, ...m.conflicts.map((c) => c.field)]),
  };
}

function withEvaluationFields(
  target: MeasureEvaluation,
  source: MeasureEvaluation,
  fields: readonly string[],
): MeasureEvaluation {
  const evaluation = structuredClone(target) as unknown as Tree;
  for (const field of fields) {
    const parts = field.split(".");
    if (parts[0] !== "evaluations") continue;
    copyEvaluationField(evaluation, source, parts.slice(2), () => ({ rating: null, comment: null }));
  }
  return normalizeMeasureEvaluation(evaluation as unknown as MeasureEvaluation);
}

/** The three-way merge of a measure's evaluation (施策評価) for one fiscal year. */
export function mergeMeasureEvaluations(
  base: MeasureEvaluation,
  theirs: MeasureEvaluation,
  mine: MeasureEvaluation,
  fiscalYear: FiscalYearKey,
  choices: Readonly<Record<string, MergeChoice>> = {},
): SheetMerge<MeasureEvaluation> {
  const fields = (e: MeasureEvaluation) => measureEvaluationFields(e, fiscalYear);
  const m = mergeFields(fields(base), fields(theirs), fields(mine), choices);
  return {
    ...m,
    merged: withEvaluationFields(theirs, mine, m.mine),
    proposal: withEvaluationFields(theirs, mine, [...m.mine, ...m.conflicts.map((c) => c.field)]),
  };
}
