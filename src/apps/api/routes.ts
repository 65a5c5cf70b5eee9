import { createRoute, z } from "@hono/zod-openapi";
import { ROLLUP_DIMENSIONS } from "../../domain/rollups/rollups.ts";
import * as S from "./schemas.ts";

// The public API's routes, each declared with its parameters and response schemas: the OpenAPI document
// is generated from these, and app.ts checks every body against the schema its route declares.
//
// Plans are addressed by city and fiscal year (/v1/cities/{city}/plans/{year}), measures by code and
// projects by their key (domain/publication/public-ids.ts), so links survive a re-import. The routes of
// version 1.0 that named a plan by its row id (/v1/plans/{plan}/…) answer with a redirect (308) to the
// stable address while that id exists.

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

function responses<T extends z.ZodType>(description: string, schema: T) {
  return {
    200: {
      description,
      headers: z.object({
        ETag: z.string().openapi({
          description: "内容の識別子。If-None-Match で送ると、変わっていなければ 304 を返します。",
        }),
        "Cache-Control": z.string().openapi({ description: "public, max-age=60" }),
      }),
      content: json(schema),
    },
    304: { description: "変更なし（If-None-Match と一致）" },
  } as const;
}

const notFound = {
  404: { description: "見つからない、または公開されていない", content: json(S.ApiError) },
} as const;

const redirect = {
  308: {
    description: "恒久的な移転: Location の安定した URL（市町村・年度で指定）へ",
    headers: z.object({ Location: z.string().openapi({ description: "移転先" }) }),
  },
  ...notFound,
} as const;

/** The plan's row ID as it appears in an old path: digits only, so 「abc」 is simply not a plan. */
export const PLAN_ID = /^\d{1,9}$/;
/** A fiscal year in a path: 西暦 four digits (2024 for 令和6年度). */
export const FISCAL_YEAR = /^\d{4}$/;

const city = z
  .string()
  .min(1)
  .max(200)
  .openapi({
    param: {
      description:
        "市町村の全国地方公共団体コード（6桁。/api/v1/cities の key）。名前（小諸市）で指すと、同じ名前の市町村が一つだけならコードの URL へ転送します（308）。",
    },
    example: "202088",
  });
const year = z
  .string()
  .regex(FISCAL_YEAR)
  .openapi({ param: { description: "年度（西暦。令和6年度は 2024）" }, example: "2024" });
const planParams = z.object({ city, year });

const rollupQuery = z.object({
  // Given twice, the first counts (as c.req.query would read it).
  dimension: z
    .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(ROLLUP_DIMENSIONS).default("all"))
    .openapi({
      param: {
        description:
          "集計の切り口: all 合計, measure 施策, department 所管課, account 会計, kan 款, kou 項, moku 目, pledge 市長公約事項, priority 事業優先順位",
      },
    }),
});

export const listCities = createRoute({
  method: "get",
  path: "/v1/cities",
  summary: "市町村と実施計画の一覧（承認済の内容があるもの）",
  operationId: "listCities",
  responses: responses("市町村の一覧", z.array(S.City)),
});

export const listPlans = createRoute({
  method: "get",
  path: "/v1/plans",
  summary: "実施計画の一覧（承認済の内容があるもの）",
  operationId: "listPlans",
  responses: responses("実施計画の一覧", z.array(S.PlanSummary)),
});

export const getPlan = createRoute({
  method: "get",
  path: "/v1/cities/{city}/plans/{year}",
  summary: "実施計画ひとつ（承認の進み具合を含む）",
  operationId: "getPlan",
  request: { params: planParams },
  responses: { ...responses("実施計画", S.PlanSummary), ...notFound },
});

export const listPolicies = createRoute({
  method: "get",
  path: "/v1/cities/{city}/plans/{year}/policies",
  summary: "政策",
  operationId: "listPolicies",
  request: { params: planParams },
  responses: { ...responses("政策の一覧", z.array(S.Policy)), ...notFound },
});

export const listMeasures = createRoute({
  method: "get",
  path: "/v1/cities/{city}/plans/{year}/measures",
  summary: "施策（承認済の内容。成果指標の計画と実績を含む）",
  operationId: "listMeasures",
  request: { params: planParams },
  responses: { ...responses("施策の一覧", z.array(S.Measure)), ...notFound },
});

export const getMeasure = createRoute({
  method: "get",
  path: "/v1/cities/{city}/plans/{year}/measures/{code}",
  summary: "施策ひとつ（承認済の内容）",
  operationId: "getMeasure",
  request: {
    params: planParams.extend({
      code: z
        .string()
        .max(200)
        .openapi({ param: { description: "施策の番号" }, example: "6-2" }),
    }),
  },
  responses: { ...responses("施策", S.Measure), ...notFound },
});

export const listProjects = createRoute({
  method: "get",
  path: "/v1/cities/{city}/plans/{year}/projects",
  summary: "事務事業（承認済のもの）",
  operationId: "listProjects",
  request: { params: planParams },
  responses: { ...responses("事務事業の一覧", z.array(S.Project)), ...notFound },
});

export const getProject = createRoute({
  method: "get",
  path: "/v1/cities/{city}/plans/{year}/projects/{key}",
  summary: "事務事業ひとつ",
  operationId: "getProject",
  request: {
    params: planParams.extend({
      key: z
        .string()
        .max(1000)
        .openapi({
          param: { description: "事務事業のキー（施策の番号:事業名。一覧の key）" },
          example: "6-2:職員研修費",
        }),
    }),
  },
  responses: { ...responses("事務事業", S.Project), ...notFound },
});

export const getRollups = createRoute({
  method: "get",
  path: "/v1/cities/{city}/plans/{year}/rollups",
  summary: "年度別の集計（承認済の事務事業だけの合計。各行の covers が範囲を示す）",
  operationId: "getRollups",
  request: { params: planParams, query: rollupQuery },
  responses: {
    ...responses("集計", z.array(S.RollupRow)),
    ...notFound,
    400: { description: "dimension が正しくない", content: json(S.ApiError) },
  },
});

// Version 1.0's addresses by row id: redirects while the id exists.

const oldPlan = z
  .string()
  .regex(PLAN_ID)
  .openapi({ param: { description: "実施計画の保存版 ID（取り込み直すと変わります）" }, example: "1" });
const oldParams = z.object({ plan: oldPlan });

const moved = <E extends Record<string, z.ZodString>>(path: string, operationId: string, extra: E) =>
  createRoute({
    method: "get",
    path,
    summary: "旧 URL（保存版 ID で指定）: 安定した URL へ転送",
    operationId,
    deprecated: true,
    request: { params: oldParams.extend(extra) },
    responses: redirect,
  });

export const oldPolicies = moved("/v1/plans/{plan}/policies", "oldListPolicies", {});
export const oldMeasures = moved("/v1/plans/{plan}/measures", "oldListMeasures", {});
export const oldProjects = moved("/v1/plans/{plan}/projects", "oldListProjects", {});
export const oldProject = moved("/v1/plans/{plan}/projects/{id}", "oldGetProject", {
  id: z
    .string()
    .max(20)
    .openapi({ param: { description: "事務事業の保存版 ID" }, example: "12" }),
});
export const oldRollups = moved("/v1/plans/{plan}/rollups", "oldGetRollups", {});

/** Every route of the public API, in the order the document lists them. */
export const ROUTES = [
  listCities,
  listPlans,
  getPlan,
  listPolicies,
  listMeasures,
  getMeasure,
  listProjects,
  getProject,
  getRollups,
  oldPolicies,
  oldMeasures,
  oldProjects,
  oldProject,
  oldRollups,
] as const;
