import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  measureEvaluationHead,
  UNSAVED_EVALUATION_VERSION,
  upsertMeasureEvaluation,
} from "../../db/edit-evaluations.ts";
import { measureHead } from "../../db/edit-plan.ts";
import { loadIndexedPlanVersion } from "../../db/plans.ts";
import { type Actor, evaluationChangeRefusal, measureEvaluationRights } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/editing/changes.ts";
import { mergeMeasureEvaluations } from "../../domain/editing/sheet-merge.ts";
import type { MergeChoice } from "../../domain/editing/three-way.ts";
import { emptyMeasureEvaluation } from "../../domain/evaluation/evaluation.ts";
import {
  diffMeasureEvaluations,
  isSecondaryField,
  measureSecondaryProblems,
  measureSelfProblems,
  normalizeMeasureEvaluation,
} from "../../domain/evaluation/evaluation-rules.ts";
import type { MeasureEvaluation } from "../../domain/plan/model.ts";
import { withStorableProblems } from "../../domain/plan/storable.ts";
import { authorize } from "../authorize.ts";
import { auditForgedFields } from "../editing/forged-field.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";
import {
  EvaluationConflict,
  forgedOrClosed,
  invalidSheet,
  measureEvaluationTarget,
  measureForEvaluation,
  planYear,
  type SaveEvaluationResult,
} from "./sheets.ts";

export interface SaveMeasureEvaluationOptions {
  db: Database;
  actor: Actor;
  measureId: number;
  /** The evaluated fiscal year (Western), one of the plan's years. */
  fiscalYear: number;
  /** The version the user's form was made from (1 for a sheet never saved). */
  expectedVersion: number;
  evaluation: MeasureEvaluation;
  /** The evaluation the form was made from: a stale form's save is then merged three ways. */
  base?: MeasureEvaluation | null;
  /** How the user decided the fields both changed, by field key. */
  choices?: Readonly<Record<string, MergeChoice>>;
}

/**
 * Saves a measure's evaluation (施策評価) for one fiscal year: the 一次評価 (rating, 成果と課題, 今後の取り組み)
 * by the measure's 主管課 or 管理者, the 二次評価 by 管理者; the same states, rules, version check and audit
 * as saveProjectEvaluation, in one transaction.
 */
export async function saveMeasureEvaluation(
  opts: SaveMeasureEvaluationOptions,
): Promise<SaveEvaluationResult> {
  const { actor } = opts;
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await measureHead(tx, opts.measureId, true);
      if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
      authorize(actor, "evaluateMeasure", head);
      const { plan, index } = await loadIndexedPlanVersion(tx, head.planVersionId, null);
      const fy = planYear(plan, opts.fiscalYear);
      const measure = measureForEvaluation(index, head);
      const sheetHead = await measureEvaluationHead(tx, head.id, Number(fy), true);
      const before = normalizeMeasureEvaluation(measure.evaluations?.[fy] ?? emptyMeasureEvaluation());
      const after = normalizeMeasureEvaluation(opts.evaluation);
      const currentVersion = sheetHead?.version ?? UNSAVED_EVALUATION_VERSION;
      let target = after;
      let kept: FieldChange[] = [];
      if (currentVersion !== opts.expectedVersion) {
        if (!opts.base) {
          throw new EvaluationConflict(currentVersion, diffMeasureEvaluations(after, before, fy));
        }
        const m = mergeMeasureEvaluations(
          normalizeMeasureEvaluation(opts.base),
          before,
          after,
          fy,
          opts.choices,
        );
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
      const changes = diffMeasureEvaluations(before, target, fy);
      const { access } = measureEvaluationRights(actor, head, state);
      const fieldRefusal = evaluationChangeRefusal(access, state, changes);
      if (fieldRefusal) {
        throw forgedOrClosed(
          fieldRefusal,
          actor,
          measureEvaluationTarget(head, fy, sheetHead?.id ?? null),
          changes,
          access,
        );
      }
      const rules = [
        ...(changes.some((c) => !isSecondaryField(c.field)) ? measureSelfProblems(target, fy) : []),
        ...(changes.some((c) => isSecondaryField(c.field)) ? measureSecondaryProblems(target, fy) : []),
      ];
      const problems = withStorableProblems(rules, { evaluations: { [fy]: opts.evaluation } });
      if (problems.length > 0) throw invalidSheet(problems);
      const more = kept.length > 0 ? { kept } : {};
      if (changes.length === 0)
        return { id: sheetHead?.id ?? null, version: currentVersion, changes, ...more };
      const written = await upsertMeasureEvaluation(
        tx,
        {
          cityCode: head.cityCode,
          measureId: head.id,
          planVersionId: head.planVersionId,
          fiscalYear: Number(fy),
        },
        currentVersion,
        target,
      );
      if (written === null) {
        const now = await measureEvaluationHead(tx, head.id, Number(fy));
        throw new EvaluationConflict(
          now?.version ?? currentVersion,
          diffMeasureEvaluations(after, before, fy),
        );
      }
      await insertAuditEvents(
        tx,
        auditRows(actor, "update", measureEvaluationTarget(head, fy, written.id), changes),
      );
      return { id: written.id, version: written.version, changes, ...more };
    });
  } catch (e) {
    throw e instanceof HoshinError ? await auditForgedFields(opts.db, e) : fromDatabaseError(e);
  }
}
