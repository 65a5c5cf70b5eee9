import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkClassificationNames,
  checkPlan,
  fundingSum,
  planPeriod,
} from "../../../src/domain/checks/check-plan.ts";
import type { PlanDocument } from "../../../src/domain/plan/model.ts";
import { ROLLUP_DIMENSIONS, rollup } from "../../../src/domain/rollups/rollups.ts";
import { SEED_EXTRA_DIAGNOSTICS } from "../../support/plan-compare.ts";

const seed: PlanDocument = JSON.parse(
  readFileSync(new URL("../../fixtures/komoro-2024-policy6.expected.json", import.meta.url), "utf8"),
);

describe("consistency checks on the hand-checked seed model", () => {
  const diagnostics = checkPlan(seed);
  it("find the funding that does not add up, the missing years and the stray kanji", () => {
    const keys = diagnostics.map((d) => `${d.code}|${d.project ?? ""}|${d.fiscalYear ?? ""}`).sort();
    const expected = [...seed.diagnostics, ...SEED_EXTRA_DIAGNOSTICS]
      .map((d) => `${d.code}|${d.project ?? ""}|${d.fiscalYear ?? ""}`)
      .sort();
    expect(keys).toEqual(expected);
  });
  it("computes the plan period from the years printed", () => {
    expect(planPeriod(seed)).toEqual(["2024", "2025", "2026"]);
  });
  it("finds a budget code printed under two names, and nothing when names agree", () => {
    const found = checkClassificationNames(seed);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toBe(
      "「税務総務費人件費」の項「2徴税费」が、「賦課徴収費運営費」の「2徴収費」と同じ番号で名称が異なります（一般会計）。",
    );
    const fixed = structuredClone(seed);
    for (const p of fixed.policies.flatMap((x) => x.measures.flatMap((m) => m.projects))) {
      if (p.classification.kou?.name === "徴収費" || p.classification.kou?.name === "徴税费")
        p.classification.kou.name = "徴税費";
    }
    expect(checkClassificationNames(fixed)).toEqual([]);
  });
  it("checks sums exactly", () => {
    expect(
      fundingSum({
        total: 38430,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 31,
        generalRevenue: 38399,
      }),
    ).toBe(38430);
  });
});

describe("rollups of the seed (figures from issue 2, checked by hand)", () => {
  const all = rollup(seed, "all");
  const byYear = Object.fromEntries(all.map((r) => [r.fiscalYear, r]));
  it("total the whole book per fiscal year", () => {
    expect(byYear["2024"]?.total).toBe(3984986);
    expect(byYear["2025"]?.total).toBe(4022511);
    expect(byYear["2026"]?.total).toBe(3656321);
    expect(byYear["2024"]?.generalRevenue).toBe(3734364);
    expect(byYear["2025"]?.generalRevenue).toBe(3735953);
    expect(byYear["2026"]?.generalRevenue).toBe(3455206);
    expect(byYear["2024"]?.projects).toBe(45);
    expect(byYear["2026"]?.projects).toBe(39);
  });
  it("agree across dimensions: every grouping sums to the whole", () => {
    for (const d of ROLLUP_DIMENSIONS.filter((x) => x !== "all")) {
      const rows = rollup(seed, d);
      for (const fy of ["2024", "2025", "2026"]) {
        const sum = rows.filter((r) => r.fiscalYear === fy).reduce((a, r) => a + r.total, 0);
        expect(sum, `${d} ${fy}`).toBe(byYear[fy]?.total);
      }
    }
  });
  it("group by 款 within the account, by measure, by pledge", () => {
    const kan = rollup(seed, "kan").filter((r) => r.fiscalYear === "2024");
    expect(kan.map((r) => r.key)).toContain("一般会計・12公債費");
    // 公債費: 元金 1,808,446 + 利子 60,751
    expect(kan.find((r) => r.key === "一般会計・12公債費")?.total).toBe(1869197);
    // The special account 小諸市等公平委員会特別会計 keeps its own 款.
    expect(kan.find((r) => r.key === "小諸市等公平委員会特別会計・1小諸市等公平委員会運営費")?.total).toBe(
      335,
    );
    const m61 = rollup(seed, "measure").find((r) => r.key === "6-1" && r.fiscalYear === "2024");
    // 市民協働推進事業 38,430 + 市民活動支援事業 6,424 + 各種団体連携事業 30,287
    expect(m61?.total).toBe(75141);
    const pledge = rollup(seed, "pledge").filter((r) => r.fiscalYear === "2024");
    expect(pledge.map((r) => r.key).sort()).toEqual(["有", "無", "記載なし"].sort());
  });
});
