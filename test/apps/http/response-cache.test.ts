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

/** The seed plan's public address (小諸市, 2024), once something in it is approved. */
const PLAN = `/api/v1/cities/202088/plans/2024`;

/** Approves `count` draft sheets of the seed (a plan is public once something in it is approved). */
async function approveDrafts(count: number): Promise<string[]> {
  const view = await readPlan({ db: t.db, actor: t.admin, planVersionId: t.planVersionId });
  const drafts = view.projects.filter((p) => p.reviewState === "draft").slice(0, count);
  for (const d of drafts) {
    await reviewProject({ db: t.db, actor: t.admin, projectId: d.id, action: "submit" });
    await reviewProject({ db: t.db, actor: t.admin, projectId: d.id, action: "approve" });
  }
  return drafts.map((d) => d.project.name);
}

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
};

describe("the response cache", () => {
  it("answers a repeated API request from memory with the same bytes and headers", async () => {
    await approveDrafts(1);
    const path = `${PLAN}/policies`;
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
    const path = `${PLAN}/projects`;
    await approveDrafts(1);
    const view = await readPlan({ db: t.db, actor: t.admin, planVersionId: t.planVersionId });
    const draft = view.projects.find((p) => p.reviewState === "draft");
    if (!draft) throw new Error("the seed has no draft sheet left");
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

  it("lists a plan at once when its first sheet is approved (the list depends on every plan version)", async () => {
    const list = async () => JSON.parse((await get("/api/v1/plans")).body) as { city: string }[];
    // Nothing of the seed is approved yet, so nothing is public.
    expect(await list()).toEqual([]);
    expect(await list()).toEqual([]);
    await approveDrafts(1);
    expect((await list()).map((p) => p.city)).toEqual(["小諸市"]);
  });

  it("leaves conditional requests to the app (304) and never keeps a staff page", async () => {
    await approveDrafts(1);
    const path = `${PLAN}/policies`;
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
