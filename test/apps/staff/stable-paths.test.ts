import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { loadPlan } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { testBackend } from "../../support/db.ts";
import { SEED_USERS, withSeededDatabase } from "../../support/seed.ts";
import { Client } from "../../support/web-client.ts";

// The staff app's stable addresses (issue 12「Stable addresses」, src/apps/staff/stable-paths.ts): a plan by
// city code and fiscal year, a project by its key, a measure by its code; old numeric addresses answer 308.

const t = withSeededDatabase();

// The seed is 小諸市 (202088) 令和6年度 (2024); 職員研修費 is a project of measure 6-2.
const PLAN = "/cities/202088/plans/2024";
// encodeURIComponent("6-2:職員研修費") worked out by hand: ':' is %3A; 職 U+8077 = E8 81 B7, 員 U+54E1 =
// E5 93 A1, 研 U+7814 = E7 A0 94, 修 U+4FEE = E4 BF AE, 費 U+8CBB = E8 B2 BB in UTF-8.
const TRAINING = `${PLAN}/projects/6-2%3A%E8%81%B7%E5%93%A1%E7%A0%94%E4%BF%AE%E8%B2%BB`;
const MEASURE_62 = `${PLAN}/measures/6-2`;

async function client(who: keyof typeof SEED_USERS = "admin") {
  const c = new Client(createApp({ db: t.db }));
  await c.logIn(SEED_USERS[who].loginName, SEED_USERS[who].password);
  return c;
}

async function rows() {
  const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: t.planVersionId });
  const training = view.projects.find((e) => e.project.name === "職員研修費");
  if (!training) throw new Error("the seed has no 職員研修費");
  return { plan: view.version.id, project: training.id, measure: training.measureId, view };
}

/** The <h1> of a page. */
const heading = (body: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1];

