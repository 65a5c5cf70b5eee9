import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listAuditEvents } from "../../../src/db/audit.ts";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { emptyAspects } from "../../../src/domain/evaluation/evaluation.ts";
import type { Outlook, PlanDocument } from "../../../src/domain/plan/model.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { addUser } from "../../../src/usecases/staff/manage-users.ts";
import { approveEvaluations, testBackend, withTestDatabase } from "../../support/db.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";
import { BASE, Client } from "../../support/web-client.ts";

// The rollover and comparison pages in process (app.request) on a real database: refused without a
// login, without the CSRF token and for roles other than 管理者; unknown ids; the whole flow of rolling
// the seed into 令和7年度 and comparing; text from the data shown escaped.

const t = withTestDatabase();
const PASSWORD = "cycle-route-password";

function evaluated(plan: PlanDocument, name: string, outlook: Outlook): PlanDocument {
  const p = projectsOf(plan).find((x) => x.name === name);
  if (!p) throw new Error(`no ${name}`);
  p.evaluations = {
    "2024": { self: { aspects: emptyAspects(), outlook, changes: null }, secondary: null },
  };
  return plan;
}

const SCRIPT = `<script>alert("x")</script>`;
let app: ReturnType<typeof createApp>;
let plan = 0;
let other = 0;

async function stored() {
  return (await listPlanVersions(t.db)).map((v) => [v.city, v.fiscalYear]);
}

