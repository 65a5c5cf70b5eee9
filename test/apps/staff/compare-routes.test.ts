// The comparison page in process (app.request) on a real database: three cities approved through the use
// cases (test/support/compare-fixture.ts) and 東御市 202193 whose policy title and 款 carry markup; every role,
// the peers named, the figures in the tables, bad queries refused naming the field, the CSV, escaping.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { seedComparedCities } from "../../support/compare-fixture.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import { readSeed, SEED_USERS } from "../../support/seed.ts";
import { Client } from "../../support/web-client.ts";

const t = withTestDatabase({ template: "seeded" });
const POLICY = `<b>試験</b>"政策`;
const KAN = "<i>総務</i>費";
let app: ReturnType<typeof createApp>;

const LIST_QUERY = "/compare?year=2024&city=202088&peers=list&list=202037,202177,202193";

async function as(key: keyof typeof SEED_USERS) {
  const c = new Client(app);
  await c.logIn(SEED_USERS[key].loginName, SEED_USERS[key].password);
  return c;
}

/** The text of one table cell: the row whose header is `row`, the column of city `city` (its key). */
function cell(body: string, tableId: string, row: string, city: string): string | undefined {
  const table = new RegExp(`<table class="table" id="${tableId}">([\\s\\S]*?)</table>`).exec(body)?.[1] ?? "";
  const tr = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].find((m) =>
    m[1]?.includes(`<th scope="row">${row}</th>`),
  );
  const td = new RegExp(`<td class="num" data-city="${city}">([\\s\\S]*?)</td>`).exec(tr?.[1] ?? "");
  return td?.[1]?.replace(/<[^>]+>/g, "");
}

