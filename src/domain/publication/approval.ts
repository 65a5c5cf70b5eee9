/**
 * How much of a plan is approved, for the public side: a plan year is public once any of its content is
 * approved, and the public side says so when only part of it is (the counts, and totals labelled as
 * covering the approved projects only). Pure.
 */

export interface ApprovedCount {
  approved: number;
  total: number;
}

export interface ApprovalCounts {
  projects: ApprovedCount;
  measures: ApprovedCount;
}

/** Every project and every measure approved. */
export function isFullyApproved(c: ApprovalCounts): boolean {
  return c.projects.approved === c.projects.total && c.measures.approved === c.measures.total;
}

/** Anything approved at all: what makes a plan year public (test and broken imports have nothing approved). */
export function hasApprovedContent(c: ApprovalCounts): boolean {
  return c.projects.approved > 0 || c.measures.approved > 0;
}
