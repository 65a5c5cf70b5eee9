import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { type ProjectHead, projectHead, updateProjectContent } from "../../db/edit-plan.ts";
import { loadProject } from "../../db/plans.ts";
import { siblingProjects } from "../../db/project-names.ts";
import { type Actor, may, refusal } from "../../domain/access.ts";
import { diffProjects, type FieldChange } from "../../domain/editing/changes.ts";
import {
  projectNameProblem,
  projectRuleProblems,
  withCheckData,
} from "../../domain/editing/project-rules.ts";
import { isEditable } from "../../domain/editing/review.ts";
import { type MergeChoice, mergeProjects } from "../../domain/editing/three-way.ts";
import { REVIEW_STATE_LABELS } from "../../domain/labels.ts";
import { canonicalSeries } from "../../domain/plan/indicator-value.ts";
import type { Project } from "../../domain/plan/model.ts";
import { withStorableProblems } from "../../domain/plan/storable.ts";
import { authorize } from "../authorize.ts";
import { EditConflict, fromDatabaseError, HoshinError } from "../errors.ts";
import { type AuditTarget, auditRows } from "../staff/audit-trail.ts";
import { auditForgedFields, ForgedFieldRefusal } from "./forged-field.ts";

export interface SaveProjectOptions {
  db: Database;
  actor: Actor;
  projectId: number;
  /** The version the user's form was made from. */
  expectedVersion: number;
  project: Project;
  /**
   * The project the form was made from (its hidden base fields). With it, a save from a stale form is
   * merged three ways (domain/editing/three-way.ts) instead of refused; without it, it is refused.
   * Trusted for nothing else: what is written is checked against what is stored.
   */
  base?: Project | null;
  /** How the user decided the fields both changed, by field key. */
  choices?: Readonly<Record<string, MergeChoice>>;
}

export interface SaveProjectResult {
  version: number;
  changes: FieldChange[];
  /** What the other person changed meanwhile and the save kept (only after a merge). */
  kept?: FieldChange[];
}

// Numbers and comparators of targets follow their texts (see canonicalIndicatorValue).
const canonical = (p: Project): Project => ({
  ...p,
  activityIndicators: p.activityIndicators.map((a) => ({ ...a, targets: canonicalSeries(a.targets) })),
});

function auditTarget(head: ProjectHead, label: string): AuditTarget {
  return {
    kind: "project",
    id: head.id,
    label,
    planVersionId: head.planVersionId,
    city: head.city,
    cityCode: head.cityCode,
    fiscalYear: head.fiscalYear,
    department: head.leadDepartment,
  };
}

/**
 * Saves the content of a project from the edit form: authorization (管理者, or 担当課 of the project's
 * 所管課), the merge of a stale form, the rules of project-rules.ts (a unique name within the measure
 * included), the review state (only 作成中 sheets), the write and one audit row per changed field, in one
 * transaction. A 所管課 changed by whoever may not change it is refused (403) and audited.
 */
export async function saveProject(opts: SaveProjectOptions): Promise<SaveProjectResult> {
  const { actor } = opts;
  const project = canonical(opts.project);
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await projectHead(tx, opts.projectId, true);
      if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
      authorize(actor, "editProject", head);
      const before = await loadProject(tx, head.id);
      if (!before) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
      let target = project;
      let kept: FieldChange[] = [];
      if (head.version !== opts.expectedVersion) {
        if (!opts.base) {
          throw new EditConflict(head.version, diffProjects(withCheckData(before, project), before));
        }
        const m = mergeProjects(canonical(opts.base), before, project, opts.choices);
        if (m.conflicts.length > 0) {
          throw new EditConflict(head.version, m.theirs, { conflicts: m.conflicts, proposal: m.proposal });
        }
        target = m.merged;
        kept = m.theirs;
      }
      if (target.leadDepartment !== head.leadDepartment && !may(actor, "changeLeadDepartment", head)) {
        throw new ForgedFieldRefusal(
          refusal("changeLeadDepartment", head),
          actor,
          auditTarget(head, head.name),
          [
            {
              field: "leadDepartment",
              label: "所管課",
              before: head.leadDepartment,
              after: target.leadDepartment,
            },
          ],
          "leadDepartment",
        );
      }
      const problems = withStorableProblems(projectRuleProblems(target), target);
      if (target.name !== head.name) {
        const { code, siblings } = await siblingProjects(tx, head.measureId, head.id);
        const taken = projectNameProblem(target.name, code, siblings);
        if (taken) problems.unshift(taken);
      }
      if (problems.length > 0) {
        throw new HoshinError("invalid-input", "入力に誤りがあります。赤く示した項目を直してください。", {
          fields: problems,
        });
      }
      if (!isEditable(head.reviewState)) {
        throw new HoshinError(
          "conflict",
          `この事業シートは${REVIEW_STATE_LABELS[head.reviewState]}のため編集できません。差戻し後に編集してください。`,
        );
      }
      const edited = withCheckData(before, { ...target, budgetOnly: before.budgetOnly });
      const changes = diffProjects(before, edited);
      if (changes.length === 0)
        return { version: head.version, changes, ...(kept.length > 0 ? { kept } : {}) };
      const version = await updateProjectContent(tx, head, head.version, edited);
      if (version === null)
        throw new EditConflict(head.version, diffProjects(withCheckData(before, project), before));
      await insertAuditEvents(tx, auditRows(actor, "update", auditTarget(head, target.name), changes));
      return { version, changes, ...(kept.length > 0 ? { kept } : {}) };
    });
  } catch (e) {
    throw e instanceof HoshinError ? await auditForgedFields(opts.db, e) : fromDatabaseError(e);
  }
}
