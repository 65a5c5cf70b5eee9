// compareCities on a real database: three cities, approvals made through the use cases; the figures are
// worked out by hand from the seed's reading (test/fixtures/komoro-2024-policy6.expected.json, 令和6年度).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/domain/access.ts";
import { compareCities } from "../../../src/usecases/compare/compare-cities.ts";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import {
  type ComparedCities,
  enterCollectionRate,
  seedComparedCities,
} from "../../support/compare-fixture.ts";
import { createTestDatabase, type TestDatabase } from "../../support/db.ts";
import { readSeed, type Seed } from "../../support/seed.ts";

let t: TestDatabase;
let seed: Seed;
let ids: ComparedCities;

beforeEach(async () => {
  t = await createTestDatabase({ template: "seeded" });
  seed = await readSeed(t.db);
  ids = await seedComparedCities(t.db, seed.admin, seed.planVersionId);
});
afterEach(async () => {
  await t.dispose();
});

const LIST = { kind: "list", codes: ["202037", "202177"] } as const;
const compare = (actor: Actor) =>
  compareCities({ db: t.db, actor, fiscalYear: 2024, city: "202088", peers: LIST });

describe("compareCities", () => {
  it("compares the approved part of each city's year, by hand-worked figures", async () => {
    const r = await compare(seed.admin);
    expect(r.fiscalYear).toBe(2024);
    expect(r.years).toEqual([2024]);
    expect(r.choice?.description).toBe("比較対象: 指定した市町村（3団体）: 小諸市、上田市、佐久市");
    const [komoro, ueda, saku] = r.comparison?.cities ?? [];

    // 小諸市: 職員研修費 1,443 (一般財源) + 統計調査事業 5,495 (国・県) + 運営費 335 (その他, 特別会計)
    // + 賦課徴収費運営費 127,779 (国・県 8,768, その他 3,738, 一般財源 115,273)
    expect(komoro?.totals).toEqual({
      projects: 4,
      total: 135_052,
      nationalPrefectural: 14_263,
      localBonds: 0,
      otherEarmarked: 4_073,
      generalRevenue: 116_716,
    });
    expect(komoro?.approvalText).toBe("一部のみ承認済（事務事業 4／45件、施策 1／5件）");
    // per resident of 41,765 (test population): 135,052,000 ÷ 41,765 = 3,233 r 25,755 → 3,234;
    // 14,263,000 → 341 r 21,135 (over half of 41,765) → 342; 4,073,000 → 97 r 21,795 → 98;
    // 116,716,000 → 2,794 r 24,590 → 2,795
    expect(komoro?.perCapita).toEqual({
      total: 3_234,
      nationalPrefectural: 342,
      localBonds: 0,
      otherEarmarked: 98,
      generalRevenue: 2_795,
    });
    expect(komoro?.byKan.map((k) => [k.label, k.totals.total, k.totals.projects])).toEqual([
      ["一般会計 2款 総務費", 134_717, 3],
      ["小諸市等公平委員会特別会計 1款 小諸市等公平委員会運営費", 335, 1],
    ]);
    expect(komoro?.byPolicy.map((p) => [p.code, p.title, p.totals.total])).toEqual([
      ["6", "すべての主体が参加し、協働するまちづくり", 135_052],
    ]);
    // 6-4 approved with 99.10 against 98.98 (higher is better): met
    expect(komoro?.achievement).toEqual({ withActual: 1, met: 1, notMet: 0, unjudged: 0 });
    // 職員研修費's sheet approved (継続; A B B A); 統計調査事業's left 作成中 does not count
    expect(komoro?.evaluations.sheets).toBe(1);
    expect(komoro?.evaluations.outlooks).toMatchObject({ continue: 1, none: 0 });
    expect(komoro?.evaluations.ratings.effectiveness).toEqual({ A: 0, B: 1, C: 0, none: 0 });

    // 上田市: 市民協働推進事業 38,430 (その他 31) + 市民活動支援事業 6,424 (その他 45) + 各種団体連携事業 30,287
    expect(ueda?.totals).toEqual({
      projects: 3,
      total: 75_141,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 76,
      generalRevenue: 75_065,
    });
    expect(ueda?.byPolicy.map((p) => [p.title, p.totals.total])).toEqual([["市民とともに歩むまち", 75_141]]);
    expect(ueda?.achievement.withActual).toBe(0);
    // 75,141,000 ÷ 154,055 = 487 r 116,215 → 488; 75,065,000 → 487 r 40,215 → 487; 76,000 → 0
    expect(ueda?.perCapita).toEqual({
      total: 488,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 487,
    });
    expect(ueda?.approvalText).toBe("一部のみ承認済（事務事業 3／45件、施策 0／5件）");

    // 佐久市: nothing approved, nothing shown
    expect(saku?.published).toBe(false);
    expect(saku?.approvalText).toBe("公開された計画はありません");
    expect(saku?.totals.total).toBe(0);
    expect(saku?.perCapita.total).toBeNull();
    expect(r.comparison?.kanGroups.map((k) => k.label)).toEqual([
      "一般会計 2款 総務費",
      "小諸市等公平委員会特別会計 1款 小諸市等公平委員会運営費",
    ]);
  });

  it("never shows a draft: an edit after approval and a returned sheet leave the published figures", async () => {
    // A new actual typed into 6-4 (98.00, not met) is a draft until approved again: still met.
    await enterCollectionRate(t.db, seed.admin, ids.komoro, "98.00");
    // 統計調査事業 returned: out of the published plan (5,495 国・県 less).
    const view = await readPlan({ db: t.db, actor: seed.admin, planVersionId: ids.komoro });
    const stats = view.projects.find((p) => p.project.name === "統計調査事業");
    await reviewProject({
      db: t.db,
      actor: seed.admin,
      projectId: stats?.id ?? 0,
      action: "return",
      comment: "再確認",
    });
    const komoro = (await compare(seed.admin)).comparison?.cities[0];
    expect(komoro?.achievement).toEqual({ withActual: 1, met: 1, notMet: 0, unjudged: 0 });
    expect(komoro?.totals).toMatchObject({ projects: 3, total: 129_557, nationalPrefectural: 8_768 });
    expect(komoro?.approvalText).toBe("一部のみ承認済（事務事業 3／45件、施策 1／5件）");
  });

  it("answers every logged-in role the same", async () => {
    const forAdmin = await compare(seed.admin);
    for (const actor of [seed.soumu, seed.kikaku, seed.viewer])
      expect(await compare(actor)).toEqual(forAdmin);
  });

  it("loads the cities in batches: three cities cost the statements one does", async () => {
    await compare(seed.admin);
    const before1 = t.statements;
    await compareCities({
      db: t.db,
      actor: seed.admin,
      fiscalYear: 2024,
      city: "小諸市",
      peers: { kind: "list", codes: [] },
    });
    const one = t.statements - before1;
    const before3 = t.statements;
    await compare(seed.admin);
    const three = t.statements - before3;
    expect(three).toBe(one);
  });

  it.each([
    [{ kind: "prefecture" } as const, "比較対象: 長野県内の市町村（2団体）: 小諸市、上田市"],
    [
      { kind: "similar", count: 5 } as const,
      "比較対象: 人口の近い市町村（2団体、小諸市との人口の比が近い順に5団体まで）: 小諸市、上田市",
    ],
    [{ kind: "group" } as const, "比較対象: 類似団体区分「都市Ⅰ-2」の市町村（2団体）: 小諸市、上田市"],
  ])(
    "picks the peers by %o among the cities with a published plan (佐久市 has none)",
    async (peers, description) => {
      const r = await compareCities({
        db: t.db,
        actor: seed.viewer,
        fiscalYear: 2024,
        city: "202088",
        peers,
      });
      expect(r.choice?.description).toBe(description);
    },
  );

  it("takes the city by its code or its name, and by default the first city with a published plan", async () => {
    const byName = await compareCities({
      db: t.db,
      actor: seed.viewer,
      fiscalYear: 2024,
      city: "小諸市",
      peers: LIST,
    });
    expect(byName.base?.code).toBe("202088");
    // 上田市 202037 comes before 小諸市 202088
    expect((await compareCities({ db: t.db, actor: seed.viewer })).base?.code).toBe("202037");
  });

  it("refuses a city that is not registered, or not a municipality, naming it", async () => {
    await expect(
      compareCities({ db: t.db, actor: seed.viewer, fiscalYear: 2024, city: "202193" }),
    ).rejects.toMatchObject({
      code: "not-found",
      message: "長野県東御市（202193）はこのシステムに登録されていません。",
    });
    await expect(
      compareCities({ db: t.db, actor: seed.viewer, fiscalYear: 2024, city: "202199" }),
    ).rejects.toMatchObject({ code: "invalid-input" });
  });

  it("says so when a year has no published plan", async () => {
    const r = await compareCities({
      db: t.db,
      actor: seed.viewer,
      fiscalYear: 2030,
      city: "小諸市",
      peers: LIST,
    });
    expect(r.comparison?.cities.map((c) => c.published)).toEqual([false, false, false]);
  });
});
