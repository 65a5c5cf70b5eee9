import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumAvailable, launchChromium } from "../../support/browser.ts";
import { projectRoot } from "../../support/cli.ts";
import { testBackend } from "../../support/db.ts";
import { see } from "../../support/see.ts";
import { type StartedServer, startServer } from "../../support/server.ts";

// One year of the PDCA cycle in the staff app, as its users walk it, on the real server and Chromium:
// 総務課 enters the 令和6年度 actuals and 一次評価 of 文書費 (施策6-5) and submits; the planning division
// adds its 二次評価 and approves; the administrator rolls the plan into 令和7年度; 文書費, evaluated
// 廃止, is gone from the new plan and the comparison lists it. Figures are the seed book's:
// 文書費 costs 9,562 千円 a year (一般財源 9,425 in 令和6年度), and the plan totals 4,022,511 in 令和7年度.

const SHOTS = join(projectRoot, "test-results", "screenshots", testBackend);
const run = chromiumAvailable() ? describe : describe.skip;
const password = "hoshin-cycle-password";
const FY = "2024";
const key = (side: "self" | "secondary", aspect: string) => `evaluations.${FY}.${side}.aspects.${aspect}`;

run(`one year of the PDCA cycle in Chromium (${testBackend})`, () => {
  let server: StartedServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let soumu: Page;
  let planUrl: string;

  async function session(
    login: string,
    pass: string,
    viewport = { width: 1366, height: 900 },
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: "ja-JP" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill("#f-loginName", login);
    await page.fill("#f-password", pass);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/plans\/\d+/);
    return page;
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: join(SHOTS, `cycle-${name}.png`), fullPage: true });
  }

  /** Opens the 令和6年度 evaluation sheet of 文書費 from the plan, as a user finds it. */
  async function openSheet(page: Page) {
    await page.goto(planUrl);
    await page.click('a:has-text("施策6-5")');
    await page.click('#projects a:text-is("文書費")');
    await page.click('#evaluation-links a:has-text("令和6年度の評価シート")');
    await see(page.locator("h1")).containsText("文書費");
  }

  async function rate(page: Page, side: "self" | "secondary", aspect: string, rating: string, reason = "") {
    await page.check(`input[name="${key(side, aspect)}.rating"][value="${rating}"]`);
    if (reason) await page.fill(`textarea[name="${key(side, aspect)}.reason"]`, reason);
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    admin = await session("admin", server.adminPassword);
    planUrl = admin.url();
    await admin.goto(`${server.url}/users`);
    await admin.fill("#f-loginName", "soumu");
    await admin.fill("#f-displayName", "総務 花子");
    await admin.fill("#f-password", password);
    await admin.selectOption("#f-department", "総務課");
    await admin.selectOption("#f-role", "department");
    await admin.click("button:has-text('追加する')");
    await see(admin.locator("[role=status]")).hasText("保存しました。");
    soumu = await session("soumu", password);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  test("総務課 enters the actuals, the 決算額 and its 一次評価 of 文書費, and submits", async () => {
    await openSheet(soumu);
    await soumu.click("text=評価と実績を入力する");
    await soumu.fill(`input[name="settled.${FY}"]`, "9,300");
    // ファイルメータ 3m 以内 (target 3 m) and ファイリング研修 (target 2 回).
    await soumu.fill(`input[name="activityIndicators.0.actual.${FY}"]`, "3");
    await soumu.fill(`input[name="activityIndicators.1.actual.${FY}"]`, "1");
    await rate(soumu, "self", "necessity", "B", "法令に基づく文書管理は必要");
    await rate(soumu, "self", "effectiveness", "B");
    await rate(soumu, "self", "efficiency", "C", "紙の文書管理に手間がかかる");
    await rate(soumu, "self", "equity", "A");
    await soumu.check(`input[name="evaluations.${FY}.self.outlook"][value="abolish"]`);
    await soumu.fill(
      `textarea[name="evaluations.${FY}.self.changes"]`,
      "文書管理システムの導入に合わせて廃止する",
    );
    await shot(soumu, "evaluation-form");
    await soumu.click("button:has-text('保存する')");
    await see(soumu.locator("[role=status]")).hasText("保存しました。");
    // 9,300 ÷ 9,562 = 97.26… % → 97.3 %.
    await see(soumu.locator("#budget")).containsText("9,300");
    await see(soumu.locator("#budget")).containsText("97.3%");
    // 3 m against 3 m is met; 1 回 against 2 回 is not (50.0 %).
    const actuals = soumu.locator("#activity-actuals tbody tr");
    await see(actuals.nth(0)).containsText("達成");
    await see(actuals.nth(1)).containsText("未達成");
    await see(actuals.nth(1)).containsText("50.0%");
    await see(soumu.locator("#self-outlook")).hasText("廃止");

    await soumu.click("button:has-text('提出する')");
    await see(soumu.locator("[role=status]")).hasText("提出しました。");
    // Submitted: the department can no longer change it.
    expect(await soumu.locator("text=評価と実績を入力する").count()).toBe(0);
    await shot(soumu, "evaluation-submitted");
  }, 180_000);

  test("the planning division adds its 二次評価, returns once with a comment, then approves", async () => {
    await openSheet(admin);
    await admin.fill("#return-comment", "効率性の理由を具体的に書いてください。");
    await admin.click("button:has-text('差し戻す')");
    await see(admin.locator("[role=status]")).hasText("差し戻しました。");

    await openSheet(soumu);
    await see(soumu.locator("#review-comment")).containsText("効率性の理由を具体的に書いてください。");
    await soumu.click("text=評価と実績を入力する");
    await soumu.fill(
      `textarea[name="${key("self", "efficiency")}.reason"]`,
      "紙の保管と検索に年200時間かかる",
    );
    await soumu.click("button:has-text('保存する')");
    await see(soumu.locator("[role=status]")).hasText("保存しました。");
    await soumu.click("button:has-text('提出する')");
    await see(soumu.locator("[role=status]")).hasText("提出しました。");

    await openSheet(admin);
    await admin.click("text=二次評価を入力する");
    await rate(admin, "secondary", "necessity", "B");
    await rate(admin, "secondary", "effectiveness", "B");
    await rate(admin, "secondary", "efficiency", "C", "システム化で代替できる");
    await rate(admin, "secondary", "equity", "A");
    await admin.check(`input[name="evaluations.${FY}.secondary.outlook"][value="abolish"]`);
    await admin.fill(
      `textarea[name="evaluations.${FY}.secondary.comment"]`,
      "令和7年度から文書管理システムに統合する",
    );
    await admin.click("button:has-text('保存する')");
    await see(admin.locator("[role=status]")).hasText("保存しました。");
    await see(admin.locator("#secondary-outlook")).hasText("廃止");
    await admin.click("button:has-text('承認する')");
    await see(admin.locator("[role=status]")).hasText("承認しました。");
    await shot(admin, "evaluation-approved");
  }, 180_000);

  test("rolling over: 令和7年度 is made without 文書費, and the comparison lists it", async () => {
    await admin.goto(planUrl);
    await admin.click('a:has-text("令和7年度の計画を作る（繰越）")');
    await see(admin.locator("#left-out")).containsText("文書費");
    await see(admin.locator("#left-out")).containsText("廃止");
    await shot(admin, "rollover-preview");
    await admin.click("button:has-text('令和7年度の計画を作成する')");
    await see(admin.locator("h1")).hasText("小諸市 令和7年度 実施計画");
    await see(admin.locator("[role=status]")).containsText("次年度の計画を作成しました。");
    // 4,022,511 − 9,562 = 4,012,949 千円 in 令和7年度, the first year of the new plan.
    await see(admin.locator('#funding-totals td[data-field="total"][data-year="2025"]')).hasText("4,012,949");
    await shot(admin, "new-plan");

    await admin.click('a:has-text("施策6-5")');
    expect(await admin.locator('#projects a:text-is("文書費")').count()).toBe(0);

    await admin.goBack();
    await admin.click('a:has-text("前年度（令和6年度）の計画との違いを見る")');
    await see(admin.locator("#removed")).containsText("文書費");
    await see(admin.locator("#compare-counts")).containsText("削除された事務事業: 1 件");
    await shot(admin, "compare");

    // The 令和6年度 plan is still there, 文書費 and its approved evaluation included.
    await openSheet(admin);
    await see(admin.locator("#secondary-outlook")).hasText("廃止");
  }, 180_000);

  test("the evaluation sheet and its form fit a phone", async () => {
    const phone = await session("soumu", password, { width: 390, height: 844 });
    await openSheet(phone);
    expect(await phone.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await shot(phone, "phone-evaluation");
    // 職員研修費 (also 総務課) has a sheet still to fill in: its form too.
    await phone.goto(planUrl);
    await phone.click('a:has-text("施策6-2")');
    await phone.click('#projects a:text-is("職員研修費")');
    await phone.click('#evaluation-links a:has-text("令和6年度の評価シート")');
    await phone.click("text=評価と実績を入力する");
    await see(phone.locator("h1")).containsText("職員研修費");
    expect(await phone.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await shot(phone, "phone-evaluation-form");
  }, 180_000);

  test("the audit log shows the evaluation, its review and the rollover", async () => {
    await admin.goto(`${server.url}/audit`);
    const log = admin.locator("table.table--audit");
    await see(log).containsText("繰越");
    await see(log).containsText("文書費（令和6年度 事務事業評価）");
    await see(log).containsText("令和6年度 一次評価 今後の方向性");
    await see(log).containsText("効率性の理由を具体的に書いてください。");
    await shot(admin, "audit");
  }, 180_000);
});
