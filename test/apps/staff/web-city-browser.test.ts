import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumAvailable, launchChromium } from "../../support/browser.ts";
import { projectRoot } from "../../support/cli.ts";
import { testBackend } from "../../support/db.ts";
import { see } from "../../support/see.ts";
import { type StartedServer, startServer } from "../../support/server.ts";

// Issue 12 on the real server in Chromium: the first administrator (all cities) imports 上田市's book next
// to the seed's 小諸市 and adds a 総務課 user of 小諸市 only, ticking its city; that user sees only 小諸市 in
// the plans list, and 上田市's 総務課 project, opened by its URL, is refused without any of its data.

const SHOTS = join(projectRoot, "test-results", "screenshots", testBackend);
const run = chromiumAvailable() ? describe : describe.skip;
const password = "hoshin-city-password";

run(`two cities in one instance, in Chromium (${testBackend})`, () => {
  let server: StartedServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;

  async function session(login: string, pass: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "ja-JP" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill("#f-loginName", login);
    await page.fill("#f-password", pass);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/plans\/\d+/);
    return page;
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    admin = await session("admin", server.adminPassword);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  test("a 担当課 of 小諸市 sees no 上田市 plan and cannot open 上田市's project", async () => {
    // The seed book as 上田市's (its 「小諸市」「小諸市役所」 become 上田's, so any leak of it shows 「上田」).
    const book = (await readFile(join(projectRoot, "samples/komoro-2024-policy6.txt"), "utf8")).replaceAll(
      "小諸",
      "上田",
    );
    await admin.goto(`${server.url}/import`);
    await admin.setInputFiles("#f-file", {
      name: "ueda-2024.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(book, "utf8"),
    });
    await admin.fill("#f-city", "202037");
    await admin.click("button:has-text('内容を確かめる')");
    await see(admin.locator("h1")).hasText("取り込む内容の確認");
    await admin.click("button:has-text('取り込む')");
    await see(admin.locator("h1")).hasText("上田市 令和6年度 実施計画");
    await see(admin.locator(".city-line")).hasText("長野県 上田市（202037）・人口: 未登録・市町村の情報");
    // 上田市's 総務課 project, as the administrator finds it.
    await admin.click('a:has-text("施策6-5")');
    await admin.click('#projects a:text-is("文書費")');
    await see(admin.locator("nav.breadcrumbs")).containsText("上田市");
    const uedaProject = admin.url();
    expect(uedaProject).toMatch(/\/cities\/202037\/plans\/2024\/projects\/6-5(:|%3A)/);

    // The administrator adds 総務課 of 小諸市: the cities are checkboxes by name and code.
    await admin.goto(`${server.url}/users`);
    await admin.fill("#f-loginName", "soumu");
    await admin.fill("#f-displayName", "総務 花子");
    await admin.fill("#f-password", password);
    await admin.selectOption("#f-department", "総務課");
    await admin.selectOption("#f-role", "department");
    await admin.check('input[name="cities"][aria-label="追加する利用者: 長野県小諸市（202088）"]');
    await admin.click("button:has-text('追加する')");
    await see(admin.locator("[role=status]")).hasText("保存しました。");
    await see(admin.locator("#users")).containsText("小諸市（202088）");
    await admin.screenshot({ path: join(SHOTS, "city-users.png"), fullPage: true });

    const soumu = await session("soumu", password);
    await see(soumu.locator("h1")).hasText("小諸市 令和6年度 実施計画");
    await soumu.goto(`${server.url}/plans`);
    await see(soumu.locator(".card")).hasCount(1);
    await see(soumu.locator(".card")).containsText("小諸市");
    expect(await soumu.locator("body").innerText()).not.toContain("上田");
    await soumu.screenshot({ path: join(SHOTS, "city-plans-list.png"), fullPage: true });

    const refused = await soumu.goto(uedaProject);
    expect(refused?.status()).toBe(403);
    await see(soumu.locator("body")).containsText("この市町村のデータは閲覧・編集できません。");
    expect(await soumu.locator("body").innerText()).not.toContain("上田");
    await soumu.screenshot({ path: join(SHOTS, "city-refused.png"), fullPage: true });
    // Its edit form is refused the same way.
    const edit = await soumu.goto(`${uedaProject}/edit`);
    expect(edit?.status()).toBe(403);
    expect(await soumu.locator("body").innerText()).not.toContain("上田");
  }, 240_000);
});
