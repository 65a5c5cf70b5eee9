/**
 * The review workflow of a project sheet (事業シート) in a plan year:
 * 作成中 draft → 提出済 submitted → 承認済 approved, and 差戻し (return) back to 作成中 with a comment.
 * Pure: who may take an action is decided in the use cases.
 */

export const REVIEW_STATES = ["draft", "submitted", "approved"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_ACTIONS = ["submit", "return", "approve"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

const TRANSITIONS: Record<ReviewAction, { from: readonly ReviewState[]; to: ReviewState }> = {
  submit: { from: ["draft"], to: "submitted" },
  // An approved sheet can be returned too: the planning division may reopen it.
  return: { from: ["submitted", "approved"], to: "draft" },
  approve: { from: ["submitted"], to: "approved" },
};

/** The state after `action`, or null when the action does not apply in `state`. */
export function nextReviewState(state: ReviewState, action: ReviewAction): ReviewState | null {
  const t = TRANSITIONS[action];
  return t.from.includes(state) ? t.to : null;
}

/** A sheet can be edited only while it is 作成中. */
export function isEditable(state: ReviewState): boolean {
  return state === "draft";
}

export function isReviewState(s: unknown): s is ReviewState {
  return typeof s === "string" && (REVIEW_STATES as readonly string[]).includes(s);
}

export function isReviewAction(s: unknown): s is ReviewAction {
  return typeof s === "string" && (REVIEW_ACTIONS as readonly string[]).includes(s);
}
