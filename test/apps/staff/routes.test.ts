import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions, loadPlan } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { addUser } from "../../../src/usecases/staff/manage-users.ts";
import { codeOf } from "../../support/cities.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import { BASE, Client } from "../../support/web-client.ts";

// Every route of the staff app, in process (app.request) on a real database: refused without a login,
// and given bad input (an unknown id, a negative amount, a 10 MB field, a script tag).

const t = withTestDatabase();

const PASSWORD = "route-test-password";
let ids: { plan: number; project: number; measure: number; user: number };

function projectValues(): Record<string, string> {
  return {
    version: "1",
    name: "職員研修費",
    status: "continuing",
    priority: "B",
    "classification.account": "一般会計",
    "classification.kan": "2総務費",
    "classification.kou": "1総務管理費",
    "classification.moku": "8職員研修費",
    leadDepartment: "総務課",
    mayoralPledge: "false",
    summary: "各種職員研修の実施",
    "inputs.2024.total": "1443",
    "inputs.2024.nationalPrefectural": "0",
    "inputs.2024.localBonds": "0",
    "inputs.2024.otherEarmarked": "0",
    "inputs.2024.generalRevenue": "1443",
  };
}

describe(`staff routes (${testBackend})`, () => {
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    const admin = await addUser({
      db: t.db,
      actor: COMMAND_LINE,
      user: {
        loginName: "admin",
        displayName: "管理者",
        password: PASSWORD,
        role: "admin",
        department: null,
        cities: ["202088"],
      },
    });
    const [version] = await listPlanVersions(t.db);
    if (!version) throw new Error("the seed was not stored");
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: version.id });
    const project = view.projects.find((p) => p.project.name === "職員研修費");
    if (!project) throw new Error("seed has no 職員研修費");
    ids = { plan: view.version.id, project: project.id, measure: project.measureId, user: admin.id };
    app = createApp({ db: t.db });
  });

  const getRoutes = () => [
    "/",
    "/plans",
    `/plans/${ids.plan}`,
    `/plans/${ids.plan}/diagnostics`,
    `/plans/${ids.plan}/review`,
    `/projects/${ids.project}`,
    `/projects/${ids.project}/edit`,
    `/measures/${ids.measure}`,
    `/measures/${ids.measure}/edit`,
    "/audit",
    "/users",
    "/import",
    `/plans/${ids.plan}/download/html`,
    `/plans/${ids.plan}/download/json`,
    `/plans/${ids.plan}/download/xlsx`,
    `/plans/${ids.plan}/opendata/project-inputs.csv`,
  ];
  const postRoutes = () => [
    `/projects/${ids.project}`,
    `/projects/${ids.project}/review`,
    `/measures/${ids.measure}`,
    "/users",
    `/users/${ids.user}`,
    "/import",
    "/import/confirm",
  ];

  it("without a login every page redirects to the login page, keeping where the user was going", async () => {
    const anon = new Client(app);
    for (const path of getRoutes()) {
      const r = await anon.get(path);
      expect(r.status, path).toBe(302);
      expect(r.location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("without a login every write is refused: 403 without a CSRF token, 401 with the login form's token", async () => {
    const anon = new Client(app);
    await anon.get("/login");
    for (const path of postRoutes()) {
      const forged = await anon.post(path, { name: "x" }, { csrf: null });
      expect(forged.status, path).toBe(403);
      expect(forged.body).toContain("送信できませんでした");
      const r = await anon.post(path, { name: "x" });
      expect(r.status, path).toBe(401);
      expect(r.body).toContain("ログインしてください。");
    }
    const stored = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
    expect(
      stored?.policies[0]?.measures[1]?.projects.find((p) => p.name === "職員研修費")?.inputs["2025"],
    ).toEqual({
      total: 1443,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 1453,
    });
  });

  it("a logged-in user with a wrong or missing CSRF token is refused on every write", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    for (const path of postRoutes()) {
      expect((await c.post(path, { name: "x" }, { csrf: "wrong" })).status, path).toBe(403);
      expect((await c.post(path, { name: "x" }, { csrf: null })).status, path).toBe(403);
    }
  });

  it("unknown or malformed ids are 404 in Japanese, on every route that takes one", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    for (const path of [
      "/plans/999999",
      "/plans/abc",
      "/plans/999999/diagnostics",
      "/plans/999999/review",
      "/projects/999999",
      "/projects/-1",
      "/projects/1.5",
      "/projects/99999999999999999999",
      "/projects/999999/edit",
      "/measures/999999",
      "/measures/abc/edit",
      "/no-such-page",
    ]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).toMatch(/登録されていません|見つかりません/);
    }
    for (const path of ["/projects/999999", "/projects/999999/review", "/measures/999999", "/users/999999"]) {
      const r = await c.post(path, { ...projectValues(), action: "submit", role: "viewer" });
      expect(r.status, path).toBe(404);
    }
  });

  it("a negative amount is refused naming the field, and what the user typed is shown again", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    await c.get(`/projects/${ids.project}/edit`);
    const r = await c.post(`/projects/${ids.project}`, {
      ...projectValues(),
      "inputs.2024.total": "-1443",
      summary: "入力途中の文章",
    });
    expect(r.status).toBe(400);
    expect(r.body).toContain("令和6年度の年度別事業費: 0 以上の金額を入力してください。");
    expect(r.body).toContain('value="-1443"');
    expect(r.body).toContain("入力途中の文章");
    const stored = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
    const p = stored?.policies[0]?.measures[1]?.projects.find((x) => x.name === "職員研修費");
    expect(p?.inputs["2024"]?.total).toBe(1443);
    expect(p?.summary).toBe("各種職員研修の実施");
  });

  it("funding sources that do not add up are refused by the server too", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    await c.get(`/projects/${ids.project}/edit`);
    const r = await c.post(`/projects/${ids.project}`, {
      ...projectValues(),
      "inputs.2024.generalRevenue": "1453",
    });
    expect(r.status).toBe(400);
    expect(r.body).toContain("令和6年度: 財源の合計 1,453 千円が年度別事業費 1,443 千円と一致しません。");
  });

  it("a 10 MB form field is refused with 413 and nothing is saved; 20,001 characters are refused naming the field", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    await c.get(`/projects/${ids.project}/edit`);
    const big = await c.post(`/projects/${ids.project}`, {
      ...projectValues(),
      summary: "あ".repeat(10 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(big.body).toContain("送信された内容が大きすぎます");
    const long = await c.post(`/projects/${ids.project}`, {
      ...projectValues(),
      summary: "い".repeat(20_001),
    });
    expect(long.status).toBe(400);
    expect(long.body).toContain("事業概要が長すぎます（20,000字まで）。");
    for (const path of [`/measures/${ids.measure}`, "/users"]) {
      expect((await c.post(path, { notes: "x".repeat(3 * 1024 * 1024) })).status, path).toBe(413);
    }
    const stored = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
    expect(stored?.policies[0]?.measures[1]?.projects.find((x) => x.name === "職員研修費")?.summary).toBe(
      "各種職員研修の実施",
    );
  });

  it("a script tag typed into a text field is stored as typed and shown escaped everywhere", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    await c.get(`/projects/${ids.project}/edit`);
    const script = `<script>alert("x")</script>`;
    const saved = await c.post(`/projects/${ids.project}`, {
      ...projectValues(),
      summary: script,
      "inputs.2025.total": "1443",
      "inputs.2025.nationalPrefectural": "0",
      "inputs.2025.localBonds": "0",
      "inputs.2025.otherEarmarked": "0",
      "inputs.2025.generalRevenue": "1443",
      "inputs.2026.total": "1443",
      "inputs.2026.nationalPrefectural": "0",
      "inputs.2026.localBonds": "0",
      "inputs.2026.otherEarmarked": "0",
      "inputs.2026.generalRevenue": "1443",
    });
    expect(saved.status).toBe(303);
    for (const path of [`/projects/${ids.project}`, `/projects/${ids.project}/edit`, "/audit"]) {
      const page = await c.get(path);
      expect(page.body, path).not.toContain("<script>alert");
      expect(page.body, path).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    }
    const stored = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
    expect(stored?.policies[0]?.measures[1]?.projects.find((x) => x.name === "職員研修費")?.summary).toBe(
      script,
    );
  });

  it("bad input on the other forms: review action, audit dates, user form, upload", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    expect((await c.post(`/projects/${ids.project}/review`, { action: "delete" })).status).toBe(400);
    const ret = await c.post(`/projects/${ids.project}/review`, { action: "return", comment: "" });
    expect(ret.status).toBe(409);
    expect(ret.body).toContain("この事業シートは作成中のため、差戻しできません。");
    const audit = await c.get("/audit?from=2024-13-99");
    expect(audit.status).toBe(400);
    expect(audit.body).toContain("日付は YYYY-MM-DD の形で指定してください。");
    await c.get("/users");
    const user = await c.post("/users", {
      loginName: "<b>",
      displayName: "",
      password: "short",
      role: "department",
      department: "",
    });
    expect(user.status).toBe(400);
    expect(user.body).toContain(
      "ログイン名は半角英数字と . _ - で、2〜64文字にしてください（先頭は英数字）。",
    );
    expect(user.body).toContain("パスワードは10文字以上にしてください。");
    expect(user.body).toContain("担当課の利用者には所属課を入力してください。");
    expect(user.body).toContain('value="&lt;b&gt;"');
    await c.get("/import");
    const none = await c.post("/import", new FormData());
    expect(none.status).toBe(400);
    expect(none.body).toContain("計画書ファイルを選んでください。");
    const binary = new FormData();
    binary.set("file", new File([new Uint8Array([0, 1, 2, 255, 0, 7])], "x.bin"));
    binary.set("city", "小諸市");
    const bin = await c.post("/import", binary);
    expect(bin.status).toBe(400);
    expect(bin.body).toContain("このファイルは実施計画として読み取れませんでした。");
    const confirm = await c.post("/import/confirm", { text: "", city: "小諸市", fiscalYear: "abc" });
    expect(confirm.status).toBe(400);
  });

  it("downloads the book as HTML and the plan as JSON from the current data; an unknown format is 404", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    const html = await app.request(`${BASE}/cities/202088/plans/2024/download/html`, {
      headers: { cookie: `hoshin_session=${c.cookies.get("hoshin_session")}` },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-disposition")).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent("小諸市-2024-jisshikeikaku.html")}`,
    );
    expect(await html.text()).toContain("<title>小諸市 令和6年度 実施計画書 兼 事業説明書</title>");
    const json = await app.request(`${BASE}/cities/202088/plans/2024/download/json`, {
      headers: { cookie: `hoshin_session=${c.cookies.get("hoshin_session")}` },
    });
    expect(json.headers.get("content-disposition")).toMatch(/^attachment; /);
    const stored = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
    const served = JSON.parse(await json.text()) as NonNullable<typeof stored>;
    expect(served.policies).toEqual(stored?.policies);
    // The diagnostics are those of the data now. The script-tag test above saved 職員研修費 with 一般財源
    // 1,443 in 令和7・8年度, so its two funding findings are gone; the 徴収費/徴税费 warning of line 986,
    // which the hand-checked list leaves out, is found by the checks and added.
    expect(stored?.diagnostics.slice(0, 2).map((d) => [d.code, d.project])).toEqual([
      ["funding-sum-mismatch", "職員研修費"],
      ["funding-sum-mismatch", "職員研修費"],
    ]);
    expect(served.diagnostics).toEqual([
      ...(stored?.diagnostics.slice(2) ?? []),
      expect.objectContaining({
        code: "classification-name-mismatch",
        project: "税務総務費人件費",
        line: null,
      }),
    ]);
    expect((await c.get(`/plans/${ids.plan}/download/docx`)).status).toBe(404);
  });

  it("downloads each file of the open data; an unknown file is 404", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    const get = (file: string) =>
      app.request(`${BASE}/cities/202088/plans/2024/opendata/${file}`, {
        headers: { cookie: `hoshin_session=${c.cookies.get("hoshin_session")}` },
      });
    const csv = await get("project-inputs.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''project-inputs.csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const descriptor = await get("datapackage.json");
    expect(descriptor.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect((JSON.parse(await descriptor.text()) as { resources: unknown[] }).resources.length).toBe(4);
    expect((await get("secrets.csv")).status).toBe(404);
    expect((await get("..%2Fpackage.json")).status).toBe(404);
    expect((await c.get(`/plans/${ids.plan}/download/csv`)).status).toBe(404);
  });

  it("logging out ends the session on the server", async () => {
    const c = new Client(app);
    await c.logIn("admin", PASSWORD);
    const token = c.cookies.get("hoshin_session");
    expect((await c.post("/logout", {})).status).toBe(303);
    const again = new Client(app);
    again.cookies.set("hoshin_session", token ?? "");
    const r = await again.get("/plans");
    expect(r.status).toBe(302);
  });
});
