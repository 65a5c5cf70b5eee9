import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { projectHead, updateProjectContent } from "../../db/edit-plan.ts";
import { loadProject } from "../../db/plans.ts";
import { type Actor, may, refusal } from "../../domain/access.ts";
import { diffProjects, type FieldChange } from "../../domain/editing/changes.ts";
import { projectRuleProblems, withCheckData } from "../../domain/editing/project-rules.ts";
import { isEditable } from "../../domain/editing/review.ts";
import { REVIEW_STATE_LABELS } from "../../domain/labels.ts";
import { canonicalSeries } from "../../domain/plan/indicator-value.ts";
import type { Project } from "../../domain/plan/model.ts";
import { withStorableProblems } from "../../domain/plan/storable.ts";
import { authorize } from "../authorize.ts";
import { EditConflict, fromDatabaseError, HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";

export interface SaveProjectOptions {
  db: Database;
  actor: Actor;
  projectId: number;
  /** The version the user's form was made from. */
  expectedVersion: number;
  project: Project;
}

export interface SaveProjectResult {
  version: number;
  changes: FieldChange[];
}

/**
 * Saves the whole content of a project from the edit form: authorization (管理者, or 担当課 of the
 * project's 所管課), the review state (only 作成中 sheets), the rules of project-rules.ts, the version
 * check, the write and one audit row per changed field, in one transaction.
 */
export async function saveProject(opts: SaveProjectOptions): Promise<SaveProjectResult> {
  const { actor } = opts;
  // Numbers and comparators of targets follow their texts (see canonicalIndicatorValue).
  const project: Project = {
    ...opts.project,
    activityIndicators: opts.project.activityIndicators.map((a) => ({
      ...a,
      targets: canonicalSeries(a.targets),
    })),
  };
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await projectHead(tx, opts.projectId, true);
      if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
      authorize(actor, "editProject", head);
      if (project.leadDepartment !== head.leadDepartment && !may(actor, "changeLeadDepartment")) {
        const message = refusal("changeLeadDepartment");
        throw new HoshinError("invalid-input", message, { fields: [{ field: "leadDepartment", message }] });
      }
      const problems = withStorableProblems(projectRuleProblems(project), project);
      if (problems.length > 0) {
        throw new HoshinError("invalid-input", "入力に誤りがあります。赤く示した項目を直してください。", {
          fields: problems,
        });
      }
      const before = await loadProject(tx, head.id);
      if (!before) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
      if (head.version !== opts.expectedVersion) {
        throw new EditConflict(head.version, diffProjects(withCheckData(before, project), before));
      }
      if (!isEditable(head.reviewState)) {
        throw new HoshinError(
          "conflict",
          `この事業シートは${REVIEW_STATE_LABELS[head.reviewState]}のため編集できません。差戻し後に編集してください。`,
        );
      }
      const edited = withCheckData(before, { ...project, budgetOnly: before.budgetOnly });
      const changes = diffProjects(before, edited);
      if (changes.length === 0) return { version: head.version, changes };
      const version = await updateProjectContent(tx, head, opts.expectedVersion, edited);
      if (version === null)
        throw new EditConflict(head.version, diffProjects(withCheckData(before, project), before));
      await insertAuditEvents(
        tx,
        auditRows(
          actor,
          "update",
          {
            kind: "project",
            id: head.id,
            label: project.name,
            planVersionId: head.planVersionId,
            city: head.city,
            fiscalYear: head.fiscalYear,
            department: head.leadDepartment,
          },
          changes,
        ),
      );
      return { version, changes };
    });
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}
