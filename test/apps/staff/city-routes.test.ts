// Issue 12 through the staff app in process: every role of 小諸市 (A) opening or posting to 上田市's (B)
// pages gets 403 (or 404 where the page names nothing it may show) and a body with nothing of B in it
// (B's data is marked 「上田」, test/support/two-cities.ts); the plans list, the users and the audit log show
// nothing of B; B is unchanged. The public API still serves every city's approved data.
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { planRevision } from "../../../src/db/plans.ts";
import { CITY_REFUSAL } from "../../../src/domain/access.ts";
import { reviewMeasure } from "../../../src/usecases/editing/review-measure.ts";
import { testBackend } from "../../support/db.ts";
import { SEED_USERS, seedBookBytes } from "../../support/seed.ts";
import { B_MARK, CITY_A, CITY_B, PASSWORD_B, ROLE_KEYS, withTwoCities } from "../../support/two-cities.ts";
import { Client } from "../../support/web-client.ts";

const f = withTwoCities();

async function clientOfA(role: (typeof ROLE_KEYS)[number]) {
  const c = new Client(createApp({ db: f.db }));
  await c.logIn(SEED_USERS[role].loginName, SEED_USERS[role].password);
  return c;
}

/** Every page of B, by GET. */
function pagesOfB(): string[] {
  const { a, b } = f;
  const plan = `/plans/${b.planVersionId}`;
  return [
    plan,
    `${plan}/diagnostics`,
    `${plan}/review`,
    `${plan}/evaluations`,
    `${plan}/evaluations?year=2024`,
    `${plan}/download/json`,
    `${plan}/download/html`,
    `${plan}/download/xlsx`,
    `${plan}/download/pdf`,
    `${plan}/opendata/projects.csv`,
    `${plan}/rollover`,
    `${plan}/compare`,
    `${plan}/compare?with=source`,
    `/plans/${a.planVersionId}/compare?with=${b.planVersionId}`,
    `/projects/${b.projectId}`,
    `/projects/${b.projectId}/edit`,
    `/projects/${b.projectId}/evaluations/2024`,
    `/projects/${b.projectId}/evaluations/2024/edit`,
    `/measures/${b.measureId}`,
    `/measures/${b.measureId}/edit`,
    `/measures/${b.measureId}/evaluations/2024`,
    `/measures/${b.measureId}/evaluations/2024/edit`,
    `/delete?city=${CITY_B}&year=2024`,
    `/delete?city=${encodeURIComponent("上田市")}`,
  ];
}

/** Every form of B, by POST, with what a real form would send. */
function formsOfB(): [string, Record<string, string> | FormData][] {
  const { b } = f;
  const upload = new FormData();
  upload.set("city", CITY_B);
  upload.set("fiscalYear", "2024");
  const book = seedBookBytes().toString("utf8").replaceAll("小諸", "上田");
  upload.set("file", new File([book], "ueda-2024.txt", { type: "text/plain" }));
  return [
    [`/projects/${b.projectId}`, { version: "1", name: "乗っ取り", purpose: "書き換え" }],
    [`/projects/${b.projectId}/review`, { action: "submit" }],
    [`/projects/${b.projectId}/review`, { action: "approve" }],
    [`/measures/${b.measureId}`, { version: "1", currentIssues: "書き換え" }],
    [`/measures/${b.measureId}/review`, { action: "submit" }],
    [`/measures/${b.measureId}/review`, { action: "approve" }],
    [`/projects/${b.projectId}/evaluations/2024`, { version: "1", "settled.2024": "100" }],
    [`/projects/${b.projectId}/evaluations/2024/review`, { action: "submit" }],
    [`/projects/${b.projectId}/evaluations/2024/review`, { action: "approve" }],
    [`/measures/${b.measureId}/evaluations/2024`, { version: "1" }],
    [`/measures/${b.measureId}/evaluations/2024/review`, { action: "submit" }],
    [`/plans/${b.planVersionId}/rollover`, { replace: "on" }],
    ["/delete", { city: CITY_B, year: "2024", confirm: "yes" }],
    ["/delete", { city: CITY_B, year: "", confirm: "yes" }],
    ["/import", upload],
    [
      "/import/confirm",
      {
        city: CITY_B,
        fiscalYear: "2024",
        fileName: "ueda-2024.txt",
        data: Buffer.from(book).toString("base64"),
        replace: "",
      },
    ],
    [
      "/users",
      {
        loginName: "ueda-intruder",
        displayName: "侵入",
        password: "intruder-pass-01",
        role: "admin",
        department: "",
        cities: CITY_B,
      },
    ],
  ];
}

