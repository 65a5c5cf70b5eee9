// Two real server processes (`hoshin start`) on one PostgreSQL database: each keeps its own in-process
// read model, and every read checks the plan version's revision in the database, so a save made elsewhere
// is seen by the other process at once. Needs PostgreSQL whatever the run's backend: skipped with a
// message when none answers, an error under HOSHIN_CI_STRICT=1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/client.ts";
import type { Project } from "../../../src/domain/plan/model.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { saveProject } from "../../../src/usecases/editing/save-project.ts";
import { listPlans } from "../../../src/usecases/plan/list-plans.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { createPostgresDatabase, findPostgresServer } from "../../support/db.ts";
import { type StartedServer, startServer } from "../../support/server.ts";

const postgresServer = await findPostgresServer();

/** A cookie-keeping client of a real server over HTTP. */
class HttpClient {
  cookies = new Map<string, string>();
  constructor(public base: string) {}
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (pair && i > 0) this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  private headers(): Record<string, string> {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }
  async get(path: string) {
    const res = await fetch(`${this.base}${path}`, { headers: this.headers(), redirect: "manual" });
    this.keep(res);
    return { status: res.status, body: await res.text() };
  }
  async logIn(loginName: string, password: string) {
    const form = await this.get("/login");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
    const res = await fetch(`${this.base}/login`, {
      method: "POST",
      body: new URLSearchParams({ _csrf: csrf, loginName, password, next: "/" }),
      headers: this.headers(),
      redirect: "manual",
    });
    this.keep(res);
    expect(res.status).toBe(303);
  }
}

describe.skipIf(postgresServer === null)("two server processes on one PostgreSQL database", () => {
  let database: { url: string; drop: () => Promise<void> };
  let first: StartedServer;
  let second: StartedServer;

  beforeAll(async () => {
    database = await createPostgresDatabase(postgresServer ?? "");
    first = await startServer({ databaseUrl: database.url });
    second = await startServer({ databaseUrl: database.url });
  }, 180_000);

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await database?.drop();
  });

  // 職員研修費 (measure 6-2 of 小諸市 202088, 2024) by its stable address: ':' %3A; 職 E8 81 B7, 員 E5 93 A1,
  // 研 E7 A0 94, 修 E4 BF AE, 費 E8 B2 BB in UTF-8.
  const TRAINING = "/cities/202088/plans/2024/projects/6-2%3A%E8%81%B7%E5%93%A1%E7%A0%94%E4%BF%AE%E8%B2%BB";

  it("shows a save made through another connection on the very next read of the other server", async () => {
    const handle = await openDatabase({ url: database.url });
    try {
      // The seed (nothing approved, so not public): the staff list.
      const [plan] = await listPlans({ db: handle.db, actor: COMMAND_LINE });
      if (!plan) throw new Error("the server loaded no plan");
      const view = await readPlan({ db: handle.db, actor: COMMAND_LINE, planVersionId: plan.id });
      const entry = view.projects.find((p) => p.project.name === "職員研修費");
      if (!entry) throw new Error("no 職員研修費");

      // The same session works on both servers: sessions live in the database.
      const client = new HttpClient(first.url);
      await client.logIn("admin", first.adminPassword);
      const onSecond = new HttpClient(second.url);
      onSecond.cookies = client.cookies;
      const NOTE = "別のサーバーから保存した特記事項";
      for (const c of [client, onSecond]) {
        const page = await c.get(TRAINING);
        expect(page.status).toBe(200);
        expect(page.body).not.toContain(NOTE);
      }

      // 職員研修費 with its funding sums put right (the seed's 一般財源 of 2025 and 2026 is 10 千円 over).
      const edited: Project = { ...structuredClone(entry.project), notes: NOTE };
      for (const fy of ["2025", "2026"]) {
        const i = edited.inputs[fy];
        if (!i) throw new Error(`no inputs for ${fy}`);
        i.generalRevenue = 1443;
      }
      await saveProject({
        db: handle.db,
        actor: COMMAND_LINE,
        projectId: entry.id,
        expectedVersion: entry.version,
        project: edited,
      });

      for (const c of [onSecond, client]) {
        const page = await c.get(TRAINING);
        expect(page.status).toBe(200);
        expect(page.body).toContain(NOTE);
      }
      // And the second edit, through the second server's cache warmed with the first.
      const again = await readPlan({ db: handle.db, actor: COMMAND_LINE, planVersionId: plan.id });
      const now = again.projects.find((p) => p.id === entry.id);
      if (!now) throw new Error("the project is gone");
      await saveProject({
        db: handle.db,
        actor: COMMAND_LINE,
        projectId: entry.id,
        expectedVersion: now.version,
        project: { ...edited, notes: `${NOTE}（2回目）` },
      });
      expect((await onSecond.get(TRAINING)).body).toContain(`${NOTE}（2回目）`);
      expect((await client.get(TRAINING)).body).toContain(`${NOTE}（2回目）`);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it("shows an approval made elsewhere in the public API of both servers at once (their response caches too)", async () => {
    const handle = await openDatabase({ url: database.url });
    try {
      const [plan] = await listPlans({ db: handle.db, actor: COMMAND_LINE });
      if (!plan) throw new Error("the server loaded no plan");
      const view = await readPlan({ db: handle.db, actor: COMMAND_LINE, planVersionId: plan.id });
      const [shown, draft] = view.projects.filter((p) => p.reviewState === "draft");
      if (!shown || !draft) throw new Error("no two draft sheets in the seed");
      const approve = async (projectId: number) => {
        await reviewProject({ db: handle.db, actor: COMMAND_LINE, projectId, action: "submit" });
        await reviewProject({ db: handle.db, actor: COMMAND_LINE, projectId, action: "approve" });
      };
      // One approved sheet makes the plan public.
      await approve(shown.id);
      const path = `/api/v1/cities/${encodeURIComponent(plan.city)}/plans/${plan.fiscalYear}/projects`;
      const names = async (base: string) =>
        ((await (await fetch(`${base}${path}`)).json()) as { name: string }[]).map((p) => p.name);
      // Twice each: the second answer comes from the response cache of each process.
      for (const base of [first.url, second.url, first.url, second.url]) {
        const listed = await names(base);
        expect(listed).toContain(shown.project.name);
        expect(listed).not.toContain(draft.project.name);
      }
      await approve(draft.id);
      for (const base of [second.url, first.url]) expect(await names(base)).toContain(draft.project.name);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
