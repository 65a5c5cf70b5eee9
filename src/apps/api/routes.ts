import { createRoute, z } from "@hono/zod-openapi";
import { ROLLUP_DIMENSIONS } from "../../domain/rollups/rollups.ts";
import * as S from "./schemas.ts";

// The public API's routes, each declared with its parameters and response schemas: the OpenAPI document
// is generated from these, and app.ts checks every body against the schema its route declares.

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

/** The plan's ID as it appears in a path: digits only, so 「abc」 is simply not a published plan. */
export const PLAN_ID = /^\d{1,9}$/;

const plan = z
  .string()
  .regex(PLAN_ID)
  .openapi({
    param: { description: "実施計画（市町村・年度）の ID。/api/v1/plans で一覧できます。" },
    example: "1",
  });
const planParams = z.object({ plan });

export const listCities = createRoute({
  method: "get",
  path: "/v1/cities",
  summary: "市町村と実施計画の一覧",
  operationId: "listCities",
  responses: responses("市町村の一覧", z.array(S.City)),
});

export const listPlans = createRoute({
  method: "get",
  path: "/v1/plans",
  summary: "実施計画の一覧",
  operationId: "listPlans",
  responses: responses("実施計画の一覧", z.array(S.PlanSummary)),
});

export const listPolicies = createRoute({
  method: "get",
  path: "/v1/plans/{plan}/policies",
  summary: "政策",
  operationId: "listPolicies",
  request: { params: planParams },
  responses: { ...responses("政策の一覧", z.array(S.Policy)), ...notFound },
});

export const listMeasures = createRoute({
  method: "get",
  path: "/v1/plans/{plan}/measures",
  summary: "施策（成果指標の計画と実績を含む）",
  operationId: "listMeasures",
  request: { params: planParams },
  responses: { ...responses("施策の一覧", z.array(S.Measure)), ...notFound },
});

export const listProjects = createRoute({
  method: "get",
  path: "/v1/plans/{plan}/projects",
  summary: "事務事業（承認済のもの）",
  operationId: "listProjects",
  request: { params: planParams },
  responses: { ...responses("事務事業の一覧", z.array(S.Project)), ...notFound },
});

export const getProject = createRoute({
  method: "get",
  path: "/v1/plans/{plan}/projects/{id}",
  summary: "事務事業ひとつ",
  operationId: "getProject",
  request: {
    params: planParams.extend({
      id: z.string().openapi({ param: { description: "事務事業の ID（一覧の id）" }, example: "12" }),
    }),
  },
  responses: { ...responses("事務事業", S.Project), ...notFound },
});

export const getRollups = createRoute({
  method: "get",
  path: "/v1/plans/{plan}/rollups",
  summary: "年度別の集計（承認済の事務事業）",
  operationId: "getRollups",
  request: {
    params: planParams,
    query: z.object({
      // Given twice, the first counts (as c.req.query would read it).
      dimension: z
        .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(ROLLUP_DIMENSIONS).default("all"))
        .openapi({
          param: {
            description:
              "集計の切り口: all 合計, measure 施策, department 所管課, account 会計, kan 款, kou 項, moku 目, pledge 市長公約事項, priority 事業優先順位",
          },
        }),
    }),
  },
  responses: {
    ...responses("集計", z.array(S.RollupRow)),
    ...notFound,
    400: { description: "dimension が正しくない", content: json(S.ApiError) },
  },
});

/** Every route of the public API, in the order the document lists them. */
export const ROUTES = [
  listCities,
  listPlans,
  listPolicies,
  listMeasures,
  listProjects,
  getProject,
  getRollups,
] as const;
