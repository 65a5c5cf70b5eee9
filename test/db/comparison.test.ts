// The batched loader of the comparison (db/comparison.ts) reads what the public reads: for every figure
// of the comparison, the published plan of read-published-plan.ts gives the same as the five queries.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPublishedYears } from "../../src/db/comparison.ts";
import { totalsByKan, totalsByPolicy, yearTotals } from "../../src/domain/comparison/budget.ts";
import { achievementOf } from "../../src/domain/comparison/outcomes.ts";
import { readPublishedPlan } from "../../src/usecases/plan/read-published-plan.ts";
import { type ComparedCities, seedComparedCities } from "../support/compare-fixture.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { readSeed } from "../support/seed.ts";

let t: TestDatabase;
let ids: ComparedCities;

beforeEach(async () => {
  t = await createTestDatabase({ template: "seeded" });
  const seed = await readSeed(t.db);
  ids = await seedComparedCities(t.db, seed.admin, seed.planVersionId);
});
afterEach(async () => {
  await t.dispose();
});

describe("loadPublishedYears", () => {
  it("gives the figures the published plan gives, for every city at once", async () => {
    const loaded = await loadPublishedYears(t.db, {
      planVersionIds: [ids.komoro, ids.ueda],
      fiscalYear: 2024,
    });
    for (const id of [ids.komoro, ids.ueda]) {
      const published = await readPublishedPlan({ db: t.db, planVersionId: id });
      const mine = loaded.get(id);
      expect(mine?.approval).toEqual(published.approval);
      const theirs = published.plan.policies;
      const ours = mine?.policies ?? [];
      expect(yearTotals(ours, "2024")).toEqual(yearTotals(theirs, "2024"));
      expect(totalsByKan(ours, "2024")).toEqual(totalsByKan(theirs, "2024"));
      expect(totalsByPolicy(ours, "2024")).toEqual(totalsByPolicy(theirs, "2024"));
      expect(achievementOf(ours, "2024")).toEqual(achievementOf(theirs, "2024"));
    }
  });

  it("gives only 承認済 evaluation sheets of the year", async () => {
    const loaded = await loadPublishedYears(t.db, { planVersionIds: [ids.komoro], fiscalYear: 2024 });
    // 職員研修費 approved, 統計調査事業 left 作成中 (compare-fixture.ts)
    expect(loaded.get(ids.komoro)?.evaluations).toHaveLength(1);
    expect(loaded.get(ids.komoro)?.evaluations[0]?.self.outlook).toBe("continue");
    expect(
      (await loadPublishedYears(t.db, { planVersionIds: [ids.komoro], fiscalYear: 2025 })).get(ids.komoro)
        ?.evaluations,
    ).toEqual([]);
  });

  it("reads nothing of a version with nothing approved but its counts", async () => {
    const loaded = await loadPublishedYears(t.db, { planVersionIds: [ids.saku], fiscalYear: 2024 });
    const saku = loaded.get(ids.saku);
    expect(saku?.approval).toEqual({
      projects: { approved: 0, total: 45 },
      measures: { approved: 0, total: 5 },
    });
    expect(
      saku?.policies.flatMap((p) => p.measures.flatMap((m) => [...m.projects, ...m.outcomeIndicators])),
    ).toEqual([]);
    expect(await loadPublishedYears(t.db, { planVersionIds: [], fiscalYear: 2024 })).toEqual(new Map());
  });
});
