import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sqlState } from "../../../src/db/errors.ts";
import { countRows, loadPlan, savePlan } from "../../../src/db/plans.ts";
import type { PlanDocument } from "../../../src/domain/plan/model.ts";
import { HoshinError } from "../../../src/usecases/errors.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { cityOf } from "../../support/cities.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { lastProject, seedPlan } from "../../support/plans.ts";

const t = withTestDatabase();
const key = { cityCode: "202088", fiscalYear: 2024 };
/** The same plan as savePlan and importPlan take it. */
const saveKey = { city: cityOf("小諸市"), fiscalYear: 2024 };
const importKey = { city: "小諸市", fiscalYear: 2024 };

/** Everything a failed import must leave as it was: every table's row count and the stored plan. */
async function snapshot() {
  return { rows: await countRows(t.db), plan: JSON.stringify(await loadPlan(t.db, key)) };
}

/** The seed, with its last project (deep in the book, after most rows are written) broken. */
function brokenAtTheEnd(breakIt: (p: ReturnType<typeof lastProject>) => void): PlanDocument {
  const plan = seedPlan();
  breakIt(lastProject(plan));
  return plan;
}

const nonIntegerAmount = () =>
  brokenAtTheEnd((p) => {
    const fy = Object.keys(p.inputs).at(-1) ?? "2025";
    p.inputs[fy] = {
      total: 1.5,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 1.5,
    };
  });
const nullName = () =>
  brokenAtTheEnd((p) => {
    (p as { name: string | null }).name = null;
  });
// PostgreSQL text and jsonb cannot hold U+0000; only the database notices, after the old version is
// deleted (the new version's row, which keeps the plan as imported in jsonb, is the first to refuse it).
const nulCharacter = () =>
  brokenAtTheEnd((p) => {
    p.notes = "途中で\u0000失敗";
  });

beforeAll(async () => {
  await importPlan({ db: t.db, ...importKey, plan: seedPlan(), sourceName: "seed.txt" });
});

describe(`a failing import leaves the database exactly as before (${testBackend})`, () => {
  it("savePlan: a non-integer amount in the last project is refused by the database, nothing changes", async () => {
    const before = await snapshot();
    const error = await savePlan(t.db, { ...saveKey, plan: nonIntegerAmount() }).catch((e: unknown) => e);
    expect(sqlState(error)).toBe("22P02"); // invalid input syntax for type bigint: "1.5"
    expect(await snapshot()).toEqual(before);
    expect(await loadPlan(t.db, key)).toStrictEqual(seedPlan());
  });

  it("savePlan: a null project name is refused by the database, nothing changes", async () => {
    const before = await snapshot();
    const error = await savePlan(t.db, { ...saveKey, plan: nullName() }).catch((e: unknown) => e);
    expect(sqlState(error)).toBe("23502"); // not-null violation
    expect(await snapshot()).toEqual(before);
  });

  it("savePlan: a failure inside a caller's transaction rolls back only to its savepoint", async () => {
    const before = await snapshot();
    const outcome = await t.db.transaction(async (tx) => {
      const failed = await savePlan(tx, { ...saveKey, plan: nullName() }).then(
        () => false,
        () => true,
      );
      return { failed, plan: JSON.stringify(await loadPlan(tx, key)) };
    });
    expect(outcome).toEqual({ failed: true, plan: before.plan });
    expect(await snapshot()).toEqual(before);
  });

  it("importPlan: refuses a non-integer amount or a null name as invalid input, naming the place", async () => {
    const before = await snapshot();
    for (const [plan, where] of [
      [nonIntegerAmount(), /inputs\["2026"\]\.total: 金額が整数（千円）ではありません（1\.5）/],
      [nullName(), /projects\[8\]\.name: 文字列ではありません/],
    ] as const) {
      const error = await importPlan({ db: t.db, ...importKey, plan }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HoshinError);
      expect((error as HoshinError).code).toBe("invalid-input");
      expect((error as HoshinError).message).toContain("小諸市の令和6年度（2024年度）の計画を取り込めません");
      expect((error as HoshinError).problems.join("\n")).toMatch(where);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("importPlan: a NUL character is refused before anything is written (domain/plan/storable.ts)", async () => {
    const before = await snapshot();
    const error = await importPlan({ db: t.db, ...importKey, plan: nulCharacter() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HoshinError);
    expect((error as HoshinError).code).toBe("invalid-input");
    expect((error as HoshinError).message).toContain("備考");
    expect(await snapshot()).toEqual(before);
  });

  it("importPlan: a value only the database refuses fails midway and rolls the whole import back", async () => {
    // Every check of the use case passes; the database itself refuses the last project's row (a trigger
    // stands for a constraint the checks do not know), after the old version and most rows are written.
    await t.db.execute(
      sql.raw(`create function hoshin_test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'the test refuses this row' using errcode = '23514'; end $$`),
    );
    await t.db.execute(
      sql.raw(`create trigger hoshin_test_refuse before insert on projects for each row
        when (new.notes = '途中で失敗する備考') execute function hoshin_test_refuse()`),
    );
    try {
      const before = await snapshot();
      const plan = brokenAtTheEnd((p) => {
        p.notes = "途中で失敗する備考";
      });
      const error = await importPlan({ db: t.db, ...importKey, plan }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HoshinError);
      expect((error as HoshinError).code).toBe("invalid-input");
      expect((error as HoshinError).message).toContain("何も変更していません");
      expect(sqlState((error as HoshinError).cause)).toBe("23514");
      expect(await snapshot()).toEqual(before);
      expect(await loadPlan(t.db, key)).toStrictEqual(seedPlan());
    } finally {
      await t.db.execute(sql.raw("drop trigger hoshin_test_refuse on projects"));
      await t.db.execute(sql.raw("drop function hoshin_test_refuse()"));
    }
  });

  it("importPlan: a failed first import of a new city leaves no city behind", async () => {
    const before = await snapshot();
    await expect(
      importPlan({ db: t.db, city: "諏訪市", fiscalYear: 2024, plan: nulCharacter() }),
    ).rejects.toThrow(HoshinError);
    expect(await snapshot()).toEqual(before);
  });

  it("the database still works after the failures", async () => {
    const again = await importPlan({ db: t.db, ...importKey, plan: seedPlan() });
    expect(again.replaced).toBe(true);
    expect(await loadPlan(t.db, key)).toStrictEqual(seedPlan());
  });
});
