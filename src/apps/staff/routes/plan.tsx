import { type Context, Hono } from "hono";
import { raw } from "hono/html";
import { may, maySomewhere, measureRights, projectRights } from "../../../domain/access.ts";
import { planPeriod } from "../../../domain/checks/check-plan.ts";
import { isReviewAction } from "../../../domain/editing/review.ts";
import type { Measure, Project } from "../../../domain/plan/model.ts";
import { reviewProject } from "../../../usecases/editing/review-project.ts";
import { saveMeasure } from "../../../usecases/editing/save-measure.ts";
import { saveProject } from "../../../usecases/editing/save-project.ts";
import { EditConflict, HoshinError } from "../../../usecases/errors.ts";
import { findPlanOfYear, listPlans } from "../../../usecases/plan/list-plans.ts";
import {
  type MeasureEntry,
  measureRow,
  type PlanView,
  projectRow,
  readMeasureEntry,
  readMeasureForEdit,
  readPlan,
  readPlanModelFor,
  readProjectEntry,
  readProjectForEdit,
} from "../../../usecases/plan/read-plan.ts";
import { readHistory } from "../../../usecases/staff/audit-log.ts";
import { type AppEnv, formString, formStrings } from "../env.ts";
import {
  activityRowCount,
  formYears,
  measureFormValues,
  parseMeasureForm,
  parseProjectForm,
  projectFormValues,
  splitEditForm,
} from "../forms.ts";
import { measureHref, planHref, projectHref } from "../paths.ts";
import { errorPage, page, renderedOnce } from "../render.tsx";
import { stableLocation } from "../stable-paths.ts";
import { MeasureEditPage, MeasurePage, outcomeYears } from "../views/measure-pages.tsx";
import {
  Dashboard,
  DiagnosticsPage,
  dashboardCharts,
  PlansList,
  planTitle,
  ReviewPage,
} from "../views/plan-pages.tsx";
import { ProjectEditPage, ProjectPage } from "../views/project-pages.tsx";
import {
  conflictProps,
  type FormOptions,
  fieldErrors,
  formVersion,
  idParam,
  notice,
  refusedSave,
  versionField,
} from "./params.ts";

