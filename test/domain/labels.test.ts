import { describe, expect, it } from "vitest";
import * as changes from "../../src/domain/editing/changes.ts";
import * as review from "../../src/domain/editing/review.ts";
import { ACHIEVEMENT_LABELS } from "../../src/domain/evaluation/achievement.ts";
import * as evaluation from "../../src/domain/evaluation/evaluation.ts";
import * as rules from "../../src/domain/evaluation/evaluation-rules.ts";
import * as labels from "../../src/domain/labels.ts";
import { OUTLOOKS } from "../../src/domain/plan/model.ts";
import * as layout from "../../src/formats/xlsx/layout.ts";

// The labels as the book and the forms print them, written out here by hand.

describe("labels of codes", () => {
  it("新規・継続, 市長公約事項 and review states", () => {
    expect(labels.PROJECT_STATUS_LABELS).toEqual({ continuing: "継続", new: "新規" });
    expect(labels.PROJECT_STATUSES).toEqual(["continuing", "new"]);
    expect(labels.PLEDGE_LABELS).toEqual({ yes: "有", no: "無" });
    expect(labels.PLEDGE_BOOK_LABELS).toEqual({ yes: "2:有", no: "1:無" });
    expect(labels.REVIEW_STATE_LABELS).toEqual({ draft: "作成中", submitted: "提出済", approved: "承認済" });
    expect(labels.REVIEW_ACTION_LABELS).toEqual({ submit: "提出", return: "差戻し", approve: "承認" });
    expect(labels.AUDIT_ACTION_LABELS).toEqual({
      update: "編集",
      submit: "提出",
      return: "差戻し",
      approve: "承認",
      import: "取り込み",
      rollover: "繰越",
      delete: "削除",
      "user-add": "利用者の追加",
      "user-change": "利用者の変更",
      "user-unlock": "ログインのロックの解除",
      "user-reset-password": "パスワードの再設定",
      "password-change": "パスワードの変更",
      "refused-change": "権限のない変更（拒否）",
    });
    expect(labels.SEVERITY_LABELS).toEqual({ error: "誤り", warning: "注意", info: "情報" });
  });

  it("says how much of a plan is approved, and what its public totals cover", () => {
    const partly = { projects: { approved: 2, total: 45 }, measures: { approved: 0, total: 5 } };
    expect(labels.approvalLabel(partly)).toBe("一部のみ承認済（事務事業 2／45件、施策 0／5件）");
    expect(labels.approvedTotalsLabel(partly)).toBe(
      "承認済の事務事業 2件の合計（計画の全45件の合計ではありません）",
    );
    const big = { projects: { approved: 1200, total: 3000 }, measures: { approved: 5, total: 5 } };
    expect(labels.approvalLabel(big)).toBe("一部のみ承認済（事務事業 1,200／3,000件、施策 5／5件）");
    const all = { projects: { approved: 45, total: 45 }, measures: { approved: 5, total: 5 } };
    expect(labels.approvalLabel(all)).toBe("すべて承認済");
    expect(labels.approvedTotalsLabel(all)).toBe("全事務事業 45件の合計（すべて承認済）");
    // Every project approved but a measure not: the totals are whole, the plan is not.
    const measuresLeft = { projects: { approved: 45, total: 45 }, measures: { approved: 4, total: 5 } };
    expect(labels.approvalLabel(measuresLeft)).toBe("一部のみ承認済（事務事業 45／45件、施策 4／5件）");
    expect(labels.approvedTotalsLabel(measuresLeft)).toBe("全事務事業 45件の合計（すべて承認済）");
  });

  it("the 投入指標 rows: the staff page's 「特定財源 …」 and the book's 「事業費」", () => {
    expect(labels.INPUT_LABELS).toEqual({
      total: "年度別事業費",
      nationalPrefectural: "国・県支出金",
      localBonds: "地方債",
      otherEarmarked: "その他",
      generalRevenue: "一般財源",
    });
    expect(labels.INPUT_ROW_LABELS).toEqual({
      total: "年度別事業費",
      nationalPrefectural: "特定財源 国・県支出金",
      localBonds: "特定財源 地方債",
      otherEarmarked: "特定財源 その他",
      generalRevenue: "一般財源",
    });
    expect(labels.BUDGET_ROW_LABELS.total).toBe("事業費");
    expect(labels.BUDGET_ROW_LABELS.localBonds).toBe("地方債");
  });

  it("evaluation aspects, ratings, outlooks and sides", () => {
    expect(Object.values(labels.ASPECT_LABELS)).toEqual(["必要性", "有効性", "効率性", "公平性"]);
    expect(labels.RATING_LABELS).toEqual({
      A: "A（高い・適切）",
      B: "B（概ね適切）",
      C: "C（低い・見直しが必要）",
    });
    expect(labels.MEASURE_RATING_LABELS).toEqual({
      A: "A（順調）",
      B: "B（概ね順調）",
      C: "C（遅れている）",
    });
    expect(labels.labelList(OUTLOOKS, labels.OUTLOOK_LABELS)).toBe("拡充・継続・改善・縮小・廃止・完了");
    expect(labels.SIDE_LABELS).toEqual({ self: "一次評価", secondary: "二次評価" });
    expect([labels.NO_RATING_LABEL, labels.NO_OUTLOOK_LABEL, labels.MISSING_SHEET_LABEL]).toEqual([
      "未評価",
      "未選択",
      "未作成",
    ]);
  });

  it("directions and achievement", () => {
    expect(labels.DIRECTION_LABELS).toEqual({ higher: "高いほど良い", lower: "低いほど良い" });
    expect(labels.DIRECTION_AUTO_LABEL).toBe("目標から判断");
    expect(labels.ACHIEVEMENT_STATUS_LABELS).toEqual({
      met: "達成",
      "not-met": "未達成",
      "no-actual": "実績なし",
      "no-target": "目標なし",
      "not-comparable": "判定不能",
    });
    expect(labels.TREND_LABELS).toEqual({ improved: "改善", unchanged: "横ばい", worsened: "悪化" });
  });

  it("is the one definition: the old modules no longer export the labels, the workbook layout uses the same objects", () => {
    expect(Object.keys(review)).not.toContain("REVIEW_STATE_LABELS");
    expect(Object.keys(review)).not.toContain("REVIEW_ACTION_LABELS");
    for (const name of ["ASPECT_LABELS", "RATING_LABELS", "MEASURE_RATING_LABELS", "OUTLOOK_LABELS"]) {
      expect(Object.keys(evaluation)).not.toContain(name);
    }
    expect(Object.keys(rules)).not.toContain("SIDE_LABELS");
    expect(Object.keys(changes)).not.toContain("INPUT_LABELS");
    expect(ACHIEVEMENT_LABELS.status).toBe(labels.ACHIEVEMENT_STATUS_LABELS);
    expect(ACHIEVEMENT_LABELS.direction).toBe(labels.DIRECTION_LABELS);
    expect(layout.STATUS_TEXT).toBe(labels.PROJECT_STATUS_LABELS);
    expect(layout.OUTLOOK_TEXT).toBe(labels.OUTLOOK_LABELS);
    expect(layout.DIRECTION_TEXT).toBe(labels.DIRECTION_LABELS);
    expect(layout.PLEDGE_TEXT).toBe(labels.PLEDGE_LABELS);
    expect(layout.INPUT.total).toBe("年度別事業費");
  });

  it("the messages list the outlooks from the labels", () => {
    const problems = rules.selfEvaluationProblems(
      {
        self: { aspects: evaluation.emptyAspects(), outlook: "grow" as never, changes: null },
        secondary: null,
      },
      "2024",
    );
    expect(problems.map((p) => p.message)).toContain(
      "一次評価の今後の方向性は、拡充・継続・改善・縮小・廃止・完了から選んでください。",
    );
  });
});
