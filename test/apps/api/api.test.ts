import { beforeAll, describe, expect, it } from "vitest";
import * as S from "../../../src/apps/api/schemas.ts";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { reviewMeasure } from "../../../src/usecases/editing/review-measure.ts";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { saveMeasure } from "../../../src/usecases/editing/save-measure.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";

// The public API on the seed: only 承認済 sheets and approved measures are served, a plan with nothing
// approved is not listed, plans are addressed by city and year (old id addresses redirect), every
// response matches its schema, carries an ETag and cache headers, and the OpenAPI document describes
// what is served.

const t = withTestDatabase();
let app: ReturnType<typeof createApp>;
let plan = 0;
let training = 0; // 職員研修費
let documents = 0; // 文書費
/** The stable address of the seed plan: 小諸市 令和6年度. */
const P = `/api/v1/cities/202088/plans/2024`;

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

async function measureEntry(code: string) {
  const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: plan });
  const entry = view.measures.find((m) => m.measure.code === code);
  if (!entry) throw new Error(`no measure ${code}`);
  return entry;
}

async function approveMeasure(code: string) {
  const { id } = await measureEntry(code);
  await reviewMeasure({ db: t.db, actor: COMMAND_LINE, measureId: id, action: "submit" });
  await reviewMeasure({ db: t.db, actor: COMMAND_LINE, measureId: id, action: "approve" });
}

