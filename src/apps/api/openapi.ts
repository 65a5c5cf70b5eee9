import { z } from "zod";
import { ROLLUP_DIMENSIONS } from "../../domain/rollups/rollups.ts";
import { schemaRegistry } from "./schemas.ts";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const list = (id: string) => ({ type: "array", items: ref(id) });

function ok(description: string, schema: object) {
  return {
    "200": {
      description,
      headers: {
        ETag: {
          description: "内容の識別子。If-None-Match で送ると、変わっていなければ 304 を返します。",
          schema: { type: "string" },
        },
        "Cache-Control": { description: "public, max-age=60", schema: { type: "string" } },
      },
      content: { "application/json": { schema } },
    },
    "304": { description: "変更なし（If-None-Match と一致）" },
    "404": {
      description: "見つからない、または公開されていない",
      content: { "application/json": { schema: ref("Error") } },
    },
  };
}

const planParam = {
  name: "plan",
  in: "path",
  required: true,
  description: "実施計画（市町村・年度）の ID。/api/v1/plans で一覧できます。",
  schema: { type: "integer", minimum: 1 },
};

let cached: object | undefined;

/** The OpenAPI 3.1 document of the public API, with component schemas generated from the zod schemas. */
export function openApiDocument(): object {
  if (cached) return cached;
  const generated = z.toJSONSchema(schemaRegistry, { uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  const schemas = Object.fromEntries(
    Object.entries(generated.schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Hoshin 公開 API",
      version: "1.0.0",
      description:
        "実施計画（政策・施策・事務事業）、投入指標（千円）、成果指標、集計を JSON で提供する読み取り専用の API です。承認済の事業シートだけを公開します。金額はすべて千円単位の整数です。",
      license: { name: "MIT", identifier: "MIT" },
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/api" }],
    paths: {
      "/v1/cities": {
        get: {
          summary: "市町村と実施計画の一覧",
          operationId: "listCities",
          responses: ok("市町村の一覧", list("City")),
        },
      },
      "/v1/plans": {
        get: {
          summary: "実施計画の一覧",
          operationId: "listPlans",
          responses: ok("実施計画の一覧", list("PlanSummary")),
        },
      },
      "/v1/plans/{plan}/policies": {
        get: {
          summary: "政策",
          operationId: "listPolicies",
          parameters: [planParam],
          responses: ok("政策の一覧", list("Policy")),
        },
      },
      "/v1/plans/{plan}/measures": {
        get: {
          summary: "施策（成果指標の計画と実績を含む）",
          operationId: "listMeasures",
          parameters: [planParam],
          responses: ok("施策の一覧", list("Measure")),
        },
      },
      "/v1/plans/{plan}/projects": {
        get: {
          summary: "事務事業（承認済のもの）",
          operationId: "listProjects",
          parameters: [planParam],
          responses: ok("事務事業の一覧", list("Project")),
        },
      },
      "/v1/plans/{plan}/projects/{id}": {
        get: {
          summary: "事務事業ひとつ",
          operationId: "getProject",
          parameters: [
            planParam,
            { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          responses: ok("事務事業", ref("Project")),
        },
      },
      "/v1/plans/{plan}/rollups": {
        get: {
          summary: "年度別の集計（承認済の事務事業）",
          operationId: "getRollups",
          parameters: [
            planParam,
            {
              name: "dimension",
              in: "query",
              required: false,
              description:
                "集計の切り口: all 合計, measure 施策, department 所管課, account 会計, kan 款, kou 項, moku 目, pledge 市長公約事項, priority 事業優先順位",
              schema: { type: "string", enum: [...ROLLUP_DIMENSIONS], default: "all" },
            },
          ],
          responses: {
            ...ok("集計", list("RollupRow")),
            "400": {
              description: "dimension が正しくない",
              content: { "application/json": { schema: ref("Error") } },
            },
          },
        },
      },
    },
    components: { schemas },
  };
  return cached;
}
