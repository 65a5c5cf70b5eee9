import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listAuditEvents } from "../../../src/db/audit.ts";
import { findCity } from "../../../src/db/city-profile.ts";
import { testBackend } from "../../support/db.ts";
import { SEED_USERS, withSeededDatabase } from "../../support/seed.ts";
import { Client } from "../../support/web-client.ts";

// A city's page (/cities/202088/profile): who it is, and the population and 類似団体区分 that the comparison
// of cities uses, set by 管理者 only, audited.

const t = withSeededDatabase();

async function client(who: keyof typeof SEED_USERS) {
  const c = new Client(createApp({ db: t.db }));
  await c.logIn(SEED_USERS[who].loginName, SEED_USERS[who].password);
  return c;
}

describe(`city page (${testBackend})`, () => {
  it("shows the city by code with its prefecture and reading; 未登録 until set", async () => {
    const viewer = await client("viewer");
    const page = await viewer.get("/cities/202088/profile");
    expect(page.status).toBe(200);
    expect(page.body).toContain("小諸市（長野県）");
    expect(page.body).toContain("こもろし");
    expect(page.body).toContain("未登録");
    expect(page.body).not.toContain("保存する");
    expect((await viewer.get("/cities/202089/profile")).status).toBe(400);
    // 上田市 is not the viewer's city (and not stored): refused the same way either way.
    expect((await viewer.get("/cities/202037/profile")).status).toBe(403);
  });

  it("lets 管理者 set the population and 類似団体区分, audited; refuses the others and bad input", async () => {
    const soumu = await client("soumu");
    await soumu.get("/cities/202088/profile");
    const refused = await soumu.post("/cities/202088/profile", {
      population: "1",
      populationYear: "",
      similarityGroup: "",
    });
    expect(refused.status).toBe(403);
    expect((await findCity(t.db, "202088"))?.population).toBeNull();

    const admin = await client("admin");
    await admin.get("/cities/202088/profile");
    const bad = await admin.post("/cities/202088/profile", {
      population: "四万",
      populationYear: "2020",
      similarityGroup: "都市Ⅰ-2",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("人口「四万」は1以上の整数（人）で入力してください");
    expect((await findCity(t.db, "202088"))?.population).toBeNull();

    const saved = await admin.post("/cities/202088/profile", {
      population: "41,234",
      populationYear: "2020",
      similarityGroup: "都市I-2",
    });
    expect([saved.status, saved.location]).toEqual([303, "/cities/202088/profile?saved=1"]);
    expect(await findCity(t.db, "202088")).toMatchObject({
      population: 41234,
      populationYear: 2020,
      similarityGroup: "都市Ⅰ-2",
    });
    const page = await admin.get("/cities/202088/profile?saved=1");
    expect(page.body).toContain("41,234人（2020年）");
    const audit = (await listAuditEvents(t.db, {})).filter(
      (e) => e.entityLabel === "小諸市（202088） 市町村の情報",
    );
    expect(audit.map((e) => [e.field, e.before, e.after, e.cityCode]).sort()).toEqual([
      ["人口", null, "41234", "202088"],
      ["人口の基準年", null, "2020", "202088"],
      ["類似団体区分", null, "都市Ⅰ-2", "202088"],
    ]);
  });
});
