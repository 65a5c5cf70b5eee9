import { type Context, Hono } from "hono";
import { isReviewAction } from "../../../domain/editing/review.ts";
import type { ProjectEvaluationSheet } from "../../../domain/evaluation/evaluation-rules.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { MeasureEvaluation } from "../../../domain/plan/model.ts";
import { EditConflict, HoshinError } from "../../../usecases/errors.ts";
import {
  evaluationSheetPath,
  listEvaluations,
  readMeasureEvaluation,
  readProjectEvaluation,
} from "../../../usecases/evaluation/list-evaluations.ts";
import {
  openMeasureEvaluationForm,
  openProjectEvaluationForm,
} from "../../../usecases/evaluation/open-evaluation-form.ts";
import { reviewEvaluation } from "../../../usecases/evaluation/review-evaluation.ts";
import { saveMeasureEvaluation } from "../../../usecases/evaluation/save-measure-evaluation.ts";
import { saveProjectEvaluation } from "../../../usecases/evaluation/save-project-evaluation.ts";
import { type AppEnv, formString, formStrings } from "../env.ts";
import {
  measureEvaluationFormValues,
  parseMeasureEvaluationForm,
  parseProjectEvaluationForm,
  projectEvaluationFormValues,
  withStoredValues,
} from "../evaluation-forms.ts";
import { splitEditForm } from "../forms.ts";
import { measureHref, measureSheetHref, planHref, projectHref, projectSheetHref } from "../paths.ts";
import { errorPage, page } from "../render.tsx";
import { stableLocation } from "../stable-paths.ts";
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
import {
  conflictProps,
  type FormOptions,
  fieldErrors,
  formVersion,
  idParam,
  notice,
  refusedSave,
  versionField,
  yearParam,
} from "./params.ts";

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

/** A parsed base form, or null when it does not parse (then it is no base). */
function parsedBase<T extends { problems: unknown[] }>(p: T | null): Omit<T, "problems"> | null {
  if (!p || p.problems.length > 0) return null;
  const { problems: _, ...rest } = p;
  return rest;
}

