import { describe, expect, it } from "vitest";
import { countRows } from "../../../src/db/plans.ts";
import { ROLLUP_DIMENSIONS, rollup } from "../../../src/domain/rollups/rollups.ts";
import { exportPlan } from "../../../src/usecases/plan/export-plan.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { summarizePlan } from "../../../src/usecases/plan/summarize-plan.ts";
import { failure } from "../../support/actors.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";

const t = withTestDatabase();

describe(`use cases: import, export, summarize (${testBackend})`, () => {
  it("exportPlan and summarizePlan say not-found, in Japanese, before anything is imported", async () => {
    const e1 = await failure(exportPlan({ db: t.db, city: "小諸市", fiscalYear: 2024 }));
    expect(e1.code).toBe("not-found");
    expect(e1.message).toBe("小諸市の令和6年度（2024年度）の実施計画は登録されていません。");
    const e2 = await failure(summarizePlan({ db: t.db, city: "小諸市", fiscalYear: 2024 }));
    expect(e2.code).toBe("not-found");
  });

  it("importPlan stores the seed and exportPlan gives it back exactly", async () => {
    const result = await importPlan({
      db: t.db,
      city: " 小諸市 ",
      fiscalYear: 2024,
      plan: seedPlan(),
      sourceName: "komoro-2024-policy6.txt",
      sourceEncoding: "utf-8",
    });
    expect(result).toMatchObject({
      replaced: false,
      counts: { policies: 1, measures: 5, projects: 45, diagnostics: 9 },
    });
    expect(typeof result.planVersionId).toBe("number");
    const plan = await exportPlan({ db: t.db, city: "小諸市", fiscalYear: 2024 });
    expect(JSON.stringify(plan)).toBe(JSON.stringify(seedPlan()));
  });

  it("importing the same city and year again replaces it; row counts stay the same", async () => {
    const before = await countRows(t.db);
    const result = await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    expect(result.replaced).toBe(true);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("summarizePlan returns every dimension, computed in SQL, equal to the pure rollups", async () => {
    const summary = await summarizePlan({ db: t.db, city: "小諸市", fiscalYear: 2024 });
    expect(Object.keys(summary)).toEqual([...ROLLUP_DIMENSIONS]);
    for (const d of ROLLUP_DIMENSIONS) expect(summary[d]).toStrictEqual(rollup(seedPlan(), d));
    expect(summary.all.map((r) => [r.total, r.generalRevenue])).toEqual([
      [3984986, 3734364],
      [4022511, 3735953],
      [3656321, 3455206],
    ]);
  });

  it("refuses a missing city or a fiscal year that is not a Western year", async () => {
    for (const [city, fiscalYear] of [
      ["", 2024],
      ["  ", 2024],
      ["小諸市", 6],
      ["小諸市", 2024.5],
      ["小諸市", Number.NaN],
    ] as const) {
      const e = await failure(exportPlan({ db: t.db, city, fiscalYear }));
      expect(e.code).toBe("invalid-input");
      expect(e.message).toMatch(
        /市町村を全国地方公共団体コードか名前で指定してください|西暦の年度ではありません/,
      );
    }
  });

  it("refuses a document that is not hoshin-plan/1, listing the problems", async () => {
    const bad = { format: "other", title: 1, policies: "x", diagnostics: [{ severity: "fatal", code: "c" }] };
    const e = await failure(importPlan({ db: t.db, city: "小諸市", fiscalYear: 2025, plan: bad as never }));
    expect(e.code).toBe("invalid-input");
    expect(e.problems).toEqual([
      "format: 「hoshin-plan/1」ではありません。",
      "title: 文字列か null ではありません。",
      "policies: 配列ではありません。",
      "diagnostics[0].severity: 「error」「warning」「info」のいずれでもありません。",
    ]);
  });

  it("refuses bad Check and Act data, naming the key", async () => {
    const plan = seedPlan();
    const measure = plan.policies[0]?.measures[0];
    const project = measure?.projects[0];
    const outcome = measure?.outcomeIndicators[0];
    if (!measure || !project || !outcome) throw new Error("seed changed");
    Object.assign(outcome, { direction: "up" });
    Object.assign(project, {
      settled: { "2024": -5, "2025": 1.5 },
      estimatedYears: ["R9"],
      evaluations: {
        "2024": {
          self: {
            aspects: {
              necessity: { rating: "D", reason: null },
              effectiveness: { rating: null, reason: null },
              efficiency: { rating: null, reason: null },
              equity: { rating: null, reason: 3 },
            },
            outlook: "stop",
            changes: null,
          },
          secondary: null,
        },
      },
    });
    const e = await failure(importPlan({ db: t.db, city: "須坂市", fiscalYear: 2024, plan }));
    expect(e.code).toBe("invalid-input");
    const at = "policies[0].measures[0]";
    expect(e.problems).toEqual([
      `${at}.outcomeIndicators[0].direction: 「higher」でも「lower」でもありません。`,
      `${at}.projects[0].settled["2024"]: 決算額が 0 以上の整数（千円）ではありません（-5）。`,
      `${at}.projects[0].settled["2025"]: 決算額が 0 以上の整数（千円）ではありません（1.5）。`,
      `${at}.projects[0].estimatedYears: 西暦4桁の年度（例: "2027"）の配列ではありません。`,
      `${at}.projects[0].evaluations["2024"].self.aspects.necessity.rating: 「A」「B」「C」か null ではありません。`,
      `${at}.projects[0].evaluations["2024"].self.aspects.equity.reason: 文字列か null ではありません。`,
      `${at}.projects[0].evaluations["2024"].self.outlook: 「expand」「continue」「improve」「reduce」「abolish」「complete」か null ではありません。`,
    ]);
  });

  it("two imports of the same city and year at once end with one version, not two", async () => {
    const results = await Promise.all([
      importPlan({ db: t.db, city: "中野市", fiscalYear: 2024, plan: seedPlan() }),
      importPlan({ db: t.db, city: "中野市", fiscalYear: 2024, plan: seedPlan() }),
    ]);
    expect(results.map((r) => r.replaced).sort()).toEqual([false, true]);
    const plan = await exportPlan({ db: t.db, city: "中野市", fiscalYear: 2024 });
    expect(plan).toStrictEqual(seedPlan());
    const counts = await countRows(t.db);
    expect(counts.planVersions).toBe(2);
    expect(counts.projects).toBe(90);
  });
});
