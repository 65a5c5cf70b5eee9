import { describe, expect, it } from "vitest";
import { diffPlans } from "../../../src/domain/cycle/plan-diff.ts";
import { rollOverPlan } from "../../../src/domain/cycle/rollover.ts";
import { emptyAspects } from "../../../src/domain/evaluation/evaluation.ts";
import type { PlanDocument, Project } from "../../../src/domain/plan/model.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// What changed between two plans, on the seed (小諸市 令和6年度 政策6): totals 3,984,986 / 4,022,511 /
// 3,656,321 千円 with 45 / 45 / 39 projects, 一般財源 3,734,364 / 3,735,953 / 3,455,206.

function project(plan: PlanDocument, name: string): Project {
  const found = projectsOf(plan).filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as Project;
}

const SEED_TOTALS = {
  "2024": { total: 3984986, generalRevenue: 3734364, projects: 45 },
  "2025": { total: 4022511, generalRevenue: 3735953, projects: 45 },
  "2026": { total: 3656321, generalRevenue: 3455206, projects: 39 },
};
const NONE = { total: 0, generalRevenue: 0, projects: 0 };

describe("a plan compared with itself", () => {
  it("has no change and equal totals", () => {
    const d = diffPlans(seedPlan(), seedPlan());
    expect(d.measuresAdded).toEqual([]);
    expect(d.measuresRemoved).toEqual([]);
    expect(d.measuresChanged).toEqual([]);
    expect(d.projectsAdded).toEqual([]);
    expect(d.projectsRemoved).toEqual([]);
    expect(d.projectsChanged).toEqual([]);
    expect(d.projectsUnchanged).toBe(45);
    expect(d.comparedYears).toEqual(["2024", "2025", "2026"]);
    expect(d.totals).toEqual(
      Object.entries(SEED_TOTALS).map(([fiscalYear, t]) => ({
        fiscalYear,
        before: t,
        after: t,
        difference: { total: 0, generalRevenue: 0, projects: 0 },
      })),
    );
  });
});

