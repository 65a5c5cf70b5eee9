import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningServer, serveApp } from "../../../src/apps/staff/server.ts";
import { chromiumAvailable, launchChromium } from "../../support/browser.ts";
import { projectRoot } from "../../support/cli.ts";
import { seedComparedCities } from "../../support/compare-fixture.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { see } from "../../support/see.ts";
import { readSeed, SEED_USERS } from "../../support/seed.ts";

// The comparison page in Chromium, at desktop and phone width: the form used without JavaScript, the
// peers named, the charts and their tables; screenshots in test-results/screenshots/<backend>/.

const SHOTS = join(projectRoot, "test-results", "screenshots", testBackend);
const run = chromiumAvailable() ? describe : describe.skip;
const t = withTestDatabase({ template: "seeded" });

run(`the comparison of cities in Chromium (${testBackend})`, () => {
  let server: RunningServer;
  let browser: Browser;

  async function session(
    viewport: { width: number; height: number },
    javaScriptEnabled = true,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: "ja-JP", javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill("#f-loginName", SEED_USERS.viewer.loginName);
    await page.fill("#f-password", SEED_USERS.viewer.password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/plans/);
    return page;
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    const seed = await readSeed(t.db);
    await seedComparedCities(t.db, seed.admin, seed.planVersionId);
    server = await serveApp({ db: t.db, port: 0 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("a 閲覧者 chooses the peers in the form without JavaScript and reads the comparison", async () => {
    const page = await session({ width: 1366, height: 900 }, false);
    await page.click('nav a:text-is("市町村の比較")');
    await see(page.locator("h1")).hasText("市町村の比較");
    await page.selectOption("#f-city", "202088");
    await page.check('input[name="peers"][value="list"]');
    await page.fill("#f-list", "202037, 202177");
    await page.click('button:text-is("比較する")');
    await see(page.locator("#peers")).hasText("比較対象: 指定した市町村（3団体）: 小諸市、上田市、佐久市");
    await see(page.locator("#compare-funding tbody tr").first()).containsText("135,052");
    expect(await page.locator("figure.chart svg").count()).toBe(5);
    await page.screenshot({ path: join(SHOTS, "compare-desktop.png"), fullPage: true });
    await page.screenshot({ path: join(SHOTS, "compare-desktop-top.png") });
    await page
      .locator("section:has(#evaluations)")
      .screenshot({ path: join(SHOTS, "compare-desktop-evaluations.png") });
  });

  test("at phone width the page does not scroll sideways; wide tables scroll inside their frame", async () => {
    const page = await session({ width: 390, height: 844 });
    await page.goto(`${server.url}/compare?year=2024&city=202088&peers=list&list=202037,202177`);
    await see(page.locator("#peers")).containsText("小諸市、上田市、佐久市");
    const overflow = (await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    )) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, "compare-phone.png"), fullPage: true });
    await page.screenshot({ path: join(SHOTS, "compare-phone-top.png") });
    await page
      .locator("section:has(#funding)")
      .screenshot({ path: join(SHOTS, "compare-phone-funding.png") });
  });
});
