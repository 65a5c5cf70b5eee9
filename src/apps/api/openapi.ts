import type { OpenAPIHono } from "@hono/zod-openapi";

// The OpenAPI 3.1 document of the public API, generated from its routes (routes.ts): paths, parameters
// and component schemas all come from what the app serves and checks, so the two cannot drift apart.

const INFO = {
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
};

export function openApiDocument(api: OpenAPIHono): object {
  return api.getOpenAPI31Document(INFO);
}
