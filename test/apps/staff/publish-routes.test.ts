import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { testBackend } from "../../support/db.ts";
import { SEED_USERS, withSeededDatabase } from "../../support/seed.ts";
import { Client } from "../../support/web-client.ts";

// The staff routes of issue 11's publication part, in process: the review of a measure
// (POST /measures/:id/review) and the deletion of a plan year or a city (/delete).

const t = withSeededDatabase();

async function client(who: keyof typeof SEED_USERS) {
  const c = new Client(createApp({ db: t.db }));
  await c.logIn(SEED_USERS[who].loginName, SEED_USERS[who].password);
  return c;
}

async function measure65() {
  const view = await readPlan({ db: t.db, actor: t.admin, planVersionId: t.planVersionId });
  const m = view.measures.find((e) => e.measure.code === "6-5");
  if (!m) throw new Error("no 6-5");
  return m;
}

describe(`publication routes (${testBackend})`, () => {
  it("moves a measure through submit and approve from its page; then the public API serves it", async () => {
    const { id } = await measure65();
    const soumu = await client("soumu");
    const page = await soumu.get(`/measures/${id}`);
    expect(page.body).toContain("作成中");
    expect(page.body).toContain("提出する");
    const submitted = await soumu.post(`/measures/${id}/review`, { action: "submit" });
    expect([submitted.status, submitted.location]).toEqual([
      303,
      "/cities/202088/plans/2024/measures/6-5?notice=submit",
    ]);

    const kikaku = await client("kikaku");
    await kikaku.get(`/measures/${id}`);
    expect((await kikaku.post(`/measures/${id}/review`, { action: "approve" })).status).toBe(403);
    expect((await soumu.post(`/measures/${id}/review`, { action: "approve" })).status).toBe(403);
    expect((await soumu.post(`/measures/${id}/review`, { action: "approve" }, { csrf: null })).status).toBe(
      403,
    );

    const admin = await client("admin");
    const forAdmin = await admin.get(`/measures/${id}`);
    expect(forAdmin.body).toContain("提出済");
    expect(forAdmin.body).toContain("承認する");
    expect((await admin.post(`/measures/${id}/review`, { action: "nope" })).status).toBe(400);
    expect((await admin.post(`/measures/${id}/review`, { action: "approve" })).status).toBe(303);
    expect((await measure65()).reviewState).toBe("approved");
    const api = await admin.get(`/api/v1/cities/202088/plans/2024/measures`);
    expect(api.status).toBe(200);
    expect((JSON.parse(api.body) as { code: string }[]).map((m) => m.code)).toEqual(["6-5"]);
  });

  it("asks before deleting a plan year, naming what goes, and deletes it only for 管理者", async () => {
    const path = `/delete?city=${encodeURIComponent("小諸市")}&year=${encodeURIComponent("令和6年度")}`;
    const anonymous = new Client(createApp({ db: t.db }));
    expect((await anonymous.get(path)).status).toBe(302);
    const soumu = await client("soumu");
    const refused = await soumu.get(path);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("実施計画・市町村の削除は管理者だけが行えます。");

    const admin = await client("admin");
    const confirm = await admin.get(path);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain("小諸市 2024年度の削除");
    // The seed: 政策 1, 施策 5, 事務事業 45, no evaluation sheet.
    for (const [what, n] of [
      ["政策", 1],
      ["施策", 5],
      ["事務事業", 45],
      ["評価シート（事務事業評価・施策評価）", 0],
    ] as const) {
      expect(confirm.body).toMatch(
        new RegExp(`<th scope="row">${what.replace(/[()（）]/g, ".")}</th><td class="num">${n}件</td>`),
      );
    }

    const unconfirmed = await admin.post("/delete", { city: "小諸市", year: "2024" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain("小諸市 2024年度を削除するには、確認が必要です。");
    expect((await soumu.post("/delete", { city: "小諸市", year: "2024", confirm: "yes" })).status).toBe(403);
    expect((await listPlanVersions(t.db)).length).toBe(1);

    const done = await admin.post("/delete", { city: "小諸市", year: "2024", confirm: "yes" });
    expect(done.status).toBe(200);
    expect(done.body).toContain("小諸市 2024年度を削除しました");
    expect(await listPlanVersions(t.db)).toEqual([]);
    expect((await admin.get(`/plans/${t.planVersionId}`)).status).toBe(404);
    expect((await admin.get(path)).status).toBe(404);
    const bad = await admin.get(`/delete?city=${encodeURIComponent("小諸市")}&year=x`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("年度「x」を読めません（例: 2024 または 令和6年度）。");
  });

  it("links each plan of the list to its deletion page for 管理者 only", async () => {
    const link = `href="/delete?city=202088&amp;year=2024"`;
    expect((await (await client("admin")).get("/plans")).body).toContain(link);
    for (const who of ["soumu", "kikaku", "viewer"] as const) {
      const list = await (await client(who)).get("/plans");
      expect(list.status).toBe(200);
      expect(list.body).not.toContain("/delete?");
    }
  });
});
