import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { updateProjectContent } from "../../src/db/edit-plan.ts";
import { loadPlan } from "../../src/db/load-plan.ts";
import { totalsByKanAndSource } from "../../src/db/national-totals.ts";
import { savePlan } from "../../src/db/save-plan.ts";
import { projects } from "../../src/db/schema/index.ts";
import type { Inputs, PlanDocument, Project } from "../../src/domain/plan/model.ts";
import { cityOf, codeOf } from "../support/cities.ts";
import { withTestDatabase } from "../support/db.ts";
import { seedPlan } from "../support/plans.ts";

const t = withTestDatabase();
const komoro = codeOf("小諸市");
const ueda = codeOf("上田市");

const money = (total: number, nat: number, bonds: number, other: number): Inputs => ({
  total,
  nationalPrefectural: nat,
  localBonds: bonds,
  otherEarmarked: other,
  generalRevenue: total - nat - bonds - other,
});

/** The seed cut to one measure of three projects, with 款 and 2024–2025 inputs set by hand. */
function smallPlan(amounts: [number, Inputs, Inputs][]): PlanDocument {
  const plan = seedPlan();
  const policy = plan.policies[0];
  const measure = policy?.measures[0];
  if (!policy || !measure) throw new Error("the seed has no measure");
  plan.policies = [policy];
  policy.measures = [measure];
  const template = measure.projects[0] as Project;
  measure.projects = amounts.map(([kan, y2024, y2025], i) => ({
    ...structuredClone(template),
    name: `事業${i + 1}`,
    classification: {
      account: "一般会計",
      kan: { number: kan, name: kan === 2 ? "総務費" : "民生費" },
      kou: null,
      moku: null,
    },
    inputs: { "2024": y2024, "2025": y2025 },
    estimatedYears: [],
    evaluations: {},
    settled: {},
  }));
  return plan;
}

describe("totals by 款 and funding source over cities", () => {
  it("sums each city's plan of the year, by 款, exactly (worked by hand)", async () => {
    // 小諸市 2024: 2総務費 100 (国県 10, 地方債 20, その他 30 → 一般 40) and 300 (0, 0, 0 → 300); 3民生費 50 (25, 0, 0 → 25).
    await savePlan(t.db, {
      city: cityOf("小諸市"),
      fiscalYear: 2024,
      plan: smallPlan([
        [2, money(100, 10, 20, 30), money(9, 0, 0, 0)],
        [2, money(300, 0, 0, 0), money(9, 0, 0, 0)],
        [3, money(50, 25, 0, 0), money(9, 0, 0, 0)],
      ]),
    });
    // 上田市 2024: 2総務費 1,000 (400, 0, 100 → 500).
    await savePlan(t.db, {
      city: cityOf("上田市"),
      fiscalYear: 2024,
      plan: smallPlan([[2, money(1000, 400, 0, 100), money(7, 0, 0, 0)]]),
    });
    // 佐久市 has only a 2025 plan: not in the 2024 totals (its 2024 inputs belong to no 2024 plan).
    await savePlan(t.db, {
      city: cityOf("佐久市"),
      fiscalYear: 2025,
      plan: smallPlan([[2, money(5000, 0, 0, 0), money(5000, 0, 0, 0)]]),
    });

    const row = (
      kan: string,
      projects: number,
      total: number,
      nat: number,
      bonds: number,
      other: number,
    ) => ({
      cityCode: null,
      kan,
      projects,
      total,
      nationalPrefectural: nat,
      localBonds: bonds,
      otherEarmarked: other,
      generalRevenue: total - nat - bonds - other,
    });
    // 2総務費: 100 + 300 + 1,000 = 1,400; 国県 10 + 400 = 410; 地方債 20; その他 30 + 100 = 130; 一般 40 + 300 + 500 = 840.
    expect(await totalsByKanAndSource(t.db, { fiscalYear: 2024 })).toEqual([
      { ...row("一般会計・2総務費", 3, 1400, 410, 20, 130), generalRevenue: 840 },
      { ...row("一般会計・3民生費", 1, 50, 25, 0, 0), generalRevenue: 25 },
    ]);
    // The same for the cities asked, one row per city and 款.
    expect(
      await totalsByKanAndSource(t.db, { fiscalYear: 2024, cityCodes: [komoro, ueda], byCity: true }),
    ).toEqual([
      // In 款 order, then by city code (上田市 202037 before 小諸市 202088).
      { ...row("一般会計・2総務費", 1, 1000, 400, 0, 100), cityCode: ueda },
      { ...row("一般会計・2総務費", 2, 400, 10, 20, 30), cityCode: komoro },
      { ...row("一般会計・3民生費", 1, 50, 25, 0, 0), cityCode: komoro },
    ]);
    expect(await totalsByKanAndSource(t.db, { fiscalYear: 2024, cityCodes: [codeOf("佐久市")] })).toEqual([]);

    // An edit of 事業1's 2024 inputs (100 → 200, all of it 一般財源) moves the totals in the same transaction.
    const plan = await loadPlan(t.db, { cityCode: komoro, fiscalYear: 2024 });
    const edited = plan?.policies[0]?.measures[0]?.projects[0];
    const [head] = await t.db
      .select({ id: projects.id, planVersionId: projects.planVersionId, version: projects.version })
      .from(projects)
      .where(and(eq(projects.cityCode, komoro), eq(projects.name, "事業1")));
    if (!edited || !head) throw new Error("no 事業1");
    await t.db.transaction((tx) =>
      updateProjectContent(tx, { ...head, cityCode: komoro }, head.version, {
        ...edited,
        inputs: { ...edited.inputs, "2024": money(200, 10, 20, 30) },
      }),
    );
    expect(await totalsByKanAndSource(t.db, { fiscalYear: 2024, cityCodes: [komoro] })).toEqual([
      // 2総務費: 200 + 300 = 500; 一般 140 + 300 = 440.
      { ...row("一般会計・2総務費", 2, 500, 10, 20, 30), generalRevenue: 440 },
      { ...row("一般会計・3民生費", 1, 50, 25, 0, 0), generalRevenue: 25 },
    ]);
  });
});
