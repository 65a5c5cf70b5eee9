import { describe, expect, it } from "vitest";
import type { ActivityIndicator, PlanDocument } from "../../../src/domain/plan/model.ts";
import { storablePlanProblems, storableProblems } from "../../../src/domain/plan/storable.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// Finding 15 of issue 11: what the database would refuse is found first and located.

function training(plan: PlanDocument) {
  const p = projectsOf(plan).find((x) => x.name === "職員研修費");
  if (!p) throw new Error("the seed has no 職員研修費");
  return p;
}

describe("storableProblems", () => {
  it("finds nothing in the seed plan", () => {
    expect(storablePlanProblems(seedPlan())).toEqual([]);
  });

  it("locates a NUL byte and a lone surrogate by field, in Japanese", () => {
    const plan = seedPlan();
    const p = training(plan);
    p.summary = "研修\u0000の実施";
    p.notes = "壊れた\uD800文字";
    const problems = storableProblems(p);
    expect(problems).toEqual([
      { field: "summary", message: "事業概要: NUL 文字（\\0）は保存できません。取り除いてください。" },
      {
        field: "notes",
        message: "備考: 壊れた文字（対になっていないサロゲート）が含まれています。入力し直してください。",
      },
    ]);
    // A surrogate pair (𠮷, U+20BB7) is a character and is fine; a lone low surrogate is not.
    expect(storableProblems({ name: "𠮷野家" })).toEqual([]);
    expect(storableProblems({ name: "\uDC00" })).toHaveLength(1);
  });

  it("names the policy, measure and project of a problem deep in a plan", () => {
    const plan = seedPlan();
    const p = training(plan);
    const activity = p.activityIndicators[0] as ActivityIndicator;
    activity.name = "受講者\u0000数";
    const [problem] = storablePlanProblems(plan);
    const policy = plan.policies.findIndex((x) => x.measures.some((m) => m.projects.includes(p)));
    const measure = plan.policies[policy]?.measures.findIndex((m) => m.projects.includes(p)) ?? -1;
    const project = plan.policies[policy]?.measures[measure]?.projects.indexOf(p);
    const measureCode = plan.policies[policy]?.measures[measure]?.code;
    expect(problem?.field).toBe(
      `policies.${policy}.measures.${measure}.projects.${project}.activityIndicators.0.name`,
    );
    // The indicator's own name holds the NUL, so it is named by its row.
    expect(problem?.message).toBe(
      `政策6 › 施策${measureCode} › 事務事業「職員研修費」 › 活動指標 1行目 › 名称: NUL 文字（\\0）は保存できません。取り除いてください。`,
    );
  });

  it("refuses 680 activity indicators and a text over 20,000 characters", () => {
    const p = training(seedPlan());
    const template = p.activityIndicators[0] as ActivityIndicator;
    p.activityIndicators = Array.from({ length: 680 }, (_, i) => ({ ...template, name: `指標${i}` }));
    p.purpose = "あ".repeat(20_001);
    expect(storableProblems(p)).toEqual([
      { field: "purpose", message: "目的: 長すぎます（20,001字、上限 20,000字）。" },
      { field: "activityIndicators", message: "活動指標: 多すぎます（680件、上限 100件）。" },
    ]);
  });
});
