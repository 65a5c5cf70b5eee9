// The 取り込み pages in process (app.request) on a real database: an unreadable book gets its reasons and
// no 取り込む button, and a forged confirmation is refused all the same; an import that would remove
// stored data offers only the separate 置き換えて取り込む action listing what goes; several books go in
// one upload; the year field takes 和暦 and is checked against the book; the city field starts empty.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { addUser } from "../../../src/usecases/staff/manage-users.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import { renumberPolicy, seedVariant } from "../../support/variants.ts";
import { Client } from "../../support/web-client.ts";

const t = withTestDatabase();
const PASSWORD = "import-route-password";
const seedText = readFileSync(new URL("../../fixtures/komoro-2024-policy6.txt", import.meta.url), "utf8");

function upload(files: { name: string; text: string }[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const f of files) form.append("file", new File([f.text], f.name, { type: "text/plain" }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

/** The hidden fields of the confirmation form with the given id, or of the first one. */
function confirmForm(body: string, id?: string): Record<string, string[]> {
  const start = id ? body.indexOf(`id="${id}"`) : body.indexOf('action="/import/confirm"');
  if (start < 0) throw new Error("no confirmation form");
  const form = body.slice(start, body.indexOf("</form>", start));
  const out: Record<string, string[]> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    const [, k, v] = m;
    if (k === undefined) continue;
    out[k] = [...(out[k] ?? []), (v ?? "").replaceAll("&amp;", "&").replaceAll("&quot;", '"')];
  }
  return out;
}

function formOf(fields: Record<string, string[]>): FormData {
  const f = new FormData();
  for (const [k, vs] of Object.entries(fields)) for (const v of vs) if (k !== "_csrf") f.append(k, v);
  return f;
}

describe(`import routes (${testBackend})`, () => {
  let app: ReturnType<typeof createApp>;
  let c: Client;

  beforeAll(async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    await addUser({
      db: t.db,
      actor: COMMAND_LINE,
      user: {
        loginName: "admin",
        displayName: "管理者",
        password: PASSWORD,
        role: "admin",
        department: null,
      },
    });
    app = createApp({ db: t.db });
    c = new Client(app, PASSWORD);
    await c.logIn("admin");
  });

  it("starts with an empty city, takes files several at a time, and 和暦 years; a year the book does not print is refused", async () => {
    const form = await c.get("/import");
    expect(form.status).toBe(200);
    expect(form.body).toContain('<input id="f-city" type="text" name="city" value=""');
    expect(form.body).toMatch(/<input id="f-file" type="file" name="file" multiple/);
    const wareki = await c.post(
      "/import",
      upload([{ name: "a.txt", text: seedText }], { city: "小諸市", fiscalYear: "令和6年度" }),
    );
    expect(wareki.status).toBe(200);
    expect(wareki.body).toContain(
      "小諸市（長野県、全国地方公共団体コード 202088） 令和6年度 の実施計画として取り込みます。",
    );
    const wrong = await c.post(
      "/import",
      upload([{ name: "a.txt", text: seedText }], { city: "小諸市", fiscalYear: "R7" }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain(
      "入力された年度 令和7年度（2025年度） は、計画書に記載の 令和6年度（2024年度） と異なります。",
    );
    const city = await c.post("/import", upload([{ name: "a.txt", text: seedText }], { city: "上田市" }));
    expect(city.status).toBe(400);
    expect(city.body).toContain("入力された市町村「上田市」（202037）は");
  });

  it("lists why a book cut short cannot be imported, offers no 取り込む, and refuses a forged confirmation", async () => {
    const half = Buffer.from(seedText).subarray(0, 40000).toString("utf8");
    const preview = await c.post("/import", upload([{ name: "half.txt", text: half }], { city: "小諸市" }));
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('id="import-blockers"');
    expect(preview.body).toContain("16行目: 目次にある施策 6-3が本文にありません。");
    expect(preview.body).not.toContain('action="/import/confirm"');
    // The form the page did not offer, made by hand.
    const forged = new FormData();
    forged.set("city", "小諸市");
    forged.set("fiscalYear", "2024");
    forged.set("replace", "");
    forged.append("fileName", "half.txt");
    forged.append("data", Buffer.from(half).toString("base64"));
    const r = await c.post("/import/confirm", forged);
    expect(r.status).toBe(400);
    expect(r.body).toContain("取り込みませんでした（何も保存していません）");
    expect(r.body).toContain("16行目: 目次にある施策 6-3が本文にありません。");
    expect((await listPlanVersions(t.db)).map((v) => v.sourceName)).toEqual([null]);
  });

  it("offers only 置き換えて取り込む, listing what goes, when stored data would be removed; several books merge", async () => {
    const four = renumberPolicy(seedVariant(), 4).text;
    const preview = await c.post(
      "/import",
      upload([{ name: "seisaku4.txt", text: four }], { city: "小諸市" }),
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('id="import-removals"');
    expect(preview.body).toContain("政策 6「すべての主体が参加し、協働するまちづくり」（政策ごと削除）");
    expect(preview.body).toContain("置き換えて取り込む（政策 1 件、施策 5 件、事務事業 45 件を削除）");
    expect(preview.body.match(/action="\/import\/confirm"/g)?.length).toBe(1);
    const replace = confirmForm(preview.body, "import-replace");
    // The same form without the choice: refused, nothing removed.
    const plain = await c.post("/import/confirm", formOf({ ...replace, replace: [""] }));
    expect(plain.status).toBe(409);
    expect(plain.body).toContain(
      "この計画書にない政策 6「すべての主体が参加し、協働するまちづくり」が登録されています",
    );

    // Both books in one upload remove nothing and are taken with the plain 取り込む.
    const both = await c.post(
      "/import",
      upload(
        [
          { name: "seisaku6.txt", text: seedText },
          { name: "seisaku4.txt", text: four },
        ],
        { city: "小諸市" },
      ),
    );
    expect(both.body).toContain("政策 2 件、施策 10 件");
    expect(both.body).not.toContain('id="import-removals"');
    const ok = await c.post("/import/confirm", formOf(confirmForm(both.body)));
    expect(ok.status).toBe(303);
    const versions = await listPlanVersions(t.db);
    expect(versions.map((v) => v.sourceName)).toEqual(["seisaku6.txt, seisaku4.txt"]);
  });
});