/** Types an outcome actual (the first indicator of `code`, for `fiscalYear`) as a user would save it. */
async function typeActual(code: string, fiscalYear: string, text: string) {
  const entry = await measureEntry(code);
  const measure = structuredClone(entry.measure);
  const first = measure.outcomeIndicators[0];
  if (!first) throw new Error(`measure ${code} has no outcome indicator`);
  first.actual[fiscalYear] = { text, value: Number(text), comparator: "=" };
  await saveMeasure({
    db: t.db,
    actor: COMMAND_LINE,
    measureId: entry.id,
    expectedVersion: entry.version,
    measure,
  });
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

  it("lists no plan, and serves none, while nothing of it is approved", async () => {
    const cities = await get("/api/v1/cities");
    expect(cities.status).toBe(200);
    expect(cities.json).toEqual([]);
    expect((await get("/api/v1/plans")).json).toEqual([]);
    for (const path of [P, `${P}/policies`, `${P}/measures`, `${P}/projects`, `${P}/rollups`]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.json, path).toEqual({
        error: { code: "not-found", message: "指定の実施計画は公開されていません。" },
      });
    }
    expect(cities.headers.get("cache-control")).toBe("public, max-age=60");
    expect(cities.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
  });

  it("serves an approved sheet by its stable key with its exact amounts, and says the plan is partly approved", async () => {
    await approve(training);
    await approve(documents);
    // The seed has 45 projects in 5 measures (test/fixtures/komoro-2024-policy6.expected.json).
    const approval = {
      complete: false,
      label: "一部のみ承認済（事務事業 2／45件、施策 0／5件）",
      projects: { approved: 2, total: 45 },
      measures: { approved: 0, total: 5 },
      totalsCover: "承認済の事務事業 2件の合計（計画の全45件の合計ではありません）",
    };
    const summary = {
      city: "小諸市",
      cityCode: "202088",
      prefecture: "長野県",
      cityKey: "202088",
      fiscalYear: 2024,
      title: "実施計画書 兼 事業説明書",
      path: `/v1/cities/202088/plans/2024`,
      id: plan,
      approval,
    };
    expect(S.City.array().parse((await get("/api/v1/cities")).json)).toEqual([
      { key: "202088", code: "202088", name: "小諸市", prefecture: "長野県", plans: [summary] },
    ]);
    expect((await get("/api/v1/plans")).json).toEqual([summary]);
    expect((await get(P)).json).toEqual(summary);

    const list = S.Project.array().parse((await get(`${P}/projects`)).json);
    expect(list.map((p) => [p.key, p.name])).toEqual([
      ["6-2:職員研修費", "職員研修費"],
      ["6-5:文書費", "文書費"],
    ]);
    const p = S.Project.parse((await get(`${P}/projects/${encodeURIComponent("6-2:職員研修費")}`)).json);
    expect(p.id).toBe(training);
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
    const all = S.RollupRow.array().parse((await get(`${P}/rollups?dimension=all`)).json);
    expect(all.map((r) => [r.fiscalYear, r.total, r.generalRevenue, r.projects, r.covers])).toEqual([
      [2024, 1443 + 9562, 1443 + 9425, 2, approval.totalsCover],
      [2025, 1443 + 9562, 1453 + 9419, 2, approval.totalsCover],
      [2026, 1443 + 9562, 1453 + 9419, 2, approval.totalsCover],
    ]);
    const byMeasure = S.RollupRow.array().parse((await get(`${P}/rollups?dimension=measure`)).json);
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
    const list = S.Project.array().parse((await get(`${P}/projects`)).json);
    expect(list.map((p) => p.name)).toEqual(["職員研修費"]);
    const gone = await get(`${P}/projects/${encodeURIComponent("6-5:文書費")}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      error: {
        code: "not-found",
        message: "指定の事務事業は公開されていません（承認済の事業シートだけを公開しています）。",
      },
    });
  });

  it("serves a measure only once approved, and then as approved: a later outcome actual waits for approval", async () => {
    // No measure approved yet: the structure only.
    expect((await get(`${P}/measures`)).json).toEqual([]);
    const policies = S.Policy.array().parse((await get(`${P}/policies`)).json);
    expect(policies.map((p) => [p.code, p.measureCodes])).toEqual([["6", []]]);
    expect((await get(`${P}/measures/6-5`)).status).toBe(404);

    await approveMeasure("6-5");
    const measures = S.Measure.array().parse((await get(`${P}/measures`)).json);
    expect(measures.map((m) => m.code)).toEqual(["6-5"]);
    const m65 = S.Measure.parse((await get(`${P}/measures/6-5`)).json);
    expect(m65.publishedProjects).toBe(0);
    expect(m65.outcomeIndicators[0]?.baseline?.text).toBe("76.1");
    const values = (m: typeof m65) =>
      m.outcomeIndicators[0]?.values.map((v) => [
        v.fiscalYear,
        v.planned?.text ?? null,
        v.actual?.text ?? null,
      ]);
    expect(values(m65)).toEqual([
      [2021, "78", "73.8"],
      [2022, "79", "71.5"],
      [2023, "80", null],
      [2024, "81", null],
    ]);
    expect(((await get(P)).json as { approval: { label: string } }).approval.label).toBe(
      "一部のみ承認済（事務事業 1／45件、施策 1／5件）",
    );

    // The 2023 actual typed now is a draft: the public side still shows the approved content.
    await typeActual("6-5", "2023", "75.2");
    expect((await measureEntry("6-5")).reviewState).toBe("draft");
    expect(values(S.Measure.parse((await get(`${P}/measures/6-5`)).json))?.[2]).toEqual([2023, "80", null]);
    await approveMeasure("6-5");
    expect(values(S.Measure.parse((await get(`${P}/measures/6-5`)).json))?.[2]).toEqual([2023, "80", "75.2"]);
  });

  it("answers a repeated request with 304 when the ETag still matches, and 200 after a change", async () => {
    const first = await get(`${P}/projects`);
    const tag = first.headers.get("etag") ?? "";
    const again = await get(`${P}/projects`, { "if-none-match": tag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    await approve(documents);
    const changed = await get(`${P}/projects`, { "if-none-match": tag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
  });

  it("redirects the old addresses by row id to the stable ones, the query kept", async () => {
    const moved = async (path: string) => {
      const res = await app.request(`http://localhost${path}`);
      return [res.status, res.headers.get("location")];
    };
    expect(await moved(`/api/v1/plans/${plan}/policies`)).toEqual([308, `${P}/policies`]);
    expect(await moved(`/api/v1/plans/${plan}/measures`)).toEqual([308, `${P}/measures`]);
    expect(await moved(`/api/v1/plans/${plan}/projects`)).toEqual([308, `${P}/projects`]);
    expect(await moved(`/api/v1/plans/${plan}/rollups?dimension=kan`)).toEqual([
      308,
      `${P}/rollups?dimension=kan`,
    ]);
    expect(await moved(`/api/v1/plans/${plan}/projects/${training}`)).toEqual([
      308,
      `${P}/projects/${encodeURIComponent("6-2:職員研修費")}`,
    ]);
    expect((await get(`/api/v1/plans/${plan}/projects/999999`)).status).toBe(404);
    expect((await get("/api/v1/plans/999999/projects")).json).toEqual({
      error: { code: "not-found", message: "指定の実施計画は公開されていません。" },
    });
  });

  it("says what is wrong in Japanese JSON: unknown plan, bad year, bad dimension, unknown path", async () => {
    expect((await get(`/api/v1/cities/202037/plans/2024/projects`)).json).toEqual({
      error: { code: "not-found", message: "指定の実施計画は公開されていません。" },
    });
    expect((await get(`${P.replace("2024", "2023")}/projects`)).status).toBe(404);
    expect((await get(`${P.replace("2024", "abc")}/projects`)).status).toBe(404);
    expect((await get("/api/v1/plans/abc/measures")).status).toBe(404);
    const bad = await get(`${P}/rollups?dimension=nope`);
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

  it("keeps the addresses of a plan, a measure and a project across a re-import (the row ids change)", async () => {
    const key = `${P}/projects/${encodeURIComponent("6-2:職員研修費")}`;
    const before = S.Project.parse((await get(key)).json);
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    const [v] = await listPlanVersions(t.db);
    expect(v?.id).not.toBe(plan);
    plan = v?.id ?? 0;
    // A re-import stores new rows, nothing approved yet: the same addresses answer once approved again.
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: plan });
    const again = view.projects.find((p) => p.project.name === "職員研修費")?.id ?? 0;
    expect(again).not.toBe(training);
    await approve(again);
    await approveMeasure("6-2");
    const after = S.Project.parse((await get(key)).json);
    expect({ ...after, id: 0 }).toEqual({ ...before, id: 0 });
    expect(S.Measure.parse((await get(`${P}/measures/6-2`)).json).code).toBe("6-2");
    expect((await get(`/api/v1/plans/${plan}/projects/${training}`)).status).toBe(404);
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
      "/v1/cities/{city}/plans/{year}",
      "/v1/cities/{city}/plans/{year}/policies",
      "/v1/cities/{city}/plans/{year}/measures",
      "/v1/cities/{city}/plans/{year}/measures/{code}",
      "/v1/cities/{city}/plans/{year}/projects",
      "/v1/cities/{city}/plans/{year}/projects/{key}",
      "/v1/cities/{city}/plans/{year}/rollups",
      "/v1/plans/{plan}/policies",
      "/v1/plans/{plan}/measures",
      "/v1/plans/{plan}/projects",
      "/v1/plans/{plan}/projects/{id}",
      "/v1/plans/{plan}/rollups",
    ]);
    expect(Object.keys(doc.components.schemas).sort()).toEqual([
      "Approval",
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
