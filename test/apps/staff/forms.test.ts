import { describe, expect, it } from "vitest";
import {
  formYears,
  measureFormValues,
  parseAmount,
  parseMeasureForm,
  parseProjectForm,
  projectFormValues,
} from "../../../src/apps/staff/forms.ts";
import { planPeriod } from "../../../src/domain/checks/check-plan.ts";
import { eachProject } from "../../../src/domain/plan/model.ts";
import { seedPlan } from "../../support/plans.ts";

describe("edit forms", () => {
  const plan = seedPlan();

  it("every project of the seed comes back from its form unchanged (no edit is invented)", () => {
    let n = 0;
    for (const { project } of eachProject(plan)) {
      const years = formYears(planPeriod(plan), Object.keys(project.inputs));
      const parsed = parseProjectForm(projectFormValues(project), project, years);
      expect(parsed.problems).toEqual([]);
      expect(parsed.project).toEqual(project);
      n++;
    }
    expect(n).toBe(45);
  });

  it("every measure of the seed comes back from its form unchanged", () => {
    for (const policy of plan.policies) {
      for (const m of policy.measures) {
        const parsed = parseMeasureForm(measureFormValues(m), m, [
          "2021",
          "2022",
          "2023",
          "2024",
          "2025",
          "2026",
        ]);
        expect(parsed).toEqual({
          currentIssues: m.currentIssues,
          purpose: m.purpose,
          priorities: m.priorities,
          goalStates: m.goalStates,
          futureActions: m.futureActions,
          sectoralPlans: m.sectoralPlans,
          notes: m.notes,
          outcomeIndicators: m.outcomeIndicators,
        });
      }
    }
  });

  it("reads amounts as typed and says in Japanese what is wrong", () => {
    expect(parseAmount("1,443")).toEqual({ value: 1443 });
    expect(parseAmount("１４４３")).toEqual({ value: 1443 });
    expect(parseAmount(" 0 ")).toEqual({ value: 0 });
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("-5")).toEqual({ error: "0 以上の金額を入力してください。" });
    expect(parseAmount("12.5")).toEqual({ error: "千円単位の整数で入力してください（小数は使えません）。" });
    expect(parseAmount("千円")).toEqual({ error: "数字で入力してください（千円単位の整数）。" });
    expect(parseAmount("99999999999999999999")).toEqual({ error: "金額が大きすぎます。" });
  });

  it("a half-filled fiscal year is reported per empty cell; an empty year is left out", () => {
    const [first] = [...eachProject(plan)];
    if (!first) throw new Error("seed has no project");
    const p = first.project;
    const v = projectFormValues(p);
    v["inputs.2024.localBonds"] = "";
    for (const k of ["total", "nationalPrefectural", "localBonds", "otherEarmarked", "generalRevenue"]) {
      v[`inputs.2026.${k}`] = "";
    }
    const parsed = parseProjectForm(v, p, ["2024", "2025", "2026"]);
    expect(parsed.problems).toEqual([
      { field: "inputs.2024.localBonds", message: "令和6年度の地方債を入力してください（ない場合は 0）。" },
    ]);
    expect(Object.keys(parsed.project.inputs)).toEqual(["2024", "2025"]);
  });
});