describe("edits within one plan year", () => {
  it("reports an amount per fiscal year and funding source, with exact totals", () => {
    const after = seedPlan();
    // 職員研修費: 一般財源 1,453 corrected to 1,443 in 令和7年度.
    const training = project(after, "職員研修費").inputs["2025"];
    if (!training) throw new Error("no 2025");
    training.generalRevenue = 1443;
    const d = diffPlans(seedPlan(), after, { years: "all" });
    expect(d.projectsChanged).toEqual([
      {
        measureCode: "6-2",
        name: "職員研修費",
        leadDepartment: "総務課",
        changes: [
          { field: "inputs.2025.generalRevenue", label: "令和7年度 一般財源", before: "1453", after: "1443" },
        ],
      },
    ]);
    expect(d.projectsUnchanged).toBe(44);
    expect(d.totals[1]).toEqual({
      fiscalYear: "2025",
      before: { total: 4022511, generalRevenue: 3735953, projects: 45 },
      after: { total: 4022511, generalRevenue: 3735943, projects: 45 },
      difference: { total: 0, generalRevenue: -10, projects: 0 },
    });
  });

  it("reports texts, activity targets, a move to another measure, and measure fields", () => {
    const after = seedPlan();
    const documents = project(after, "文書費");
    documents.summary = "文書管理システムの導入";
    const filing = documents.activityIndicators[1]?.targets["2026"];
    if (!filing) throw new Error("no target");
    filing.text = "3";
    filing.value = 3;
    // Move 文書費 from 6-5 to 6-1 (a unique name is matched wherever it is).
    const [m61, , , , m65] = after.policies[0]?.measures ?? [];
    if (!m61 || !m65) throw new Error("no measures");
    m65.projects = m65.projects.filter((p) => p !== documents);
    m61.projects.push(documents);
    const outcome = after.policies[0]?.measures[3]?.outcomeIndicators[0];
    if (!outcome) throw new Error("no outcome indicator");
    outcome.actual["2023"] = { text: "99.01", value: 99.01, comparator: "=" };

    const d = diffPlans(seedPlan(), after);
    expect(d.projectsChanged).toEqual([
      {
        measureCode: "6-1",
        name: "文書費",
        leadDepartment: "総務課",
        changes: [
          { field: "measure", label: "施策", before: "6-5", after: "6-1" },
          {
            field: "summary",
            label: "事業概要",
            before: project(seedPlan(), "文書費").summary,
            after: "文書管理システムの導入",
          },
          {
            field: "activityIndicators.1.targets.2026",
            label: "活動指標2 令和8年度目標",
            before: "2",
            after: "3",
          },
        ],
      },
    ]);
    expect(d.projectsAdded).toEqual([]);
    expect(d.projectsRemoved).toEqual([]);
    expect(d.measuresChanged).toEqual([
      {
        code: "6-4",
        title: after.policies[0]?.measures[3]?.title,
        changes: [
          {
            field: "outcomeIndicators.0.actual.2023",
            label: "成果指標1 令和5年度実績",
            before: null,
            after: "99.01",
          },
        ],
      },
    ]);
    // Moving a project changes no total.
    expect(d.totals.map((t) => t.difference)).toEqual([
      { total: 0, generalRevenue: 0, projects: 0 },
      { total: 0, generalRevenue: 0, projects: 0 },
      { total: 0, generalRevenue: 0, projects: 0 },
    ]);
  });

  it("reports projects and measures added and removed, with their totals per fiscal year", () => {
    const before = seedPlan();
    const after = seedPlan();
    const policy = after.policies[0];
    if (!policy) throw new Error("no policy");
    const m65 = policy.measures[4];
    if (!m65) throw new Error("no 6-5");
    m65.projects = m65.projects.filter((p) => p.name !== "文書費");
    const added: Project = {
      ...structuredClone(project(before, "職員研修費")),
      name: "デジタル人材育成事業",
      status: "new",
      inputs: {
        "2025": {
          total: 5000,
          nationalPrefectural: 2500,
          localBonds: 0,
          otherEarmarked: 0,
          generalRevenue: 2500,
        },
      },
    };
    policy.measures.push({
      ...structuredClone(m65),
      code: "6-6",
      title: "デジタル化を進めます",
      projects: [added],
    });
    const d = diffPlans(before, after);
    expect(d.projectsRemoved).toEqual([
      {
        measureCode: "6-5",
        name: "文書費",
        leadDepartment: "総務課",
        totals: { "2024": 9562, "2025": 9562, "2026": 9562 },
      },
    ]);
    expect(d.projectsAdded).toEqual([
      {
        measureCode: "6-6",
        name: "デジタル人材育成事業",
        leadDepartment: "総務課",
        totals: { "2025": 5000 },
      },
    ]);
    expect(d.measuresAdded).toEqual([{ code: "6-6", title: "デジタル化を進めます" }]);
    expect(d.measuresRemoved).toEqual([]);
    expect(d.projectsUnchanged).toBe(44);
    // 2024: −9,562 (一般財源 −9,425); 2025: −9,562 + 5,000 = −4,562 (一般財源 −9,419 + 2,500 = −6,919).
    expect(d.totals).toEqual([
      {
        fiscalYear: "2024",
        before: SEED_TOTALS["2024"],
        after: { total: 3975424, generalRevenue: 3724939, projects: 44 },
        difference: { total: -9562, generalRevenue: -9425, projects: -1 },
      },
      {
        fiscalYear: "2025",
        before: SEED_TOTALS["2025"],
        after: { total: 4017949, generalRevenue: 3729034, projects: 45 },
        difference: { total: -4562, generalRevenue: -6919, projects: 0 },
      },
      {
        fiscalYear: "2026",
        before: SEED_TOTALS["2026"],
        after: { total: 3646759, generalRevenue: 3445787, projects: 38 },
        difference: { total: -9562, generalRevenue: -9419, projects: -1 },
      },
    ]);
    const reverse = diffPlans(after, before);
    expect(reverse.measuresRemoved).toEqual([{ code: "6-6", title: "デジタル化を進めます" }]);
    expect(reverse.projectsAdded.map((p) => p.name)).toEqual(["文書費"]);
  });

  it("matches a name printed in two measures by name and measure code", () => {
    const before = seedPlan();
    const [m61, m62] = before.policies[0]?.measures ?? [];
    if (!m61 || !m62) throw new Error("no measures");
    // 運営費 is printed in 6-2 (監査委員事務局); print another 運営費 in 6-1.
    const other: Project = { ...structuredClone(project(before, "運営費")), leadDepartment: "企画課" };
    m61.projects.push(other);
    const after = structuredClone(before);
    const changed = after.policies[0]?.measures[0]?.projects.at(-1)?.inputs["2024"];
    if (!changed) throw new Error("no 2024");
    changed.total += 100;
    changed.generalRevenue += 100;
    const d = diffPlans(before, after);
    expect(d.projectsAdded).toEqual([]);
    expect(d.projectsRemoved).toEqual([]);
    expect(
      d.projectsChanged.map((p) => [p.measureCode, p.name, p.leadDepartment, p.changes.map((c) => c.field)]),
    ).toEqual([["6-1", "運営費", "企画課", ["inputs.2024.total", "inputs.2024.generalRevenue"]]]);
  });

  it("ignores evaluations, which are sheets of their own", () => {
    const after = seedPlan();
    const documents = project(after, "文書費");
    documents.evaluations = {
      "2024": { self: { aspects: emptyAspects(), outlook: "continue", changes: null }, secondary: null },
    };
    expect(diffPlans(seedPlan(), after).projectsChanged).toEqual([]);
  });
});

