import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentDiagnostics } from "../../../src/domain/checks/current-diagnostics.ts";
import type { PlanDocument, Project } from "../../../src/domain/plan/model.ts";
import { readBook } from "../../../src/formats/book-text/read-book.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// The diagnostics published for a plan edited in the app: what still holds stays (with the book's line),
// what the edits fixed goes, what they broke is added. Figures are the seed book's (line 503: 職員研修費
// prints 一般財源 1,453 against 年度別事業費 1,443 in 令和7・8年度).

const book = readFileSync(new URL("../../fixtures/komoro-2024-policy6.txt", import.meta.url));
const read = (): PlanDocument => readBook(book);

function project(plan: PlanDocument, name: string): Project {
  const p = projectsOf(plan).find((x) => x.name === name);
  if (!p) throw new Error(`no ${name}`);
  return p;
}

function inputs(p: Project, fy: string) {
  const i = p.inputs[fy];
  if (!i) throw new Error(`no ${fy}`);
  return i;
}

describe("currentDiagnostics", () => {
  it("gives back the diagnostics of a plan as read from the book, unchanged", () => {
    const plan = read();
    expect(plan.diagnostics.length).toBe(10);
    expect(currentDiagnostics(plan)).toStrictEqual(plan.diagnostics);
  });

  it("drops the finding an edit fixed and keeps the other one with its line", () => {
    const plan = read();
    inputs(project(plan, "職員研修費"), "2025").generalRevenue = 1443;
    const now = currentDiagnostics(plan);
    const funding = now.filter((d) => d.code === "funding-sum-mismatch");
    expect(funding.map((d) => [d.project, d.fiscalYear, d.line])).toEqual([["職員研修費", "2026", 503]]);
    expect(now.length).toBe(9);
    // Everything else is as read.
    expect(now.filter((d) => d.code !== "funding-sum-mismatch")).toStrictEqual(
      plan.diagnostics.filter((d) => d.code !== "funding-sum-mismatch"),
    );
  });

  it("keeps a finding that still holds with the figures as they are now", () => {
    const plan = read();
    inputs(project(plan, "職員研修費"), "2026").generalRevenue = 1454;
    const d = currentDiagnostics(plan).find((x) => x.project === "職員研修費" && x.fiscalYear === "2026");
    expect(d?.line).toBe(503);
    expect(d?.message).toBe(
      "「職員研修費」の令和8年度: 財源の合計 1,454 千円（国・県支出金 0 + 地方債 0 + その他 0 + 一般財源 1,454）" +
        "が年度別事業費 1,443 千円と一致しません（差 11 千円）。",
    );
  });

  it("adds a finding an edit made, without a line", () => {
    const plan = read();
    // 文書費 (6-5, 総務課): 9,562 千円 of which 一般財源 9,425 in 令和6年度; a total of 9,563 no longer adds up.
    inputs(project(plan, "文書費"), "2024").total = 9563;
    const added = currentDiagnostics(plan).at(-1);
    expect(added).toMatchObject({
      severity: "error",
      code: "funding-sum-mismatch",
      project: "文書費",
      fiscalYear: "2024",
      line: null,
    });
    expect(added?.message).toContain(
      "財源の合計 9,562 千円（国・県支出金 0 + 地方債 0 + その他 137 + 一般財源 9,425）が年度別事業費 9,563 千円と一致しません（差 -1 千円）",
    );
  });

  it("keeps the keys of a hand-checked list and adds the finding it leaves out", () => {
    // The expected reading lists its findings without messages or lines and leaves out the 徴収費/徴税费
    // warning of line 986; the data still shows it.
    const plan = seedPlan();
    const now = currentDiagnostics(plan);
    expect(now.slice(0, plan.diagnostics.length)).toStrictEqual(plan.diagnostics);
    expect(now.slice(plan.diagnostics.length).map((d) => [d.code, d.project])).toEqual([
      ["classification-name-mismatch", "税務総務費人件費"],
    ]);
  });
});
