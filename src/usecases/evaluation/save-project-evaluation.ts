import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  projectEvaluationHead,
  replaceProjectActuals,
  UNSAVED_EVALUATION_VERSION,
  upsertProjectEvaluation,
} from "../../db/edit-evaluations.ts";
import { projectHead } from "../../db/edit-plan.ts";
import { loadIndexedPlanVersion } from "../../db/plans.ts";
import { type Actor, evaluationChangeRefusal, projectEvaluationRights } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/editing/changes.ts";
import { mergeProjectSheets } from "../../domain/editing/sheet-merge.ts";
import type { MergeChoice } from "../../domain/editing/three-way.ts";
import {
  actualProblems,
  diffEvaluationSheets,
  isSecondaryField,
  normalizeProjectEvaluation,
  type ProjectEvaluationSheet,
  parseActuals,
  secondaryEvaluationProblems,
  selfEvaluationProblems,
  settledProblems,
} from "../../domain/evaluation/evaluation-rules.ts";
import type { ProjectEvaluation, Thousands } from "../../domain/plan/model.ts";
import { withStorableProblems } from "../../domain/plan/storable.ts";
import { authorize } from "../authorize.ts";
import { auditForgedFields } from "../editing/forged-field.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";
import {
  EvaluationConflict,
  evaluatedProject,
  forgedOrClosed,
  invalidSheet,
  planYear,
  projectEvaluationTarget,
  type SaveEvaluationResult,
  storedSheet,
} from "./sheets.ts";

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
  /**
   * The sheet the form was made from (its hidden base fields): a save from a stale form is then merged
   * three ways (domain/editing/sheet-merge.ts) instead of refused. Trusted for nothing else.
   */
  base?: Pick<SaveProjectEvaluationOptions, "evaluation" | "settled" | "activityActuals"> | null;
  /** How the user decided the fields both changed, by field key. */
  choices?: Readonly<Record<string, MergeChoice>>;
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
 * 決算額 and the activity actuals of that year. Authorization (domain/access.ts), the plan's years, the
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
      authorize(actor, "evaluateProject", head);
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
      let target = after;
      let kept: FieldChange[] = [];
      if (currentVersion !== opts.expectedVersion) {
        const base = opts.base;
        if (!base || base.activityActuals.length !== before.actuals.length) {
          throw new EvaluationConflict(currentVersion, diffEvaluationSheets(after, before));
        }
        const baseSheet: ProjectEvaluationSheet = {
          fiscalYear: fy,
          evaluation: normalizeProjectEvaluation(base.evaluation),
          actuals: parseActuals(base.activityActuals),
          settled: base.settled,
        };
        const m = mergeProjectSheets(baseSheet, before, after, opts.choices);
        if (m.conflicts.length > 0) {
          throw new EvaluationConflict(currentVersion, m.theirs, {
            conflicts: m.conflicts,
            proposal: m.proposal,
          });
        }
        target = m.merged;
        kept = m.theirs;
      }
      const state = sheetHead?.reviewState ?? "draft";
      const changes = diffEvaluationSheets(before, target);
      const { access } = projectEvaluationRights(actor, head, state);
      const fieldRefusal = evaluationChangeRefusal(access, state, changes);
      if (fieldRefusal)
        throw forgedOrClosed(
          fieldRefusal,
          actor,
          projectEvaluationTarget(head, fy, sheetHead?.id ?? null),
          changes,
          access,
        );
      const changed = new Set(changes.map((c) => group(c.field)));
      const actualTexts =
        target === after ? opts.activityActuals : target.actuals.map((a) => a?.text ?? null);
      const rules = [
        ...(changed.has("self") ? selfEvaluationProblems(target.evaluation, fy) : []),
        ...(changed.has("secondary") ? secondaryEvaluationProblems(target.evaluation, fy) : []),
        ...(changed.has("settled") ? settledProblems(target.settled, fy) : []),
        ...(changed.has("actuals") ? actualProblems(actualTexts, fy) : []),
      ];
      const problems = withStorableProblems(rules, {
        evaluations: { [fy]: opts.evaluation },
        activityIndicators: opts.activityActuals.map((a) => ({ actual: { [fy]: a } })),
      });
      if (problems.length > 0) throw invalidSheet(problems);
      const more = kept.length > 0 ? { kept } : {};
      if (changes.length === 0)
        return { id: sheetHead?.id ?? null, version: currentVersion, changes, ...more };

      const written = await upsertProjectEvaluation(
        tx,
        {
          cityCode: head.cityCode,
          projectId: head.id,
          planVersionId: head.planVersionId,
          fiscalYear: Number(fy),
        },
        currentVersion,
        target.evaluation,
      );
      if (written === null) {
        const now = await projectEvaluationHead(tx, head.id, Number(fy));
        throw new EvaluationConflict(now?.version ?? currentVersion, diffEvaluationSheets(after, before));
      }
      if (changed.has("settled") || changed.has("actuals")) {
        await replaceProjectActuals(tx, head, Number(fy), target.settled, target.actuals);
      }
      await insertAuditEvents(
        tx,
        auditRows(actor, "update", projectEvaluationTarget(head, fy, written.id), changes),
      );
      return { id: written.id, version: written.version, changes, ...more };
    });
  } catch (e) {
    throw e instanceof HoshinError ? await auditForgedFields(opts.db, e) : fromDatabaseError(e);
  }
}
