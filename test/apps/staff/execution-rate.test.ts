import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { formatExecutionRate } from "../../../src/domain/evaluation/execution-rate.ts";
import { eachProject } from "../../../src/domain/plan/model.ts";
import { renderBookHtml } from "../../../src/formats/book/book-html.tsx";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { addUser } from "../../../src/usecases/staff/manage-users.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import { Client } from "../../support/web-client.ts";

// 執行率 is printed the same everywhere: by formatExecutionRate, 「—」 when the budget is 0 or less (a book
// may print △ amounts). The project page and the printed book used to divide by themselves and printed
// 「-20.0%」 for 100 settled of a △500 budget.

const t = withTestDatabase();
const PASSWORD = "execution-rate-password";

/** The seed with 決算額: 文書費 9,300 of a 9,425 budget, 職員研修費 100 of a △500 budget, both in 令和6年度. */
function planWithSettlements() {
  const plan = seedPlan();
  const projects = [...eachProject(plan)].map((e) => e.project);
  const documents = projects.find((p) => p.name === "文書費");
  const training = projects.find((p) => p.name === "職員研修費");
  const d = documents?.inputs["2024"];
  const tr = training?.inputs["2024"];
  if (!documents || !training || !d || !tr) throw new Error("seed changed");
  documents.inputs["2024"] = {
    ...d,
    total: 9425,
    generalRevenue: 9425 - d.nationalPrefectural - d.localBonds - d.otherEarmarked,
  };
  documents.settled = { "2024": 9300 };
  training.inputs["2024"] = {
    ...tr,
    total: -500,
    generalRevenue: -500 - tr.nationalPrefectural - tr.localBonds - tr.otherEarmarked,
  };
  training.settled = { "2024": 100 };
  return plan;
}

/** The cells of the 執行率 row of the book's project sheet that follows the sheet header naming `name`. */
function bookRateCells(html: string, name: string): string[] {
  const at = html.indexOf(`<td class="project-name">${name}</td>`);
  expect(at).toBeGreaterThan(0);
  const row = /執行率<\/th>((?:<td class="num">[^<]*<\/td>)+)<\/tr>/.exec(html.slice(at));
  return [...(row?.[1] ?? "").matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1] ?? "");
}

describe(`執行率 on the project page and in the book (${testBackend})`, () => {
  let client: Client;
  let ids: { plan: number; documents: number; training: number };

  beforeAll(async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: planWithSettlements() });
    await addUser({
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
    if (!version) throw new Error("the plan was not stored");
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: version.id });
    const id = (name: string) => {
      const e = view.projects.find((p) => p.project.name === name);
      if (!e) throw new Error(`no ${name}`);
      return e.id;
    };
    ids = { plan: version.id, documents: id("文書費"), training: id("職員研修費") };
    client = new Client(createApp({ db: t.db }), PASSWORD);
    await client.logIn("admin");
  });

  it("the hand-worked figure: 9,300 ÷ 9,425 = 0.98673… → 「98.7%」, the same as formatExecutionRate", () => {
    expect(formatExecutionRate(9425, 9300)).toBe("98.7%");
    expect(formatExecutionRate(-500, 100)).toBe("—");
  });

  it("the staff project page prints 98.7% for 文書費 and 「—」 for the △ budget of 職員研修費", async () => {
    const documents = await client.get(`/projects/${ids.documents}`);
    expect(documents.status).toBe(200);
    expect(documents.body).toContain(
      '<td class="num" data-year="2024" data-field="executionRate">98.7%</td>',
    );
    const training = await client.get(`/projects/${ids.training}`);
    expect(training.status).toBe(200);
    expect(training.body).toContain(
      '<td class="num" data-year="2024" data-field="settled"><span class="num">100</span></td>',
    );
    expect(training.body).toContain('<td class="num" data-year="2024" data-field="executionRate">—</td>');
    expect(training.body).not.toContain("-20.0%");
  });

  it("the evaluation sheet of the △ budget prints 「—」 as well", async () => {
    const sheet = await client.get(`/projects/${ids.training}/evaluations/2024`);
    expect(sheet.status).toBe(200);
    expect(sheet.body).toContain('<td class="num" data-field="executionRate">—</td>');
    const documents = await client.get(`/projects/${ids.documents}/evaluations/2024`);
    expect(documents.body).toContain('<td class="num" data-field="executionRate">98.7%</td>');
  });

  it("the book HTML (downloaded from the app and rendered directly) prints the same", async () => {
    const downloaded = await client.get(`/plans/${ids.plan}/download/html`);
    expect(downloaded.status).toBe(200);
    const direct = await renderBookHtml(planWithSettlements(), { city: "小諸市", fiscalYear: 2024 });
    for (const html of [downloaded.body, direct]) {
      const documents = bookRateCells(html, "文書費");
      const training = bookRateCells(html, "職員研修費");
      expect(documents[0]).toBe("98.7%");
      expect(training[0]).toBe("—");
      // The later years have no 決算額.
      expect(documents.slice(1).every((c) => c === "—")).toBe(true);
      expect(html).not.toContain("-20.0%");
    }
  });
});
