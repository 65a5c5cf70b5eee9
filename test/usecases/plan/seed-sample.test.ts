import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { listPlans } from "../../../src/usecases/plan/list-plans.ts";
import { SAMPLE_CITY, SAMPLE_YEAR, seedSample } from "../../../src/usecases/plan/seed-sample.ts";
import { summarizePlan } from "../../../src/usecases/plan/summarize-plan.ts";
import { createTestDatabase, type TestDatabase } from "../../support/db.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.dispose();
});

describe("seedSample", { timeout: 120_000 }, () => {
  it("imports the sample book as 小諸市 令和6年度 into an empty database", async () => {
    const seeded = await seedSample({ db: t.db });
    expect(seeded.loaded).toBe(true);
    expect(seeded.city).toBe("小諸市");
    expect(seeded.fiscalYear).toBe(2024);
    expect([SAMPLE_CITY, SAMPLE_YEAR]).toEqual(["小諸市", 2024]);
    expect(seeded.planVersionId).toBeGreaterThan(0);
    // The sample book: 政策6 with 5 measures and 45 projects (README, cli-db.test.ts).
    expect(seeded.counts).toMatchObject({ policies: 1, measures: 5, projects: 45 });

    // The totals `hoshin start` prints: 3,984,986 / 4,022,511 / 3,656,321 千円 over 令和6–8年度.
    const summary = await summarizePlan({ db: t.db, city: "小諸市", fiscalYear: 2024 });
    expect(summary.all.map((r) => [r.fiscalYear, r.total])).toEqual([
      ["2024", 3984986],
      ["2025", 4022511],
      ["2026", 3656321],
    ]);
    const [version] = await listPlans({ db: t.db, actor: COMMAND_LINE });
    expect(version).toMatchObject({
      id: seeded.planVersionId,
      city: "小諸市",
      fiscalYear: 2024,
      sourceName: "komoro-2024-policy6.txt",
      sourceEncoding: "utf-8",
    });
  });

  it("leaves a stored sample as it is: the same version, nothing imported again", async () => {
    const first = (await listPlans({ db: t.db, actor: COMMAND_LINE }))[0];
    const again = await seedSample({ db: t.db });
    expect(again).toEqual({
      planVersionId: first?.id,
      city: "小諸市",
      cityCode: "202088",
      fiscalYear: 2024,
      loaded: false,
      counts: null,
    });
    const versions = await listPlans({ db: t.db, actor: COMMAND_LINE });
    expect(versions).toHaveLength(1);
    expect(versions[0]?.importedAt).toEqual(first?.importedAt);
  });
});
