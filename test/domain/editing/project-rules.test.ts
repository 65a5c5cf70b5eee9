// What a project or measure must satisfy to be saved from a form, written from the README and the plan's
// rules: a name, a 所管課 and a 会計; amounts that are integers of 千円 from 0 to 1,000,000,000; funding
// sources adding up to the 年度別事業費 each year; texts of at most 20,000 characters; named indicators.
import { describe, expect, it } from "vitest";
import { measureRuleProblems, projectRuleProblems } from "../../../src/domain/editing/project-rules.ts";
import type { Measure, Project } from "../../../src/domain/plan/model.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

/** 職員研修費 of the seed: 1,443 千円 a year, with 一般財源 1,453 in 令和7・8年度 (the book's own mismatch). */
function training(): Project {
  const p = projectsOf(seedPlan()).find((x) => x.name === "職員研修費");
  if (!p) throw new Error("no 職員研修費 in the seed");
  return p;
}

function fixed(): Project {
  const p = training();
  for (const fy of ["2025", "2026"]) {
    const i = p.inputs[fy];
    if (i) i.generalRevenue = 1443;
  }
  return p;
}

function measure65(): Measure {
  const m = seedPlan().policies[0]?.measures.find((x) => x.code === "6-5");
  if (!m) throw new Error("no 6-5 in the seed");
  return m;
}

const amount = (year: string, label: string) =>
  `${year}の${label}は 0 以上 1,000,000,000 以下の整数（千円）で入力してください。`;

describe("project rules (pure)", () => {
  it("the seed's 職員研修費 breaks the funding sum in 令和7年度 and 令和8年度, and nothing else", () => {
    expect(projectRuleProblems(training())).toEqual([
      {
        field: "inputs.2025.total",
        message: "令和7年度: 財源の合計 1,453 千円が年度別事業費 1,443 千円と一致しません。",
      },
      {
        field: "inputs.2026.total",
        message: "令和8年度: 財源の合計 1,453 千円が年度別事業費 1,443 千円と一致しません。",
      },
    ]);
    expect(projectRuleProblems(fixed())).toEqual([]);
  });

  it.each<[string, (p: Project) => void, { field: string; message: string }[]]>([
    ["no name", (p) => (p.name = ""), [{ field: "name", message: "事務事業名を入力してください。" }]],
    ["a blank name", (p) => (p.name = "　 "), [{ field: "name", message: "事務事業名を入力してください。" }]],
    [
      "no 所管課",
      (p) => (p.leadDepartment = ""),
      [{ field: "leadDepartment", message: "所管課を入力してください。" }],
    ],
    [
      "no 会計",
      (p) => (p.classification.account = " "),
      [{ field: "classification.account", message: "会計を入力してください。" }],
    ],
    [
      "a negative amount (no sum check that year)",
      (p) => {
        const i = p.inputs["2024"];
        if (i) i.otherEarmarked = -1;
      },
      [{ field: "inputs.2024.otherEarmarked", message: amount("令和6年度", "その他") }],
    ],
    [
      "a fractional amount",
      (p) => {
        const i = p.inputs["2026"];
        if (i) i.localBonds = 1.5;
      },
      [{ field: "inputs.2026.localBonds", message: amount("令和8年度", "地方債") }],
    ],
    [
      "an amount over 1,000,000,000 千円",
      (p) => {
        const i = p.inputs["2025"];
        if (i) i.total = 1_000_000_001;
      },
      [{ field: "inputs.2025.total", message: amount("令和7年度", "年度別事業費") }],
    ],
    [
      "a 事業概要 of 20,001 characters",
      (p) => (p.summary = "あ".repeat(20_001)),
      [{ field: "summary", message: "事業概要が長すぎます（20,000字まで）。" }],
    ],
    [
      "an unnamed activity indicator",
      (p) => {
        const a = p.activityIndicators[1];
        if (a) a.name = "";
      },
      [{ field: "activityIndicators.1.name", message: "活動指標2の指標名を入力してください。" }],
    ],
  ])("refuses %s", (_what, breakIt, problems) => {
    const p = fixed();
    breakIt(p);
    expect(projectRuleProblems(p)).toEqual(problems);
  });

  it.each<[string, (p: Project) => void]>([
    ["a 事業概要 of exactly 20,000 characters", (p) => (p.summary = "あ".repeat(20_000))],
    [
      "an amount of exactly 1,000,000,000 千円 with its sum",
      (p) => {
        const i = p.inputs["2024"];
        if (i) Object.assign(i, { total: 1_000_000_000, generalRevenue: 1_000_000_000 });
      },
    ],
    [
      "a year of zeros",
      (p) => {
        const i = p.inputs["2024"];
        if (i) Object.assign(i, { total: 0, generalRevenue: 0 });
      },
    ],
    ["no 特記事項 and no 事業優先順位", (p) => Object.assign(p, { notes: null, priority: null })],
  ])("accepts %s", (_what, change) => {
    const p = fixed();
    change(p);
    expect(projectRuleProblems(p)).toEqual([]);
  });
});

describe("measure rules (pure)", () => {
  it("accepts 6-5 as read from the book", () => {
    expect(measureRuleProblems(measure65())).toEqual([]);
  });

  it.each<[string, (m: Measure) => void, { field: string; message: string }[]]>([
    [
      "an unnamed outcome indicator",
      (m) => {
        const o = m.outcomeIndicators[0];
        if (o) o.name = " ";
      },
      [{ field: "outcomeIndicators.0.name", message: "成果指標1の指標名を入力してください。" }],
    ],
    [
      "特記事項 of 20,001 characters",
      (m) => (m.notes = "x".repeat(20_001)),
      [{ field: "notes", message: "特記事項が長すぎます（20,000字まで）。" }],
    ],
  ])("refuses %s", (_what, breakIt, problems) => {
    const m = measure65();
    breakIt(m);
    expect(measureRuleProblems(m)).toEqual(problems);
  });
});
