import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApi } from "../../../src/apps/api/app.ts";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { reviewMeasure } from "../../../src/usecases/editing/review-measure.ts";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";

// The OpenAPI document cannot drift from the app: it lists exactly the routes the app serves, and every
// response it documents describes (all keys included) a real response of the seed.

interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: { "application/json": { schema: object } } }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

const t = withTestDatabase();
let app: ReturnType<typeof createApp>;
let doc: Document;
let plan = 0;
let project = 0;

async function get(path: string) {
  const res = await app.request(`http://localhost/api${path}`);
  return { status: res.status, json: (await res.json()) as unknown };
}

/** A documented schema as zod, every object closed: a key the document does not list is refused. */
function documented(schema: object): z.ZodType {
  const closed = JSON.parse(JSON.stringify({ ...schema, $defs: doc.components.schemas }), (_, v: unknown) =>
    v !== null && typeof v === "object" && "properties" in v ? { ...v, additionalProperties: false } : v,
  ) as object;
  return z.fromJSONSchema(
    JSON.parse(JSON.stringify(closed).replaceAll("#/components/schemas/", "#/$defs/")) as never,
  );
}

describe(`OpenAPI document generated from the routes (${testBackend})`, () => {
  beforeAll(async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    const [v] = await listPlanVersions(t.db);
    plan = v?.id ?? 0;
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: plan });
    project = view.projects.find((p) => p.project.name === "職員研修費")?.id ?? 0;
    await reviewProject({ db: t.db, actor: COMMAND_LINE, projectId: project, action: "submit" });
    await reviewProject({ db: t.db, actor: COMMAND_LINE, projectId: project, action: "approve" });
    const measure = view.measures.find((m) => m.measure.code === "6-2")?.id ?? 0;
    await reviewMeasure({ db: t.db, actor: COMMAND_LINE, measureId: measure, action: "submit" });
    await reviewMeasure({ db: t.db, actor: COMMAND_LINE, measureId: measure, action: "approve" });
    app = createApp({ db: t.db });
    doc = (await get("/openapi.json")).json as Document;
  });

  it("lists exactly the routes the app serves, with their path parameters", () => {
    const served = createApi(t.db)
      .routes.filter((r) => r.method === "GET" && !["/openapi.json", "/docs"].includes(r.path))
      .map((r) => r.path.replaceAll(/:(\w+)/g, "{$1}"));
    expect([...new Set(served)].sort()).toEqual(Object.keys(doc.paths).sort());
    // Besides those, only the middleware and the catch-all that answers 404 in Japanese.
    const others = createApi(t.db).routes.filter((r) => r.method !== "GET");
    expect(new Set(others.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(["ALL /*"]));
    for (const [path, methods] of Object.entries(doc.paths)) {
      expect(Object.keys(methods), path).toEqual(["get"]);
      const inPath = (methods.get?.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(inPath, path).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    }
  });

  it("documents every status a route answers with a schema that a real response of the seed passes", async () => {
    const P = `/v1/cities/202088/plans/2024`;
    const nowhere = `/v1/cities/202037/plans/2024`;
    const key = encodeURIComponent("6-2:職員研修費");
    const requests: Record<string, Record<string, string>> = {
      "/v1/cities": { "200": "/v1/cities" },
      "/v1/plans": { "200": "/v1/plans" },
      "/v1/cities/{city}/plans/{year}": { "200": P, "404": nowhere },
      "/v1/cities/{city}/plans/{year}/policies": { "200": `${P}/policies`, "404": `${nowhere}/policies` },
      "/v1/cities/{city}/plans/{year}/measures": {
        "200": `${P}/measures`,
        "404": `/v1/cities/202088/plans/abc/measures`,
      },
      "/v1/cities/{city}/plans/{year}/measures/{code}": {
        "200": `${P}/measures/6-2`,
        "404": `${P}/measures/6-5`,
      },
      "/v1/cities/{city}/plans/{year}/projects": { "200": `${P}/projects`, "404": `${nowhere}/projects` },
      "/v1/cities/{city}/plans/{year}/projects/{key}": {
        "200": `${P}/projects/${key}`,
        "404": `${P}/projects/${encodeURIComponent("6-5:文書費")}`,
      },
      "/v1/cities/{city}/plans/{year}/rollups": {
        "200": `${P}/rollups?dimension=measure`,
        "400": `${P}/rollups?dimension=nope`,
        "404": `${P.replace("2024", "2023")}/rollups`,
      },
      "/v1/plans/{plan}/policies": { "404": "/v1/plans/999999/policies" },
      "/v1/plans/{plan}/measures": { "404": "/v1/plans/abc/measures" },
      "/v1/plans/{plan}/projects": { "404": "/v1/plans/0/projects" },
      "/v1/plans/{plan}/projects/{id}": { "404": `/v1/plans/${plan}/projects/999999` },
      "/v1/plans/{plan}/rollups": { "404": "/v1/plans/999999/rollups" },
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      const responses = methods.get?.responses ?? {};
      const withBody = Object.keys(responses).filter((s) => responses[s]?.content);
      expect(withBody.sort(), path).toEqual(Object.keys(requests[path] ?? {}).sort());
      for (const status of withBody) {
        const res = await get(requests[path]?.[status] ?? "");
        expect(res.status, `${path} ${status}`).toBe(Number(status));
        const schema = responses[status]?.content?.["application/json"].schema ?? {};
        const result = documented(schema).safeParse(res.json);
        expect(result.error?.issues ?? [], `${path} ${status}`).toEqual([]);
        checked++;
      }
    }
    // 200 on the nine routes, 404 on the seven with a plan and the five old ones, 400 on rollups
    expect(checked).toBe(22);
  });

  it("reads a query parameter given twice by its first value, as before the routes had schemas", async () => {
    const P = `/v1/cities/202088/plans/2024`;
    const once = await get(`${P}/rollups?dimension=kan`);
    expect(once.status).toBe(200);
    expect(await get(`${P}/rollups?dimension=kan&dimension=nope`)).toEqual(once);
    expect((await get(`${P}/rollups?dimension=nope&dimension=kan`)).status).toBe(400);
  });

  it("refuses a body the document does not describe (the check above can fail)", async () => {
    const schema = doc.paths["/v1/cities/{city}/plans/{year}/projects/{key}"]?.get?.responses["200"]
      ?.content?.["application/json"].schema as object;
    const P = `/v1/cities/202088/plans/2024`;
    const real = (await get(`${P}/projects/${encodeURIComponent("6-2:職員研修費")}`)).json as Record<
      string,
      unknown
    >;
    expect(documented(schema).safeParse(real).success).toBe(true);
    expect(documented(schema).safeParse({ ...real, extra: 1 }).success).toBe(false);
    expect(documented(schema).safeParse({ ...real, budgetOnly: "no" }).success).toBe(false);
    const { inputs: _, ...withoutInputs } = real;
    expect(documented(schema).safeParse(withoutInputs).success).toBe(false);
  });
});