describe(`another city's pages (${testBackend})`, { timeout: 300_000 }, () => {
  for (const role of ROLE_KEYS) {
    it(`${role} of 小諸市 opens none of 上田市's pages, and sees nothing of it`, async () => {
      const c = await clientOfA(role);
      for (const path of pagesOfB()) {
        const r = await c.get(path);
        expect([path, [403, 404].includes(r.status)]).toEqual([path, true]);
        expect(r.body.includes(B_MARK), path).toBe(false);
      }
      // The plan's own page gives the one city refusal.
      const plan = await c.get(`/plans/${f.b.planVersionId}`);
      expect([plan.status, plan.body.includes(CITY_REFUSAL)]).toEqual([403, true]);
      // The list, the start page and the pages of A say nothing of B.
      const list = await c.get("/plans");
      expect(list.body.includes(B_MARK)).toBe(false);
      // Plans are linked by their stable addresses: 小諸市 202088, 上田市 202037, 令和6年度.
      expect(list.body).toContain(`href="/cities/202088/plans/2024"`);
      expect(list.body).not.toContain("/cities/202037/");
      expect((await c.get("/")).location).toBe("/cities/202088/plans/2024");
      for (const path of [`/plans/${f.a.planVersionId}`, "/users", "/audit", "/import"]) {
        const r = await c.get(path);
        expect(r.body.includes(B_MARK), path).toBe(false);
        expect(r.body.includes("上田市"), path).toBe(false);
      }
    });

    it(`${role} of 小諸市 posts none of 上田市's forms, and 上田市 is unchanged`, async () => {
      const before = await planRevision(f.db, f.b.planVersionId);
      const c = await clientOfA(role);
      for (const [path, form] of formsOfB()) {
        const r = await c.post(path, form);
        expect([path, [403, 404].includes(r.status)]).toEqual([path, true]);
        expect(r.body.includes(B_MARK), path).toBe(false);
      }
      expect(await planRevision(f.db, f.b.planVersionId)).toEqual(before);
      const b = new Client(createApp({ db: f.db }));
      await b.logIn(`ueda-${SEED_USERS.admin.loginName}`, PASSWORD_B);
      const users = await b.get("/users");
      expect(users.body).not.toContain("ueda-intruder");
    });
  }

  it("shows the city's name, prefecture and population on its dashboard and in the list", async () => {
    const c = await clientOfA("viewer");
    const dashboard = await c.get(`/plans/${f.a.planVersionId}`);
    expect(dashboard.body).toContain("長野県 小諸市（202088）・人口: 未登録");
    const b = new Client(createApp({ db: f.db }));
    await b.logIn(`ueda-${SEED_USERS.viewer.loginName}`, PASSWORD_B);
    const list = await b.get("/plans");
    expect(list.body).toContain("長野県 上田市（202037）・人口: 未登録");
    expect(list.body).not.toContain("小諸市");
  });

  it("leaves the public API as it was: approved data of every city, to anyone", async () => {
    await reviewMeasure({ db: f.db, actor: f.b.actors.admin, measureId: f.b.measureId, action: "submit" });
    await reviewMeasure({ db: f.db, actor: f.b.actors.admin, measureId: f.b.measureId, action: "approve" });
    const anonymous = new Client(createApp({ db: f.db }));
    const api = await anonymous.get(`/api/v1/cities/${CITY_B}/plans/2024/measures`);
    expect(api.status).toBe(200);
    expect((JSON.parse(api.body) as { code: string }[]).map((m) => m.code)).toEqual(["6-5"]);
    // 小諸市 has nothing approved: not public.
    expect((await anonymous.get(`/api/v1/cities/${CITY_A}/plans/2024/measures`)).status).toBe(404);
  });
});