const doneNotice = (r: { changes: unknown[]; kept?: unknown[] }) =>
  r.kept ? "merged" : r.changes.length > 0 ? "saved" : "unchanged";

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
        breadcrumbs: [{ href: planHref(overview.version), label: planTitle(overview.version) }],
      },
      <EvaluationOverviewPage overview={overview} department={department} />,
    );
  });

  // A sheet by the id of its row, as the audit log names it (entity kinds project-evaluation, measure-evaluation).
  for (const kind of ["project", "measure"] as const) {
    app.get(`/${kind}-evaluations/:id`, async (c) =>
      c.redirect(
        await stableLocation(
          c,
          await evaluationSheetPath({
            db: c.var.db,
            actor: c.var.actor,
            kind,
            id: idParam(c.req.param("id")),
          }),
        ),
      ),
    );
  }

  // Project sheets

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
          { href: planHref(view.version), label: planTitle(view.version) },
          { href: `${planHref(view.version, "evaluations")}?year=${data.fiscalYear}`, label: "評価の進捗" },
          { href: projectHref(entry.planAddress, entry.key), label: entry.project.name },
        ],
        notice: notice(c.req.query("notice")),
      },
      <ProjectEvaluationPage data={data} csrf={csrf(c)} />,
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
    return c.redirect(await stableLocation(c, `${sheetUrl(id, fiscalYear)}?notice=${action}`), 303);
  }

  async function projectForm(c: Context<AppEnv>, id: number, fiscalYear: number, opts: FormOptions = {}) {
    const actor = c.var.actor;
    const data = await openProjectEvaluationForm({ db: c.var.db, actor, id, fiscalYear });
    const project = data.entry.project;
    return page(
      c,
      {
        title: `${project.name} ${formatWarekiFiscalYear(data.fiscalYear)} 事務事業評価の編集`,
        planVersionId: data.view.version.id,
        breadcrumbs: [
          { href: planHref(data.view.version), label: planTitle(data.view.version) },
          { href: projectHref(data.entry.planAddress, data.entry.key), label: project.name },
          {
            href: projectSheetHref(data.entry.planAddress, data.entry.key, data.fiscalYear),
            label: `${formatWarekiFiscalYear(data.fiscalYear)} 事務事業評価`,
          },
        ],
      },
      <ProjectEvaluationEditPage
        data={data}
        csrf={csrf(c)}
        values={opts.values ?? projectEvaluationFormValues(data)}
        base={opts.base ?? projectEvaluationFormValues(data)}
        errors={fieldErrors(opts)}
        version={formVersion(opts, data.state.version)}
        access={data.access}
        closed={data.closed}
        typed={opts.values !== undefined}
        error={opts.error ?? null}
        conflict={conflictProps(opts, data.history)}
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
    // Authorization first: a refused user learns nothing from form checks.
    const data = await openProjectEvaluationForm({ db: c.var.db, actor, id, fiscalYear });
    const project = data.entry.project;
    const version = versionField(formString(c.var.form, "version"));
    const sent = splitEditForm(formStrings(c.var.form));
    const stored = projectEvaluationFormValues(data);
    const values = withStoredValues(sent.values, stored);
    const base = sent.base ? withStoredValues(sent.base, stored) : null;
    const count = project.activityIndicators.length;
    const parsed = parseProjectEvaluationForm(values, data.fiscalYear, count);
    const again = { values, version, base, choices: sent.choices };
    if (parsed.problems.length > 0) {
      return projectForm(c, id, fiscalYear, {
        ...again,
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
        base: parsedBase(base && parseProjectEvaluationForm(base, data.fiscalYear, count)),
        choices: sent.choices,
      });
      return c.redirect(
        await stableLocation(c, `${projectSheetUrl(id, data.fiscalYear)}?notice=${doneNotice(r)}`),
        303,
      );
    } catch (e) {
      const refused = {
        ...refusedSave(e, values, version, { conflicts: true }),
        base,
        choices: sent.choices,
      };
      if (e instanceof EditConflict && e.merge) {
        // Shown again: the merge, with what was typed in the fields both changed; same base and version.
        const p = e.merge.proposal as ProjectEvaluationSheet;
        const proposal = projectEvaluationFormValues({ ...p, actuals: p.actuals });
        return projectForm(c, id, fiscalYear, { ...refused, values: proposal });
      }
      return projectForm(c, id, fiscalYear, e instanceof EditConflict ? { ...refused, base: null } : refused);
    }
  });

  app.post("/projects/:id/evaluations/:fy/review", (c) =>
    reviewSheet(c, "project", projectForm, projectSheetUrl),
  );

  // Measure sheets

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
          { href: planHref(view.version), label: planTitle(view.version) },
          { href: `${planHref(view.version, "evaluations")}?year=${data.fiscalYear}`, label: "評価の進捗" },
          { href: measureHref(entry.planAddress, entry.measure.code), label: `施策${entry.measure.code}` },
        ],
        notice: notice(c.req.query("notice")),
      },
      <MeasureEvaluationPage data={data} csrf={csrf(c)} />,
    );
  });

  async function measureForm(c: Context<AppEnv>, id: number, fiscalYear: number, opts: FormOptions = {}) {
    const actor = c.var.actor;
    const data = await openMeasureEvaluationForm({ db: c.var.db, actor, id, fiscalYear });
    const m = data.entry.measure;
    return page(
      c,
      {
        title: `施策${m.code} ${formatWarekiFiscalYear(data.fiscalYear)} 施策評価の編集`,
        planVersionId: data.view.version.id,
        breadcrumbs: [
          { href: planHref(data.view.version), label: planTitle(data.view.version) },
          { href: measureHref(data.entry.planAddress, m.code), label: `施策${m.code}` },
          {
            href: measureSheetHref(data.entry.planAddress, m.code, data.fiscalYear),
            label: `${formatWarekiFiscalYear(data.fiscalYear)} 施策評価`,
          },
        ],
      },
      <MeasureEvaluationEditPage
        data={data}
        csrf={csrf(c)}
        values={opts.values ?? measureEvaluationFormValues(data.fiscalYear, data.evaluation)}
        base={opts.base ?? measureEvaluationFormValues(data.fiscalYear, data.evaluation)}
        errors={fieldErrors(opts)}
        version={formVersion(opts, data.state.version)}
        access={data.access}
        closed={data.closed}
        typed={opts.values !== undefined}
        error={opts.error ?? null}
        conflict={conflictProps(opts, data.history)}
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
    // Authorization first: a refused user learns nothing from form checks.
    const data = await openMeasureEvaluationForm({ db: c.var.db, actor, id, fiscalYear });
    const version = versionField(formString(c.var.form, "version"));
    const sent = splitEditForm(formStrings(c.var.form));
    const stored = measureEvaluationFormValues(data.fiscalYear, data.evaluation);
    const values = withStoredValues(sent.values, stored);
    const base = sent.base ? withStoredValues(sent.base, stored) : null;
    const parsed = parseMeasureEvaluationForm(values, data.fiscalYear);
    const again = { values, version, base, choices: sent.choices };
    if (parsed.problems.length > 0) {
      return measureForm(c, id, fiscalYear, {
        ...again,
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
        base: parsedBase(base && parseMeasureEvaluationForm(base, data.fiscalYear))?.evaluation ?? null,
        choices: sent.choices,
      });
      return c.redirect(
        await stableLocation(c, `${measureSheetUrl(id, data.fiscalYear)}?notice=${doneNotice(r)}`),
        303,
      );
    } catch (e) {
      const refused = {
        ...refusedSave(e, values, version, { conflicts: true }),
        base,
        choices: sent.choices,
      };
      if (e instanceof EditConflict && e.merge) {
        const proposal = measureEvaluationFormValues(data.fiscalYear, e.merge.proposal as MeasureEvaluation);
        return measureForm(c, id, fiscalYear, { ...refused, values: proposal });
      }
      return measureForm(c, id, fiscalYear, e instanceof EditConflict ? { ...refused, base: null } : refused);
    }
  });

  app.post("/measures/:id/evaluations/:fy/review", (c) =>
    reviewSheet(c, "measure", measureForm, measureSheetUrl),
  );

  return app;
}
