import type { Database } from "../../db/client.ts";
import { measureHead, projectHead } from "../../db/edit-plan.ts";
import type { PlanIndex, PlanVersionSummary } from "../../db/plans.ts";
import type { Actor, MeasureRow, ProjectRow } from "../../domain/access.ts";
import type { ReviewState } from "../../domain/editing/review.ts";
import type { Diagnostic, Measure, PlanDocument, Policy, Project } from "../../domain/plan/model.ts";
import { authorize } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import { knownPlanVersionOf, type PlanReadModel, readPlanModel } from "./read-model.ts";

/** What names a plan version in a stable address (city code and fiscal year), copied onto its entries. */
export interface PlanAddress {
  cityCode: string;
  fiscalYear: number;
}

export interface ProjectEntry {
  id: number;
  /** The stable key of the project in its plan (「6-2:職員研修費」, domain/publication/public-ids.ts). */
  key: string;
  /** The plan version's city and year, for the project's stable address. */
  planAddress: PlanAddress;
  version: number;
  reviewState: ReviewState;
  reviewComment: string | null;
  project: Project;
  measure: Measure;
  measureId: number;
  policy: Policy;
}

export interface MeasureEntry {
  id: number;
  /** The plan version's city and year, for the measure's stable address (with the measure's code). */
  planAddress: PlanAddress;
  version: number;
  /** The review of the measure's texts and outcome actuals (public only once approved). */
  reviewState: ReviewState;
  reviewComment: string | null;
  measure: Measure;
  policy: Policy;
  policyId: number;
  projects: ProjectEntry[];
}

/** A plan version as the staff screens see it: the plan, its rows' ids, and the checks of its data now. */
export interface PlanView {
  version: PlanVersionSummary;
  plan: PlanDocument;
  index: PlanIndex;
  measures: MeasureEntry[];
  projects: ProjectEntry[];
  /** checkPlan on the data as it is now (the stored import diagnostics are `plan.diagnostics`). */
  currentDiagnostics: Diagnostic[];
}

/** A project of a view as the access rules see it (with the view's city). */
export function projectRow(view: PlanView, project: Project): ProjectRow {
  return { name: project.name, leadDepartment: project.leadDepartment, cityCode: view.version.cityCode };
}

/** A measure of a view as the access rules see it (with the view's city). */
export function measureRow(view: PlanView, measure: Measure): MeasureRow {
  return {
    code: measure.code,
    title: measure.title,
    leadDepartment: measure.leadDepartment,
    cityCode: view.version.cityCode,
  };
}

/**
 * Reads a plan version for the staff app, in one snapshot. Any logged-in role may read every plan of the
 * cities it works for (the staff need to see each other's work); a plan of another city is refused with
 * the city refusal, which shows nothing of it. Served from the read model (read-model.ts): the same frozen
 * view for every request until the plan version changes.
 */
export async function readPlan(opts: {
  db: Database;
  actor: Actor;
  planVersionId: number;
}): Promise<PlanView> {
  return (await readPlanModelFor(opts)).view;
}

/** The whole read model of a plan version (rollups, achievement, memo) for a page that shows more than the plan. */
export async function readPlanModelFor(opts: {
  db: Database;
  actor: Actor;
  planVersionId: number;
}): Promise<PlanReadModel> {
  const model = await readPlanModel({ db: opts.db, planVersionId: opts.planVersionId });
  if (!model) throw new HoshinError("not-found", "指定の実施計画は登録されていません。");
  authorize(opts.actor, "readPlan", { cityCode: model.view.version.cityCode });
  return model;
}

export function findProject(view: PlanView, id: number): ProjectEntry {
  const p = view.projects.find((e) => e.id === id);
  if (!p) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
  return p;
}

export function findMeasure(view: PlanView, id: number): MeasureEntry {
  const m = view.measures.find((e) => e.id === id);
  if (!m) throw new HoshinError("not-found", "指定の施策は登録されていません。");
  return m;
}

/** The entries of a view by row id, built once per view (views are frozen snapshots of the read model). */
const byIdOf = new WeakMap<
  PlanView,
  { projects: Map<number, ProjectEntry>; measures: Map<number, MeasureEntry> }
>();
function rowsById(view: PlanView) {
  let rows = byIdOf.get(view);
  if (!rows) {
    rows = {
      projects: new Map(view.projects.map((e) => [e.id, e])),
      measures: new Map(view.measures.map((e) => [e.id, e])),
    };
    byIdOf.set(view, rows);
  }
  return rows;
}

type ReadRowOptions = { db: Database; actor: Actor; id: number };

/** A project with its plan, by the project's id. */
export async function readProjectEntry(
  opts: ReadRowOptions,
): Promise<{ view: PlanView; entry: ProjectEntry }> {
  const known = knownPlanVersionOf(opts.db, "project", opts.id);
  if (known !== undefined) {
    const model = await readPlanModel({ db: opts.db, planVersionId: known });
    const entry = model && rowsById(model.view).projects.get(opts.id);
    if (model && entry) {
      authorize(opts.actor, "readPlan", { cityCode: model.view.version.cityCode });
      return { view: model.view, entry };
    }
  }
  const head = await projectHead(opts.db, opts.id);
  if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
  const view = await readPlan({ db: opts.db, actor: opts.actor, planVersionId: head.planVersionId });
  return { view, entry: findProject(view, opts.id) };
}

/** A project for its edit form: refused (forbidden) unless the actor may edit it. */
export async function readProjectForEdit(
  opts: ReadRowOptions,
): Promise<{ view: PlanView; entry: ProjectEntry }> {
  const read = await readProjectEntry(opts);
  authorize(opts.actor, "editProject", projectRow(read.view, read.entry.project));
  return read;
}

/** A measure with its plan, by the measure's id. */
export async function readMeasureEntry(
  opts: ReadRowOptions,
): Promise<{ view: PlanView; entry: MeasureEntry }> {
  const known = knownPlanVersionOf(opts.db, "measure", opts.id);
  if (known !== undefined) {
    const model = await readPlanModel({ db: opts.db, planVersionId: known });
    const entry = model && rowsById(model.view).measures.get(opts.id);
    if (model && entry) {
      authorize(opts.actor, "readPlan", { cityCode: model.view.version.cityCode });
      return { view: model.view, entry };
    }
  }
  const head = await measureHead(opts.db, opts.id);
  if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
  const view = await readPlan({ db: opts.db, actor: opts.actor, planVersionId: head.planVersionId });
  return { view, entry: findMeasure(view, opts.id) };
}

/** A measure for its form: refused (forbidden) unless the actor may change at least its outcome actuals. */
export async function readMeasureForEdit(
  opts: ReadRowOptions,
): Promise<{ view: PlanView; entry: MeasureEntry }> {
  const read = await readMeasureEntry(opts);
  authorize(opts.actor, "enterOutcomeActuals", measureRow(read.view, read.entry.measure));
  return read;
}
