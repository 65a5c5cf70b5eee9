// The review workflow of a project sheet, every state × action, written from the README (「Editing the plan」:
// 作成中 → 提出 → 提出済 → 承認 → 承認済, 差戻し back to 作成中, and an approved sheet may be reopened).
import { describe, expect, it } from "vitest";
import {
  isEditable,
  isReviewAction,
  isReviewState,
  nextReviewState,
  REVIEW_ACTIONS,
  REVIEW_STATES,
  type ReviewAction,
  type ReviewState,
} from "../../../src/domain/editing/review.ts";

const TRANSITIONS: [ReviewState, ReviewAction, ReviewState | null][] = [
  ["draft", "submit", "submitted"],
  ["draft", "return", null],
  ["draft", "approve", null],
  ["submitted", "submit", null],
  ["submitted", "return", "draft"],
  ["submitted", "approve", "approved"],
  ["approved", "submit", null],
  ["approved", "return", "draft"],
  ["approved", "approve", null],
];

describe("review transitions (pure)", () => {
  it("the table covers every state × action once", () => {
    expect(TRANSITIONS.map(([s, a]) => `${s}/${a}`).sort()).toEqual(
      REVIEW_STATES.flatMap((s) => REVIEW_ACTIONS.map((a) => `${s}/${a}`)).sort(),
    );
  });

  it.each(TRANSITIONS)("%s + %s → %s", (state, action, next) => {
    expect(nextReviewState(state, action)).toBe(next);
  });

  it.each([
    ["draft", true],
    ["submitted", false],
    ["approved", false],
  ] as const)("a %s sheet is editable: %s", (state, editable) => {
    expect(isEditable(state)).toBe(editable);
  });

  it.each([
    ["draft", true, false],
    ["submitted", true, false],
    ["approved", true, false],
    ["submit", false, true],
    ["return", false, true],
    ["approve", false, true],
    ["rejected", false, false],
    ["", false, false],
    [null, false, false],
    [1, false, false],
  ] as const)("%j is a state: %s, an action: %s", (value, state, action) => {
    expect(isReviewState(value)).toBe(state);
    expect(isReviewAction(value)).toBe(action);
  });
});
