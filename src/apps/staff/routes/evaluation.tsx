import { type Context, Hono } from "hono";
import { z } from "zod";
import { isReviewAction } from "../../../domain/editing/review.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { Actor } from "../../../usecases/actor.ts";
import { EditConflict } from "../../../usecases/editing/save-project.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import {
  evaluationSheetPath,
  listEvaluations,
  readMeasureEvaluation,
  readProjectEvaluation,
} from "../../../usecases/evaluation/list-evaluations.ts";
import { reviewEvaluation } from "../../../usecases/evaluation/review-evaluation.ts";
import {
  measureEvaluationAccess,
  saveMeasureEvaluation,
} from "../../../usecases/evaluation/save-measure-evaluation.ts";
import {
  type EvaluationAccess,
  mayEvaluate,
  projectEvaluationAccess,
  saveProjectEvaluation,
  stateRefusal,
} from "../../../usecases/evaluation/save-project-evaluation.ts";
import { type AppEnv, formString, formStrings } from "../env.ts";
import {
  measureEvaluationFormValues,
  parseMeasureEvaluationForm,
  parseProjectEvaluationForm,
  projectEvaluationFormValues,
  withStoredValues,
} from "../evaluation-forms.ts";
import type { FormValues } from "../forms.ts";
import { errorPage, page } from "../render.tsx";
import {
  EvaluationOverviewPage,
  MeasureEvaluationEditPage,
  MeasureEvaluationPage,
  measureSheetUrl,
  ProjectEvaluationEditPage,
  ProjectEvaluationPage,
  projectSheetUrl,
} from "../views/evaluation-pages.tsx";
import { planTitle } from "../views/plan-pages.tsx";

// The evaluation sheets (事務事業評価・施策評価) with the actuals entered on them, and the progress of a
// plan year's sheets. Thin: parse the path and form, call one use case, render.
//
//   GET  /plans/:id/evaluations?year=2024[&department=総務課]   progress per department, links to the sheets
//   GET  /projects/:id/evaluations/:fy                          the 事務事業評価シート of the year
//   GET  /projects/:id/evaluations/:fy/edit                     its form
//   POST /projects/:id/evaluations/:fy                          save
//   POST /projects/:id/evaluations/:fy/review                   submit / approve / return (action, comment)
//   and the same under /measures/:id/evaluations/:fy for the 施策評価シート;
//   GET  /project-evaluations/:sheetId, /measure-evaluations/:sheetId   → the sheet (the audit log's entity id)

const Id = z.coerce.number().int().positive().max(2_147_483_647);

function idParam(raw: string | undefined): number {
  const r = Id.safeParse(raw);
  if (!r.success) throw new HoshinError("not-found", "指定のページは見つかりません。");
  return r.data;
}

/** A fiscal year in a path or query: four digits (2024), else not-found. */
function yearParam(raw: string | undefined): number {
  if (raw === undefined || !/^\d{4}$/.test(raw)) {
    throw new HoshinError(
      "not-found",
      "指定の年度は見つかりません。年度は 2024 のように西暦で指定してください。",
    );
  }
  return Number(raw);
}

function versionField(raw: string): number {
  const r = Id.safeParse(raw);
  if (!r.success) {
    throw new HoshinError(
      "invalid-input",
      "フォームの版番号が読み取れません。ページを読み込み直してください。",
    );
  }
  return r.data;
}

const NOTICES: Record<string, string> = {
  saved: "保存しました。",
  unchanged: "変更はありませんでした。",
  submit: "提出しました。",
  return: "差し戻しました。",
  approve: "承認しました。",
};

function notice(raw: string | undefined): string | null {
  return raw ? (NOTICES[raw] ?? null) : null;
}

interface FormOptions {
  values?: FormValues;
  version?: number;
  status?: 200 | 400 | 409;
  error?: { message: string; fields: { field: string; message: string }[] } | null;
  conflict?: EditConflict | null;
}

/** How a refused save comes back: the form again with what was typed, or the error page. */
function refusedSave(e: unknown, values: FormValues, version: number): FormOptions {
  if (e instanceof EditConflict) {
    return { values, status: 409, error: { message: e.message, fields: [] }, conflict: e };
  }
  if (e instanceof HoshinError && (e.code === "invalid-input" || e.code === "conflict")) {
    return {
      values,
      version,
      status: e.code === "invalid-input" ? 400 : 409,
      error: { message: e.message, fields: [...e.fields] },
    };
  }
  throw e;
}

