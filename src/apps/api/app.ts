import { createHash } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { etag } from "hono/etag";
import type { z } from "zod";
import type { Database } from "../../db/client.ts";
import { approvalLabel, approvedTotalsLabel } from "../../domain/labels.ts";
import { sortedYears } from "../../domain/plan/model.ts";
import { type ApprovalCounts, isFullyApproved } from "../../domain/publication/approval.ts";
import { cityKey } from "../../domain/publication/public-ids.ts";
import { ROLLUP_DIMENSIONS, type RollupDimension, rollup } from "../../domain/rollups/rollups.ts";
import { resolveCity } from "../../usecases/cities/resolve-city.ts";
import { HoshinError } from "../../usecases/errors.ts";
import {
  findPublishedPlanId,
  type PublishedPlan,
  readPublishedCatalogue,
  readPublishedMemo,
} from "../../usecases/plan/read-published-plan.ts";
import { FRESHNESS_HEADER } from "../http/response-cache.ts";
import { renderApiDocs } from "./docs.ts";
import { openApiDocument } from "./openapi.ts";
import * as R from "./routes.ts";
import * as S from "./schemas.ts";

// The public, read-only JSON API. The routes are declared with their schemas (routes.ts); every body is
// computed by one function of the published plan below and checked against its route's schema before it
// is sent; every response carries an ETag (a repeated request with If-None-Match gets 304) and may be
// cached for a minute. Only published data: plans through readPublishedPlan, so only 承認済 sheets.

type Body<T extends z.ZodType> = z.input<T>;

const STATUS = { "not-found": 404, "invalid-input": 400 } as const;

const NO_PLAN = "指定の実施計画は公開されていません。";
const NO_PROJECT = "指定の事務事業は公開されていません（承認済の事業シートだけを公開しています）。";
const NO_MEASURE = "指定の施策は公開されていません（承認済の施策だけを公開しています）。";
const BAD_DIMENSION = `dimension は ${ROLLUP_DIMENSIONS.join("・")} のどれかです。`;

function errorBody(code: keyof typeof STATUS | "internal", message: string): z.output<typeof S.ApiError> {
  return S.ApiError.parse({ error: { code, message } });
}

// The bodies, each one function of what readPublishedPlan returns (and of the request's own argument).

/** The stable address of a plan (below /api). */
function planPath(v: { cityCode: string; fiscalYear: number }): string {
  return `/v1/cities/${encodeURIComponent(cityKey({ code: v.cityCode }))}/plans/${v.fiscalYear}`;
}

function approvalBody(a: ApprovalCounts): Body<typeof S.Approval> {
  return {
    complete: isFullyApproved(a),
    label: approvalLabel(a),
    projects: a.projects,
    measures: a.measures,
    totalsCover: approvedTotalsLabel(a),
  };
}

function summaryBody(
  v: {
    id: number;
    city: string;
    cityCode: string;
    prefecture: string;
    fiscalYear: number;
    title: string | null;
  },
  approval: ApprovalCounts,
): Body<typeof S.PlanSummary> {
  return {
    city: v.city,
    cityCode: v.cityCode,
    prefecture: v.prefecture,
    cityKey: cityKey({ code: v.cityCode }),
    fiscalYear: v.fiscalYear,
    title: v.title,
    path: planPath(v),
    id: v.id,
    approval: approvalBody(approval),
  };
}

function policiesBody(pub: PublishedPlan): Body<typeof S.Policy>[] {
  const published = new Set(pub.measures.map((m) => m.measure));
  return pub.plan.policies.map(({ measures, ...p }) => ({
    ...p,
    measureCodes: measures.filter((m) => published.has(m)).map((m) => m.code),
  }));
}

function measuresBody(pub: PublishedPlan): Body<typeof S.Measure>[] {
  return pub.measures.map(measureBody);
}

function oneMeasureBody(pub: PublishedPlan, code: string): Body<typeof S.Measure> {
  const e = pub.measures.find((m) => m.measure.code === code);
  if (!e) throw new HoshinError("not-found", NO_MEASURE);
  return measureBody(e);
}

function measureBody(e: PublishedPlan["measures"][number]): Body<typeof S.Measure> {
  const { projects: _, evaluations: _e, outcomeIndicators, ...m } = e.measure;
  return {
    ...m,
    id: e.id,
    policyCode: e.policy.code,
    publishedProjects: e.publishedProjects,
    outcomeIndicators: outcomeIndicators.map(({ planned, actual, ...o }) => ({
      ...o,
      values: sortedYears(new Set([...Object.keys(planned), ...Object.keys(actual)])).map((fy) => ({
        fiscalYear: Number(fy),
        planned: planned[fy] ?? null,
        actual: actual[fy] ?? null,
      })),
    })),
  };
}

