import { beforeAll, describe, expect, it } from "vitest";
import { savePlan, sqlRollup } from "../../src/db/plans.ts";
import type { PlanDocument, Project } from "../../src/domain/plan/model.ts";
import { ROLLUP_DIMENSIONS, rollup } from "../../src/domain/rollups/rollups.ts";
import { cityOf, codeOf } from "../support/cities.ts";
import { testBackend, withTestDatabase } from "../support/db.ts";
import { projectsOf, seedPlan } from "../support/plans.ts";

const t = withTestDatabase();
const city = "小諸市";
const fiscalYear = 2024;

beforeAll(async () => {
  await savePlan(t.db, { city: cityOf(city), fiscalYear, plan: seedPlan() });
});

describe(`SQL rollups of the seed (${testBackend})`, () => {
  it("total the whole book: 年度別事業費 and 一般財源 per fiscal year, exact 千円", async () => {
    const all = await sqlRollup(t.db, { cityCode: codeOf(city), fiscalYear, dimension: "all" });
    expect(all?.map((r) => [r.fiscalYear, r.total, r.generalRevenue, r.projects, typeof r.total])).toEqual([
      ["2024", 3984986, 3734364, 45, "number"],
      ["2025", 4022511, 3735953, 45, "number"],
      // 2026 over the 39 projects that print it.
      ["2026", 3656321, 3455206, 39, "number"],
    ]);
  });

  for (const dimension of ROLLUP_DIMENSIONS) {
    it(`equal the pure rollup by ${dimension}, row for row and in the same order`, async () => {
      const rows = await sqlRollup(t.db, { cityCode: codeOf(city), fiscalYear, dimension });
      expect(rows).toStrictEqual(rollup(seedPlan(), dimension));
    });
  }

  it("group by 款 within the account, with the figures checked by hand", async () => {
    const kan = (await sqlRollup(t.db, { cityCode: codeOf(city), fiscalYear, dimension: "kan" }))?.filter(
      (r) => r.fiscalYear === "2024",
    );
    // 公債費: 元金 1,808,446 + 利子 60,751
    expect(kan?.find((r) => r.key === "一般会計・12公債費")?.total).toBe(1869197);
    expect(kan?.find((r) => r.key === "小諸市等公平委員会特別会計・1小諸市等公平委員会運営費")?.total).toBe(
      335,
    );
    const m61 = (await sqlRollup(t.db, { cityCode: codeOf(city), fiscalYear, dimension: "measure" }))?.find(
      (r) => r.key === "6-1" && r.fiscalYear === "2024",
    );
    expect(m61?.total).toBe(75141);
    expect(m61?.label).toBe("6-1 参加と協働により市民主体のまちづくりを推進します");
  });

  it("is null for a plan that is not there", async () => {
    expect(await sqlRollup(t.db, { cityCode: codeOf(city), fiscalYear: 2023, dimension: "all" })).toBeNull();
  });
});

describe(`SQL rollups on the edge cases of grouping (${testBackend})`, () => {
  /** A plan whose groups meet every rule of the domain's rollup. */
  function edgePlan(): PlanDocument {
    const plan = seedPlan();
    const [a, b, c, d, e] = projectsOf(plan) as [Project, Project, Project, Project, Project];
    // A group first seen on a project without money still sits where that project stands.
    a.inputs = {};
    a.leadDepartment = "最後に金額が出る課";
    e.leadDepartment = "最後に金額が出る課";
    // Absent levels and levels without a number format as the domain's formatLevel does.
    b.classification = { account: "一般会計", kan: null, kou: null, moku: null };
    c.classification = { account: "一般会計", kan: { number: null, name: "2総務費" }, kou: null, moku: null };
    d.classification = { account: "一般会計", kan: { number: 2, name: "総務費" }, kou: null, moku: null };
    // Negative amounts (△) and one that only a 64-bit sum holds exactly.
    b.inputs["2024"] = {
      total: -500,
      nationalPrefectural: 4_000_000_000_000,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: -4_000_000_000_500,
    };
    c.priority = null;
    c.mayoralPledge = null;
    d.mayoralPledge = true;
    // A measure code printed under two policies is one group, labelled as first seen.
    const second = structuredClone(plan.policies[0]);
    if (!second) throw new Error("seed shape");
    second.code = "7";
    const firstMeasure = second.measures[0];
    if (firstMeasure) firstMeasure.title = "別の題名";
    plan.policies.push(second);
    return plan;
  }

  beforeAll(async () => {
    await savePlan(t.db, { city: cityOf("伊那市"), fiscalYear, plan: edgePlan() });
  });

  for (const dimension of ROLLUP_DIMENSIONS) {
    it(`equal the pure rollup by ${dimension}`, async () => {
      const rows = await sqlRollup(t.db, { cityCode: codeOf("伊那市"), fiscalYear, dimension });
      expect(rows).toStrictEqual(rollup(edgePlan(), dimension));
    });
  }
});
