import { type AuditEventRow, listAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { evaluationSheetOf, UNSAVED_EVALUATION_VERSION } from "../../db/edit-evaluations.ts";
import { measureHead, projectHead } from "../../db/edit-plan.ts";
import type { PlanVersionSummary } from "../../db/plans.ts";
import {
  type Actor,
  type EvaluationRights,
  measureEvaluationRights,
  projectEvaluationRights,
} from "../../domain/access.ts";
import { planPeriod } from "../../domain/checks/check-plan.ts";
import { REVIEW_STATES, type ReviewState } from "../../domain/editing/review.ts";
import {
  effectiveOutlook,
  emptyMeasureEvaluation,
  emptyProjectEvaluation,
} from "../../domain/evaluation/evaluation.ts";
import type {
  FiscalYearKey,
  IndicatorValue,
  Inputs,
  MeasureEvaluation,
  Outlook,
  ProjectEvaluation,
  Rating,
  Thousands,
} from "../../domain/plan/model.ts";
import { authorize } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import {
  findMeasure,
  findProject,
  type MeasureEntry,
  measureRow,
  type PlanAddress,
  type PlanView,
  type ProjectEntry,
  projectRow,
  readPlan,
} from "../plan/read-plan.ts";
import { planYear } from "./sheets.ts";

// The read side of the evaluation sheets: one sheet with its plan context and history, and the progress
// of a plan year's sheets per department. Every logged-in role may read them, as it may read the plan.

/** Where a sheet stands; `id` is null and `version` 1 for a sheet never saved (未作成). */
export interface SheetState {
  id: number | null;
  version: number;
  reviewState: ReviewState;
  reviewComment: string | null;
}

const UNSAVED: SheetState = {
  id: null,
  version: UNSAVED_EVALUATION_VERSION,
  reviewState: "draft",
  reviewComment: null,
};

export interface ProjectEvaluationView {
  view: PlanView;
  entry: ProjectEntry;
  fiscalYear: FiscalYearKey;
  /** The plan's years, each of which can be evaluated. */
  years: FiscalYearKey[];
  evaluation: ProjectEvaluation;
  state: SheetState;
  /** 投入指標 of the year (the budget); null when the project prints none for it. */
  budget: Inputs | null;
  settled: Thousands | null;
  /** 実績 of each activity indicator for the year, by position. */
  actuals: (IndicatorValue | null)[];
  history: AuditEventRow[];
  /** What the actor may do with the sheet in its state (domain/access.ts). */
  rights: EvaluationRights;
}

export interface MeasureEvaluationView {
  view: PlanView;
  entry: MeasureEntry;
  fiscalYear: FiscalYearKey;
  years: FiscalYearKey[];
  evaluation: MeasureEvaluation;
  state: SheetState;
  /** The measure's projects that have an evaluation sheet, with theirs for the year. */
  projects: ProjectSheetSummary[];
  history: AuditEventRow[];
  /** What the actor may do with the sheet in its state (domain/access.ts). */
  rights: EvaluationRights;
}

function evaluationHistory(
  db: Database,
  kind: "project-evaluation" | "measure-evaluation",
  id: number | null,
) {
  return id === null ? Promise.resolve([]) : listAuditEvents(db, { entity: { kind, id }, limit: 200 });
}

/** A project's evaluation sheet for a fiscal year, with the budget and actuals it shows. */
export async function readProjectEvaluation(opts: {
  db: Database;
  actor: Actor;
  projectId: number;
  fiscalYear: number;
}): Promise<ProjectEvaluationView> {
  const head = await projectHead(opts.db, opts.projectId);
  if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
  const view = await readPlan({ db: opts.db, actor: opts.actor, planVersionId: head.planVersionId });
  const entry = findProject(view, opts.projectId);
  const fy = planYear(view.plan, opts.fiscalYear);
  if (entry.project.budgetOnly) {
    throw new HoshinError(
      "not-found",
      `「${entry.project.name}」は予算のみの掲載の事業（事業シートなし）のため、事務事業評価のシートはありません。`,
    );
  }
  const evaluation = entry.project.evaluations?.[fy];
  const row = evaluation ? view.index.projectEvaluations.get(evaluation) : undefined;
  const state: SheetState = row
    ? { id: row.id, version: row.version, reviewState: row.reviewState, reviewComment: row.reviewComment }
    : UNSAVED;
  return {
    view,
    entry,
    fiscalYear: fy,
    years: planPeriod(view.plan),
    evaluation: evaluation ?? emptyProjectEvaluation(),
    state,
    budget: entry.project.inputs[fy] ?? null,
    settled: entry.project.settled?.[fy] ?? null,
    actuals: entry.project.activityIndicators.map((a) => a.actual?.[fy] ?? null),
    history: await evaluationHistory(opts.db, "project-evaluation", state.id),
    rights: projectEvaluationRights(opts.actor, projectRow(view, entry.project), state.reviewState),
  };
}

/** A measure's evaluation sheet (施策評価) for a fiscal year, with its projects' sheets. */
export async function readMeasureEvaluation(opts: {
  db: Database;
  actor: Actor;
  measureId: number;
  fiscalYear: number;
}): Promise<MeasureEvaluationView> {
  const head = await measureHead(opts.db, opts.measureId);
  if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
  const view = await readPlan({ db: opts.db, actor: opts.actor, planVersionId: head.planVersionId });
  const entry = findMeasure(view, opts.measureId);
  const fy = planYear(view.plan, opts.fiscalYear);
  const evaluation = entry.measure.evaluations?.[fy];
  const row = evaluation ? view.index.measureEvaluations.get(evaluation) : undefined;
  const state: SheetState = row
    ? { id: row.id, version: row.version, reviewState: row.reviewState, reviewComment: row.reviewComment }
    : UNSAVED;
  return {
    view,
    entry,
    fiscalYear: fy,
    years: planPeriod(view.plan),
    evaluation: evaluation ?? emptyMeasureEvaluation(),
    state,
    projects: entry.projects.filter((p) => !p.project.budgetOnly).map((p) => projectSummary(view, p, fy)),
    history: await evaluationHistory(opts.db, "measure-evaluation", state.id),
    rights: measureEvaluationRights(opts.actor, measureRow(view, entry.measure), state.reviewState),
  };
}

/** One project's sheet of a year, as the lists show it. */
export interface ProjectSheetSummary {
  id: number;
  /** The project's stable key and its plan's city and year (its stable address). */
  key: string;
  planAddress: PlanAddress;
  name: string;
  department: string;
  measureId: number;
  measureCode: string;
  /** null: 未作成 (never saved). */
  state: ReviewState | null;
  /** 今後の方向性 that stands: the 二次評価's when given, else the 一次評価's. */
  outlook: Outlook | null;
  hasSecondary: boolean;
}

export interface MeasureSheetSummary {
  id: number;
  code: string;
  title: string;
  department: string | null;
  state: ReviewState | null;
  /** The rating that stands: the 二次評価's when given, else the 一次評価's. */
  rating: Rating | null;
}

/** Sheets of one department by state; `missing` counts the sheets never saved (未作成). */
export interface DepartmentProgress {
  department: string;
  draft: number;
  submitted: number;
  approved: number;
  missing: number;
  total: number;
}

export interface EvaluationOverview {
  version: PlanVersionSummary;
  fiscalYear: FiscalYearKey;
  years: FiscalYearKey[];
  /** 事務事業評価 per 所管課, sorted by department name. */
  departments: DepartmentProgress[];
  projects: ProjectSheetSummary[];
  measures: MeasureSheetSummary[];
  /** Projects printed as budget lines only (予算のみの掲載): they have no sheet and are not counted. */
  budgetOnlyCount: number;
}

function projectSummary(view: PlanView, e: ProjectEntry, fy: FiscalYearKey): ProjectSheetSummary {
  const evaluation = e.project.evaluations?.[fy];
  const row = evaluation ? view.index.projectEvaluations.get(evaluation) : undefined;
  return {
    id: e.id,
    key: e.key,
    planAddress: e.planAddress,
    name: e.project.name,
    department: e.project.leadDepartment,
    measureId: e.measureId,
    measureCode: e.measure.code,
    state: row?.reviewState ?? null,
    outlook: effectiveOutlook(evaluation),
    // Whether the outlook shown is the planning division's (二次評価), not only whether one exists.
    hasSecondary: evaluation?.secondary?.outlook != null,
  };
}

/**
 * The progress of the evaluation sheets of a plan version for one fiscal year (default: the plan's own
 * year when it is one of the plan's years, else the first): per department the 事務事業評価 sheets by
 * state, with 未作成 for those never saved; every project with its state and effective outlook; every
 * measure's 施策評価.
 */
export async function listEvaluations(opts: {
  db: Database;
  actor: Actor;
  planVersionId: number;
  fiscalYear?: number | null;
}): Promise<EvaluationOverview> {
  const view = await readPlan({ db: opts.db, actor: opts.actor, planVersionId: opts.planVersionId });
  const years = planPeriod(view.plan);
  const own = String(view.version.fiscalYear);
  const wanted = opts.fiscalYear ?? Number(years.includes(own) ? own : (years[0] ?? own));
  const fy = planYear(view.plan, wanted);
  const sheets = view.projects.filter((p) => !p.project.budgetOnly);
  const projects = sheets.map((p) => projectSummary(view, p, fy));
  const byDepartment = new Map<string, DepartmentProgress>();
  for (const p of projects) {
    let d = byDepartment.get(p.department);
    if (!d) {
      d = { department: p.department, draft: 0, submitted: 0, approved: 0, missing: 0, total: 0 };
      byDepartment.set(p.department, d);
    }
    if (p.state === null) d.missing += 1;
    else d[p.state] += 1;
    d.total += 1;
  }
  const measures = view.measures.map((m): MeasureSheetSummary => {
    const evaluation = m.measure.evaluations?.[fy];
    const row = evaluation ? view.index.measureEvaluations.get(evaluation) : undefined;
    return {
      id: m.id,
      code: m.measure.code,
      title: m.measure.title,
      department: m.measure.leadDepartment,
      state: row?.reviewState ?? null,
      rating: evaluation ? (evaluation.secondary?.rating ?? evaluation.self.rating) : null,
    };
  });
  return {
    version: view.version,
    fiscalYear: fy,
    years,
    departments: [...byDepartment.values()].sort((a, b) => a.department.localeCompare(b.department, "ja")),
    projects,
    measures,
    budgetOnlyCount: view.projects.length - sheets.length,
  };
}

/** The states in the order the progress tables print them, 未作成 first. */
export const PROGRESS_COLUMNS = ["missing", ...REVIEW_STATES] as const;

/**
 * The address of an evaluation sheet named by its row id (as the audit log names it):
 * `/projects/:id/evaluations/:fy` or `/measures/:id/evaluations/:fy`.
 */
export async function evaluationSheetPath(opts: {
  db: Database;
  actor: Actor;
  kind: "project" | "measure";
  id: number;
}): Promise<string> {
  const sheet = await evaluationSheetOf(opts.db, opts.kind, opts.id);
  if (!sheet) throw new HoshinError("not-found", "指定の評価シートは登録されていません。");
  // The address names the owner's row: not given for a sheet of another city.
  const owner =
    opts.kind === "project"
      ? await projectHead(opts.db, sheet.ownerId)
      : await measureHead(opts.db, sheet.ownerId);
  if (!owner) throw new HoshinError("not-found", "指定の評価シートは登録されていません。");
  authorize(opts.actor, "readPlan", owner);
  return `/${opts.kind === "project" ? "projects" : "measures"}/${sheet.ownerId}/evaluations/${sheet.fiscalYear}`;
}
