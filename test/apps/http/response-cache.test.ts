// The response cache in front of the apps (src/apps/http/response-cache.ts), through the real HTTP server
// of serveApp on a seeded database: the public API's bodies are answered from memory while what they were
// made of is unchanged, a write anywhere is seen by the very next request, and nothing personal is kept.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningServer, serveApp } from "../../../src/apps/staff/server.ts";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { withSeededDatabase } from "../../support/seed.ts";

const t = withSeededDatabase();
let server: RunningServer;

beforeEach(async () => {
  server = await serveApp({ db: t.db, port: 0 });
});
afterEach(async () => {
  await server.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
};

describe("the response cache", () => {
  it("answers a repeated API request from memory with the same bytes and headers", async () => {
    const path = `/api/v1/plans/${t.planVersionId}/policies`;
    const first = await get(path);
    const second = await get(path);
    expect(first.status).toBe(200);
    expect(second.body).toBe(first.body);
    for (const h of ["etag", "content-type", "cache-control", "access-control-allow-origin"]) {
      expect(second.headers.get(h)).toBe(first.headers.get(h));
    }
    expect(server.cache.stats.hits).toBe(1);
    // The internal header never reaches a client.
    expect(first.headers.get("x-hoshin-fresh")).toBeNull();
    expect(second.headers.get("x-hoshin-fresh")).toBeNull();
  });

  it("shows an approval on the very next request, then keeps the new body", async () => {
    const path = `/api/v1/plans/${t.planVersionId}/projects`;
    const view = await readPlan({ db: t.db, actor: t.admin, planVersionId: t.planVersionId });
    const draft = view.projects.find((p) => p.reviewState === "draft");
    if (!draft) throw new Error("the seed has no draft sheet");
    const names = (body: string) => (JSON.parse(body) as { name: string }[]).map((p) => p.name);
    const before = await get(path);
    await get(path);
    expect(names(before.body)).not.toContain(draft.project.name);

    await reviewProject({ db: t.db, actor: t.admin, projectId: draft.id, action: "submit" });
    await reviewProject({ db: t.db, actor: t.admin, projectId: draft.id, action: "approve" });

    const after = await get(path);
    expect(names(after.body)).toContain(draft.project.name);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(server.cache.stats.stale).toBe(1);
    const again = await get(path);
    expect(again.body).toBe(after.body);
    expect(server.cache.stats.hits).toBe(2);
  });

  it("lists a newly imported plan at once (the list depends on every plan version)", async () => {
    const list = async () => (JSON.parse((await get("/api/v1/plans")).body) as { id: number }[]).length;
    const before = await list();
    await list();
    const { importPlan } = await import("../../../src/usecases/plan/import-plan.ts");
    const { readBook } = await import("../../../src/formats/book-text/read-book.ts");
    const { seedBookBytes } = await import("../../support/seed.ts");
    await importPlan({
      db: t.db,
      city: "見本市",
      fiscalYear: 2024,
      plan: readBook(seedBookBytes()),
    });
    expect(await list()).toBe(before + 1);
  });

  it("leaves conditional requests to the app (304) and never keeps a staff page", async () => {
    const path = `/api/v1/plans/${t.planVersionId}/policies`;
    const first = await get(path);
    const etag = first.headers.get("etag") ?? "";
    const conditional = await get(path, { "if-none-match": etag });
    expect(conditional.status).toBe(304);
    expect(conditional.body).toBe("");
    const hitsBefore = server.cache.stats.hits;
    await get("/login");
    await get("/login");
    expect(server.cache.stats.hits).toBe(hitsBefore);
  });
});
