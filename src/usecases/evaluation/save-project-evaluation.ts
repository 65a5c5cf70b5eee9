import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  projectEvaluationHead,
  replaceProjectActuals,
  UNSAVED_EVALUATION_VERSION,
  upsertProjectEvaluation,
} from "../../db/edit-evaluations.ts";
import { type ProjectHead, projectHead } from "../../db/edit-plan.ts";
import { loadIndexedPlanVersion } from "../../db/plans.ts";
import { planPeriod } from "../../domain/checks/check-plan.ts";
import type { FieldChange } from "../../domain/editing/changes.ts";
import { REVIEW_STATE_LABELS, type ReviewState } from "../../domain/editing/review.ts";
import { emptyProjectEvaluation } from "../../domain/evaluation/evaluation.ts";
import {
  actualProblems,
  diffEvaluationSheets,
  isSecondaryField,
  normalizeProjectEvaluation,
  type ProjectEvaluationSheet,
  parseActuals,
  type RuleProblem,
  secondaryEvaluationProblems,
  selfEvaluationProblems,
  settledProblems,
} from "../../domain/evaluation/evaluation-rules.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type {
  FiscalYearKey,
  PlanDocument,
  Project,
  ProjectEvaluation,
  Thousands,
} from "../../domain/plan/model.ts";
import { type Actor, forbidden, may } from "../actor.ts";
import { EditConflict } from "../editing/save-project.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { type AuditTarget, auditRows } from "../staff/audit-trail.ts";

// ---------------------------------------------------------------------------------------------------------
// Who may write what on an evaluation sheet, by the rules of actor.ts `may`:
// - 一次評価 (and, on a project sheet, the 決算額 and the activity actuals): 管理者, or the 担当課 of the
//   project's 所管課 (of the measure's 主管課 for a 施策評価);
// - 二次評価: 管理者 only;
// - submit: whoever writes the 一次評価; approve and return: 管理者.
// In the review state: 作成中 — everything the role allows; 提出済 — the 二次評価 only (管理者); 承認済 —
// nothing until it is returned.

/** What an actor may change on a sheet in its current state. */
export type EvaluationAccess = "none" | "self" | "secondary" | "all";

export const mayEvaluate = {
  writeProjectSelf: may.evaluateProject,
  writeMeasureSelf: may.evaluateMeasure,
  writeSecondary: may.reviewEvaluation,
  submitProject: may.evaluateProject,
  submitMeasure: may.evaluateMeasure,
  decide: may.reviewEvaluation,
};

/** What `actor` may change on a sheet in `state`, given whether it writes the sheet's 一次評価. */
export function evaluationAccess(actor: Actor, writesSelf: boolean, state: ReviewState): EvaluationAccess {
  if (mayEvaluate.writeSecondary(actor)) {
    return state === "draft" ? "all" : state === "submitted" ? "secondary" : "none";
  }
  return writesSelf && state === "draft" ? "self" : "none";
}

export function projectEvaluationAccess(
  actor: Actor,
  project: { leadDepartment: string },
  state: ReviewState,
): EvaluationAccess {
  return evaluationAccess(actor, mayEvaluate.writeProjectSelf(actor, project), state);
}

/** Thrown when someone saved the sheet after the form was opened; carries the differences. */
export class EvaluationConflict extends EditConflict {
  constructor(currentVersion: number, differences: FieldChange[]) {
    super(currentVersion, differences);
    this.message =
      "この評価シートは、あなたが編集を始めた後に他の人が保存しました。あなたの入力は消えていません。" +
      "下の「他の人の変更」を確かめ、必要なら入力を直してから、もう一度保存してください。";
  }
}

/** The refusal when the sheet's state does not let the actor change what it tried to. */
export function stateRefusal(state: ReviewState, changed: FieldChange[] = []): HoshinError {
  if (state === "submitted" && changed.length > 0) {
    return new HoshinError(
      "conflict",
      `この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: ${changed
        .map((c) => c.label)
        .join("、")}）。一次評価を直すには差し戻してください。`,
    );
  }
  return new HoshinError(
    "conflict",
    `この評価シートは${REVIEW_STATE_LABELS[state]}のため編集できません。差戻し後に編集してください。`,
  );
}

export function secondaryRefusal(changed: FieldChange[]): HoshinError {
  return forbidden(
    `二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: ${changed
      .map((c) => c.label)
      .join("、")}）。`,
  );
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
  evaluationId: number,
): AuditTarget {
  return {
    kind: "project-evaluation",
    id: evaluationId,
    label: `${head.name}（${formatWarekiFiscalYear(fy)} 事務事業評価）`,
    planVersionId: head.planVersionId,
    city: head.city,
    fiscalYear: head.fiscalYear,
    department: head.leadDepartment,
  };
}

