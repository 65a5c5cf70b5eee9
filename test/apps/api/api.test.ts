import { beforeAll, describe, expect, it } from "vitest";
import * as S from "../../../src/apps/api/schemas.ts";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";

// The public API on the seed: only 承認済 sheets are served, every response matches its schema, carries
// an ETag and cache headers, and the OpenAPI document describes what is served.

const t = withTestDatabase();
let app: ReturnType<typeof createApp>;
let plan = 0;
let training = 0; // 職員研修費
let documents = 0; // 文書費

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await app.request(`http://localhost${path}`, { headers });
  const text = await res.text();
  const isJson = res.headers.get("content-type")?.startsWith("application/json") ?? false;
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: isJson ? (JSON.parse(text) as unknown) : null,
  };
}

async function approve(projectId: number) {
  await reviewProject({ db: t.db, actor: COMMAND_LINE, projectId, action: "submit" });
  await reviewProject({ db: t.db, actor: COMMAND_LINE, projectId, action: "approve" });
}

describe(`public API (${testBackend})`, () => {
  beforeAll(async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    const [v] = await listPlanVersions(t.db);
    plan = v?.id ?? 0;
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: plan });
    training = view.projects.find((p) => p.project.name === "職員研修費")?.id ?? 0;
    documents = view.projects.find((p) => p.project.name === "文書費")?.id ?? 0;
    app = createApp({ db: t.db });
  });

  it("lists cities and plans without a login", async () => {
    const cities = await get("/api/v1/cities");
    expect(cities.status).toBe(200);
    expect(S.City.array().parse(cities.json)).toEqual([
      {
        name: "小諸市",
        plans: [{ id: plan, city: "小諸市", fiscalYear: 2024, title: "実施計画書 兼 事業説明書" }],
      },
    ]);
    expect(cities.headers.get("cache-control")).toBe("public, max-age=60");
    expect(cities.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
  });

  it("serves no project sheet before it is approved, and no money in the rollups", async () => {
    expect((await get(`/api/v1/plans/${plan}/projects`)).json).toEqual([]);
    expect((await get(`/api/v1/plans/${plan}/rollups`)).json).toEqual([]);
    const one = await get(`/api/v1/plans/${plan}/projects/${training}`);
    expect(one.status).toBe(404);
    expect(one.json).toEqual({
      error: {
        code: "not-found",
        message: "指定の事務事業は公開されていません（承認済の事業シートだけを公開しています）。",
      },
    });
  });

  it("serves an approved sheet with its exact amounts, and rollups over approved sheets only", async () => {
    await approve(training);
    await approve(documents);
    const list = S.Project.array().parse((await get(`/api/v1/plans/${plan}/projects`)).json);
    expect(list.map((p) => p.name)).toEqual(["職員研修費", "文書費"]);
    const p = S.Project.parse((await get(`/api/v1/plans/${plan}/projects/${training}`)).json);
    expect(p.measureCode).toBe("6-2");
    expect(p.leadDepartment).toBe("総務課");
    expect(p.inputs).toEqual([
      {
        fiscalYear: 2024,
        total: 1443,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 0,
        generalRevenue: 1443,
      },
      {
        fiscalYear: 2025,
        total: 1443,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 0,
        generalRevenue: 1453,
      },
      {
        fiscalYear: 2026,
        total: 1443,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 0,
        generalRevenue: 1453,
      },
    ]);
    expect(p.activityIndicators[0]?.targets.map((x) => x.target.text)).toEqual([
      "実施する",
      "実施する",
      "実施する",
    ]);
    // 文書費 (seed): 9,562 each year; 一般財源 9,425 / 9,419 / 9,419.
    const all = S.RollupRow.array().parse((await get(`/api/v1/plans/${plan}/rollups?dimension=all`)).json);
    expect(all.map((r) => [r.fiscalYear, r.total, r.generalRevenue, r.projects])).toEqual([
      [2024, 1443 + 9562, 1443 + 9425, 2],
      [2025, 1443 + 9562, 1453 + 9419, 2],
      [2026, 1443 + 9562, 1453 + 9419, 2],
    ]);
    const byMeasure = S.RollupRow.array().parse(
      (await get(`/api/v1/plans/${plan}/rollups?dimension=measure`)).json,
    );
    expect(byMeasure.filter((r) => r.fiscalYear === 2024).map((r) => [r.key, r.total])).toEqual([
      ["6-2", 1443],
      ["6-5", 9562],
    ]);
  });

  it("drops a sheet from the public side when it is returned for changes", async () => {
    await reviewProject({
      db: t.db,
      actor: COMMAND_LINE,
      projectId: documents,
      action: "return",
      comment: "見直し",
    });
    const list = S.Project.array().parse((await get(`/api/v1/plans/${plan}/projects`)).json);
    expect(list.map((p) => p.name)).toEqual(["職員研修費"]);
    expect((await get(`/api/v1/plans/${plan}/projects/${documents}`)).status).toBe(404);
  });

  it("serves policies and measures with outcome indicators (planned and actual per year)", async () => {
    const policies = S.Policy.array().parse((await get(`/api/v1/plans/${plan}/policies`)).json);
    expect(policies.map((p) => [p.code, p.measureCodes])).toEqual([
      ["6", ["6-1", "6-2", "6-3", "6-4", "6-5"]],
    ]);
    const measures = S.Measure.array().parse((await get(`/api/v1/plans/${plan}/measures`)).json);
    const m65 = measures.find((m) => m.code === "6-5");
    expect(m65?.publishedProjects).toBe(0);
    expect(measures.find((m) => m.code === "6-2")?.publishedProjects).toBe(1);
    const first = m65?.outcomeIndicators[0];
    expect(first?.baseline?.text).toBe("76.1");
    expect(first?.values.map((v) => [v.fiscalYear, v.planned?.text ?? null, v.actual?.text ?? null])).toEqual(
      [
        [2021, "78", "73.8"],
        [2022, "79", "71.5"],
        [2023, "80", null],
        [2024, "81", null],
      ],
    );
  });

  it("answers a repeated request with 304 when the ETag still matches, and 200 after a change", async () => {
    const first = await get(`/api/v1/plans/${plan}/projects`);
    const tag = first.headers.get("etag") ?? "";
    const again = await get(`/api/v1/plans/${plan}/projects`, { "if-none-match": tag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    await approve(documents);
    const changed = await get(`/api/v1/plans/${plan}/projects`, { "if-none-match": tag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
  });

  it("says what is wrong in Japanese JSON: unknown plan, bad dimension, unknown path", async () => {
    expect((await get("/api/v1/plans/999999/projects")).json).toEqual({
      error: { code: "not-found", message: "指定の実施計画は公開されていません。" },
    });
    expect((await get("/api/v1/plans/abc/measures")).status).toBe(404);
    const bad = await get(`/api/v1/plans/${plan}/rollups?dimension=nope`);
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { message: string } }).error.message).toBe(
      "dimension は all・measure・department・account・kan・kou・moku・pledge・priority のどれかです。",
    );
    const unknown = await get("/api/v1/unknown");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      error: { code: "not-found", message: "指定の API はありません。/api/docs をご覧ください。" },
    });
  });

  it("describes itself as OpenAPI 3.1 generated from the same schemas, with a documentation page", async () => {
    const doc = (await get("/api/openapi.json")).json as {
      openapi: string;
      paths: Record<string, { get: { responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/v1/cities",
      "/v1/plans",
      "/v1/plans/{plan}/policies",
      "/v1/plans/{plan}/measures",
      "/v1/plans/{plan}/projects",
      "/v1/plans/{plan}/projects/{id}",
      "/v1/plans/{plan}/rollups",
    ]);
    expect(Object.keys(doc.components.schemas).sort()).toEqual([
      "City",
      "Error",
      "IndicatorValue",
      "Inputs",
      "Measure",
      "OutcomeIndicator",
      "PlanSummary",
      "Policy",
      "Project",
      "RollupRow",
    ]);
    // Every $ref points at a schema that is there.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r as string);
    const page = await get("/api/docs");
    expect(page.status).toBe(200);
    for (const path of Object.keys(doc.paths)) expect(page.text).toContain(`/api${path}`);
  });
});
