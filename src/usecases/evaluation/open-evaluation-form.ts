import type { Database } from "../../db/client.ts";
import type { Actor, EvaluationAccess } from "../../domain/access.ts";
import { authorize } from "../authorize.ts";
import {
  type MeasureEvaluationView,
  type ProjectEvaluationView,
  readMeasureEvaluation,
  readProjectEvaluation,
} from "./list-evaluations.ts";
import { stateRefusal } from "./sheets.ts";

// The evaluation sheets as their forms open them: refused for whoever may not evaluate the row
// (forbidden), and for a state in which the actor may change nothing (conflict).

export interface OpenFormOptions {
  db: Database;
  actor: Actor;
  id: number;
  fiscalYear: number;
  /**
   * Whether the form comes back with what was typed: when the actor may change nothing in the sheet's
   * state now (it was submitted meanwhile), the form opens as for a 作成中 sheet, so that the typed text
   * stays on the page to be copied (a save is then refused by the use case).
   */
  typed?: boolean;
}

/** What the form lets the actor change. */
function formAccess(
  rights: { access: EvaluationAccess; draftAccess: EvaluationAccess },
  typed: boolean,
): EvaluationAccess {
  return rights.access === "none" && typed ? rights.draftAccess : rights.access;
}

export async function openProjectEvaluationForm(
  opts: OpenFormOptions,
): Promise<ProjectEvaluationView & { access: EvaluationAccess }> {
  const data = await readProjectEvaluation({ ...opts, projectId: opts.id });
  authorize(opts.actor, "evaluateProject", data.entry.project);
  const access = formAccess(data.rights, opts.typed ?? false);
  if (access === "none") throw stateRefusal(data.state.reviewState);
  return { ...data, access };
}

export async function openMeasureEvaluationForm(
  opts: OpenFormOptions,
): Promise<MeasureEvaluationView & { access: EvaluationAccess }> {
  const data = await readMeasureEvaluation({ ...opts, measureId: opts.id });
  authorize(opts.actor, "evaluateMeasure", data.entry.measure);
  const access = formAccess(data.rights, opts.typed ?? false);
  if (access === "none") throw stateRefusal(data.state.reviewState);
  return { ...data, access };
}
