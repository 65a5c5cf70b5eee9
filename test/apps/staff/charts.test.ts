import { describe, expect, it } from "vitest";
import { breakdownChart, fundingChart } from "../../../src/apps/staff/charts.ts";
import { rollup } from "../../../src/domain/rollups/rollups.ts";
import { seedPlan } from "../../support/plans.ts";

// ECharts is loaded on the first chart drawn (charts.ts), not with the app: the charts still come out.
describe("server-rendered charts", () => {
  it("draws the funding sources per fiscal year and a breakdown as SVG", () => {
    const plan = seedPlan();
    const funding = fundingChart(rollup(plan, "all"), "財源別の事業費");
    expect(funding.startsWith("<svg")).toBe(true);
    for (const text of [
      "財源別の事業費",
      "令和6年度",
      "令和7年度",
      "令和8年度",
      "国・県支出金",
      "一般財源",
      "百万円",
    ]) {
      expect(funding).toContain(text);
    }
    const byMeasure = rollup(plan, "measure");
    const breakdown = breakdownChart(byMeasure, "施策別の事業費");
    expect(breakdown.startsWith("<svg")).toBe(true);
    expect(breakdown).toContain("施策別の事業費");
    expect(breakdown).toContain("<path");
  });
});
