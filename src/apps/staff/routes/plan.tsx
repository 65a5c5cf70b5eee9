import { type Context, Hono } from "hono";
import { z } from "zod";
import { measureHead, projectHead } from "../../../db/edit-plan.ts";
import { listPlanVersions } from "../../../db/plans.ts";
import { planPeriod } from "../../../domain/checks/check-plan.ts";
import { isReviewAction } from "../../../domain/editing/review.ts";
import { hasChromium } from "../../../formats/book/chromium.ts";
import { type ExportFormat, exportFormat, isExportFormat } from "../../../formats/publish.ts";
import { may } from "../../../usecases/actor.ts";
import { reviewProject } from "../../../usecases/editing/review-project.ts";
import { saveMeasure } from "../../../usecases/editing/save-measure.ts";
import { EditConflict, saveProject } from "../../../usecases/editing/save-project.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { readPlanModel } from "../../../usecases/plan/read-model.ts";
import { findMeasure, findProject, readPlan } from "../../../usecases/plan/read-plan.ts";
import { readHistory } from "../../../usecases/staff/audit-log.ts";
import { type AppEnv, formString, formStrings } from "../env.ts";
import {
  activityRowCount,
  type FormValues,
  formYears,
  measureFormValues,
  parseMeasureForm,
  parseProjectForm,
  projectFormValues,
} from "../forms.ts";
import { errorPage, page } from "../render.tsx";
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

const DOWNLOAD_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** The content type of one file of the open data (CSV files, datapackage.json, plan.json). */
function openDataType(name: string): string {
  return name.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
}

const Id = z.coerce.number().int().positive().max(2_147_483_647);

/** The id in the path, or a not-found error (an id that is not a number names nothing). */
function idParam(raw: string | undefined): number {
  const r = Id.safeParse(raw);
  if (!r.success) throw new HoshinError("not-found", "指定のページは見つかりません。");
  return r.data;
}

function versionField(raw: string): number {
  const r = Id.safeParse(raw);
  if (!r.success)
    throw new HoshinError(
      "invalid-input",
      "フォームの版番号が読み取れません。ページを読み込み直してください。",
    );
  return r.data;
}

const NOTICES: Record<string, string> = {
  saved: "保存しました。",
  unchanged: "変更はありませんでした。",
  submit: "提出しました。",
  return: "差し戻しました。",
  approve: "承認しました。",
  imported: "計画書を取り込みました。",
  "rolled-over": "次年度の計画を作成しました。すべての事業シートは作成中から始まります。",
};

function notice(raw: string | undefined): string | null {
  return raw ? (NOTICES[raw] ?? null) : null;
}

