import type { PlanVersionSummary } from "../../db/plans.ts";
import type { Measure, PlanDocument, Policy, Project } from "../../domain/plan/model.ts";
import type { ApprovalCounts } from "../../domain/publication/approval.ts";
import { projectKeys } from "../../domain/publication/public-ids.ts";
import type { PlanView } from "./read-plan.ts";

/**
 * What the public may see of a plan version: its structure (policies, measure codes and titles), the
 * measures as last approved, and only the 承認済 project sheets.
 */
export interface PublishedPlan {
  version: PlanVersionSummary;
  /**
   * The plan as the public sees it: approved projects only; each approved measure as it was approved;
   * a measure never approved keeps only what the book fixes (code, title, departments, SDGs) with its
   * texts and outcome indicators left empty. No import diagnostics.
   */
  plan: PlanDocument;
  policies: { policy: Policy }[];
  /** The measures that have approved content, as approved. */
  measures: { id: number; measure: Measure; policy: Policy; publishedProjects: number }[];
  /** The approved projects, each with its stable public key (domain/publication/public-ids.ts). */
  projects: { id: number; key: string; project: Project; measure: Measure }[];
  /** How much of the plan is approved. */
  approval: ApprovalCounts;
}

/** The approved content of a measure as stored (a Measure without projects and evaluations), or null. */
function approvedContent(value: unknown): Omit<Measure, "projects" | "evaluations"> | null {
  return value && typeof value === "object" ? (value as Omit<Measure, "projects" | "evaluations">) : null;
}

/** A measure that was never approved: what the book fixes, and nothing anyone typed. */
function unapprovedShell(m: Measure): Omit<Measure, "projects" | "evaluations"> {
  return {
    code: m.code,
    title: m.title,
    leadDepartment: m.leadDepartment,
    relatedDepartments: m.relatedDepartments,
    currentIssues: null,
    purpose: null,
    priorities: [],
    goalStates: [],
    outcomeIndicators: [],
    futureActions: null,
    sdgs: m.sdgs,
    sectoralPlans: null,
    notes: null,
  };
}

/** The public part of a plan (see PublishedPlan), computed once per read model (read-model.ts). */
export function publishedOf(view: PlanView): PublishedPlan {
  const { plan, index } = view;
  const measures: PublishedPlan["measures"] = [];
  const projects: PublishedPlan["projects"] = [];
  const approval: ApprovalCounts = {
    projects: { approved: 0, total: 0 },
    measures: { approved: 0, total: 0 },
  };
  const published: PlanDocument = {
    ...plan,
    diagnostics: [],
    policies: plan.policies.map((policy) => ({
      ...policy,
      measures: policy.measures.map((measure) => {
        const row = index.measures.get(measure);
        const approved = approvedContent(row?.approvedContent);
        const kept = measure.projects.filter((p) => index.projects.get(p)?.reviewState === "approved");
        const m: Measure = { ...(approved ?? unapprovedShell(measure)), projects: kept };
        approval.measures.total += 1;
        approval.projects.total += measure.projects.length;
        approval.projects.approved += kept.length;
        if (approved) {
          approval.measures.approved += 1;
          measures.push({ id: row?.id ?? 0, measure: m, policy, publishedProjects: kept.length });
        }
        const keys = projectKeys(
          measure.code,
          measure.projects.map((p) => p.name),
        );
        measure.projects.forEach((p, n) => {
          if (kept.includes(p)) {
            projects.push({ id: index.projects.get(p)?.id ?? 0, key: keys[n] ?? "", project: p, measure: m });
          }
        });
        return m;
      }),
    })),
  };
  return {
    version: view.version,
    plan: published,
    policies: published.policies.map((policy) => ({ policy })),
    measures,
    projects,
    approval,
  };
}