function projectBody(e: PublishedPlan["projects"][number]): Body<typeof S.Project> {
  const { inputs, activityIndicators, ...p } = e.project;
  return {
    ...p,
    key: e.key,
    id: e.id,
    measureCode: e.measure.code,
    inputs: sortedYears(Object.keys(inputs)).flatMap((fy) => {
      const amounts = inputs[fy];
      return amounts ? [{ fiscalYear: Number(fy), ...amounts }] : [];
    }),
    activityIndicators: activityIndicators.map((a) => ({
      name: a.name,
      unit: a.unit,
      targets: sortedYears(Object.keys(a.targets)).flatMap((fy) => {
        const target = a.targets[fy];
        return target ? [{ fiscalYear: Number(fy), target }] : [];
      }),
    })),
  };
}

function projectsBody(pub: PublishedPlan): Body<typeof S.Project>[] {
  return pub.projects.map(projectBody);
}

function oneProjectBody(pub: PublishedPlan, key: string): Body<typeof S.Project> {
  const e = pub.projects.find((x) => x.key === key);
  if (!e) throw new HoshinError("not-found", NO_PROJECT);
  return projectBody(e);
}

function rollupsBody(pub: PublishedPlan, dimension: RollupDimension): Body<typeof S.RollupRow>[] {
  const covers = approvedTotalsLabel(pub.approval);
  return rollup(pub.plan, dimension).map((r) => ({ ...r, fiscalYear: Number(r.fiscalYear), covers }));
}

/** The body checked against the schema the route declares for 200 (what the document shows). */
function checked<T extends z.ZodType>(
  route: { responses: { 200: { content: { "application/json": { schema: T } } } } },
  body: z.input<T>,
): z.output<T> {
  return route.responses[200].content["application/json"].schema.parse(body);
}