export function planRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const versions = await listPlanVersions(c.var.db);
    const latest = versions.at(-1);
    return c.redirect(latest ? `/plans/${latest.id}` : "/plans");
  });

  app.get("/plans", async (c) => {
    const versions = await listPlanVersions(c.var.db);
    return page(c, { title: "実施計画の一覧" }, <PlansList versions={versions} />);
  });

  app.get("/plans/:id", async (c) => {
    const model = await readPlanModel({ db: c.var.db, planVersionId: idParam(c.req.param("id")) });
    if (!model) throw new HoshinError("not-found", "指定の実施計画は登録されていません。");
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
      previous:
        (await listPlanVersions(c.var.db)).find(
          (v) => v.city === view.version.city && v.fiscalYear === view.version.fiscalYear - 1,
        ) ?? null,
      canRollOver: may.rollOver(c.var.actor),
      charts: model.memo("staff:dashboard-charts", () => dashboardCharts(rollups)),
    };
    return page(
      c,
      {
        title: planTitle(view.version),
        planVersionId: view.version.id,
        notice: notice(c.req.query("notice")),
      },
      <Dashboard {...data} />,
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
        breadcrumbs: [{ href: `/plans/${view.version.id}`, label: planTitle(view.version) }],
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
        breadcrumbs: [{ href: `/plans/${view.version.id}`, label: planTitle(view.version) }],
      },
      <ReviewPage view={view} department={department} />,
    );
  });

  app.get("/plans/:id/download/:format", async (c) => {
    const view = await readPlan({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId: idParam(c.req.param("id")),
    });
    const format = c.req.param("format");
    if (!isExportFormat(format)) throw new HoshinError("not-found", "指定の形式には対応していません。");
    const meta = { city: view.version.city, fiscalYear: view.version.fiscalYear };
    if (format === "pdf" && !hasChromium()) {
      throw new HoshinError(
        "not-found",
        "このサーバーには PDF を作るための Chromium がありません。管理者に連絡してください。",
      );
    }
    if (format === "csv") {
      throw new HoshinError("not-found", "オープンデータはファイルごとにダウンロードしてください。");
    }
    const files = await exportFormat(format, view.plan, meta);
    const [[name, bytes]] = [...files] as [[string, Uint8Array]];
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": DOWNLOAD_TYPES[format],
      "Content-Disposition": `${format === "html" ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  app.get("/plans/:id/opendata/:file", async (c) => {
    const view = await readPlan({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId: idParam(c.req.param("id")),
    });
    const meta = { city: view.version.city, fiscalYear: view.version.fiscalYear };
    const name = c.req.param("file");
    const bytes = (await exportFormat("csv", view.plan, meta)).get(name);
    if (!bytes) throw new HoshinError("not-found", "指定のファイルはオープンデータにありません。");
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": openDataType(name),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  // Projects

  async function loadProject(c: { var: AppEnv["Variables"] }, id: number) {
    const head = await projectHead(c.var.db, id);
    if (!head) throw new HoshinError("not-found", "指定の事務事業は登録されていません。");
    const view = await readPlan({ db: c.var.db, actor: c.var.actor, planVersionId: head.planVersionId });
    return { view, entry: findProject(view, id) };
  }

  function crumbs(view: Awaited<ReturnType<typeof readPlan>>, measure?: { id: number; label: string }) {
    return [
      { href: `/plans/${view.version.id}`, label: planTitle(view.version) },
      ...(measure ? [{ href: `/measures/${measure.id}`, label: measure.label }] : []),
    ];
  }

  app.get("/projects/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const { view, entry } = await loadProject(c, id);
    const diagnostics = view.currentDiagnostics.filter((d) => d.project === entry.project.name);
    const history = await readHistory({ db: c.var.db, actor: c.var.actor, kind: "project", id });
    return page(
      c,
      {
        title: entry.project.name,
        planVersionId: view.version.id,
        breadcrumbs: crumbs(view, { id: entry.measureId, label: `施策${entry.measure.code}` }),
        notice: notice(c.req.query("notice")),
      },
      <ProjectPage
        entry={entry}
        actor={c.var.actor}
        csrf={c.var.session?.csrfToken ?? ""}
        diagnostics={diagnostics}
        history={history}
      />,
    );
  });

  async function projectForm(
    c: Context<AppEnv>,
    id: number,
    opts: {
      values?: FormValues;
      version?: number;
      status?: 200 | 400 | 409;
      error?: { message: string; fields: { field: string; message: string }[] } | null;
      conflict?: EditConflict | null;
    } = {},
  ) {
    const { view, entry } = await loadProject(c, id);
    const years = formYears(planPeriod(view.plan), Object.keys(entry.project.inputs));
    const values = opts.values ?? projectFormValues(entry.project);
    // One blank row for adding an activity indicator (a form sent back already has it).
    const rows = activityRowCount(values);
    const last = Object.entries(values).filter(([k]) => k.startsWith(`activityIndicators.${rows - 1}.`));
    const lastIsBlank = rows > 0 && last.every(([, v]) => v.trim() === "");
    const withBlank = lastIsBlank ? values : { ...values, [`activityIndicators.${rows}.name`]: "" };
    const errors = Object.fromEntries((opts.error?.fields ?? []).map((f) => [f.field, f.message]));
    const history = opts.conflict
      ? await readHistory({ db: c.var.db, actor: c.var.actor, kind: "project", id })
      : [];
    return page(
      c,
      {
        title: `${entry.project.name}の編集`,
        planVersionId: view.version.id,
        breadcrumbs: [
          ...crumbs(view, { id: entry.measureId, label: `施策${entry.measure.code}` }),
          { href: `/projects/${id}`, label: entry.project.name },
        ],
      },
      <ProjectEditPage
        entry={entry}
        actor={c.var.actor}
        csrf={c.var.session?.csrfToken ?? ""}
        values={withBlank}
        errors={errors}
        version={opts.conflict ? opts.conflict.currentVersion : (opts.version ?? entry.version)}
        years={years}
        error={opts.error ?? null}
        conflict={opts.conflict ? { differences: opts.conflict.differences, history } : null}
      />,
      opts.status ?? 200,
    );
  }

  app.get("/projects/:id/edit", async (c) => {
    const id = idParam(c.req.param("id"));
    const { entry } = await loadProject(c, id);
    if (!may.editProject(c.var.actor, entry.project)) {
      throw new HoshinError(
        "forbidden",
        `「${entry.project.name}」は${entry.project.leadDepartment}の事務事業のため、編集できません。`,
      );
    }
    return projectForm(c, id);
  });

  app.post("/projects/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const values = formStrings(c.var.form);
    delete values._csrf;
    const { view, entry } = await loadProject(c, id);
    const years = formYears(planPeriod(view.plan), Object.keys(entry.project.inputs));
    const version = versionField(formString(c.var.form, "version"));
    const parsed = parseProjectForm(values, entry.project, years);
    if (parsed.problems.length > 0) {
      // Authorization first: a refused user learns nothing from form checks.
      if (!may.editProject(c.var.actor, entry.project)) {
        throw new HoshinError(
          "forbidden",
          `「${entry.project.name}」は${entry.project.leadDepartment}の事務事業のため、編集できません。`,
        );
      }
      return projectForm(c, id, {
        values,
        version,
        status: 400,
        error: { message: "入力に誤りがあります。赤く示した項目を直してください。", fields: parsed.problems },
      });
    }
    try {
      const r = await saveProject({
        db: c.var.db,
        actor: c.var.actor,
        projectId: id,
        expectedVersion: version,
        project: parsed.project,
      });
      return c.redirect(`/projects/${id}?notice=${r.changes.length > 0 ? "saved" : "unchanged"}`, 303);
    } catch (e) {
      if (e instanceof EditConflict) {
        return projectForm(c, id, {
          values,
          status: 409,
          error: { message: e.message, fields: [] },
          conflict: e,
        });
      }
      if (e instanceof HoshinError && e.code === "invalid-input") {
        return projectForm(c, id, {
          values,
          version,
          status: 400,
          error: { message: e.message, fields: [...e.fields] },
        });
      }
      throw e;
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
    return c.redirect(`/projects/${id}?notice=${action}`, 303);
  });

  // Measures

  async function loadMeasure(c: { var: AppEnv["Variables"] }, id: number) {
    const head = await measureHead(c.var.db, id);
    if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
    const view = await readPlan({ db: c.var.db, actor: c.var.actor, planVersionId: head.planVersionId });
    const entry = findMeasure(view, id);
    return { view, entry, years: formYears(planPeriod(view.plan), outcomeYears(entry)) };
  }

  app.get("/measures/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const { view, entry } = await loadMeasure(c, id);
    const history = await readHistory({ db: c.var.db, actor: c.var.actor, kind: "measure", id });
    return page(
      c,
      {
        title: `施策${entry.measure.code} ${entry.measure.title}`,
        planVersionId: view.version.id,
        breadcrumbs: crumbs(view),
        notice: notice(c.req.query("notice")),
      },
      <MeasurePage entry={entry} actor={c.var.actor} years={outcomeYears(entry)} history={history} />,
    );
  });

  async function measureForm(
    c: Context<AppEnv>,
    id: number,
    opts: {
      values?: FormValues;
      version?: number;
      status?: 200 | 400 | 409;
      error?: { message: string; fields: { field: string; message: string }[] } | null;
    } = {},
  ) {
    const { view, entry, years } = await loadMeasure(c, id);
    if (!may.editMeasure(c.var.actor) && !may.enterOutcomeActuals(c.var.actor, entry.measure)) {
      throw new HoshinError(
        "forbidden",
        `施策「${entry.measure.code} ${entry.measure.title}」は編集できません。`,
      );
    }
    const errors = Object.fromEntries((opts.error?.fields ?? []).map((f) => [f.field, f.message]));
    return page(
      c,
      {
        title: `施策${entry.measure.code}の編集`,
        planVersionId: view.version.id,
        breadcrumbs: [...crumbs(view), { href: `/measures/${id}`, label: `施策${entry.measure.code}` }],
      },
      <MeasureEditPage
        entry={entry}
        actor={c.var.actor}
        csrf={c.var.session?.csrfToken ?? ""}
        values={opts.values ?? measureFormValues(entry.measure)}
        errors={errors}
        version={opts.version ?? entry.version}
        years={years}
        error={opts.error ?? null}
      />,
      opts.status ?? 200,
    );
  }

  app.get("/measures/:id/edit", (c) => measureForm(c, idParam(c.req.param("id"))));

  app.post("/measures/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const { entry, years } = await loadMeasure(c, id);
    const sent = formStrings(c.var.form);
    const version = versionField(formString(c.var.form, "version"));
    // A 担当課 user sends only actuals; everything else is taken from the stored measure, so that the
    // read-only fields cannot be changed by editing the page.
    const values = may.editMeasure(c.var.actor)
      ? sent
      : {
          ...measureFormValues(entry.measure),
          ...Object.fromEntries(
            Object.entries(sent).filter(([k]) => /^outcomeIndicators\.\d+\.actual\./.test(k)),
          ),
        };
    try {
      const r = await saveMeasure({
        db: c.var.db,
        actor: c.var.actor,
        measureId: id,
        expectedVersion: version,
        measure: parseMeasureForm(values, entry.measure, years),
      });
      return c.redirect(`/measures/${id}?notice=${r.changes.length > 0 ? "saved" : "unchanged"}`, 303);
    } catch (e) {
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
