import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions, loadPlan } from "../../../src/db/plans.ts";
import type { Project } from "../../../src/domain/plan/model.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { readProjectEvaluation } from "../../../src/usecases/evaluation/list-evaluations.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { addUser, type NewUser } from "../../../src/usecases/staff/manage-users.ts";
import { codeOf } from "../../support/cities.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import { Client } from "../../support/web-client.ts";

// The routes of the evaluation sheets, in process (app.request) on a real database: refused without a
// login or a CSRF token, unknown ids and years, bad input kept in the form, escaping, and a department
// user refused on another department's sheet (page and forged POST).

const t = withTestDatabase();

const PASSWORD = "evaluation-route-pass";
// 職員研修費 (measure 6-2 of 小諸市 202088, 2024) by its stable address: ':' is %3A; 職 E8 81 B7, 員 E5 93 A1,
// 研 E7 A0 94, 修 E4 BF AE, 費 E8 B2 BB in UTF-8.
const TRAINING = "/cities/202088/plans/2024/projects/6-2%3A%E8%81%B7%E5%93%A1%E7%A0%94%E4%BF%AE%E8%B2%BB";
let ids: {
  plan: number;
  training: number;
  documents: number;
  budgetOnly: number;
  planning: number;
  m65: number;
  m62: number;
};

const K = {
  rating: (a: string, side = "self") => `evaluations.2024.${side}.aspects.${a}.rating`,
  reason: (a: string, side = "self") => `evaluations.2024.${side}.aspects.${a}.reason`,
  outlook: (side = "self") => `evaluations.2024.${side}.outlook`,
  changes: "evaluations.2024.self.changes",
  comment: "evaluations.2024.secondary.comment",
  settled: "settled.2024",
  actual: (n: number) => `activityIndicators.${n}.actual.2024`,
};

/** The sheet of 職員研修費 (令和6年度) as the 総務課 would send it. */
function trainingForm(version: number, more: Record<string, string> = {}): Record<string, string> {
  return {
    version: String(version),
    [K.rating("necessity")]: "A",
    [K.reason("necessity")]: "職員の育成は市の責務である。",
    [K.rating("effectiveness")]: "B",
    [K.reason("effectiveness")]: "",
    [K.rating("efficiency")]: "B",
    [K.reason("efficiency")]: "",
    [K.rating("equity")]: "A",
    [K.reason("equity")]: "",
    [K.outlook()]: "continue",
    [K.changes]: "",
    [K.settled]: "1,398",
    [K.actual(0)]: "実施",
    [K.actual(1)]: "",
    ...more,
  };
}

async function storedTraining(): Promise<Project> {
  const stored = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
  return stored?.policies[0]?.measures[1]?.projects.find((p) => p.name === "職員研修費") as Project;
}

