import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { PDF_PARALLEL, PDF_WAITING, PdfBusy, renderPdf } from "../../../src/formats/book/book-pdf.ts";
import { chromiumLaunches, closeSharedBrowser } from "../../../src/formats/book/chromium.ts";
import { chromiumAvailable } from "../../support/browser.ts";
import { testBackend } from "../../support/db.ts";
import { SEED_USERS, withSeededDatabase } from "../../support/seed.ts";
import { BASE, Client } from "../../support/web-client.ts";

// Finding 13 of issue 11: PDF downloads share one browser per process, wait in a short line (over it:
// 503 with Retry-After), and a plan version at one revision is printed once.

const t = withSeededDatabase();
const run = chromiumAvailable() ? describe : describe.skip;

afterAll(closeSharedBrowser);

async function viewerClient(app: ReturnType<typeof createApp>) {
  const c = new Client(app);
  await c.logIn(SEED_USERS.viewer.loginName, SEED_USERS.viewer.password);
  const cookie = `hoshin_session=${c.cookies.get("hoshin_session")}`;
  return (path: string) => app.request(`${BASE}${path}`, { headers: { cookie } });
}

// The seed (小諸市 202088, 令和6年度) by its stable address; its numeric one answers 308.
const PDF = "/cities/202088/plans/2024/download/pdf";

run(`PDF downloads (${testBackend})`, { timeout: 300_000 }, () => {
  it("answers 10 parallel downloads from one browser with the same bytes, and again without printing", async () => {
    const app = createApp({ db: t.db });
    const get = await viewerClient(app);
    const before = chromiumLaunches();
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(PDF)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(answers.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(bodies[0]?.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    for (const b of bodies) expect(b.equals(bodies[0] as Buffer)).toBe(true);
    expect(chromiumLaunches() - before).toBeLessThanOrEqual(1);
    const launched = chromiumLaunches();
    const again = await get(PDF);
    expect(Buffer.from(await again.arrayBuffer()).equals(bodies[0] as Buffer)).toBe(true);
    expect(chromiumLaunches()).toBe(launched);
  });

  it("prints 2 at a time with 8 waiting; one more is refused, through the route with 503 and Retry-After", async () => {
    const app = createApp({ db: t.db });
    const get = await viewerClient(app);
    const before = chromiumLaunches();
    let refused: Response;
    // An image the test serves only when told: the two documents being printed wait for it, so the line
    // stays full until the test lets them finish.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = createServer((_req, res) => {
      void held.then(() => res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // Twelve different documents asked at once: 2 printing, 8 waiting, the last 2 refused at once.
      const jobs = Array.from({ length: PDF_PARALLEL + PDF_WAITING + 2 }, (_, i) =>
        renderPdf(
          `<!DOCTYPE html><html><body><p>文書 ${i}</p><img src="http://127.0.0.1:${port}/${i}"></body></html>`,
        ).then(
          (pdf) => ({ ok: pdf.length > 0 }),
          (e: unknown) => ({ busy: e instanceof PdfBusy }),
        ),
      );
      // While the line is full, the download (not printed yet for this database) is refused too.
      refused = await get(PDF);
      release();
      const outcomes = await Promise.all(jobs);
      expect(outcomes.filter((o) => "ok" in o && o.ok)).toHaveLength(10);
      expect(outcomes.slice(10)).toEqual([{ busy: true }, { busy: true }]);
    } finally {
      release();
      server.close();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await refused.text()).toContain(
      "PDF の作成が混み合っています（同時に 2 件、待ち 8 件まで）。30 秒ほどおいて、もう一度ダウンロードしてください。",
    );
    expect(chromiumLaunches() - before).toBeLessThanOrEqual(1);
    // The refusal was not kept: the same download now succeeds.
    expect((await get(PDF)).status).toBe(200);
  });

  it("relaunches the shared browser after it was closed", async () => {
    await renderPdf("<p>一</p>");
    const before = chromiumLaunches();
    await closeSharedBrowser();
    expect((await renderPdf("<p>二</p>")).length).toBeGreaterThan(0);
    expect(chromiumLaunches()).toBe(before + 1);
  });
});

describe(`PDF download without Chromium (${testBackend})`, () => {
  it("says in one line what is missing and what to install", async () => {
    const app = createApp({ db: t.db });
    const get = await viewerClient(app);
    const saved = process.env.HOSHIN_CHROMIUM;
    process.env.HOSHIN_CHROMIUM = "/nonexistent/chromium";
    try {
      const r = await get(PDF);
      expect(r.status).toBe(404);
      expect(await r.text()).toContain(
        "PDF を作るための Chromium が見つかりません（/nonexistent/chromium）。apt install chromium fonts-noto-cjk で入れるか、HOSHIN_CHROMIUM で場所を指定してください。",
      );
    } finally {
      if (saved === undefined) delete process.env.HOSHIN_CHROMIUM;
      else process.env.HOSHIN_CHROMIUM = saved;
    }
  });
});
