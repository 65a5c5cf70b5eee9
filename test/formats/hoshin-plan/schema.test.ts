import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PlanDocument as Plan, Project } from "../../../src/domain/plan/model.ts";
import { PlanDocument } from "../../../src/formats/hoshin-plan/schema.ts";
import { planProblems } from "../../../src/formats/hoshin-plan/validate.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// hoshin-plan/1 as one zod schema: the seed and the handwritten book pass; each broken document gives the
// Japanese message and path written here by hand.

const handwritten = (): Plan =>
  JSON.parse(
    readFileSync(
      new URL("../../fixtures/handwritten/kodomo-2028-policy2.expected.json", import.meta.url),
      "utf8",
    ),
  ) as Plan;

function firstProject(plan: Plan): Project {
  const p = projectsOf(plan)[0];
  if (!p) throw new Error("the seed has no project");
  return p;
}

const at = "policies[0].measures[0]";
const project = `${at}.projects[0]`;

describe("hoshin-plan/1 schema", () => {
  it("accepts the seed and the handwritten book", () => {
    for (const plan of [seedPlan(), handwritten()]) {
      expect(PlanDocument.safeParse(plan).success).toBe(true);
      expect(planProblems(plan)).toEqual([]);
    }
  });

  it("accepts Check-and-Act data, and a hand-written diagnostic without message and line", () => {
    const plan = seedPlan();
    const p = firstProject(plan);
    const aspects = { rating: "A", reason: null };
    Object.assign(p, {
      settled: { "2024": 0, "2025": 38000 },
      estimatedYears: ["2027"],
      evaluations: {
        "2024": {
          self: {
            aspects: { necessity: aspects, effectiveness: aspects, efficiency: aspects, equity: aspects },
            outlook: "continue",
            changes: "見直す",
          },
          secondary: null,
        },
      },
    });
    Object.assign(plan.policies[0]?.measures[0] ?? {}, {
      evaluations: {
        "2024": {
          self: { rating: "B", assessment: null, nextSteps: null },
          secondary: { rating: "C", comment: "遅れ" },
        },
      },
    });
    plan.diagnostics = [{ severity: "info", code: "note" } as Plan["diagnostics"][number]];
    expect(planProblems(plan)).toEqual([]);
  });

  const broken: [string, (plan: Plan) => void, string[]][] = [
    [
      "a float amount",
      (plan) => {
        Object.assign(firstProject(plan).inputs["2024"] ?? {}, { total: 38430.5 });
      },
      [`${project}.inputs["2024"].total: 金額が整数（千円）ではありません（38430.5）。`],
    ],
    [
      "an amount written as a string, and a missing one",
      (plan) => {
        const inputs = firstProject(plan).inputs["2025"] as unknown as Record<string, unknown>;
        inputs.localBonds = "0";
        delete inputs.generalRevenue;
      },
      [
        `${project}.inputs["2025"].localBonds: 金額が整数（千円）ではありません（"0"）。`,
        `${project}.inputs["2025"].generalRevenue: 金額が整数（千円）ではありません（なし）。`,
      ],
    ],
    [
      "a 全角 fiscal-year key",
      (plan) => {
        const p = firstProject(plan);
        p.inputs = { "２０２４": p.inputs["2024"] as Project["inputs"][string] };
      },
      [`${project}.inputs["２０２４"]: 年度のキーが西暦の4桁（例: "2024"）ではありません。`],
    ],
    [
      "a fiscal year in 和暦",
      (plan) => {
        const indicator = plan.policies[0]?.measures[0]?.outcomeIndicators[0];
        if (indicator) indicator.actual = { R6: { text: "1", value: 1, comparator: "=" } };
      },
      [`${at}.outcomeIndicators[0].actual["R6"]: 年度のキーが西暦の4桁（例: "2024"）ではありません。`],
    ],
    [
      "an unknown comparator",
      (plan) => {
        Object.assign(firstProject(plan).activityIndicators[0]?.targets["2024"] ?? {}, { comparator: "≧" });
      },
      [
        `${project}.activityIndicators[0].targets["2024"].comparator: 「>=」「<=」「=」のいずれでもありません。`,
      ],
    ],
    [
      "a missing policy code",
      (plan) => {
        delete (plan.policies[0] as Partial<Plan["policies"][number]>).code;
      },
      ["policies[0].code: 文字列ではありません。"],
    ],
    [
      "an outlook that is not in the list",
      (plan) => {
        const aspect = { rating: null, reason: null };
        Object.assign(firstProject(plan), {
          evaluations: {
            "2024": {
              self: {
                aspects: { necessity: aspect, effectiveness: aspect, efficiency: aspect, equity: aspect },
                outlook: "縮小",
                changes: null,
              },
              secondary: null,
            },
          },
        });
      },
      [
        `${project}.evaluations["2024"].self.outlook: 「expand」「continue」「improve」「reduce」「abolish」「complete」か null ではありません。`,
      ],
    ],
    [
      "a severity, a status and a direction not in their lists",
      (plan) => {
        Object.assign(plan.diagnostics[0] ?? {}, { severity: "fatal" });
        Object.assign(firstProject(plan), { status: "継続" });
        Object.assign(plan.policies[0]?.measures[0]?.outcomeIndicators[0] ?? {}, { direction: "up" });
      },
      [
        `${at}.outcomeIndicators[0].direction: 「higher」でも「lower」でもありません。`,
        `${project}.status: 「continuing」でも「new」でもありません。`,
        "diagnostics[0].severity: 「error」「warning」「info」のいずれでもありません。",
      ],
    ],
    [
      "a negative 決算額, a rating D and 和暦 estimated years",
      (plan) => {
        Object.assign(firstProject(plan), { settled: { "2024": -1 }, estimatedYears: ["2027", 2028] });
        Object.assign(plan.policies[0]?.measures[0] ?? {}, {
          evaluations: {
            "2024": { self: { rating: "D", assessment: null, nextSteps: null }, secondary: null },
          },
        });
      },
      [
        `${project}.settled["2024"]: 決算額が 0 以上の整数（千円）ではありません（-1）。`,
        `${project}.estimatedYears: 西暦4桁の年度（例: "2027"）の配列ではありません。`,
        `${at}.evaluations["2024"].self.rating: 「A」「B」「C」か null ではありません。`,
      ],
    ],
    [
      "wrong types: a null name, a number as mission, a string pledge, a 款 number with a fraction",
      (plan) => {
        const p = firstProject(plan) as unknown as Record<string, unknown>;
        p.name = null;
        p.mayoralPledge = "true";
        Object.assign(firstProject(plan).classification.kan ?? {}, { number: 2.5 });
        Object.assign(plan.policies[0] ?? {}, { mission: 6, missionPoints: "◎" });
      },
      [
        "policies[0].mission: 文字列か null ではありません。",
        "policies[0].missionPoints: 配列ではありません。",
        `${project}.name: 文字列ではありません。`,
        `${project}.classification.kan.number: 整数か null ではありません。`,
        `${project}.mayoralPledge: 真偽値か null ではありません。`,
      ],
    ],
    [
      "an indicator value that is not finite, a baseline that is not an object, a bad diagnostic year",
      (plan) => {
        const indicator = plan.policies[0]?.measures[0]?.outcomeIndicators[0];
        Object.assign(indicator?.planned["2021"] ?? {}, { value: Number.POSITIVE_INFINITY });
        Object.assign(indicator ?? {}, { baseline: "18.5" });
        Object.assign(plan.diagnostics[0] ?? {}, { fiscalYear: "令和7" });
      },
      [
        `${at}.outcomeIndicators[0].baseline: オブジェクトではありません。`,
        `${at}.outcomeIndicators[0].planned["2021"].value: 有限の数値か null ではありません。`,
        'diagnostics[0].fiscalYear: 西暦の4桁の年度（例: "2024"）ではありません。',
      ],
    ],
    [
      "another format",
      (plan) => Object.assign(plan, { format: "hoshin-plan/2" }),
      ["format: 「hoshin-plan/1」ではありません。"],
    ],
  ];

  it.each(broken)("refuses %s, naming the key in Japanese", (_, breakIt, expected) => {
    const plan = seedPlan();
    breakIt(plan);
    expect(planProblems(plan)).toEqual(expected);
  });

  it("says when the document is not an object, and stops at the limit", () => {
    expect(planProblems([])).toEqual(["計画: オブジェクトではありません。"]);
    expect(planProblems("hoshin-plan/1")).toEqual(["計画: オブジェクトではありません。"]);
    const plan = seedPlan();
    for (const p of projectsOf(plan)) Object.assign(p, { budgetOnly: "no" });
    expect(planProblems(plan, 3)).toEqual([
      `${at}.projects[0].budgetOnly: 真偽値ではありません。`,
      `${at}.projects[1].budgetOnly: 真偽値ではありません。`,
      `${at}.projects[2].budgetOnly: 真偽値ではありません。`,
    ]);
    expect(planProblems(plan)).toHaveLength(20);
  });
});