export function planRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const versions = await listPlans({ db: c.var.db, actor: c.var.actor });
    const latest = versions.at(-1);
    return c.redirect(latest ? planHref(latest) : "/plans");
  });

  app.get("/plans", async (c) => {
    const versions = await listPlans({ db: c.var.db, actor: c.var.actor });
    return page(
      c,
      { title: "実施計画の一覧" },
      <PlansList versions={versions} canDelete={maySomewhere(c.var.actor, "deletePlan")} />,
    );
  });

  app.get("/plans/:id", async (c) => {
    const model = await readPlanModelFor({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId: idParam(c.req.param("id")),
    });
    const view = model.view;
    const rollups = {
      all: model.rollup("all"),
      byMeasure: model.rollup("measure"),
      byDepartment: model.rollup("department"),
      byKan: model.rollup("kan"),
    };
    const data = {
      view,
      ...rollups,
      achievementByMeasure: model.achievement("measure"),
      achievementByDepartment: model.achievement("department"),
      previous: await findPlanOfYear({
        db: c.var.db,
        cityCode: view.version.cityCode,
        fiscalYear: view.version.fiscalYear - 1,
      }),
      canRollOver: may(c.var.actor, "rollOver", view.version),
      charts: model.memo("staff:dashboard-charts", () => dashboardCharts(rollups)),
    };
    // The dashboard's body depends on the snapshot and on these two only, so it is rendered once per
    // plan version revision for each of their values; the layout around it (user, CSRF token) per request.
    const body = model.memo(`staff:dashboard:${data.canRollOver}:${data.previous?.id ?? "-"}`, () =>
      renderedOnce(<Dashboard {...data} />),
    );
    return page(
      c,
      {
        title: planTitle(view.version),
        planVersionId: view.version.id,
        notice: notice(c.req.query("notice")),
      },
      raw(body),
    );
  });

  app.get("/plans/:id/diagnostics", async (c) => {
    const view = await readPlan({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId: idParam(c.req.param("id")),
    });
    return page(
      c,
      {
        title: "点検結果",
        planVersionId: view.version.id,
        breadcrumbs: [{ href: planHref(view.version), label: planTitle(view.version) }],
      },
      <DiagnosticsPage view={view} />,
    );
  });

  app.get("/plans/:id/review", async (c) => {
    const view = await readPlan({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId: idParam(c.req.param("id")),
    });
    const department = c.req.query("department")?.slice(0, 200) || null;
    return page(
      c,
      {
        title: "提出・承認の進捗",
        planVersionId: view.version.id,
        breadcrumbs: [{ href: planHref(view.version), label: planTitle(view.version) }],
      },
      <ReviewPage view={view} department={department} />,
    );
  });

  // Projects

  function crumbs(view: PlanView, measure?: { code: string; label: string }) {
    return [
      { href: planHref(view.version), label: planTitle(view.version) },
      ...(measure ? [{ href: measureHref(view.version, measure.code), label: measure.label }] : []),
    ];
  }

  app.get("/projects/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const { view, entry } = await readProjectEntry({ db: c.var.db, actor: c.var.actor, id });
    const diagnostics = view.currentDiagnostics.filter((d) => d.project === entry.project.name);
    const history = await readHistory({ db: c.var.db, actor: c.var.actor, kind: "project", id });
    return page(
      c,
      {
        title: entry.project.name,
        planVersionId: view.version.id,
        breadcrumbs: crumbs(view, { code: entry.measure.code, label: `施策${entry.measure.code}` }),
        notice: notice(c.req.query("notice")),
      },
      <ProjectPage
        entry={entry}
        rights={projectRights(c.var.actor, projectRow(view, entry.project))}
        csrf={c.var.session?.csrfToken ?? ""}
        diagnostics={diagnostics}
        history={history}
      />,
    );
  });

  async function projectForm(c: Context<AppEnv>, id: number, opts: FormOptions = {}) {
    const { view, entry } = await readProjectForEdit({ db: c.var.db, actor: c.var.actor, id });
    const years = formYears(planPeriod(view.plan), Object.keys(entry.project.inputs));
    const values = opts.values ?? projectFormValues(entry.project);
    // One blank row for adding an activity indicator (a form sent back already has it).
    const rows = activityRowCount(values);
    const last = Object.entries(values).filter(([k]) => k.startsWith(`activityIndicators.${rows - 1}.`));
    const lastIsBlank = rows > 0 && last.every(([, v]) => v.trim() === "");
    const withBlank = lastIsBlank ? values : { ...values, [`activityIndicators.${rows}.name`]: "" };
    const history = opts.conflict
      ? await readHistory({ db: c.var.db, actor: c.var.actor, kind: "project", id })
      : [];
    return page(
      c,
      {
        title: `${entry.project.name}の編集`,
        planVersionId: view.version.id,
        breadcrumbs: [
          ...crumbs(view, { code: entry.measure.code, label: `施策${entry.measure.code}` }),
          { href: projectHref(entry.planAddress, entry.key), label: entry.project.name },
        ],
      },
      <ProjectEditPage
        entry={entry}
        rights={projectRights(c.var.actor, projectRow(view, entry.project))}
        csrf={c.var.session?.csrfToken ?? ""}
        values={withBlank}
        errors={fieldErrors(opts)}
        version={formVersion(opts, entry.version)}
        base={opts.base ?? projectFormValues(entry.project)}
        years={years}
        error={opts.error ?? null}
        conflict={conflictProps(opts, history)}
      />,
      opts.status ?? 200,
    );
  }

  app.get("/projects/:id/edit", (c) => projectForm(c, idParam(c.req.param("id"))));

  app.post("/projects/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const { values, base, choices } = splitEditForm(formStrings(c.var.form));
    delete values.version;
    // Authorization first: a refused user learns nothing from form checks.
    const { view, entry } = await readProjectForEdit({ db: c.var.db, actor: c.var.actor, id });
    const years = formYears(planPeriod(view.plan), Object.keys(entry.project.inputs));
    const version = versionField(formString(c.var.form, "version"));
    const parsed = parseProjectForm(values, entry.project, years);
    const again = { values, version, base, choices };
    if (parsed.problems.length > 0) {
      return projectForm(c, id, {
        ...again,
        status: 400,
        error: { message: "入力に誤りがあります。赤く示した項目を直してください。", fields: parsed.problems },
      });
    }
    // The form the user started from; a base that does not parse is no base (the save is then refused
    // when stale, as before).
    const parsedBase = base ? parseProjectForm(base, entry.project, years) : null;
    try {
      const r = await saveProject({
        db: c.var.db,
        actor: c.var.actor,
        projectId: id,
        expectedVersion: version,
        project: parsed.project,
        base: parsedBase && parsedBase.problems.length === 0 ? parsedBase.project : null,
        choices,
      });
      const done = r.kept ? "merged" : r.changes.length > 0 ? "saved" : "unchanged";
      return c.redirect(await stableLocation(c, `/projects/${id}?notice=${done}`), 303);
    } catch (e) {
      const refused = refusedSave(e, values, version, { conflicts: false });
      if (e instanceof EditConflict && e.merge) {
        // Shown again: the merge, with what was typed in the fields both changed; same base and version.
        const proposal = projectFormValues(e.merge.proposal as Project);
        return projectForm(c, id, { ...refused, values: proposal, base, choices });
      }
      return projectForm(c, id, { ...refused, base: e instanceof EditConflict ? null : base, choices });
    }
  });

  app.post("/projects/:id/review", async (c) => {
    const id = idParam(c.req.param("id"));
    const action = formString(c.var.form, "action");
    if (!isReviewAction(action)) throw new HoshinError("invalid-input", "操作の種類が正しくありません。");
    try {
      await reviewProject({
        db: c.var.db,
        actor: c.var.actor,
        projectId: id,
        action,
        comment: formString(c.var.form, "comment"),
      });
    } catch (e) {
      if (e instanceof HoshinError && e.code !== "forbidden" && e.code !== "not-found")
        return errorPage(c, e);
      throw e;
    }
    return c.redirect(await stableLocation(c, `/projects/${id}?notice=${action}`), 303);
  });

  // Measures

  const measureYears = (view: PlanView, entry: MeasureEntry) =>
    formYears(planPeriod(view.plan), outcomeYears(entry));

  app.get("/measures/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const { view, entry } = await readMeasureEntry({ db: c.var.db, actor: c.var.actor, id });
    const history = await readHistory({ db: c.var.db, actor: c.var.actor, kind: "measure", id });
    return page(
      c,
      {
        title: `施策${entry.measure.code} ${entry.measure.title}`,
        planVersionId: view.version.id,
        breadcrumbs: crumbs(view),
        notice: notice(c.req.query("notice")),
      },
      <MeasurePage
        entry={entry}
        rights={measureRights(c.var.actor, measureRow(view, entry.measure))}
        years={outcomeYears(entry)}
        history={history}
        csrf={c.var.session?.csrfToken ?? ""}
      />,
    );
  });

  async function measureForm(c: Context<AppEnv>, id: number, opts: FormOptions = {}) {
    const { view, entry } = await readMeasureForEdit({ db: c.var.db, actor: c.var.actor, id });
    return page(
      c,
      {
        title: `施策${entry.measure.code}の編集`,
        planVersionId: view.version.id,
        breadcrumbs: [
          ...crumbs(view),
          { href: measureHref(entry.planAddress, entry.measure.code), label: `施策${entry.measure.code}` },
        ],
      },
      <MeasureEditPage
        entry={entry}
        rights={measureRights(c.var.actor, measureRow(view, entry.measure))}
        csrf={c.var.session?.csrfToken ?? ""}
        values={opts.values ?? measureFormValues(entry.measure)}
        base={opts.base ?? measureFormValues(entry.measure)}
        errors={fieldErrors(opts)}
        version={opts.version ?? entry.version}
        years={measureYears(view, entry)}
        error={opts.error ?? null}
        conflict={conflictProps(opts, [])}
      />,
      opts.status ?? 200,
    );
  }

  app.get("/measures/:id/edit", (c) => measureForm(c, idParam(c.req.param("id"))));

  app.post("/measures/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    // Authorization first: a refused user learns nothing from form checks.
    const { view, entry } = await readMeasureForEdit({ db: c.var.db, actor: c.var.actor, id });
    const years = measureYears(view, entry);
    const split = splitEditForm(formStrings(c.var.form));
    const sent = split.values;
    const version = versionField(formString(c.var.form, "version"));
    // The form of a 担当課 user shows the texts read-only: what it does not send is taken from the form's
    // base (else the stored measure). What it sends goes to the use case as sent, which refuses any
    // change but to the actuals.
    const stored = measureFormValues(entry.measure);
    const base = split.base ? { ...stored, ...split.base } : null;
    const values = measureRights(c.var.actor, measureRow(view, entry.measure)).editTexts
      ? sent
      : { ...(base ?? stored), ...sent };
    try {
      const r = await saveMeasure({
        db: c.var.db,
        actor: c.var.actor,
        measureId: id,
        expectedVersion: version,
        measure: parseMeasureForm(values, entry.measure, years),
        base: base ? parseMeasureForm(base, entry.measure, years) : null,
        choices: split.choices,
      });
      const done = r.changes.length > 0 ? "saved" : "unchanged";
      return c.redirect(await stableLocation(c, `/measures/${id}?notice=${done}`), 303);
    } catch (e) {
      if (e instanceof EditConflict && e.merge) {
        const proposal = { ...entry.measure, ...(e.merge.proposal as Measure) };
        return measureForm(c, id, {
          ...refusedSave(e, values, version, { conflicts: false }),
          values: measureFormValues(proposal),
          base,
          choices: split.choices,
        });
      }
      if (e instanceof EditConflict) {
        return measureForm(c, id, {
          values,
          version: e.currentVersion,
          status: 409,
          error: {
            message: e.message,
            fields: e.differences.map((d) => ({
              field: d.field,
              message: `${d.label}: 保存されている内容は「${d.after ?? "（空欄）"}」です。`,
            })),
          },
        });
      }
      if (e instanceof HoshinError && e.code === "invalid-input") {
        return measureForm(c, id, {
          values,
          version,
          status: 400,
          error: { message: e.message, fields: [...e.fields] },
        });
      }
      throw e;
    }
  });

  return app;
}
