import type { Database } from "../../db/client.ts";
import type { Actor, EvaluationAccess } from "../../domain/access.ts";
import type { ReviewState } from "../../domain/editing/review.ts";
import { authorize } from "../authorize.ts";
import { measureRow, projectRow } from "../plan/read-plan.ts";
import {
  type MeasureEvaluationView,
  type ProjectEvaluationView,
  readMeasureEvaluation,
  readProjectEvaluation,
} from "./list-evaluations.ts";
import { stateRefusal } from "./sheets.ts";

// The evaluation sheets as their forms open them: refused for whoever may not evaluate the row
// (forbidden), and for a state in which the actor may change nothing even were it 作成中 (conflict). A
// sheet the actor could change were it 作成中 but that is no longer (submitted in another tab) opens with
// `closed` saying why, so that the form says so before anything is typed (issue 11, finding 6).

export interface OpenFormOptions {
  db: Database;
  actor: Actor;
  id: number;
  fiscalYear: number;
}

/** What the form shows as editable (as for a 作成中 sheet when nothing is now), and why it is closed. */
function formAccess(
  rights: { access: EvaluationAccess; draftAccess: EvaluationAccess },
  state: ReviewState,
): { access: EvaluationAccess; closed: string | null } {
  if (rights.access !== "none") return { access: rights.access, closed: null };
  if (rights.draftAccess === "none") throw stateRefusal(state);
  return { access: rights.draftAccess, closed: stateRefusal(state).message };
}

export interface OpenedForm {
  access: EvaluationAccess;
  /** Why nothing can be saved now (the sheet is no longer 作成中), or null. */
  closed: string | null;
}

export async function openProjectEvaluationForm(
  opts: OpenFormOptions,
): Promise<ProjectEvaluationView & OpenedForm> {
  const data = await readProjectEvaluation({ ...opts, projectId: opts.id });
  authorize(opts.actor, "evaluateProject", projectRow(data.view, data.entry.project));
  return { ...data, ...formAccess(data.rights, data.state.reviewState) };
}

export async function openMeasureEvaluationForm(
  opts: OpenFormOptions,
): Promise<MeasureEvaluationView & OpenedForm> {
  const data = await readMeasureEvaluation({ ...opts, measureId: opts.id });
  authorize(opts.actor, "evaluateMeasure", measureRow(data.view, data.entry.measure));
  return { ...data, ...formAccess(data.rights, data.state.reviewState) };
}