describe(`the comparison page (${testBackend})`, () => {
  beforeAll(async () => {
    const seed = await readSeed(t.db);
    await seedComparedCities(t.db, seed.admin, seed.planVersionId);
    // 東御市: markup in a policy title and a 款 name, with one approved sheet so that it is published.
    const plan = seedPlan();
    const policy = plan.policies[0];
    const project = policy?.measures[0]?.projects[0];
    if (!policy || !project) throw new Error("the seed has no project");
    policy.title = POLICY;
    project.classification.kan = { number: 2, name: KAN };
    const tagged = (await importPlan({ db: t.db, city: "202193", fiscalYear: 2024, plan })).planVersionId;
    // 東御市's sheet is approved by an administrator of all cities (the seed's admin works for 小諸市).
    const all = { ...seed.admin, cities: "all" as const };
    const view = await readPlan({ db: t.db, actor: all, planVersionId: tagged });
    const first = view.projects[0];
    if (!first) throw new Error("no project");
    await reviewProject({ db: t.db, actor: all, projectId: first.id, action: "submit" });
    await reviewProject({ db: t.db, actor: all, projectId: first.id, action: "approve" });
    app = createApp({ db: t.db });
  });

  it("asks for a login first", async () => {
    const r = await new Client(app).get(LIST_QUERY);
    expect(r.status).toBe(302);
    expect(r.location).toBe("/login?next=%2Fcompare");
    expect((await new Client(app).get("/compare.csv")).status).toBe(302);
  });

  it("shows every role the same comparison, the peers named, linked from the navigation", async () => {
    for (const key of ["admin", "soumu", "kikaku", "viewer"] as const) {
      const c = await as(key);
      const home = await c.get("/plans");
      expect(home.body, key).toContain('<a href="/compare">市町村の比較</a>');
      const r = await c.get(LIST_QUERY);
      expect(r.status, key).toBe(200);
      expect(r.body, key).toContain("比較対象: 指定した市町村（4団体）: 小諸市、上田市、佐久市、東御市");
      expect(r.body).toContain("<title>令和6年度 小諸市ほか3団体の比較 | Hoshin 行政マネジメント</title>");
    }
  });

  it("prints the hand-worked figures in the tables under the charts", async () => {
    const r = await (await as("viewer")).get(LIST_QUERY);
    // 職員研修費 1,443 + 統計調査事業 5,495 + 運営費 335 + 賦課徴収費運営費 127,779
    expect(cell(r.body, "compare-funding", "年度別事業費", "202088")).toBe("135,052");
    expect(cell(r.body, "compare-funding", "国・県支出金", "202088")).toBe("14,263");
    // 上田市: 38,430 + 6,424 + 30,287
    expect(cell(r.body, "compare-funding", "年度別事業費", "202037")).toBe("75,141");
    expect(cell(r.body, "compare-funding", "年度別事業費", "202177")).toBe("—");
    expect(cell(r.body, "compare-kan", "一般会計 2款 総務費", "202088")).toBe("134,717");
    // 135,052,000 ÷ 41,765 residents = 3,233 r 25,755 → 3,234 円; 75,141,000 ÷ 154,055 = 487 r 116,215 → 488
    expect(cell(r.body, "compare-per-capita", "年度別事業費", "202088")).toBe("3,234");
    expect(cell(r.body, "compare-per-capita", "年度別事業費", "202037")).toBe("488");
    // 東御市 has no population registered
    expect(cell(r.body, "compare-per-capita", "年度別事業費", "202193")).toBe("—");
    expect(cell(r.body, "compare-achievement", "達成率", "202088")).toBe("100.0%");
    expect(cell(r.body, "compare-achievement", "達成率", "202037")).toBe("—");
    expect(cell(r.body, "compare-outlooks", "継続", "202088")).toBe("1");
    expect(cell(r.body, "compare-ratings", "有効性", "202088")).toBe("A 0・B 1・C 0・未評価 0");
    expect(r.body).toContain("一部のみ承認済（事務事業 4／45件、施策 1／5件）");
    expect(r.body).toContain('41,765<span class="muted">（2020年）</span>');
    expect(r.body).toContain("公開された計画はありません");
    // One chart per figure, each followed by its table.
    expect(r.body.match(/<figure class="chart"><svg/g)).toHaveLength(5);
    // Markup from the data is text, in the tables and in the charts' SVG.
    expect(r.body).not.toContain("<b>試験</b>");
    expect(r.body).not.toContain("<i>総務</i>");
    expect(r.body).toContain("&lt;b&gt;試験&lt;/b&gt;&quot;政策");
    expect(r.body).toContain("&lt;i&gt;総務&lt;/i&gt;費");
  });

  it("works as a plain GET form, defaulting to the latest year and the same prefecture", async () => {
    const r = await (await as("viewer")).get("/compare");
    expect(r.status).toBe(200);
    expect(r.body).toContain('<form method="get" action="/compare"');
    expect(r.body).toContain('<input type="radio" name="peers" value="prefecture" checked=""');
    expect(r.body).toContain('<option value="2024" selected="">令和6年度</option>');
  });

  it.each([
    ["year=20x4", 400, "年度は 2024 のように西暦4桁で指定してください。"],
    ["peers=nearby", 400, "比較対象は「同じ都道府県」"],
    ["peers=similar&count=0", 400, "人口の近い市町村の数は 1 から 20 までの整数で指定してください。"],
    ["peers=similar&count=21", 400, "人口の近い市町村の数は 1 から 20 までの整数で指定してください。"],
    ["city=203211", 404, "長野県軽井沢町（203211）はこのシステムに登録されていません。"],
    [
      `city=${encodeURIComponent("存在しない市")}`,
      400,
      "「存在しない市」という市区町村は全国地方公共団体コードの一覧にありません。",
    ],
    [
      "peers=list&list=202037,202089",
      400,
      "全国地方公共団体コード「202089」の検査数字（6桁目）が合いません。",
    ],
    ["peers=list&list=20203", 400, "全国地方公共団体コードは6桁の数字です（「20203」）。"],
  ])("refuses ?%s naming the field", async (query, status, message) => {
    const r = await (await as("viewer")).get(`/compare?${query}`);
    expect(r.status).toBe(status);
    expect(r.body).toContain(message);
  });

  it("downloads the same tables as CSV", async () => {
    const c = await as("viewer");
    const page = await c.get(LIST_QUERY);
    const href = /<a href="(\/compare\.csv\?[^"]+)">/.exec(page.body)?.[1]?.replaceAll("&amp;", "&");
    expect(href).toBeDefined();
    const res = await app.request(`http://localhost${href}`, {
      headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe("年度,団体コード,市町村,表,区分,値,単位");
    expect(lines).toContain("2024,202088,小諸市,財源別の事業費,年度別事業費,135052,千円");
    expect(lines).toContain("2024,202088,小諸市,人口1人当たりの事業費,国・県支出金,342,円");
    expect(lines).toContain("2024,202037,上田市,財源別の事業費,一般財源,75065,千円");
    expect(lines).toContain("2024,202177,佐久市,公開の状況,公開された計画はありません,,");
    expect(lines).toContain("2024,202088,小諸市,成果指標の達成状況,達成率,1,比");
    expect(lines).toContain("2024,202193,東御市,人口1人当たりの事業費,年度別事業費,,円");
  });
});
