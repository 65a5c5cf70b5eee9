// The evaluation rules (src/domain/evaluation/evaluation-rules.ts), pure: 執行率, the fields of a sheet,
// what may be saved and what may be submitted.
import { describe, expect, it } from "vitest";
import {
  emptyAspects,
  emptyMeasureEvaluation,
  emptyProjectEvaluation,
} from "../../../src/domain/evaluation/evaluation.ts";
import {
  actualProblems,
  evaluationFields,
  measureSecondaryProblems,
  measureSelfProblems,
  measureSubmitProblems,
  projectSubmitProblems,
  secondaryEvaluationProblems,
  selfEvaluationProblems,
  settledProblems,
} from "../../../src/domain/evaluation/evaluation-rules.ts";
import { executionRate, formatExecutionRate } from "../../../src/domain/evaluation/execution-rate.ts";
import {
  EVALUATION_ASPECTS,
  type MeasureEvaluation,
  type Outlook,
  type ProjectEvaluation,
  type Rating,
} from "../../../src/domain/plan/model.ts";
import { REASONS, TRAINING_SECONDARY, trainingSelf, withSecondary } from "../../support/evaluation-sheets.ts";

describe("evaluation rules (pure)", () => {
  it("執行率: settled ÷ the year's 年度別事業費, rounded half-up to one decimal in integers", () => {
    // 1,398 ÷ 1,443 = 0.9688149…: 96.88 % → 96.9 %.
    expect(executionRate(1443, 1398)).toBeCloseTo(0.968815, 6);
    expect(formatExecutionRate(1443, 1398)).toBe("96.9%");
    // 1,400 ÷ 1,443 = 0.970201… → 97.0 %.
    expect(formatExecutionRate(1443, 1400)).toBe("97.0%");
    // 9,000 ÷ 9,562 = 0.941225… → 94.1 %; all of it → 100.0 %; nothing → 0.0 %.
    expect(formatExecutionRate(9562, 9000)).toBe("94.1%");
    expect(formatExecutionRate(9562, 9562)).toBe("100.0%");
    expect(formatExecutionRate(9562, 0)).toBe("0.0%");
    // An exact half: 1,937 ÷ 2,000 = 96.85 % → 96.9 % (floating point would print 96.8).
    expect((96.85).toFixed(1)).toBe("96.8");
    expect(formatExecutionRate(2000, 1937)).toBe("96.9%");
    // Over budget: 1,500 ÷ 1,443 = 1.039501… → 104.0 %.
    expect(formatExecutionRate(1443, 1500)).toBe("104.0%");
    // A budget of 0 has no rate.
    expect(executionRate(0, 120)).toBe(null);
    expect(formatExecutionRate(0, 120)).toBe("—");
    // Nor has a negative budget (a book may print △38,430), nor a negative or fractional amount.
    expect(executionRate(-38430, 100)).toBe(null);
    expect(formatExecutionRate(-38430, 100)).toBe("—");
    expect(formatExecutionRate(1443, -1)).toBe("—");
    expect(formatExecutionRate(1443, 1.5)).toBe("—");
  });

  it("flattens a sheet into labelled fields in the style of changes.ts", () => {
    const fields = evaluationFields(
      withSecondary(trainingSelf(), TRAINING_SECONDARY),
      [{ text: "実施", value: null, comparator: "=" }, null],
      1398,
      "2024",
    );
    expect([...fields].map(([k, v]) => [k, v.label, v.value])).toEqual([
      ["evaluations.2024.self.aspects.necessity.rating", "令和6年度 一次評価 必要性", "A"],
      ["evaluations.2024.self.aspects.necessity.reason", "令和6年度 一次評価 必要性 理由", REASONS.necessity],
      ["evaluations.2024.self.aspects.effectiveness.rating", "令和6年度 一次評価 有効性", "B"],
      [
        "evaluations.2024.self.aspects.effectiveness.reason",
        "令和6年度 一次評価 有効性 理由",
        REASONS.effectiveness,
      ],
      ["evaluations.2024.self.aspects.efficiency.rating", "令和6年度 一次評価 効率性", "B"],
      [
        "evaluations.2024.self.aspects.efficiency.reason",
        "令和6年度 一次評価 効率性 理由",
        REASONS.efficiency,
      ],
      ["evaluations.2024.self.aspects.equity.rating", "令和6年度 一次評価 公平性", "A"],
      ["evaluations.2024.self.aspects.equity.reason", "令和6年度 一次評価 公平性 理由", REASONS.equity],
      ["evaluations.2024.self.outlook", "令和6年度 一次評価 今後の方向性", "継続"],
      ["evaluations.2024.self.changes", "令和6年度 一次評価 改善内容", null],
      ["evaluations.2024.secondary.aspects.necessity.rating", "令和6年度 二次評価 必要性", "A"],
      ["evaluations.2024.secondary.aspects.necessity.reason", "令和6年度 二次評価 必要性 理由", null],
      ["evaluations.2024.secondary.aspects.effectiveness.rating", "令和6年度 二次評価 有効性", "C"],
      [
        "evaluations.2024.secondary.aspects.effectiveness.reason",
        "令和6年度 二次評価 有効性 理由",
        "人事評価制度の定着が成果に表れていない。",
      ],
      ["evaluations.2024.secondary.aspects.efficiency.rating", "令和6年度 二次評価 効率性", "B"],
      ["evaluations.2024.secondary.aspects.efficiency.reason", "令和6年度 二次評価 効率性 理由", null],
      ["evaluations.2024.secondary.aspects.equity.rating", "令和6年度 二次評価 公平性", "A"],
      ["evaluations.2024.secondary.aspects.equity.reason", "令和6年度 二次評価 公平性 理由", null],
      ["evaluations.2024.secondary.outlook", "令和6年度 二次評価 今後の方向性", "改善"],
      ["evaluations.2024.secondary.comment", "令和6年度 二次評価 コメント", TRAINING_SECONDARY.comment],
      ["settled.2024", "令和6年度 決算額", "1398"],
      ["activityIndicators.0.actual.2024", "活動指標1 令和6年度実績", "実施"],
      ["activityIndicators.1.actual.2024", "活動指標2 令和6年度実績", null],
    ]);
  });

  it("rules: a C needs its reason, 改善・縮小・廃止 need what changes, amounts are integer 千円, texts are bounded", () => {
    const e = trainingSelf();
    e.self.aspects.efficiency = { rating: "C", reason: "  " };
    e.self.outlook = "reduce";
    expect(selfEvaluationProblems(e, "2024")).toEqual([
      {
        field: "evaluations.2024.self.aspects.efficiency.reason",
        message: "一次評価の効率性を C とした理由を入力してください。",
      },
      {
        field: "evaluations.2024.self.changes",
        message: "一次評価で今後の方向性を「縮小」とする場合は、改善内容を入力してください。",
      },
    ]);
    const s = withSecondary(trainingSelf(), { ...TRAINING_SECONDARY, outlook: "abolish", comment: null });
    expect(secondaryEvaluationProblems(s, "2024")).toEqual([
      {
        field: "evaluations.2024.secondary.comment",
        message: "二次評価で今後の方向性を「廃止」とする場合は、コメントを入力してください。",
      },
    ]);
    expect(secondaryEvaluationProblems(trainingSelf(), "2024")).toEqual([]);
    const long = trainingSelf();
    long.self.aspects.necessity.reason = "あ".repeat(20_001);
    expect(selfEvaluationProblems(long, "2024")).toEqual([
      {
        field: "evaluations.2024.self.aspects.necessity.reason",
        message: "令和6年度 一次評価 必要性 理由が長すぎます（20,000字まで）。",
      },
    ]);
    for (const bad of [-1, 1.5, 1_000_000_001, Number.NaN]) {
      expect(settledProblems(bad, "2024"), String(bad)).toEqual([
        {
          field: "settled.2024",
          message: "令和6年度の決算額は 0 以上 1,000,000,000 以下の整数（千円）で入力してください。",
        },
      ]);
    }
    expect(settledProblems(0, "2024")).toEqual([]);
    expect(settledProblems(null, "2024")).toEqual([]);
    expect(actualProblems(["実施", "1".repeat(201)], "2024")).toEqual([
      {
        field: "activityIndicators.1.actual.2024",
        message: "活動指標2 令和6年度実績が長すぎます（200字まで）。",
      },
    ]);
    expect(projectSubmitProblems(emptyProjectEvaluation(), "2025").map((p) => p.message)).toEqual([
      "一次評価の必要性を選んでください。",
      "一次評価の有効性を選んでください。",
      "一次評価の効率性を選んでください。",
      "一次評価の公平性を選んでください。",
      "一次評価の今後の方向性を選んでください。",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tables written by hand from the README (「Check and Act」): a rating C needs a reason; 改善・縮小・廃止
// need the change described (改善内容 in the 一次評価, the コメント in the 二次評価); submitting needs all
// four ratings and an outlook; a 施策評価 rated C needs its 成果と課題 (一次) or コメント (二次).

const Y = "2024";

function sheet(
  ratings: (Rating | null)[],
  outlook: Outlook | null,
  changes: string | null = null,
  reasons: (string | null)[] = [null, null, null, null],
): ProjectEvaluation {
  const aspects = emptyAspects();
  EVALUATION_ASPECTS.forEach((a, n) => {
    aspects[a] = { rating: ratings[n] ?? null, reason: reasons[n] ?? null };
  });
  return { self: { aspects, outlook, changes }, secondary: null };
}

const ALL_B: Rating[] = ["B", "B", "B", "B"];
const reasonMissing = (side: string, aspect: string, key: string, sideKey = "self") => ({
  field: `evaluations.2024.${sideKey}.aspects.${key}.reason`,
  message: `${side}の${aspect}を C とした理由を入力してください。`,
});
const changesMissing = (outlook: string) => ({
  field: "evaluations.2024.self.changes",
  message: `一次評価で今後の方向性を「${outlook}」とする場合は、改善内容を入力してください。`,
});

describe("evaluation rules, table-driven (pure)", () => {
  it.each<[string, ProjectEvaluation, { field: string; message: string }[]]>([
    ["an empty sheet (saving a sheet half done is allowed)", emptyProjectEvaluation(), []],
    ["A and B without reasons", sheet(["A", "B", "A", "B"], "continue"), []],
    [
      "a C without its reason",
      sheet(["C", "B", "B", "B"], "continue"),
      [reasonMissing("一次評価", "必要性", "necessity")],
    ],
    [
      "a C with a blank reason",
      sheet(["B", "B", "B", "C"], null, null, [null, null, null, " \n "]),
      [reasonMissing("一次評価", "公平性", "equity")],
    ],
    [
      "a C with its reason",
      sheet(["B", "C", "B", "B"], null, null, [null, "成果が出ていない", null, null]),
      [],
    ],
    ["拡充 without 改善内容", sheet(ALL_B, "expand"), []],
    ["継続 without 改善内容", sheet(ALL_B, "continue"), []],
    ["完了 without 改善内容", sheet(ALL_B, "complete"), []],
    ["改善 without 改善内容", sheet(ALL_B, "improve"), [changesMissing("改善")]],
    ["縮小 without 改善内容", sheet(ALL_B, "reduce"), [changesMissing("縮小")]],
    ["廃止 with a blank 改善内容", sheet(ALL_B, "abolish", "  "), [changesMissing("廃止")]],
    ["廃止 with its 改善内容", sheet(ALL_B, "abolish", "令和7年度で廃止し、システムに統合する。"), []],
    [
      "a rating that is not A, B or C",
      sheet(["D" as Rating, "B", "B", "B"], null),
      [
        {
          field: "evaluations.2024.self.aspects.necessity.rating",
          message: "一次評価の必要性は A・B・C から選んでください。",
        },
      ],
    ],
    [
      "an outlook that is not one of the six",
      sheet(ALL_B, "stop" as Outlook),
      [
        {
          field: "evaluations.2024.self.outlook",
          message: "一次評価の今後の方向性は、拡充・継続・改善・縮小・廃止・完了から選んでください。",
        },
      ],
    ],
  ])("一次評価 may be saved: %s", (_what, e, problems) => {
    expect(selfEvaluationProblems(e, Y)).toEqual(problems);
  });

  it.each<[string, ProjectEvaluation, { field: string; message: string }[]]>([
    [
      "an empty sheet",
      emptyProjectEvaluation(),
      [
        {
          field: "evaluations.2024.self.aspects.necessity.rating",
          message: "一次評価の必要性を選んでください。",
        },
        {
          field: "evaluations.2024.self.aspects.effectiveness.rating",
          message: "一次評価の有効性を選んでください。",
        },
        {
          field: "evaluations.2024.self.aspects.efficiency.rating",
          message: "一次評価の効率性を選んでください。",
        },
        {
          field: "evaluations.2024.self.aspects.equity.rating",
          message: "一次評価の公平性を選んでください。",
        },
        { field: "evaluations.2024.self.outlook", message: "一次評価の今後の方向性を選んでください。" },
      ],
    ],
    [
      "three ratings and an outlook",
      sheet(["A", "B", null, "A"], "continue"),
      [
        {
          field: "evaluations.2024.self.aspects.efficiency.rating",
          message: "一次評価の効率性を選んでください。",
        },
      ],
    ],
    [
      "four ratings and no outlook",
      sheet(ALL_B, null),
      [{ field: "evaluations.2024.self.outlook", message: "一次評価の今後の方向性を選んでください。" }],
    ],
    ["four ratings and 継続", sheet(ALL_B, "continue"), []],
    ["four ratings and 縮小 without 改善内容", sheet(ALL_B, "reduce"), [changesMissing("縮小")]],
    [
      "a C without its reason",
      sheet(["A", "A", "C", "A"], "continue"),
      [reasonMissing("一次評価", "効率性", "efficiency")],
    ],
  ])("a 事務事業評価 may be submitted: %s", (_what, e, problems) => {
    expect(projectSubmitProblems(e, Y)).toEqual(problems);
  });

  it.each<[string, ProjectEvaluation["secondary"], { field: string; message: string }[]]>([
    ["no 二次評価", null, []],
    [
      "a C without its reason",
      {
        aspects: { ...emptyAspects(), effectiveness: { rating: "C", reason: null } },
        outlook: null,
        comment: null,
      },
      [reasonMissing("二次評価", "有効性", "effectiveness", "secondary")],
    ],
    [
      "廃止 without a コメント",
      { aspects: emptyAspects(), outlook: "abolish", comment: null },
      [
        {
          field: "evaluations.2024.secondary.comment",
          message: "二次評価で今後の方向性を「廃止」とする場合は、コメントを入力してください。",
        },
      ],
    ],
    [
      "改善 with a コメント",
      { aspects: emptyAspects(), outlook: "improve", comment: "効果測定を取り入れること。" },
      [],
    ],
    ["完了 without a コメント", { aspects: emptyAspects(), outlook: "complete", comment: null }, []],
  ])("二次評価 may be saved: %s", (_what, secondary, problems) => {
    expect(secondaryEvaluationProblems({ ...emptyProjectEvaluation(), secondary }, Y)).toEqual(problems);
  });

  it.each<
    [string, MeasureEvaluation, { field: string; message: string }[], { field: string; message: string }[]]
  >([
    [
      "an empty 施策評価",
      emptyMeasureEvaluation(),
      [],
      [{ field: "evaluations.2024.self.rating", message: "一次評価の施策の進捗を選んでください。" }],
    ],
    ["B", { self: { rating: "B", assessment: null, nextSteps: null }, secondary: null }, [], []],
    [
      "C without 成果と課題",
      { self: { rating: "C", assessment: " ", nextSteps: null }, secondary: null },
      [
        {
          field: "evaluations.2024.self.assessment",
          message: "一次評価で施策の進捗を C とした場合は、成果と課題を入力してください。",
        },
      ],
      [
        {
          field: "evaluations.2024.self.assessment",
          message: "一次評価で施策の進捗を C とした場合は、成果と課題を入力してください。",
        },
      ],
    ],
    [
      "C with 成果と課題",
      { self: { rating: "C", assessment: "研修参加率が伸びていない。", nextSteps: null }, secondary: null },
      [],
      [],
    ],
  ])("a 施策評価's 一次評価 (%s): may be saved, may be submitted", (_what, e, save, submit) => {
    expect(measureSelfProblems(e, Y)).toEqual(save);
    expect(measureSubmitProblems(e, Y)).toEqual(submit);
  });

  it.each<[string, MeasureEvaluation["secondary"], { field: string; message: string }[]]>([
    ["none", null, []],
    ["A without a コメント", { rating: "A", comment: null }, []],
    [
      "C without a コメント",
      { rating: "C", comment: "" },
      [
        {
          field: "evaluations.2024.secondary.comment",
          message: "二次評価で施策の進捗を C とした場合は、コメントを入力してください。",
        },
      ],
    ],
  ])("a 施策評価's 二次評価 may be saved: %s", (_what, secondary, problems) => {
    expect(measureSecondaryProblems({ ...emptyMeasureEvaluation(), secondary }, Y)).toEqual(problems);
  });

  it.each<[number | null, boolean]>([
    [null, true],
    [0, true],
    [1398, true],
    [1_000_000_000, true],
    [-1, false],
    [1.5, false],
    [1_000_000_001, false],
  ])("決算額 %s is accepted: %s", (settled, ok) => {
    expect(settledProblems(settled, Y)).toEqual(
      ok
        ? []
        : [
            {
              field: "settled.2024",
              message: "令和6年度の決算額は 0 以上 1,000,000,000 以下の整数（千円）で入力してください。",
            },
          ],
    );
  });

  it.each<[number, number, string]>([
    [1443, 1398, "96.9%"], // 96.881… %
    [1000, 1000, "100.0%"],
    [3, 1, "33.3%"], // 33.333… %
    [2000, 1, "0.1%"], // 0.05 % rounds half up
    [2000, 3, "0.2%"], // 0.15 % rounds half up
    [1000, 0, "0.0%"],
    [100, 250, "250.0%"],
    [0, 100, "—"],
    [-100, 50, "—"],
    [100, -1, "—"],
    [100.5, 50, "—"],
  ])("執行率 of %s 千円 budgeted and %s settled: %s", (budget, settled, shown) => {
    expect(formatExecutionRate(budget, settled)).toBe(shown);
  });
});
