import type { MeasureHead, ProjectHead } from "../../db/edit-plan.ts";
import {
  type Actor,
  type EvaluationAccess,
  evaluationStateRefusal,
  type FieldRefusal,
  mayChangeEvaluationField,
} from "../../domain/access.ts";
import { planPeriod } from "../../domain/checks/check-plan.ts";
import type { FieldChange } from "../../domain/editing/changes.ts";
import type { ReviewState } from "../../domain/editing/review.ts";
import { emptyProjectEvaluation } from "../../domain/evaluation/evaluation.ts";
import {
  normalizeProjectEvaluation,
  type ProjectEvaluationSheet,
  type RuleProblem,
} from "../../domain/evaluation/evaluation-rules.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { FiscalYearKey, Measure, PlanDocument, Project } from "../../domain/plan/model.ts";
import { refused } from "../authorize.ts";
import { ForgedFieldRefusal } from "../editing/forged-field.ts";
import { EditConflict, HoshinError, type MergeConflicts } from "../errors.ts";
import type { AuditTarget } from "../staff/audit-trail.ts";

// What the evaluation use cases share: the sheet of a loaded plan, the evaluated year, the audit targets,
// the conflict and the refusals. Who may write what on a sheet is a rule of domain/access.ts.

/** Thrown when someone saved the sheet after the form was opened; carries the differences. */
export class EvaluationConflict<T = unknown> extends EditConflict<T> {
  constructor(currentVersion: number, differences: FieldChange[], merge: MergeConflicts<T> | null = null) {
    super(currentVersion, differences, merge, "この評価シート");
  }
}

/** The refusal when the sheet's state does not let the actor change what it tried to. */
export function stateRefusal(state: ReviewState, changed: FieldChange[] = []): HoshinError {
  return refused(evaluationStateRefusal(state, changed));
}

export function invalidSheet(problems: RuleProblem[]): HoshinError {
  return new HoshinError("invalid-input", "入力に誤りがあります。赤く示した項目を直してください。", {
    fields: problems,
  });
}

/** The evaluated fiscal year as a key, when it is one of the plan's years; else not-found. */
export function planYear(plan: PlanDocument, fiscalYear: number): FiscalYearKey {
  const years = planPeriod(plan);
  const fy = String(fiscalYear);
  if (!Number.isSafeInteger(fiscalYear) || !years.includes(fy)) {
    const range =
      years.length > 0
        ? `${formatWarekiFiscalYear(years[0] as string)}〜${formatWarekiFiscalYear(years.at(-1) as string)}`
        : "なし";
    const what = Number.isSafeInteger(fiscalYear)
      ? formatWarekiFiscalYear(fiscalYear)
      : `年度「${fiscalYear}」`;
    throw new HoshinError("not-found", `${what}は、この実施計画の年度（${range}）ではありません。`);
  }
  return fy;
}

/** The project object of a loaded plan for a row id, when it has an evaluation sheet. */
export function evaluatedProject(
  index: { projects: Map<Project, { id: number }> },
  head: { id: number; name: string },
): Project {
  let project: Project | undefined;
  for (const [p, row] of index.projects) if (row.id === head.id) project = p;
  if (!project) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
  if (project.budgetOnly) {
    throw new HoshinError(
      "not-found",
      `「${head.name}」は予算のみの掲載の事業（事業シートなし）のため、事務事業評価のシートはありません。`,
    );
  }
  return project;
}

/** The sheet of a project for a year as stored (the evaluation normalized, as a save would store it). */
export function storedSheet(project: Project, fy: FiscalYearKey): ProjectEvaluationSheet {
  return {
    fiscalYear: fy,
    evaluation: normalizeProjectEvaluation(project.evaluations?.[fy] ?? emptyProjectEvaluation()),
    actuals: project.activityIndicators.map((a) => a.actual?.[fy] ?? null),
    settled: project.settled?.[fy] ?? null,
  };
}

export function projectEvaluationTarget(
  head: ProjectHead,
  fy: FiscalYearKey,
  evaluationId: number | null,
): AuditTarget {
  return {
    kind: "project-evaluation",
    id: evaluationId,
    label: `${head.name}（${formatWarekiFiscalYear(fy)} 事務事業評価）`,
    planVersionId: head.planVersionId,
    city: head.city,
    cityCode: head.cityCode,
    fiscalYear: head.fiscalYear,
    department: head.leadDepartment,
  };
}

export interface SaveEvaluationResult {
  /** The sheet's row; null when nothing changed on a sheet never saved. */
  id: number | null;
  version: number;
  changes: FieldChange[];
  /** What the other person changed meanwhile and the save kept (only after a merge). */
  kept?: FieldChange[];
}

/**
 * The refusal of changes to a sheet: a field the role may never change (a forged 二次評価) is refused
 * with 403 and audited; a state that allows nothing now is a plain conflict.
 */
export function forgedOrClosed(
  r: FieldRefusal,
  actor: Actor,
  target: AuditTarget,
  changes: readonly FieldChange[],
  access: EvaluationAccess,
): HoshinError {
  if (r.code !== "forbidden") return refused(r);
  const forged = changes.filter((c) => !mayChangeEvaluationField(access, c.field));
  return new ForgedFieldRefusal(r.message, actor, target, forged);
}

/** The measure object of a loaded plan for a row id. */
export function measureForEvaluation(
  index: { measures: Map<Measure, { id: number }> },
  head: { id: number },
): Measure {
  for (const [m, row] of index.measures) if (row.id === head.id) return m;
  throw new HoshinError("not-found", "指定の施策は登録されていません。");
}

export function measureEvaluationTarget(
  head: MeasureHead,
  fy: FiscalYearKey,
  evaluationId: number | null,
): AuditTarget {
  return {
    kind: "measure-evaluation",
    id: evaluationId,
    label: `施策${head.code} ${head.title}（${formatWarekiFiscalYear(fy)} 施策評価）`,
    planVersionId: head.planVersionId,
    city: head.city,
    cityCode: head.cityCode,
    fiscalYear: head.fiscalYear,
    department: head.leadDepartment,
  };
}