/**
 * The access the form is shown with: the actor's in the sheet's state; when that is none and the form
 * comes back with what was typed (the sheet was submitted meanwhile), the access of a 作成中 sheet, so that
 * the typed text stays on the page to be copied.
 */
function formAccess(
  access: EvaluationAccess,
  draftAccess: EvaluationAccess,
  typed: boolean,
): EvaluationAccess {
  return access === "none" && typed ? draftAccess : access;
}

export function evaluationRoutes() {
  const app = new Hono<AppEnv>();
  const csrf = (c: Context<AppEnv>) => c.var.session?.csrfToken ?? "";

  // Progress

  app.get("/plans/:id/evaluations", async (c) => {
    const planVersionId = idParam(c.req.param("id"));
    const rawYear = c.req.query("year");
    const overview = await listEvaluations({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId,
      fiscalYear: rawYear === undefined || rawYear === "" ? null : yearParam(rawYear),
    });
    const department = c.req.query("department")?.slice(0, 200) || null;
    return page(
      c,
      {
        title: `評価の進捗（${formatWarekiFiscalYear(overview.fiscalYear)}）`,
        planVersionId: overview.version.id,
        breadcrumbs: [{ href: `/plans/${overview.version.id}`, label: planTitle(overview.version) }],
      },
      <EvaluationOverviewPage overview={overview} department={department} />,
    );
  });

  // A sheet by the id of its row, as the audit log names it (entity kinds project-evaluation, measure-evaluation).
  for (const kind of ["project", "measure"] as const) {
    app.get(`/${kind}-evaluations/:id`, async (c) =>
      c.redirect(
        await evaluationSheetPath({ db: c.var.db, actor: c.var.actor, kind, id: idParam(c.req.param("id")) }),
      ),
    );
  }

  // Project sheets

  const projectRefusal = (name: string, department: string) =>
    new HoshinError("forbidden", `「${name}」は${department}の事務事業のため、評価シートを編集できません。`);

  app.get("/projects/:id/evaluations/:fy", async (c) => {
    const data = await readProjectEvaluation({
      db: c.var.db,
      actor: c.var.actor,
      projectId: idParam(c.req.param("id")),
      fiscalYear: yearParam(c.req.param("fy")),
    });
    const { view, entry } = data;
    return page(
      c,
      {
        title: `${entry.project.name} ${formatWarekiFiscalYear(data.fiscalYear)} 事務事業評価`,
        planVersionId: view.version.id,
        breadcrumbs: [
          { href: `/plans/${view.version.id}`, label: planTitle(view.version) },
          { href: `/plans/${view.version.id}/evaluations?year=${data.fiscalYear}`, label: "評価の進捗" },
          { href: `/projects/${entry.id}`, label: entry.project.name },
        ],
        notice: notice(c.req.query("notice")),
      },
      <ProjectEvaluationPage data={data} actor={c.var.actor} csrf={csrf(c)} />,
    );
  });

  /**
   * Submit, approve or return a sheet of either kind. A submit refused for an unfinished 一次評価 shows the
   * form with what is missing marked; other refusals are error pages.
   */
  async function reviewSheet(
    c: Context<AppEnv>,
    kind: "project" | "measure",
    form: (c: Context<AppEnv>, id: number, fiscalYear: number, opts?: FormOptions) => Promise<Response>,
    sheetUrl: (id: number, fiscalYear: number) => string,
  ) {
    const id = idParam(c.req.param("id"));
    const fiscalYear = yearParam(c.req.param("fy"));
    const action = formString(c.var.form, "action");
    if (!isReviewAction(action)) throw new HoshinError("invalid-input", "操作の種類が正しくありません。");
    try {
      await reviewEvaluation({
        db: c.var.db,
        actor: c.var.actor,
        kind,
        id,
        fiscalYear,
        action,
        comment: formString(c.var.form, "comment"),
      });
    } catch (e) {
      if (
        e instanceof HoshinError &&
        e.code === "invalid-input" &&
        action === "submit" &&
        e.fields.length > 0
      ) {
        return form(c, id, fiscalYear, { status: 400, error: { message: e.message, fields: [...e.fields] } });
      }
      if (e instanceof HoshinError && e.code !== "forbidden" && e.code !== "not-found")
        return errorPage(c, e);
      throw e;
    }
    return c.redirect(`${sheetUrl(id, fiscalYear)}?notice=${action}`, 303);
  }

  async function projectForm(c: Context<AppEnv>, id: number, fiscalYear: number, opts: FormOptions = {}) {
    const actor: Actor = c.var.actor;
    const data = await readProjectEvaluation({ db: c.var.db, actor, projectId: id, fiscalYear });
    const project = data.entry.project;
    if (!mayEvaluate.writeProjectSelf(actor, project) && !mayEvaluate.writeSecondary(actor)) {
      throw projectRefusal(project.name, project.leadDepartment);
    }
    const access = formAccess(
      projectEvaluationAccess(actor, project, data.state.reviewState),
      projectEvaluationAccess(actor, project, "draft"),
      opts.values !== undefined,
    );
    if (access === "none") throw stateRefusal(data.state.reviewState);
    const errors = Object.fromEntries((opts.error?.fields ?? []).map((f) => [f.field, f.message]));
    const url = projectSheetUrl(id, data.fiscalYear);
    return page(
      c,
      {
        title: `${project.name} ${formatWarekiFiscalYear(data.fiscalYear)} 事務事業評価の編集`,
        planVersionId: data.view.version.id,
        breadcrumbs: [
          { href: `/plans/${data.view.version.id}`, label: planTitle(data.view.version) },
          { href: `/projects/${id}`, label: project.name },
          { href: url, label: `${formatWarekiFiscalYear(data.fiscalYear)} 事務事業評価` },
        ],
      },
      <ProjectEvaluationEditPage
        data={data}
        actor={actor}
        csrf={csrf(c)}
        values={opts.values ?? projectEvaluationFormValues(data)}
        errors={errors}
        version={opts.conflict ? opts.conflict.currentVersion : (opts.version ?? data.state.version)}
        access={access}
        error={opts.error ?? null}
        conflict={opts.conflict ? { differences: opts.conflict.differences, history: data.history } : null}
      />,
      opts.status ?? 200,
    );
  }

  app.get("/projects/:id/evaluations/:fy/edit", (c) =>
    projectForm(c, idParam(c.req.param("id")), yearParam(c.req.param("fy"))),
  );

  app.post("/projects/:id/evaluations/:fy", async (c) => {
    const id = idParam(c.req.param("id"));
    const fiscalYear = yearParam(c.req.param("fy"));
    const actor = c.var.actor;
    const data = await readProjectEvaluation({ db: c.var.db, actor, projectId: id, fiscalYear });
    const project = data.entry.project;
    // Authorization first: a refused user learns nothing from form checks.
    if (!mayEvaluate.writeProjectSelf(actor, project) && !mayEvaluate.writeSecondary(actor)) {
      throw projectRefusal(project.name, project.leadDepartment);
    }
    const version = versionField(formString(c.var.form, "version"));
    const access = formAccess(
      projectEvaluationAccess(actor, project, data.state.reviewState),
      projectEvaluationAccess(actor, project, "draft"),
      true,
    );
    const values = withStoredValues(formStrings(c.var.form), projectEvaluationFormValues(data), access);
    const parsed = parseProjectEvaluationForm(values, data.fiscalYear, project.activityIndicators.length);
    if (parsed.problems.length > 0) {
      return projectForm(c, id, fiscalYear, {
        values,
        version,
        status: 400,
        error: { message: "入力に誤りがあります。赤く示した項目を直してください。", fields: parsed.problems },
      });
    }
    try {
      const r = await saveProjectEvaluation({
        db: c.var.db,
        actor,
        projectId: id,
        fiscalYear,
        expectedVersion: version,
        evaluation: parsed.evaluation,
        settled: parsed.settled,
        activityActuals: parsed.activityActuals,
      });
      return c.redirect(
        `${projectSheetUrl(id, data.fiscalYear)}?notice=${r.changes.length > 0 ? "saved" : "unchanged"}`,
        303,
      );
    } catch (e) {
      return projectForm(c, id, fiscalYear, refusedSave(e, values, version));
    }
  });

  app.post("/projects/:id/evaluations/:fy/review", (c) =>
    reviewSheet(c, "project", projectForm, projectSheetUrl),
  );

  // Measure sheets

  const measureRefusal = (code: string, title: string, department: string | null) =>
    new HoshinError(
      "forbidden",
      `施策「${code} ${title}」の施策評価は、主管課${department ? `（${department}）` : ""}と管理者だけが編集できます。`,
    );

  app.get("/measures/:id/evaluations/:fy", async (c) => {
    const data = await readMeasureEvaluation({
      db: c.var.db,
      actor: c.var.actor,
      measureId: idParam(c.req.param("id")),
      fiscalYear: yearParam(c.req.param("fy")),
    });
    const { view, entry } = data;
    return page(
      c,
      {
        title: `施策${entry.measure.code} ${formatWarekiFiscalYear(data.fiscalYear)} 施策評価`,
        planVersionId: view.version.id,
        breadcrumbs: [
          { href: `/plans/${view.version.id}`, label: planTitle(view.version) },
          { href: `/plans/${view.version.id}/evaluations?year=${data.fiscalYear}`, label: "評価の進捗" },
          { href: `/measures/${entry.id}`, label: `施策${entry.measure.code}` },
        ],
        notice: notice(c.req.query("notice")),
      },
      <MeasureEvaluationPage data={data} actor={c.var.actor} csrf={csrf(c)} />,
    );
  });

  async function measureForm(c: Context<AppEnv>, id: number, fiscalYear: number, opts: FormOptions = {}) {
    const actor: Actor = c.var.actor;
    const data = await readMeasureEvaluation({ db: c.var.db, actor, measureId: id, fiscalYear });
    const m = data.entry.measure;
    if (!mayEvaluate.writeMeasureSelf(actor, m) && !mayEvaluate.writeSecondary(actor)) {
      throw measureRefusal(m.code, m.title, m.leadDepartment);
    }
    const access = formAccess(
      measureEvaluationAccess(actor, m, data.state.reviewState),
      measureEvaluationAccess(actor, m, "draft"),
      opts.values !== undefined,
    );
    if (access === "none") throw stateRefusal(data.state.reviewState);
    const errors = Object.fromEntries((opts.error?.fields ?? []).map((f) => [f.field, f.message]));
    const url = measureSheetUrl(id, data.fiscalYear);
    return page(
      c,
      {
        title: `施策${m.code} ${formatWarekiFiscalYear(data.fiscalYear)} 施策評価の編集`,
        planVersionId: data.view.version.id,
        breadcrumbs: [
          { href: `/plans/${data.view.version.id}`, label: planTitle(data.view.version) },
          { href: `/measures/${id}`, label: `施策${m.code}` },
          { href: url, label: `${formatWarekiFiscalYear(data.fiscalYear)} 施策評価` },
        ],
      },
      <MeasureEvaluationEditPage
        data={data}
        actor={actor}
        csrf={csrf(c)}
        values={opts.values ?? measureEvaluationFormValues(data.fiscalYear, data.evaluation)}
        errors={errors}
        version={opts.conflict ? opts.conflict.currentVersion : (opts.version ?? data.state.version)}
        access={access}
        error={opts.error ?? null}
        conflict={opts.conflict ? { differences: opts.conflict.differences, history: data.history } : null}
      />,
      opts.status ?? 200,
    );
  }

  app.get("/measures/:id/evaluations/:fy/edit", (c) =>
    measureForm(c, idParam(c.req.param("id")), yearParam(c.req.param("fy"))),
  );

  app.post("/measures/:id/evaluations/:fy", async (c) => {
    const id = idParam(c.req.param("id"));
    const fiscalYear = yearParam(c.req.param("fy"));
    const actor = c.var.actor;
    const data = await readMeasureEvaluation({ db: c.var.db, actor, measureId: id, fiscalYear });
    const m = data.entry.measure;
    if (!mayEvaluate.writeMeasureSelf(actor, m) && !mayEvaluate.writeSecondary(actor)) {
      throw measureRefusal(m.code, m.title, m.leadDepartment);
    }
    const version = versionField(formString(c.var.form, "version"));
    const access = formAccess(
      measureEvaluationAccess(actor, m, data.state.reviewState),
      measureEvaluationAccess(actor, m, "draft"),
      true,
    );
    const values = withStoredValues(
      formStrings(c.var.form),
      measureEvaluationFormValues(data.fiscalYear, data.evaluation),
      access,
    );
    const parsed = parseMeasureEvaluationForm(values, data.fiscalYear);
    if (parsed.problems.length > 0) {
      return measureForm(c, id, fiscalYear, {
        values,
        version,
        status: 400,
        error: { message: "入力に誤りがあります。赤く示した項目を直してください。", fields: parsed.problems },
      });
    }
    try {
      const r = await saveMeasureEvaluation({
        db: c.var.db,
        actor,
        measureId: id,
        fiscalYear,
        expectedVersion: version,
        evaluation: parsed.evaluation,
      });
      return c.redirect(
        `${measureSheetUrl(id, data.fiscalYear)}?notice=${r.changes.length > 0 ? "saved" : "unchanged"}`,
        303,
      );
    } catch (e) {
      return measureForm(c, id, fiscalYear, refusedSave(e, values, version));
    }
  });

  app.post("/measures/:id/evaluations/:fy/review", (c) =>
    reviewSheet(c, "measure", measureForm, measureSheetUrl),
  );

  return app;
}