describe("a plan compared with the plan rolled from it", () => {
  const seed = seedPlan();
  const rolled = rollOverPlan(seed, 2024).plan;

  it("compares amounts and targets in the years both cover, and shows the window in the totals", () => {
    const d = diffPlans(seed, rolled);
    expect(d.comparedYears).toEqual(["2025", "2026"]);
    expect(d.projectsChanged).toEqual([]);
    expect(d.projectsUnchanged).toBe(45);
    expect(d.totals).toEqual([
      {
        fiscalYear: "2024",
        before: SEED_TOTALS["2024"],
        after: NONE,
        difference: { total: -3984986, generalRevenue: -3734364, projects: -45 },
      },
      {
        fiscalYear: "2025",
        before: SEED_TOTALS["2025"],
        after: SEED_TOTALS["2025"],
        difference: { total: 0, generalRevenue: 0, projects: 0 },
      },
      {
        fiscalYear: "2026",
        before: SEED_TOTALS["2026"],
        after: SEED_TOTALS["2026"],
        difference: { total: 0, generalRevenue: 0, projects: 0 },
      },
      {
        fiscalYear: "2027",
        before: NONE,
        after: SEED_TOTALS["2026"],
        difference: { total: 3656321, generalRevenue: 3455206, projects: 39 },
      },
    ]);
  });

  it("lists an abolished project as removed", () => {
    const evaluated = seedPlan();
    project(evaluated, "文書費").evaluations = {
      "2024": { self: { aspects: emptyAspects(), outlook: "abolish", changes: null }, secondary: null },
    };
    const d = diffPlans(evaluated, rollOverPlan(evaluated, 2024).plan);
    expect(d.projectsRemoved).toEqual([
      {
        measureCode: "6-5",
        name: "文書費",
        leadDepartment: "総務課",
        totals: { "2024": 9562, "2025": 9562, "2026": 9562 },
      },
    ]);
    expect(d.projectsChanged).toEqual([]);
    expect(d.totals[1]?.difference).toEqual({ total: -9562, generalRevenue: -9419, projects: -1 });
  });

  it("with every year compared, shows 2024 going and 2027 coming for each project", () => {
    const d = diffPlans(seed, rolled, { years: "all" });
    expect(d.comparedYears).toEqual(["2024", "2025", "2026", "2027"]);
    expect(d.projectsChanged).toHaveLength(45);
    const documents = d.projectsChanged.find((p) => p.name === "文書費");
    const amountsAndTargets = documents?.changes.filter((c) =>
      /^(inputs|activityIndicators)\./.test(c.field),
    );
    expect(amountsAndTargets?.map((c) => [c.field, c.before, c.after])).toEqual([
      ["inputs.2027.total", null, "9562"],
      ["inputs.2027.nationalPrefectural", null, "0"],
      ["inputs.2027.localBonds", null, "0"],
      ["inputs.2027.otherEarmarked", null, "143"],
      ["inputs.2027.generalRevenue", null, "9419"],
      ["activityIndicators.0.targets.2027", null, "3"],
      ["activityIndicators.1.targets.2027", null, "2"],
      ["inputs.2024.total", "9562", null],
      ["inputs.2024.nationalPrefectural", "0", null],
      ["inputs.2024.localBonds", "0", null],
      ["inputs.2024.otherEarmarked", "137", null],
      ["inputs.2024.generalRevenue", "9425", null],
      ["activityIndicators.0.targets.2024", "3", null],
      ["activityIndicators.1.targets.2024", "2", null],
    ]);
  });
});
