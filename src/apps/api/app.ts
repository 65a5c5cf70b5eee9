import { createHash } from "node:crypto";
import { type Context, Hono } from "hono";
import { etag } from "hono/etag";
import type { z } from "zod";
import type { Database } from "../../db/client.ts";
import { sortedYears } from "../../domain/plan/model.ts";
import { ROLLUP_DIMENSIONS, type RollupDimension, rollup } from "../../domain/rollups/rollups.ts";
import { HoshinError } from "../../usecases/errors.ts";
import {
  listPublishedPlans,
  type PublishedPlan,
  readPublishedMemo,
  type readPublishedPlan,
} from "../../usecases/plan/read-published-plan.ts";
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

  /**
   * A plan's response, built and checked against its schema once per plan version revision (kept in the
   * read model), then served as the same bytes with their ETag, so a 304 costs no serialization either.
   */
  const sendPlan = async <T extends z.ZodType>(
    c: Context<ApiEnv>,
    key: string,
    schema: T,
    make: (pub: PublishedPlan) => z.input<T>,
  ) => {
    const cached = await readPublishedMemo({
      db: c.var.db,
      planVersionId: planId(c.req.param("plan") ?? ""),
      key: `api:${key}`,
      make: (pub) => {
        const text = JSON.stringify(schema.parse(make(pub)));
        return { text, etag: `"${createHash("sha1").update(text).digest("hex")}"` };
      },
    });
    c.header("ETag", cached.etag);
    return c.body(cached.text, 200, { "Content-Type": "application/json" });
  };

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

  api.get("/v1/plans/:plan/policies", (c) =>
    sendPlan(c, "policies", S.Policy.array(), (pub) =>
      pub.plan.policies.map(({ measures, ...p }) => ({ ...p, measureCodes: measures.map((m) => m.code) })),
    ),
  );

  api.get("/v1/plans/:plan/measures", (c) =>
    sendPlan(c, "measures", S.Measure.array(), (pub) =>
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
    ),
  );

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

  api.get("/v1/plans/:plan/projects", (c) =>
    sendPlan(c, "projects", S.Project.array(), (pub) => pub.projects.map(projectBody)),
  );

  api.get("/v1/plans/:plan/projects/:id", (c) =>
    sendPlan(c, `project:${c.req.param("id")}`, S.Project, (pub) => {
      const e = pub.projects.find((x) => String(x.id) === c.req.param("id"));
      if (!e)
        throw new HoshinError(
          "not-found",
          "指定の事務事業は公開されていません（承認済の事業シートだけを公開しています）。",
        );
      return projectBody(e);
    }),
  );

  api.get("/v1/plans/:plan/rollups", async (c) => {
    const dimension = c.req.query("dimension") ?? "all";
    if (!(ROLLUP_DIMENSIONS as readonly string[]).includes(dimension)) {
      const e = apiError("invalid-input", `dimension は ${ROLLUP_DIMENSIONS.join("・")} のどれかです。`);
      return c.json(e.body, e.status);
    }
    return sendPlan(c, `rollups:${dimension}`, S.RollupRow.array(), (pub) =>
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
