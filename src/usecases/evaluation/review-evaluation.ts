import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  type EvaluationHead,
  measureEvaluationHead,
  projectEvaluationHead,
  setEvaluationReviewState,
} from "../../db/edit-evaluations.ts";
import { measureHead, projectHead } from "../../db/edit-plan.ts";
import { loadIndexedPlanVersion } from "../../db/plans.ts";
import type { Actor } from "../../domain/access.ts";
import { nextReviewState, type ReviewAction, type ReviewState } from "../../domain/editing/review.ts";
import { emptyMeasureEvaluation } from "../../domain/evaluation/evaluation.ts";
import {
  measureSubmitProblems,
  projectSubmitProblems,
  type RuleProblem,
} from "../../domain/evaluation/evaluation-rules.ts";
import { REVIEW_ACTION_LABELS, REVIEW_STATE_LABELS } from "../../domain/labels.ts";
import type { Measure } from "../../domain/plan/model.ts";
import { authorize } from "../authorize.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { type AuditTarget, auditRows } from "../staff/audit-trail.ts";
import {
  evaluatedProject,
  invalidSheet,
  measureEvaluationTarget,
  measureForEvaluation,
  planYear,
  projectEvaluationTarget,
  storedSheet,
} from "./sheets.ts";

export interface ReviewEvaluationOptions {
  db: Database;
  actor: Actor;
  /** A project's 事務事業評価 or a measure's 施策評価. */
  kind: "project" | "measure";
  /** The project's or the measure's id. */
  id: number;
  fiscalYear: number;
  action: ReviewAction;
  /** Required for 差戻し (return): what the department should change. */
  comment?: string | null;
}

const MAX_COMMENT_LENGTH = 5000;

/**
 * Moves an evaluation sheet through the workflow of domain/review.ts: the writer of the 一次評価 (the 担当課
 * of the project's 所管課, or of the measure's 主管課) or 管理者 submits a complete 一次評価 from 作成中;
 * 管理者 approves from 提出済, or returns from 提出済 or 承認済 to 作成中 with a comment. Audited, in one
 * transaction. A sheet never saved is 作成中 with nothing in it, so it cannot be submitted.
 */
export async function reviewEvaluation(
  opts: ReviewEvaluationOptions,
): Promise<{ state: ReviewState; version: number }> {
  const { actor, action } = opts;
  const comment = opts.comment?.trim() || null;
  try {
    return await opts.db.transaction(async (tx) => {
      let sheet: EvaluationHead | null;
      let city: { cityCode: string };
      let target: (id: number) => AuditTarget;
      let authorizeSubmit: () => void;
      let completeness: () => RuleProblem[];
      if (opts.kind === "project") {
        const head = await projectHead(tx, opts.id, true);
        if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
        // Another city's sheet is refused before anything of its plan is read.
        authorize(actor, "readPlan", head);
        const { plan, index } = await loadIndexedPlanVersion(tx, head.planVersionId, null);
        const fy = planYear(plan, opts.fiscalYear);
        const project = evaluatedProject(index, head);
        sheet = await projectEvaluationHead(tx, head.id, Number(fy), true);
        target = (id) => projectEvaluationTarget(head, fy, id);
        city = head;
        authorizeSubmit = () => authorize(actor, "submitProjectEvaluation", head);
        completeness = () => projectSubmitProblems(storedSheet(project, fy).evaluation, fy);
      } else {
        const head = await measureHead(tx, opts.id, true);
        if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
        authorize(actor, "readPlan", head);
        const { plan, index } = await loadIndexedPlanVersion(tx, head.planVersionId, null);
        const fy = planYear(plan, opts.fiscalYear);
        const measure: Measure = measureForEvaluation(index, head);
        sheet = await measureEvaluationHead(tx, head.id, Number(fy), true);
        target = (id) => measureEvaluationTarget(head, fy, id);
        city = head;
        authorizeSubmit = () => authorize(actor, "submitMeasureEvaluation", head);
        completeness = () => measureSubmitProblems(measure.evaluations?.[fy] ?? emptyMeasureEvaluation(), fy);
      }
      if (action === "submit") authorizeSubmit();
      else authorize(actor, action === "approve" ? "approveEvaluation" : "returnEvaluation", city);
      const state: ReviewState = sheet?.reviewState ?? "draft";
      const next = nextReviewState(state, action);
      if (next === null) {
        throw new HoshinError(
          "conflict",
          `この評価シートは${REVIEW_STATE_LABELS[state]}のため、${REVIEW_ACTION_LABELS[action]}できません。`,
        );
      }
      if (action === "return" && comment === null) {
        throw new HoshinError("invalid-input", "差戻しの理由を入力してください。", {
          fields: [{ field: "comment", message: "差戻しの理由を入力してください。" }],
        });
      }
      if (comment !== null && comment.length > MAX_COMMENT_LENGTH) {
        throw new HoshinError("invalid-input", "コメントが長すぎます（5,000字まで）。", {
          fields: [{ field: "comment", message: "コメントが長すぎます（5,000字まで）。" }],
        });
      }
      if (action === "submit") {
        const problems = completeness();
        if (problems.length > 0) {
          const e = invalidSheet(problems);
          throw new HoshinError(
            "invalid-input",
            "一次評価が済んでいないため提出できません。評価シートを編集して、次の項目を入力してください。",
            { fields: [...e.fields] },
          );
        }
      }
      // A sheet that can be submitted has been saved, so it has a row (approve and return need 提出済 or 承認済).
      if (sheet === null) throw new Error("内部エラー: 評価シートの行がありません。");
      // The return comment stays visible until the sheet is submitted again.
      const keptComment = action === "return" ? comment : action === "submit" ? null : sheet.reviewComment;
      const version = await setEvaluationReviewState(tx, opts.kind, sheet.id, next, keptComment);
      await insertAuditEvents(
        tx,
        auditRows(
          actor,
          action,
          target(sheet.id),
          [
            {
              field: "reviewState",
              label: "状態",
              before: REVIEW_STATE_LABELS[state],
              after: REVIEW_STATE_LABELS[next],
            },
          ],
          comment,
        ),
      );
      return { state: next, version };
    });
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}