describe(`rollover and comparison pages (${testBackend})`, () => {
  beforeAll(async () => {
    plan = (
      await importPlan({
        db: t.db,
        city: "小諸市",
        fiscalYear: 2024,
        plan: evaluated(seedPlan(), "文書費", "abolish"),
      })
    ).planVersionId;
    await approveEvaluations(t.db, plan);
    // Another city whose abolished project has a script tag for a name.
    const tagged = evaluated(seedPlan(), "文書費", "complete");
    const documents = projectsOf(tagged).find((x) => x.name === "文書費");
    if (documents) documents.name = SCRIPT;
    other = (await importPlan({ db: t.db, city: "駒ヶ根市", fiscalYear: 2024, plan: tagged })).planVersionId;
    await approveEvaluations(t.db, other);
    for (const [loginName, role, department] of [
      ["admin", "admin", null],
      ["soumu", "department", "総務課"],
      ["viewer", "viewer", null],
    ] as const) {
      await addUser({
        db: t.db,
        actor: COMMAND_LINE,
        user: {
          loginName,
          displayName: loginName,
          password: PASSWORD,
          role,
          department,
          // The administrator also rolls over 駒ヶ根市's plan: an all-cities one (issue 12).
          cities: role === "admin" ? "all" : ["202088"],
        },
      });
    }
    app = createApp({ db: t.db });
  });

  it("without a login the pages redirect to the login page and the form is refused", async () => {
    const anon = new Client(app, PASSWORD);
    for (const path of [
      `/plans/${plan}/rollover`,
      `/plans/${plan}/compare`,
      `/plans/${plan}/compare?with=source`,
    ]) {
      const r = await anon.get(path);
      expect(r.status, path).toBe(302);
      expect(r.location, path).toBe(`/login?next=${encodeURIComponent(new URL(path, BASE).pathname)}`);
    }
    await anon.get("/login");
    expect((await anon.post(`/plans/${plan}/rollover`, {}, { csrf: null })).status).toBe(403);
    const r = await anon.post(`/plans/${plan}/rollover`, {});
    expect(r.status).toBe(401);
    expect(r.body).toContain("ログインしてください。");
    expect(await stored()).toEqual([
      ["小諸市", 2024],
      ["駒ヶ根市", 2024],
    ]);
  });

  it("refuses a form without the right CSRF token", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("admin");
    expect((await c.post(`/plans/${plan}/rollover`, {}, { csrf: "wrong" })).status).toBe(403);
    expect((await c.post(`/plans/${plan}/rollover`, {}, { csrf: null })).status).toBe(403);
    expect(await stored()).toHaveLength(2);
  });

  it("refuses 担当課 and 閲覧者 the rollover, and lets them compare", async () => {
    for (const login of ["soumu", "viewer"]) {
      const c = new Client(app, PASSWORD);
      await c.logIn(login);
      const page = await c.get(`/plans/${plan}/rollover`);
      expect(page.status, login).toBe(403);
      expect(page.body).toContain("次年度計画の作成（繰越）は管理者だけが行えます。");
      const post = await c.post(`/plans/${plan}/rollover`, {});
      expect(post.status, login).toBe(403);
      // Refused before the id is looked at.
      expect((await c.post("/plans/999999/rollover", {})).status, login).toBe(403);
      expect((await c.get(`/plans/${plan}/compare?with=source`)).status, login).toBe(200);
    }
    expect(await stored()).toHaveLength(2);
    expect((await listAuditEvents(t.db, {})).filter((e) => e.action === "rollover")).toEqual([]);
  });

  it("answers unknown or malformed ids with 404, and a malformed comparison with 400", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("admin");
    for (const path of [
      "/plans/999999/rollover",
      "/plans/abc/rollover",
      "/plans/-1/rollover",
      "/plans/999999/compare",
      "/plans/999999/compare?with=source",
      `/plans/${plan}/compare?with=999999`,
    ]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).toMatch(/登録されていません|見つかりません/);
    }
    expect((await c.post("/plans/999999/rollover", {})).status).toBe(404);
    const bad = await c.get(`/plans/${plan}/compare?with=${encodeURIComponent("1 or 1=1")}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("比べる計画の指定が正しくありません");
  });

  it("shows what a rollover would create, then creates it and redirects to the new plan", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("admin");
    const preview = await c.get(`/plans/${plan}/rollover`);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("次年度計画の作成（繰越）");
    expect(preview.body).toContain("計画期間: 令和7年度〜令和9年度（令和6年度を外し、令和9年度を加えます）");
    expect(preview.body).toContain("評価が廃止・完了のため除外する事務事業: 1 件");
    expect(preview.body).toMatch(/<td[^>]*>6-5<\/td><td>文書費<\/td><td>総務課<\/td><td>廃止<\/td>/);
    expect(preview.body).toContain(
      '<td class="num" data-field="after.total"><span class="num">4,012,949</span>',
    );
    expect(preview.body).toContain(`action="/plans/${plan}/rollover"`);
    expect(preview.body).toContain('name="_csrf"');
    expect(preview.body).not.toContain('name="replace"');
    expect(await stored()).toHaveLength(2);

    const done = await c.post(`/plans/${plan}/rollover`, {});
    expect(done.status).toBe(303);
    const created = (await listPlanVersions(t.db)).find((v) => v.city === "小諸市" && v.fiscalYear === 2025);
    // The stable address of the new plan (小諸市 202088, 2025), not its row id.
    expect(done.location).toBe("/cities/202088/plans/2025?notice=rolled-over");
    expect(created).toBeDefined();
    const next = await c.get(done.location ?? "");
    expect(next.status).toBe(200);
    expect(next.body).toContain("小諸市 令和7年度 実施計画");
  });

  it("refuses to roll over onto a stored year unless replacing is ticked", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("admin");
    const before = await listPlanVersions(t.db);
    const page = await c.get(`/plans/${plan}/rollover`);
    expect(page.body).toContain("小諸市 令和7年度の計画は既に登録されています（令和6年度から繰越）");
    expect(page.body).toContain('name="replace"');
    const refused = await c.post(`/plans/${plan}/rollover`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(
      "小諸市の令和7年度（2025年度）の実施計画は既に登録されているため、作成しませんでした。",
    );
    expect(await listPlanVersions(t.db)).toEqual(before);
    const replaced = await c.post(`/plans/${plan}/rollover`, { replace: "on" });
    expect(replaced.status).toBe(303);
    const after = (await listPlanVersions(t.db)).find((v) => v.city === "小諸市" && v.fiscalYear === 2025);
    expect(after?.id).not.toBe(before.find((v) => v.fiscalYear === 2025 && v.city === "小諸市")?.id);
    expect(replaced.location).toBe("/cities/202088/plans/2025?notice=rolled-over");
  });

  it("compares the new plan with the plan it was rolled from and with itself as rolled over", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("viewer");
    const next = (await listPlanVersions(t.db)).find((v) => v.city === "小諸市" && v.fiscalYear === 2025);
    const choices = await c.get(`/plans/${next?.id}/compare`);
    expect(choices.status).toBe(200);
    // Links by stable address (小諸市 202088, 令和7年度 2025); the plan to compare with is still named by its id.
    expect(choices.body).toContain(`href="/cities/202088/plans/2025/compare?with=source"`);
    expect(choices.body).toContain("繰越時の内容と比べる");
    expect(choices.body).toContain(
      `<a href="/cities/202088/plans/2025/compare?with=${plan}">繰越元の小諸市 令和6年度 実施計画と比べる</a>`,
    );

    const years = await c.get(`/plans/${next?.id}/compare?with=${plan}`);
    expect(years.status).toBe(200);
    expect(years.body).toContain("小諸市 令和6年度 実施計画 → 小諸市 令和7年度 実施計画");
    expect(years.body).toContain("削除された事務事業: 1 件");
    expect(years.body).toMatch(
      /<td class="nowrap">6-5<\/td><td>文書費<\/td><td>総務課<\/td>(<td class="num"><span class="num">9,562<\/span><\/td>){3}/,
    );
    expect(years.body).toMatch(
      /data-year="2025">.*?data-field="difference.total"><span class="num">-9,562<\/span>/s,
    );

    // From the earlier plan's side the comparison reads earlier → later all the same.
    const fromOld = await c.get(`/plans/${plan}/compare?with=${next?.id}`);
    expect(fromOld.status).toBe(200);
    expect(fromOld.body).toContain("小諸市 令和6年度 実施計画 → 小諸市 令和7年度 実施計画");
    expect(fromOld.body).toContain("削除された事務事業: 1 件");
    expect(fromOld.body).toContain(`<a href="/cities/202088/plans/2024">小諸市 令和6年度 実施計画</a>`);

    const source = await c.get(`/plans/${next?.id}/compare?with=source`);
    expect(source.status).toBe(200);
    expect(source.body).toContain("小諸市 令和7年度 実施計画（繰越時） → 小諸市 令和7年度 実施計画（現在）");
    expect(source.body).toContain("事務事業と施策に変更はありません。");
  });

  it("shows a script tag from the data escaped on the rollover and comparison pages", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("admin");
    const page = await c.get(`/plans/${other}/rollover`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("<script>alert");
    expect(page.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page.body).toContain("完了");
    const done = await c.post(`/plans/${other}/rollover`, {});
    expect(done.status).toBe(303);
    const created = (await listPlanVersions(t.db)).find(
      (v) => v.city === "駒ヶ根市" && v.fiscalYear === 2025,
    );
    const compare = await c.get(`/plans/${created?.id}/compare?with=${other}`);
    expect(compare.body).not.toContain("<script>alert");
    expect(compare.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });
});