export interface SaveProjectEvaluationOptions {
  db: Database;
  actor: Actor;
  projectId: number;
  /** The evaluated fiscal year (Western), one of the plan's years. */
  fiscalYear: number;
  /** The version the user's form was made from (1 for a sheet never saved). */
  expectedVersion: number;
  evaluation: ProjectEvaluation;
  /** 決算額 of the year in 千円; null for none. */
  settled: Thousands | null;
  /** 実績 of each activity indicator for the year as typed, by position; null or empty for none. */
  activityActuals: (string | null)[];
}

export interface SaveEvaluationResult {
  /** The sheet's row; null when nothing changed on a sheet never saved. */
  id: number | null;
  version: number;
  changes: FieldChange[];
}

const group = (field: string) =>
  isSecondaryField(field)
    ? "secondary"
    : field.startsWith("evaluations.")
      ? "self"
      : field.startsWith("settled.")
        ? "settled"
        : "actuals";

/**
 * Saves a project's evaluation sheet for one fiscal year from its form: the 一次評価 and 二次評価, the
 * 決算額 and the activity actuals of that year. Authorization (see `mayEvaluate`), the plan's years, the
 * rules of evaluation-rules.ts for what changed, the version (a stale form raises EvaluationConflict with
 * the differences), the review state, then the write and one audit row per changed field, in one
 * transaction.
 */
export async function saveProjectEvaluation(
  opts: SaveProjectEvaluationOptions,
): Promise<SaveEvaluationResult> {
  const { actor } = opts;
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await projectHead(tx, opts.projectId, true);
      if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
      if (!mayEvaluate.writeProjectSelf(actor, head) && !mayEvaluate.writeSecondary(actor)) {
        throw forbidden(
          `「${head.name}」は${head.leadDepartment}の事務事業のため、評価シートを編集できません。`,
        );
      }
      const { plan, index } = await loadIndexedPlanVersion(tx, head.planVersionId, null);
      const fy = planYear(plan, opts.fiscalYear);
      const project = evaluatedProject(index, head);
      if (opts.activityActuals.length !== project.activityIndicators.length) {
        throw new HoshinError(
          "conflict",
          `この事務事業の活動指標は ${project.activityIndicators.length} 件ですが、${opts.activityActuals.length} 件の実績が送られました。` +
            "編集を始めた後に活動指標が変更されたようです。入力を控えてから、ページを読み込み直してください。",
        );
      }
      const sheetHead = await projectEvaluationHead(tx, head.id, Number(fy), true);
      const before = storedSheet(project, fy);
      const after: ProjectEvaluationSheet = {
        fiscalYear: fy,
        evaluation: normalizeProjectEvaluation(opts.evaluation),
        actuals: parseActuals(opts.activityActuals),
        settled: opts.settled,
      };
      const currentVersion = sheetHead?.version ?? UNSAVED_EVALUATION_VERSION;
      if (currentVersion !== opts.expectedVersion) {
        throw new EvaluationConflict(currentVersion, diffEvaluationSheets(after, before));
      }
      const state = sheetHead?.reviewState ?? "draft";
      const access = projectEvaluationAccess(actor, head, state);
      const changes = diffEvaluationSheets(before, after);
      if (access === "none") throw stateRefusal(state);
      if (access === "self") {
        const secondary = changes.filter((c) => isSecondaryField(c.field));
        if (secondary.length > 0) throw secondaryRefusal(secondary);
      }
      if (access === "secondary") {
        const others = changes.filter((c) => !isSecondaryField(c.field));
        if (others.length > 0) throw stateRefusal(state, others);
      }
      const changed = new Set(changes.map((c) => group(c.field)));
      const problems = [
        ...(changed.has("self") ? selfEvaluationProblems(after.evaluation, fy) : []),
        ...(changed.has("secondary") ? secondaryEvaluationProblems(after.evaluation, fy) : []),
        ...(changed.has("settled") ? settledProblems(after.settled, fy) : []),
        ...(changed.has("actuals") ? actualProblems(opts.activityActuals, fy) : []),
      ];
      if (problems.length > 0) throw invalidSheet(problems);
      if (changes.length === 0) return { id: sheetHead?.id ?? null, version: currentVersion, changes };

      const written = await upsertProjectEvaluation(
        tx,
        { projectId: head.id, planVersionId: head.planVersionId, fiscalYear: Number(fy) },
        opts.expectedVersion,
        after.evaluation,
      );
      if (written === null) {
        const now = await projectEvaluationHead(tx, head.id, Number(fy));
        throw new EvaluationConflict(now?.version ?? currentVersion, diffEvaluationSheets(after, before));
      }
      if (changed.has("settled") || changed.has("actuals")) {
        await replaceProjectActuals(tx, head.id, Number(fy), after.settled, after.actuals);
      }
      await insertAuditEvents(
        tx,
        auditRows(actor, "update", projectEvaluationTarget(head, fy, written.id), changes),
      );
      return { id: written.id, version: written.version, changes };
    });
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}
