import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { measureHead, setMeasureReviewState } from "../../db/edit-plan.ts";
import { loadIndexedPlanVersion } from "../../db/plans.ts";
import type { Actor } from "../../domain/access.ts";
import { nextReviewState, type ReviewAction, type ReviewState } from "../../domain/editing/review.ts";
import { REVIEW_ACTION_LABELS, REVIEW_STATE_LABELS } from "../../domain/labels.ts";
import { authorize } from "../authorize.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";

export interface ReviewMeasureOptions {
  db: Database;
  actor: Actor;
  measureId: number;
  action: ReviewAction;
  /** Required for 差戻し (return): what the department should change. */
  comment?: string | null;
}

/**
 * Moves a measure (its texts and outcome actuals) through the workflow of the project sheets: the 主管課
 * or 管理者 submits; 管理者 approves or returns with a comment. Approving keeps the measure's content as
 * it is now as its approved content, which is what the public side shows until the next approval.
 * Audited, in one transaction.
 */
export async function reviewMeasure(
  opts: ReviewMeasureOptions,
): Promise<{ state: ReviewState; version: number }> {
  const { actor, action } = opts;
  const comment = opts.comment?.trim() || null;
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await measureHead(tx, opts.measureId, true);
      if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
      if (action === "submit") authorize(actor, "submitMeasure", head);
      else authorize(actor, action === "approve" ? "approveMeasure" : "returnMeasure", head);
      const next = nextReviewState(head.reviewState, action);
      if (next === null) {
        throw new HoshinError(
          "conflict",
          `施策「${head.code} ${head.title}」は${REVIEW_STATE_LABELS[head.reviewState]}のため、${REVIEW_ACTION_LABELS[action]}できません。`,
        );
      }
      if (action === "return" && comment === null) {
        throw new HoshinError("invalid-input", "差戻しの理由を入力してください。", {
          fields: [{ field: "comment", message: "差戻しの理由を入力してください。" }],
        });
      }
      if (comment !== null && comment.length > 5000) {
        throw new HoshinError("invalid-input", "コメントが長すぎます（5,000字まで）。", {
          fields: [{ field: "comment", message: "コメントが長すぎます（5,000字まで）。" }],
        });
      }
      let approved: Parameters<typeof setMeasureReviewState>[4];
      if (action === "approve") {
        const { index } = await loadIndexedPlanVersion(tx, head.planVersionId, null);
        for (const [m, row] of index.measures) {
          if (row.id !== head.id) continue;
          const { projects: _p, evaluations: _e, ...content } = m;
          approved = content;
        }
        if (!approved) throw new HoshinError("not-found", "指定の施策は登録されていません。");
      }
      const keptComment = action === "return" ? comment : action === "submit" ? null : head.reviewComment;
      const version = await setMeasureReviewState(tx, head.id, next, keptComment, approved);
      await insertAuditEvents(
        tx,
        auditRows(
          actor,
          action,
          {
            kind: "measure",
            id: head.id,
            label: `${head.code} ${head.title}`,
            planVersionId: head.planVersionId,
            city: head.city,
            cityCode: head.cityCode,
            fiscalYear: head.fiscalYear,
            department: head.leadDepartment,
          },
          [
            {
              field: "reviewState",
              label: "状態",
              before: REVIEW_STATE_LABELS[head.reviewState],
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
