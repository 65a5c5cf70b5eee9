import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { testBackend } from "../../support/db.ts";
import { SEED_USERS, withSeededDatabase } from "../../support/seed.ts";
import { Client } from "../../support/web-client.ts";
import { sharedStringsBomb } from "../../support/zip-bomb.ts";

// Finding 11 of issue 11 through the staff app: a hostile workbook uploaded under 取り込み is refused with
// a message naming the limit, and while it is being read other users keep getting their pages.

const t = withSeededDatabase();

describe(`a hostile workbook upload (${testBackend})`, () => {
  it("is refused with the limit named, while a plain page is answered meanwhile", async () => {
    const app = createApp({ db: t.db });
    const admin = new Client(app);
    await admin.logIn(SEED_USERS.admin.loginName, SEED_USERS.admin.password);
    const reader = new Client(app);
    await reader.logIn(SEED_USERS.viewer.loginName, SEED_USERS.viewer.password);
    await admin.get("/import");

    const form = new FormData();
    // 8 GiB of shared strings declared as 1,000 bytes: only inflating it tells, and that stops at 100 MB.
    form.set("file", new File([sharedStringsBomb(8192, { declared: 1000 })], "bomb.xlsx"));
    form.set("city", "小諸市");
    const order: string[] = [];
    const upload = admin.post("/import", form).then((r) => {
      order.push("upload");
      return r;
    });
    const pages = (async () => {
      for (let i = 0; i < 3; i++) {
        const r = await reader.get("/plans");
        expect(r.status).toBe(200);
        order.push("page");
      }
    })();
    const [refused] = await Promise.all([upload, pages]);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("ファイルが大きすぎます（展開後 100MB を超えます、上限 100MB）。");
    expect(order).toEqual(["page", "page", "page", "upload"]);
    // The server is still there: the upload page answers again.
    expect((await admin.get("/import")).status).toBe(200);
  });
});