export function createApi(db: Database): OpenAPIHono {
  const api = new OpenAPIHono({
    // What a route's schema refuses: a plan ID or year that is not digits is a plan that is not there
    // (404); the one query parameter is the rollups' dimension (400).
    defaultHook: (result) => {
      if (result.success) return;
      if (result.target === "query") throw new HoshinError("invalid-input", BAD_DIMENSION);
      throw new HoshinError("not-found", NO_PLAN);
    },
  });
  api.use("*", async (c, next) => {
    await next();
    c.header("Access-Control-Allow-Origin", "*");
    if (c.res.status === 200) c.header("Cache-Control", "public, max-age=60");
  });
  api.use("*", etag());

  let document: object | undefined;
  const doc = () => {
    document ??= openApiDocument(api);
    return document;
  };
  api.get("/openapi.json", (c) => c.json(doc()));
  api.get("/docs", (c) => c.html(renderApiDocs(doc())));

  /**
   * A plan's response, built and checked against its route's schema once per plan version revision (kept in
   * the read model), then served as the same bytes with their ETag, so a 304 costs no serialization either.
   * The plan is found by its public address (city and fiscal year) with one indexed lookup.
   */
  type PlanRoute<T extends z.ZodType> = Parameters<typeof checked<T>>[0];
  const sendPlan = async <T extends z.ZodType>(
    c: Context,
    at: { city: string; year: string },
    key: string,
    route: PlanRoute<T>,
    make: (pub: PublishedPlan) => z.input<T>,
  ) => {
    if (!/^[0-9]{6}$/.test(at.city)) return redirectToCode(c, at.city) as never;
    const found = await findPublishedPlanId({ db, city: at.city, fiscalYear: Number(at.year) });
    const planVersionId = found.id;
    const { value: cached, token } = await readPublishedMemo({
      db,
      planVersionId,
      key: `api:${key}`,
      make: (pub) => {
        const text = JSON.stringify(checked(route, make(pub)));
        return { text, etag: `"${createHash("sha1").update(text).digest("hex")}"` };
      },
    });
    c.header("ETag", cached.etag);
    // The address names the plan through the catalogue (another row after a re-import), the body the plan.
    c.header(FRESHNESS_HEADER, `${found.token} ${token}`);
    // The bytes are the checked body of the route's 200 schema; the cast only tells the router so.
    return c.body(cached.text, 200, { "Content-Type": "application/json" }) as never;
  };

  api.openapi(R.listCities, async (c) => {
    const byCity = new Map<string, Body<typeof S.City>>();
    const { plans, token } = await readPublishedCatalogue({ db });
    c.header(FRESHNESS_HEADER, token);
    for (const p of plans) {
      const city = byCity.get(p.cityCode) ?? {
        key: cityKey({ code: p.cityCode }),
        code: p.cityCode,
        name: p.city,
        prefecture: p.prefecture,
        plans: [],
      };
      city.plans.push(summaryBody(p, p.approval));
      byCity.set(p.cityCode, city);
    }
    const body = [...byCity.values()];
    return c.json(checked(R.listCities, body), 200);
  });

  api.openapi(R.listPlans, async (c) => {
    const { plans, token } = await readPublishedCatalogue({ db });
    c.header(FRESHNESS_HEADER, token);
    const body = plans.map((p) => summaryBody(p, p.approval));
    return c.json(checked(R.listPlans, body), 200);
  });

  api.openapi(R.getPlan, (c) =>
    sendPlan(c, c.req.valid("param"), "plan", R.getPlan, (pub) => summaryBody(pub.version, pub.approval)),
  );

  api.openapi(R.listPolicies, (c) =>
    sendPlan(c, c.req.valid("param"), "policies", R.listPolicies, policiesBody),
  );

  api.openapi(R.listMeasures, (c) =>
    sendPlan(c, c.req.valid("param"), "measures", R.listMeasures, measuresBody),
  );

  api.openapi(R.getMeasure, (c) => {
    const at = c.req.valid("param");
    return sendPlan(c, at, `measure:${at.code}`, R.getMeasure, (pub) => oneMeasureBody(pub, at.code));
  });

  api.openapi(R.listProjects, (c) =>
    sendPlan(c, c.req.valid("param"), "projects", R.listProjects, projectsBody),
  );

  api.openapi(R.getProject, (c) => {
    const at = c.req.valid("param");
    return sendPlan(c, at, `project:${at.key}`, R.getProject, (pub) => oneProjectBody(pub, at.key));
  });

  api.openapi(R.getRollups, (c) => {
    const { dimension } = c.req.valid("query");
    return sendPlan(c, c.req.valid("param"), `rollups:${dimension}`, R.getRollups, (pub) =>
      rollupsBody(pub, dimension),
    );
  });

  // Version 1.1's addresses by city name (/v1/cities/小諸市/…): a permanent redirect to the code when only
  // one municipality has that name; 「伊達市」 is answered 400 with the candidates and their codes.
  function redirectToCode(c: Context, typed: string) {
    const city = resolveCity(typed);
    const prefix = "/api/v1/cities/";
    const rest = c.req.path.slice(prefix.length).replace(/^[^/]*/, "");
    return c.redirect(`${prefix}${city.code}${rest}${new URL(c.req.url).search}`, 308);
  }

  // Version 1.0's addresses by row id: a permanent redirect to the stable address while the id exists
  // (and the plan is public), the query string kept.
  const movedTo = async (c: Context, plan: string, rest: (pub: PublishedPlan) => string) => {
    const { value: path } = await readPublishedMemo({
      db,
      planVersionId: Number(plan),
      key: `api:moved:${c.req.path}`,
      make: (pub) => `/api${planPath(pub.version)}${rest(pub)}`,
    });
    const query = new URL(c.req.url).search;
    return c.redirect(`${path}${query}`, 308) as never;
  };
  const list = (name: string) => () => `/${name}`;
  api.openapi(R.oldPolicies, (c) => movedTo(c, c.req.valid("param").plan, list("policies")));
  api.openapi(R.oldMeasures, (c) => movedTo(c, c.req.valid("param").plan, list("measures")));
  api.openapi(R.oldProjects, (c) => movedTo(c, c.req.valid("param").plan, list("projects")));
  api.openapi(R.oldProject, (c) => {
    const { plan, id } = c.req.valid("param");
    return movedTo(c, plan, (pub) => {
      const e = pub.projects.find((x) => String(x.id) === id);
      if (!e) throw new HoshinError("not-found", NO_PROJECT);
      return `/projects/${encodeURIComponent(e.key)}`;
    });
  });
  api.openapi(R.oldRollups, (c) => movedTo(c, c.req.valid("param").plan, list("rollups")));

  // Anything else under /api is answered here, never by the staff app's login wall.
  api.all("*", (c) =>
    c.json(errorBody("not-found", "指定の API はありません。/api/docs をご覧ください。"), 404),
  );
  api.onError((err, c) => {
    if (err instanceof HoshinError && (err.code === "not-found" || err.code === "invalid-input")) {
      return c.json(errorBody(err.code, err.message), STATUS[err.code]);
    }
    console.error(err);
    return c.json(errorBody("internal", "処理中に想定外のエラーが発生しました。"), 500);
  });
  return api;
}
