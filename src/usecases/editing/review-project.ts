import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { projectHead, setReviewState } from "../../db/edit-plan.ts";
import type { Actor } from "../../domain/access.ts";
import { nextReviewState, type ReviewAction, type ReviewState } from "../../domain/editing/review.ts";
import { REVIEW_ACTION_LABELS, REVIEW_STATE_LABELS } from "../../domain/labels.ts";
import { authorize } from "../authorize.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";

export interface ReviewProjectOptions {
  db: Database;
  actor: Actor;
  projectId: number;
  action: ReviewAction;
  /** Required for 差戻し (return): what the department should change. */
  comment?: string | null;
}

/**
 * Moves a project sheet through the workflow: 担当課 (of the 所管課) or 管理者 submits; 管理者 approves or
 * returns with a comment. Audited, in one transaction.
 */
export async function reviewProject(
  opts: ReviewProjectOptions,
): Promise<{ state: ReviewState; version: number }> {
  const { actor, action } = opts;
  const comment = opts.comment?.trim() || null;
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await projectHead(tx, opts.projectId, true);
      if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
      if (action === "submit") authorize(actor, "submitProject", head);
      else authorize(actor, action === "approve" ? "approveProject" : "returnProject", head);
      const next = nextReviewState(head.reviewState, action);
      if (next === null) {
        throw new HoshinError(
          "conflict",
          `この事業シートは${REVIEW_STATE_LABELS[head.reviewState]}のため、${REVIEW_ACTION_LABELS[action]}できません。`,
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
      // The return comment stays visible until the sheet is submitted again.
      const keptComment = action === "return" ? comment : action === "submit" ? null : head.reviewComment;
      const version = await setReviewState(tx, head.id, next, keptComment);
      await insertAuditEvents(
        tx,
        auditRows(
          actor,
          action,
          {
            kind: "project",
            id: head.id,
            label: head.name,
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