describe(`evaluation routes (${testBackend})`, () => {
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    const users: NewUser[] = [
      {
        loginName: "admin",
        displayName: "企画 花子",
        password: PASSWORD,
        role: "admin",
        department: null,
        cities: ["202088"],
      },
      {
        loginName: "soumu",
        displayName: "総務 太郎",
        password: PASSWORD,
        role: "department",
        department: "総務課",
        cities: ["202088"],
      },
      {
        loginName: "kikaku",
        displayName: "企画 次郎",
        password: PASSWORD,
        role: "department",
        department: "企画課",
        cities: ["202088"],
      },
      {
        loginName: "viewer",
        displayName: "閲覧 三郎",
        password: PASSWORD,
        role: "viewer",
        department: null,
        cities: ["202088"],
      },
    ];
    for (const user of users) await addUser({ db: t.db, actor: COMMAND_LINE, user });
    const [version] = await listPlanVersions(t.db);
    if (!version) throw new Error("the seed was not stored");
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: version.id });
    const project = (name: string) => {
      const p = view.projects.find((e) => e.project.name === name);
      if (!p) throw new Error(`seed has no ${name}`);
      return p.id;
    };
    const measure = (code: string) => {
      const m = view.measures.find((e) => e.measure.code === code);
      if (!m) throw new Error(`seed has no ${code}`);
      return m.id;
    };
    ids = {
      plan: version.id,
      training: project("職員研修費"),
      documents: project("文書費"),
      budgetOnly: project("一般管理費人件費"),
      planning: project("行政経営事業"),
      m65: measure("6-5"),
      m62: measure("6-2"),
    };
    app = createApp({ db: t.db });
  });

  const getRoutes = () => [
    `/plans/${ids.plan}/evaluations`,
    `/projects/${ids.training}/evaluations/2024`,
    `/projects/${ids.training}/evaluations/2024/edit`,
    `/measures/${ids.m65}/evaluations/2024`,
    `/measures/${ids.m65}/evaluations/2024/edit`,
    "/project-evaluations/1",
    "/measure-evaluations/1",
  ];
  const postRoutes = () => [
    `/projects/${ids.training}/evaluations/2024`,
    `/projects/${ids.training}/evaluations/2024/review`,
    `/measures/${ids.m65}/evaluations/2024`,
    `/measures/${ids.m65}/evaluations/2024/review`,
  ];

  it("without a login every page redirects to the login page and every write is refused", async () => {
    const anon = new Client(app, PASSWORD);
    for (const path of getRoutes()) {
      const r = await anon.get(path);
      expect(r.status, path).toBe(302);
      expect(r.location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    await anon.get("/login");
    for (const path of postRoutes()) {
      const forged = await anon.post(path, trainingForm(1), { csrf: null });
      expect(forged.status, path).toBe(403);
      const r = await anon.post(path, { ...trainingForm(1), action: "submit" });
      expect(r.status, path).toBe(401);
      expect(r.body).toContain("ログインしてください。");
    }
    expect((await storedTraining()).evaluations).toBeUndefined();
  });

  it("a logged-in user with a wrong or missing CSRF token is refused on every write", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("admin");
    for (const path of postRoutes()) {
      expect(
        (await c.post(path, { ...trainingForm(1), action: "submit" }, { csrf: "wrong" })).status,
        path,
      ).toBe(403);
      expect(
        (await c.post(path, { ...trainingForm(1), action: "submit" }, { csrf: null })).status,
        path,
      ).toBe(403);
    }
    expect((await storedTraining()).settled).toBeUndefined();
  });

  it("unknown or malformed ids and years are 404 in Japanese, a budget-only project has no sheet", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("admin");
    const paths = [
      "/projects/999999/evaluations/2024",
      "/projects/abc/evaluations/2024",
      "/projects/-1/evaluations/2024/edit",
      `/projects/${ids.training}/evaluations/2030`,
      `/projects/${ids.training}/evaluations/2023/edit`,
      `/projects/${ids.training}/evaluations/R6`,
      `/projects/${ids.training}/evaluations/20245`,
      `/projects/${ids.budgetOnly}/evaluations/2024`,
      "/measures/999999/evaluations/2024",
      `/measures/${ids.m65}/evaluations/1999/edit`,
      "/plans/999999/evaluations",
      `/plans/${ids.plan}/evaluations?year=2030`,
      `/plans/${ids.plan}/evaluations?year=abc`,
      "/project-evaluations/999999",
      "/measure-evaluations/abc",
    ];
    for (const path of paths) {
      const r = await c.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).toMatch(/登録されていません|見つかりません|ではありません|シートはありません/);
    }
    expect((await c.get(`/projects/${ids.training}/evaluations/2030`)).body).toContain(
      "令和12年度は、この実施計画の年度（令和6年度〜令和8年度）ではありません。",
    );
    expect((await c.get(`/projects/${ids.budgetOnly}/evaluations/2024`)).body).toContain(
      "「一般管理費人件費」は予算のみの掲載の事業（事業シートなし）のため、事務事業評価のシートはありません。",
    );
    for (const path of [
      "/projects/999999/evaluations/2024",
      `/projects/${ids.training}/evaluations/2031`,
      "/projects/999999/evaluations/2024/review",
      `/measures/999999/evaluations/2024`,
      `/measures/${ids.m65}/evaluations/2031/review`,
    ]) {
      const r = await c.post(path, { ...trainingForm(1), action: "submit" });
      expect(r.status, path).toBe(404);
    }
  });

  it("shows the sheet: budget, 一般財源, activity targets, empty evaluations, and the edit button by role", async () => {
    const admin = new Client(app, PASSWORD);
    await admin.logIn("admin");
    const page = await admin.get(`/projects/${ids.training}/evaluations/2024`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("事務事業評価シート: 職員研修費");
    expect(page.body).toContain("令和6年度（2024年度）の評価");
    expect(page.body).toContain('<td class="num" data-field="total"><span class="num">1,443</span></td>');
    expect(page.body).toContain(
      '<td class="num" data-field="generalRevenue"><span class="num">1,443</span></td>',
    );
    expect(page.body).toContain('<td class="num" data-field="settled"><span class="num">—</span></td>');
    expect(page.body).toContain('<td class="num" data-field="executionRate">—</td>');
    expect(page.body).toContain("人材育成基本方針の見直し");
    expect(page.body).toContain("実施する");
    expect(page.body).toContain("二次評価はまだありません。");
    expect(page.body).toContain("評価シートを編集する");
    const viewer = new Client(app, PASSWORD);
    await viewer.logIn("viewer");
    const read = await viewer.get(`/projects/${ids.training}/evaluations/2024`);
    expect(read.status).toBe(200);
    expect(read.body).not.toContain(`/projects/${ids.training}/evaluations/2024/edit`);
    expect(read.body).not.toContain("提出する");
    expect((await viewer.get(`/projects/${ids.training}/evaluations/2024/edit`)).status).toBe(403);
  });

  it("the 総務課 user fills in the sheet with radio buttons; the page shows 決算額, 執行率 and achievement", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("soumu");
    const form = await c.get(`/projects/${ids.training}/evaluations/2024/edit`);
    expect(form.status).toBe(200);
    expect(form.body).toContain(`type="radio" name="${K.rating("necessity")}" value="A"`);
    expect(form.body).toContain(`type="radio" name="${K.outlook()}" value="abolish"`);
    expect(form.body).toContain(`name="${K.settled}"`);
    // The 二次評価 is not a field for the department.
    expect(form.body).not.toContain(`name="${K.outlook("secondary")}"`);
    expect(form.body).toContain("二次評価は管理者（企画・財政担当）が入力します。");
    const r = await c.post(`/projects/${ids.training}/evaluations/2024`, trainingForm(1));
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${TRAINING}/evaluations/2024?notice=saved`);
    const page = await c.get(r.location as string);
    expect(page.body).toContain("保存しました。");
    expect(page.body).toContain('<td class="num" data-field="settled"><span class="num">1,398</span></td>');
    // 1,398 ÷ 1,443 = 96.88… %.
    expect(page.body).toContain('<td class="num" data-field="executionRate">96.9%</td>');
    // 「実施」 against 「実施する」 is met; a text target has no rate.
    expect(page.body).toMatch(
      /人材育成基本方針の見直し<\/th><td><\/td><td class="num">実施する<\/td><td class="num">実施<\/td><td>達成<\/td><td class="num">—<\/td>/,
    );
    expect(page.body).toContain("A（高い・適切）");
    expect(page.body).toContain("継続");
    expect(page.body).toContain("令和6年度 一次評価 必要性");
    const stored = await storedTraining();
    expect(stored.settled).toEqual({ "2024": 1398 });
    expect(stored.evaluations?.["2024"]?.self.outlook).toBe("continue");
    // A forged 二次評価 from the department is refused by the use case, naming the fields: the stored
    // (none) is kept.
    const forged = await c.post(`/projects/${ids.training}/evaluations/2024`, {
      ...trainingForm(2),
      [K.outlook("secondary")]: "abolish",
      [K.comment]: "廃止すべき",
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain(
      "二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: 令和6年度 二次評価 今後の方向性、令和6年度 二次評価 コメント）。",
    );
    expect((await storedTraining()).evaluations?.["2024"]?.secondary).toBe(null);
    // The form as the department gets it (no 二次評価 fields) still saves.
    const again = await c.post(`/projects/${ids.training}/evaluations/2024`, trainingForm(2));
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${TRAINING}/evaluations/2024?notice=unchanged`);
  });

  it("a negative 決算額 or a C without a reason is refused naming the field, and what was typed is shown again", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("soumu");
    await c.get(`/projects/${ids.training}/evaluations/2024/edit`);
    const negative = await c.post(
      `/projects/${ids.training}/evaluations/2024`,
      trainingForm(2, {
        [K.settled]: "-1398",
        [K.reason("efficiency")]: "入力途中の理由",
        [K.actual(1)]: "12回",
      }),
    );
    expect(negative.status).toBe(400);
    expect(negative.body).toContain("令和6年度の決算額: 0 以上の金額を入力してください。");
    expect(negative.body).toContain('value="-1398"');
    expect(negative.body).toContain("入力途中の理由");
    expect(negative.body).toContain('value="12回"');
    const rule = await c.post(
      `/projects/${ids.training}/evaluations/2024`,
      trainingForm(2, { [K.rating("efficiency")]: "C", [K.outlook()]: "reduce" }),
    );
    expect(rule.status).toBe(400);
    expect(rule.body).toContain("一次評価の効率性を C とした理由を入力してください。");
    expect(rule.body).toContain("一次評価で今後の方向性を「縮小」とする場合は、改善内容を入力してください。");
    expect(rule.body).toContain(`href="#f-evaluations-2024-self-aspects-efficiency-reason"`);
    expect(rule.body).toMatch(
      new RegExp(`name="${K.outlook().replace(/\./g, "\\.")}" value="reduce" checked`),
    );
    const bad = await c.post(
      `/projects/${ids.training}/evaluations/2024`,
      trainingForm(2, { [K.rating("equity")]: "D" }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("一次評価の公平性は A・B・C から選んでください。");
    expect((await storedTraining()).settled).toEqual({ "2024": 1398 });
  });

  it("a script tag typed into a reason is stored as typed and shown escaped everywhere", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("soumu");
    await c.get(`/projects/${ids.training}/evaluations/2024/edit`);
    const script = `<script>alert("x")</script>`;
    const r = await c.post(
      `/projects/${ids.training}/evaluations/2024`,
      trainingForm(2, { [K.reason("effectiveness")]: script }),
    );
    expect(r.status).toBe(303);
    const admin = new Client(app, PASSWORD);
    await admin.logIn("admin");
    for (const path of [
      `/projects/${ids.training}/evaluations/2024`,
      `/projects/${ids.training}/evaluations/2024/edit`,
      "/audit",
    ]) {
      const page = await admin.get(path);
      expect(page.body, path).not.toContain("<script>alert");
      expect(page.body, path).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    }
    expect((await storedTraining()).evaluations?.["2024"]?.self.aspects.effectiveness.reason).toBe(script);
  });

  it("a department user is refused on another department's sheet: the form page and forged POSTs", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("kikaku");
    const before = await storedTraining();
    // Reading is allowed, without the edit or submit buttons.
    const page = await c.get(`/projects/${ids.training}/evaluations/2024`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("評価と実績を入力する");
    expect(page.body).not.toContain('value="submit"');
    const edit = await c.get(`/projects/${ids.training}/evaluations/2024/edit`);
    expect(edit.status).toBe(403);
    expect(edit.body).toContain("「職員研修費」は総務課の事務事業のため、評価シートを編集できません。");
    const forged = await c.post(
      `/projects/${ids.training}/evaluations/2024`,
      trainingForm(3, { [K.settled]: "1" }),
    );
    expect(forged.status).toBe(403);
    expect(forged.body).toContain("「職員研修費」は総務課の事務事業のため、評価シートを編集できません。");
    const submit = await c.post(`/projects/${ids.training}/evaluations/2024/review`, { action: "submit" });
    expect(submit.status).toBe(403);
    const approve = await c.post(`/projects/${ids.training}/evaluations/2024/review`, { action: "approve" });
    expect(approve.status).toBe(403);
    // The measure 6-5 is led by 総務課.
    expect((await c.get(`/measures/${ids.m65}/evaluations/2024/edit`)).status).toBe(403);
    expect(
      (
        await c.post(`/measures/${ids.m65}/evaluations/2024`, {
          version: "1",
          "evaluations.2024.self.rating": "A",
        })
      ).status,
    ).toBe(403);
    expect(await storedTraining()).toEqual(before);
    // Their own project is theirs to evaluate.
    expect((await c.get(`/projects/${ids.planning}/evaluations/2024/edit`)).status).toBe(200);
  });

  it("a stale form is refused with the differences, keeping what was typed", async () => {
    const admin = new Client(app, PASSWORD);
    await admin.logIn("admin");
    const opened = await admin.get(`/projects/${ids.training}/evaluations/2024/edit`);
    const version = /name="version" value="(\d+)"/.exec(opened.body)?.[1] ?? "";
    const soumu = new Client(app, PASSWORD);
    await soumu.logIn("soumu");
    await soumu.get(`/projects/${ids.training}/evaluations/2024/edit`);
    expect(
      (
        await soumu.post(
          `/projects/${ids.training}/evaluations/2024`,
          trainingForm(Number(version), { [K.settled]: "1400" }),
        )
      ).status,
    ).toBe(303);
    const r = await admin.post(
      `/projects/${ids.training}/evaluations/2024`,
      trainingForm(Number(version), {
        [K.reason("effectiveness")]: `<script>alert("x")</script>`,
        [K.rating("necessity", "secondary")]: "B",
        [K.comment]: "管理者の入力途中のコメント",
      }),
    );
    expect(r.status).toBe(409);
    expect(r.body).toContain("この評価シートは、あなたが編集を始めた後に他の人が保存しました。");
    expect(r.body).toContain("他の人の変更");
    expect(r.body).toContain("令和6年度 決算額");
    expect(r.body).toContain("管理者の入力途中のコメント");
    expect(r.body).toContain(`name="version" value="${Number(version) + 1}"`);
    expect((await storedTraining()).settled).toEqual({ "2024": 1400 });
  });

  it("runs the workflow from the page: submit, 二次評価 while 提出済, approve, return with a comment", async () => {
    const soumu = new Client(app, PASSWORD);
    await soumu.logIn("soumu");
    const page = await soumu.get(`/projects/${ids.training}/evaluations/2024`);
    expect(page.body).toContain('value="submit"');
    const submitted = await soumu.post(`/projects/${ids.training}/evaluations/2024/review`, {
      action: "submit",
    });
    expect(submitted.status).toBe(303);
    expect(submitted.location).toBe(`${TRAINING}/evaluations/2024?notice=submit`);
    // Submitted: the department's form says so at once, its inputs disabled (issue 11, finding 6).
    const closed = await soumu.get(`/projects/${ids.training}/evaluations/2024/edit`);
    expect(closed.status).toBe(200);
    expect(closed.body).toContain("この評価シートは提出済のため編集できません。");
    expect(closed.body).toContain('<fieldset class="fieldset-plain" disabled="">');

    const admin = new Client(app, PASSWORD);
    await admin.logIn("admin");
    const form = await admin.get(`/projects/${ids.training}/evaluations/2024/edit`);
    expect(form.status).toBe(200);
    expect(form.body).toContain("入力できるのは二次評価だけです。");
    expect(form.body).not.toContain(`name="${K.settled}"`);
    const version = Number(/name="version" value="(\d+)"/.exec(form.body)?.[1]);
    const secondary = {
      version: String(version),
      [K.rating("necessity", "secondary")]: "A",
      [K.rating("effectiveness", "secondary")]: "B",
      [K.rating("efficiency", "secondary")]: "B",
      [K.rating("equity", "secondary")]: "A",
      [K.outlook("secondary")]: "improve",
      [K.comment]: "効果測定を取り入れること。",
    };
    // Refused: the 一次評価 part (here the 決算額) is shown read-only while 提出済; nothing is saved.
    const forged = await admin.post(`/projects/${ids.training}/evaluations/2024`, {
      ...secondary,
      [K.settled]: "1",
    });
    expect(forged.status).toBe(409);
    expect(forged.body).toContain(
      "この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: 令和6年度 決算額）。",
    );
    expect((await storedTraining()).settled).toEqual({ "2024": 1400 });
    expect((await storedTraining()).evaluations?.["2024"]?.secondary).toBe(null);
    const saved = await admin.post(`/projects/${ids.training}/evaluations/2024`, secondary);
    expect(saved.status).toBe(303);
    const after = await storedTraining();
    expect(after.settled).toEqual({ "2024": 1400 });
    expect(after.evaluations?.["2024"]?.secondary?.outlook).toBe("improve");
    const shown = await admin.get(`/projects/${ids.training}/evaluations/2024`);
    expect(shown.body).toContain('id="secondary-outlook">改善</td>');
    expect(shown.body).toContain('value="approve"');
    const noComment = await admin.post(`/projects/${ids.training}/evaluations/2024/review`, {
      action: "return",
      comment: "",
    });
    expect(noComment.status).toBe(400);
    expect(noComment.body).toContain("差戻しの理由を入力してください。");
    expect(
      (await admin.post(`/projects/${ids.training}/evaluations/2024/review`, { action: "approve" })).location,
    ).toBe(`${TRAINING}/evaluations/2024?notice=approve`);
    expect(
      (await admin.post(`/projects/${ids.training}/evaluations/2024/review`, { action: "delete" })).status,
    ).toBe(400);
    const returned = await admin.post(`/projects/${ids.training}/evaluations/2024/review`, {
      action: "return",
      comment: "<b>決算額</b>を確認してください。",
    });
    expect(returned.status).toBe(303);
    const back = await soumu.get(`/projects/${ids.training}/evaluations/2024`);
    expect(back.body).toContain("差戻しコメント:");
    expect(back.body).toContain("&lt;b&gt;決算額&lt;/b&gt;を確認してください。");
    expect(back.body).toContain("評価と実績を入力する");
    // The 二次評価-only form the administrator opened while 提出済, sent after the return: refused as stale,
    // and neither that nor saving it again empties the 一次評価 that was not on the page.
    const secondaryOnly = {
      version: String(version),
      [K.rating("necessity", "secondary")]: "A",
      [K.rating("effectiveness", "secondary")]: "B",
      [K.rating("efficiency", "secondary")]: "A",
      [K.rating("equity", "secondary")]: "A",
      [K.outlook("secondary")]: "improve",
      [K.comment]: "効果測定を取り入れること。",
    };
    const stale = await admin.post(`/projects/${ids.training}/evaluations/2024`, secondaryOnly);
    expect(stale.status).toBe(409);
    expect(stale.body).toContain("職員の育成は市の責務である。");
    const current = /name="version" value="(\d+)"/.exec(stale.body)?.[1] ?? "";
    const resaved = await admin.post(`/projects/${ids.training}/evaluations/2024`, {
      ...secondaryOnly,
      version: current,
    });
    expect(resaved.status).toBe(303);
    const kept = (await storedTraining()).evaluations?.["2024"];
    expect(kept?.self.aspects.necessity).toEqual({ rating: "A", reason: "職員の育成は市の責務である。" });
    expect(kept?.self.outlook).toBe("continue");
    expect(kept?.secondary?.aspects.efficiency.rating).toBe("A");
    // The audit log names the sheet by its row: that address leads to the sheet.
    const sheetId = (
      await readProjectEvaluation({
        db: t.db,
        actor: COMMAND_LINE,
        projectId: ids.training,
        fiscalYear: 2024,
      })
    ).state.id;
    const link = await admin.get(`/project-evaluations/${sheetId}`);
    expect(link.status).toBe(302);
    expect(link.location).toBe(`${TRAINING}/evaluations/2024`);
  });

  it("a submit of a sheet whose 一次評価 is not done shows the form with what is missing", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("soumu");
    await c.get(`/projects/${ids.documents}/evaluations/2024`);
    const r = await c.post(`/projects/${ids.documents}/evaluations/2024/review`, { action: "submit" });
    expect(r.status).toBe(400);
    expect(r.body).toContain("一次評価が済んでいないため提出できません。");
    expect(r.body).toContain(
      `href="#f-evaluations-2024-self-aspects-necessity-rating">一次評価の必要性を選んでください。</a>`,
    );
    expect(r.body).toContain("一次評価の今後の方向性を選んでください。");
    expect(r.body).toContain(`id="f-evaluations-2024-self-aspects-necessity-rating"`);
  });

  it("the measure sheet: the 主管課 writes its 一次評価, the page lists its projects' sheets", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("soumu");
    const form = await c.get(`/measures/${ids.m65}/evaluations/2024/edit`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('type="radio" name="evaluations.2024.self.rating" value="B"');
    const bad = await c.post(`/measures/${ids.m65}/evaluations/2024`, {
      version: "1",
      "evaluations.2024.self.rating": "C",
      "evaluations.2024.self.assessment": "",
      "evaluations.2024.self.nextSteps": "<i>次</i>",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("一次評価で施策の進捗を C とした場合は、成果と課題を入力してください。");
    expect(bad.body).toContain("&lt;i&gt;次&lt;/i&gt;");
    const r = await c.post(`/measures/${ids.m65}/evaluations/2024`, {
      version: "1",
      "evaluations.2024.self.rating": "B",
      "evaluations.2024.self.assessment": "文書管理は順調である。",
      "evaluations.2024.self.nextSteps": "",
    });
    expect(r.status).toBe(303);
    const page = await c.get(`/measures/${ids.m65}/evaluations/2024`);
    expect(page.body).toContain("B（概ね順調）");
    // 文書費 of measure 6-5: 文 E6 96 87, 書 E6 9B B8, 費 E8 B2 BB in UTF-8.
    expect(page.body).toContain(
      'href="/cities/202088/plans/2024/projects/6-5%3A%E6%96%87%E6%9B%B8%E8%B2%BB/evaluations/2024"',
    );
    // 6-2 is led by 企画課: the 総務課 user cannot write it, though 職員研修費 is theirs.
    expect((await c.get(`/measures/${ids.m62}/evaluations/2024/edit`)).status).toBe(403);
  });

  it("lists the progress per department with links to each sheet", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("viewer");
    const r = await c.get(`/plans/${ids.plan}/evaluations?year=2024`);
    expect(r.status).toBe(200);
    // 総務課: 職員研修費 returned (作成中); 市民協働推進事業, 職員厚生費, 一般管理費運営費, 文書費 未作成.
    expect(r.body).toMatch(
      /総務課<\/a><\/th><td class="num">4<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">5<\/td>/,
    );
    expect(r.body).toContain(`href="${TRAINING}/evaluations/2024"`);
    expect(r.body).toContain('href="/cities/202088/plans/2024/measures/6-5/evaluations/2024"');
    expect(r.body).toContain("予算のみの掲載の事業（18件）");
    const filtered = await c.get(
      `/plans/${ids.plan}/evaluations?year=2024&department=${encodeURIComponent("企画課")}`,
    );
    expect(filtered.body).toContain("企画課の事務事業評価");
    expect(filtered.body).not.toContain(`href="/projects/${ids.training}/evaluations/2024"`);
    const def = await c.get(`/plans/${ids.plan}/evaluations`);
    expect(def.body).toContain("評価の進捗（令和6年度）");
    const next = await c.get(`/plans/${ids.plan}/evaluations?year=2026`);
    expect(next.body).toContain("評価の進捗（令和8年度）");
  });
});
