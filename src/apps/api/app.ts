import { Hono } from "hono";
import { etag } from "hono/etag";
import type { z } from "zod";
import type { Database } from "../../db/client.ts";
import { sortedYears } from "../../domain/plan/model.ts";
import { ROLLUP_DIMENSIONS, type RollupDimension, rollup } from "../../domain/rollups/rollups.ts";
import { HoshinError } from "../../usecases/errors.ts";
import { listPublishedPlans, readPublishedPlan } from "../../usecases/plan/read-published-plan.ts";
import { renderApiDocs } from "./docs.ts";
import { openApiDocument } from "./openapi.ts";
import * as S from "./schemas.ts";

// The public, read-only JSON API. Every response is checked against its zod schema before it is sent,
// carries an ETag (a repeated request with If-None-Match gets 304) and may be cached for a minute.
// Only published data: plans through readPublishedPlan, so only 承認済 project sheets.

type ApiEnv = { Variables: { db: Database } };

const STATUS = { "not-found": 404, "invalid-input": 400 } as const;

function apiError(code: keyof typeof STATUS, message: string) {
  return { body: S.ApiError.parse({ error: { code, message } }), status: STATUS[code] };
}

function planId(raw: string): number {
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new HoshinError("not-found", "指定の実施計画は公開されていません。");
  }
  return n;
}

export function createApi(db: Database): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  api.use("*", async (c, next) => {
    c.set("db", db);
    await next();
    c.header("Access-Control-Allow-Origin", "*");
    if (c.res.status === 200) c.header("Cache-Control", "public, max-age=60");
  });
  api.use("*", etag());

  const send = <T extends z.ZodType>(c: { json: (b: unknown) => Response }, schema: T, body: z.input<T>) =>
    c.json(schema.parse(body));

  api.get("/openapi.json", (c) => c.json(openApiDocument()));
  api.get("/docs", (c) => c.html(renderApiDocs(openApiDocument())));

  api.get("/v1/cities", async (c) => {
    const plans = await listPublishedPlans({ db: c.var.db });
    const byCity = new Map<string, z.input<typeof S.PlanSummary>[]>();
    for (const p of plans) {
      const list = byCity.get(p.city) ?? [];
      list.push({ id: p.id, city: p.city, fiscalYear: p.fiscalYear, title: p.title });
      byCity.set(p.city, list);
    }
    return send(
      c,
      S.City.array(),
      [...byCity].map(([name, list]) => ({ name, plans: list })),
    );
  });

  api.get("/v1/plans", async (c) => {
    const plans = await listPublishedPlans({ db: c.var.db });
    return send(
      c,
      S.PlanSummary.array(),
      plans.map((p) => ({ id: p.id, city: p.city, fiscalYear: p.fiscalYear, title: p.title })),
    );
  });

  api.get("/v1/plans/:plan/policies", async (c) => {
    const pub = await readPublishedPlan({ db: c.var.db, planVersionId: planId(c.req.param("plan")) });
    return send(
      c,
      S.Policy.array(),
      pub.plan.policies.map(({ measures, ...p }) => ({ ...p, measureCodes: measures.map((m) => m.code) })),
    );
  });

  api.get("/v1/plans/:plan/measures", async (c) => {
    const pub = await readPublishedPlan({ db: c.var.db, planVersionId: planId(c.req.param("plan")) });
    return send(
      c,
      S.Measure.array(),
      pub.measures.map(
        ({ id, measure: { projects: _, outcomeIndicators, ...m }, policy, publishedProjects }) => ({
          ...m,
          id,
          policyCode: policy.code,
          publishedProjects,
          outcomeIndicators: outcomeIndicators.map(({ planned, actual, ...o }) => ({
            ...o,
            values: sortedYears(new Set([...Object.keys(planned), ...Object.keys(actual)])).map((fy) => ({
              fiscalYear: Number(fy),
              planned: planned[fy] ?? null,
              actual: actual[fy] ?? null,
            })),
          })),
        }),
      ),
    );
  });

  const projectBody = (e: Awaited<ReturnType<typeof readPublishedPlan>>["projects"][number]) => {
    const { inputs, activityIndicators, ...p } = e.project;
    return {
      ...p,
      id: e.id,
      measureCode: e.measure.code,
      inputs: sortedYears(Object.keys(inputs)).map((fy) => ({
        fiscalYear: Number(fy),
        ...(inputs[fy] as object),
      })),
      activityIndicators: activityIndicators.map((a) => ({
        name: a.name,
        unit: a.unit,
        targets: sortedYears(Object.keys(a.targets)).map((fy) => ({
          fiscalYear: Number(fy),
          target: a.targets[fy],
        })),
      })),
    } as z.input<typeof S.Project>;
  };

  api.get("/v1/plans/:plan/projects", async (c) => {
    const pub = await readPublishedPlan({ db: c.var.db, planVersionId: planId(c.req.param("plan")) });
    return send(c, S.Project.array(), pub.projects.map(projectBody));
  });

  api.get("/v1/plans/:plan/projects/:id", async (c) => {
    const pub = await readPublishedPlan({ db: c.var.db, planVersionId: planId(c.req.param("plan")) });
    const e = pub.projects.find((x) => String(x.id) === c.req.param("id"));
    if (!e)
      throw new HoshinError(
        "not-found",
        "指定の事務事業は公開されていません（承認済の事業シートだけを公開しています）。",
      );
    return send(c, S.Project, projectBody(e));
  });

  api.get("/v1/plans/:plan/rollups", async (c) => {
    const dimension = c.req.query("dimension") ?? "all";
    if (!(ROLLUP_DIMENSIONS as readonly string[]).includes(dimension)) {
      const e = apiError("invalid-input", `dimension は ${ROLLUP_DIMENSIONS.join("・")} のどれかです。`);
      return c.json(e.body, e.status);
    }
    const pub = await readPublishedPlan({ db: c.var.db, planVersionId: planId(c.req.param("plan")) });
    return send(
      c,
      S.RollupRow.array(),
      rollup(pub.plan, dimension as RollupDimension).map((r) => ({ ...r, fiscalYear: Number(r.fiscalYear) })),
    );
  });

  // Anything else under /api is answered here, never by the staff app's login wall.
  api.all("*", (c) => {
    const e = apiError("not-found", "指定の API はありません。/api/docs をご覧ください。");
    return c.json(e.body, e.status);
  });
  api.onError((err, c) => {
    if (err instanceof HoshinError && (err.code === "not-found" || err.code === "invalid-input")) {
      const e = apiError(err.code, err.message);
      return c.json(e.body, e.status);
    }
    console.error(err);
    return c.json({ error: { code: "internal", message: "処理中に想定外のエラーが発生しました。" } }, 500);
  });
  return api;
}