describe(`stable staff addresses (${testBackend})`, () => {
  it("serves the dashboard, a project, a measure and their sub-pages at the stable addresses", async () => {
    const c = await client();
    const ids = await rows();
    const dashboard = await c.get(PLAN);
    expect(dashboard.status).toBe(200);
    expect(heading(dashboard.body)).toBe(heading((await c.get(`/plans/${ids.plan}`)).body));
    // The dashboard links to its measures, downloads and sub-pages by stable address, none by row id.
    expect(dashboard.body).toContain(`href="${MEASURE_62}"`);
    expect(dashboard.body).toContain(`href="${PLAN}/download/xlsx"`);
    expect(dashboard.body).toContain(`href="${PLAN}/review"`);
    expect(dashboard.body).not.toMatch(/href="\/(plans|projects|measures)\/\d/);

    const project = await c.get(TRAINING);
    expect(project.status).toBe(200);
    expect(heading(project.body)).toContain("職員研修費");
    expect(project.body).toContain(`href="${TRAINING}/edit"`);
    expect(project.body).toContain(`href="${MEASURE_62}"`);
    // The form posts to the numeric action (it carries the row's version).
    const edit = await c.get(`${TRAINING}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.body).toContain(`action="/projects/${ids.project}"`);
    expect((await c.get(`${TRAINING}/evaluations/2024`)).status).toBe(200);

    const measure = await c.get(MEASURE_62);
    expect(measure.status).toBe(200);
    expect(measure.body).toContain(`href="${TRAINING}"`);
    expect((await c.get(`${MEASURE_62}/evaluations/2024`)).status).toBe(200);
    expect((await c.get(`${PLAN}/evaluations?year=2024`)).body).toContain(
      `href="${TRAINING}/evaluations/2024"`,
    );
    const review = await c.get(`${PLAN}/review`);
    expect(review.status).toBe(200);
    expect(review.body).toContain(`href="${TRAINING}"`);
    const download = await c.get(`${PLAN}/download/json`);
    expect(download.status).toBe(200);
    expect(JSON.parse(download.body).policies.length).toBeGreaterThan(0);
  });

  it("answers an old numeric address with 308 to the stable one, query kept, while the row exists", async () => {
    const c = await client("viewer");
    const ids = await rows();
    const cases: [string, string][] = [
      [`/plans/${ids.plan}`, PLAN],
      [
        `/plans/${ids.plan}/review?department=${encodeURIComponent("総務課")}`,
        `${PLAN}/review?department=%E7%B7%8F%E5%8B%99%E8%AA%B2`,
      ],
      [`/projects/${ids.project}`, TRAINING],
      [`/projects/${ids.project}/evaluations/2024?notice=saved`, `${TRAINING}/evaluations/2024?notice=saved`],
      [`/measures/${ids.measure}`, MEASURE_62],
      [`/measures/${ids.measure}/evaluations/2024`, `${MEASURE_62}/evaluations/2024`],
    ];
    for (const [old, stable] of cases) {
      const r = await c.get(old, { follow: false });
      expect([r.status, r.location], old).toEqual([308, stable]);
    }
    // Followed, it is the same page.
    const followed = await c.get(`/projects/${ids.project}`);
    expect([followed.status, followed.url]).toEqual([200, TRAINING]);
    // No such row: the numeric route's own 404, no redirect.
    expect((await c.get("/projects/999999", { follow: false })).status).toBe(404);
    expect((await c.get("/plans/999999", { follow: false })).status).toBe(404);
  });

  it("keeps a link taken before a re-import working after it (new row ids, same page)", async () => {
    const c = await client();
    const before = await rows();
    const links = (await c.get(MEASURE_62)).body;
    expect(links).toContain(`href="${TRAINING}"`);

    // Re-import the same city and year: every row gets a new id.
    const plan = await loadPlan(t.db, { cityCode: "202088", fiscalYear: 2024 });
    if (!plan) throw new Error("the seed plan is not stored");
    const again = await importPlan({ db: t.db, city: "202088", fiscalYear: 2024, plan, replace: true });
    expect(again.planVersionId).not.toBe(before.plan);
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: again.planVersionId });
    const training = view.projects.find((e) => e.project.name === "職員研修費");
    expect(training?.id).not.toBe(before.project);

    const project = await c.get(TRAINING);
    expect(project.status).toBe(200);
    expect(heading(project.body)).toContain("職員研修費");
    // The page is the new row's: its edit form posts to the new id.
    expect((await c.get(`${TRAINING}/edit`)).body).toContain(`action="/projects/${training?.id}"`);
    const measure = await c.get(MEASURE_62);
    expect(measure.status).toBe(200);
    expect(heading(measure.body)).toContain("施策6-2");
    expect((await c.get(PLAN)).status).toBe(200);
    // The old numeric addresses name rows that are gone.
    expect((await c.get(`/projects/${before.project}`, { follow: false })).status).toBe(404);
    expect((await c.get(`/plans/${before.plan}`, { follow: false })).status).toBe(404);
  });

  it("answers an unknown city, year, key or code with the Japanese 404 page", async () => {
    const c = await client();
    for (const path of [
      "/cities/202088/plans/2031",
      "/cities/012335/plans/2024",
      "/cities/komoro/plans/2024",
      `${PLAN}/projects/6-2%3A%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84`,
      `${PLAN}/projects/6-2%3A%E8%81%B7%E5%93%A1%E7%A0%94%E4%BF%AE%E8%B2%BB%3A2`,
      `${PLAN}/measures/9-9`,
      `${PLAN}/measures/%E0%A4%A`,
      `${PLAN}/nowhere`,
    ]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).toContain("見つかりません");
    }
  });

  it("escapes a hostile key in the 404 page and a hostile project name in the links", async () => {
    const c = await client();
    const hostile = `${PLAN}/projects/${encodeURIComponent('6-2:<script>alert("x")</script>')}`;
    const r = await c.get(hostile);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain("<script>alert");

    // A project named with markup: its key is percent-encoded in the links and its page opens by it.
    const plan = await loadPlan(t.db, { cityCode: "202088", fiscalYear: 2024 });
    const m62 = plan?.policies.flatMap((p) => p.measures).find((m) => m.code === "6-2");
    const first = m62?.projects.find((p) => p.name === "職員研修費");
    if (!plan || !first) throw new Error("the seed has no 職員研修費 under 6-2");
    first.name = `研修"<b>&'`;
    await importPlan({ db: t.db, city: "202088", fiscalYear: 2024, plan, replace: true });
    // encodeURIComponent leaves ' as it is: 研 E7 A0 94, 修 E4 BF AE, " %22, < %3C, > %3E, & %26.
    const key = "6-2%3A%E7%A0%94%E4%BF%AE%22%3Cb%3E%26'";
    const measure = await c.get(MEASURE_62);
    expect(measure.body).toContain(`href="${PLAN}/projects/${key.replace("'", "&#39;")}"`);
    expect(measure.body).not.toContain("<b>&");
    const page = await c.get(`${PLAN}/projects/${key}`);
    expect(page.status).toBe(200);
    expect(heading(page.body)).toContain("研修&quot;&lt;b&gt;&amp;&#39;");
  });

  it("takes a POST at the stable address and at the numeric one, redirecting to the stable address", async () => {
    const ids = await rows();
    const soumu = await client("soumu");
    await soumu.get(TRAINING);
    const stable = await soumu.post(`${TRAINING}/review`, { action: "submit" });
    expect([stable.status, stable.location]).toEqual([303, `${TRAINING}?notice=submit`]);
    const admin = await client("admin");
    await admin.get(TRAINING);
    const numeric = await admin.post(`/projects/${ids.project}/review`, {
      action: "return",
      comment: "再確認",
    });
    expect([numeric.status, numeric.location]).toEqual([303, `${TRAINING}?notice=return`]);
    // A POST without the CSRF token is refused at the stable address as at any other.
    expect((await admin.post(`${TRAINING}/review`, { action: "submit" }, { csrf: null })).status).toBe(403);
  });

  it("sends a visitor to the login page with the stable address, whether or not it names anything", async () => {
    const anonymous = new Client(createApp({ db: t.db }));
    for (const path of [TRAINING, `${PLAN}/projects/nothing`]) {
      const r = await anonymous.get(path);
      expect([r.status, r.location], path).toEqual([302, `/login?next=${encodeURIComponent(path)}`]);
    }
  });
});
