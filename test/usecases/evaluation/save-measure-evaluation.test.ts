// The 施策評価 sheets: who may write them, and their workflow.
// Each test starts from a fresh copy of the seeded template (test/support/evaluation-fixture.ts): a test
// that needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../../src/db/plans.ts";
import type { Actor } from "../../../src/domain/access.ts";
import { emptyMeasureEvaluation } from "../../../src/domain/evaluation/evaluation.ts";
import type { MeasureEvaluation } from "../../../src/domain/plan/model.ts";
import { reviewEvaluation } from "../../../src/usecases/evaluation/review-evaluation.ts";
import { saveMeasureEvaluation } from "../../../src/usecases/evaluation/save-measure-evaluation.ts";
import { EvaluationConflict } from "../../../src/usecases/evaluation/sheets.ts";
import { failure } from "../../support/actors.ts";
import { codeOf } from "../../support/cities.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  auditRow,
  auditSince,
  CITY,
  FY,
  kikaku,
  lastAuditId,
  measureId,
  measureSheetState,
  measureSheetSteps,
  PLAN_YEAR,
  replay,
  soumu,
  t,
  viewer,
} from "../../support/evaluation-fixture.ts";
import { T } from "../../support/evaluation-sheets.ts";

describe(`evaluation use cases (${testBackend})`, () => {
  describe("measure evaluations (施策評価)", () => {
    const measureSelf = (): MeasureEvaluation => ({
      self: {
        rating: "B",
        assessment: "職員研修の参加率は向上した。",
        nextSteps: "人事評価制度の定着を図る。",
      },
      secondary: null,
    });
    const save = async (actor: Actor, code: string, expectedVersion: number, evaluation: MeasureEvaluation) =>
      saveMeasureEvaluation({
        db: t.db,
        actor,
        measureId: await measureId(code),
        fiscalYear: FY,
        expectedVersion,
        evaluation,
      });

    it("lets only the measure's 主管課 and 管理者 write it: 6-5 is 総務課's, 6-2 is 企画課's", async () => {
      const before65 = await measureSheetState("6-5");
      const before62 = await measureSheetState("6-2");
      const logBefore = await lastAuditId();
      for (const actor of [kikaku, viewer]) {
        const e = await failure(save(actor, "6-5", 1, measureSelf()));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe(
          "施策「6-5 職員の意識改革と育成を図り、市民サービスの向上に努めます」の施策評価は、主管課（総務課）と管理者だけが編集できます。",
        );
      }
      // 職員研修費 belongs to 総務課, but its measure 6-2 is led by 企画課.
      for (const actor of [soumu, viewer]) {
        const e = await failure(save(actor, "6-2", 1, measureSelf()));
        expect(e.code).toBe("forbidden");
      }
      expect(await measureSheetState("6-5")).toEqual(before65);
      expect(await measureSheetState("6-2")).toEqual(before62);
      expect(await auditSince(logBefore)).toEqual([]);
    });

    it("saves the 一次評価 of the 主管課, refuses its 二次評価, and lets 管理者 add one; audited", async () => {
      const logBefore = await lastAuditId();
      const c = measureSelf();
      c.self.rating = "C";
      c.self.assessment = null;
      const invalid = await failure(save(soumu, "6-5", 1, c));
      expect(invalid.fields).toEqual([
        {
          field: "evaluations.2024.self.assessment",
          message: "一次評価で施策の進捗を C とした場合は、成果と課題を入力してください。",
        },
      ]);
      const r = await save(soumu, "6-5", 1, measureSelf());
      expect(r.version).toBe(2);
      const entity = {
        kind: "measure-evaluation" as const,
        id: r.id as number,
        label: "施策6-5 職員の意識改革と育成を図り、市民サービスの向上に努めます（令和6年度 施策評価）",
        department: "総務課",
      };
      const selfChanges = [
        T("令和6年度 一次評価 施策の進捗", null, "B"),
        T("令和6年度 一次評価 成果と課題", null, "職員研修の参加率は向上した。"),
        T("令和6年度 一次評価 今後の取り組み", null, "人事評価制度の定着を図る。"),
      ];
      expect(r.changes.map((x) => T(x.label, x.before, x.after))).toEqual(selfChanges);
      const withSecondary: MeasureEvaluation = {
        ...measureSelf(),
        secondary: { rating: "C", comment: "遅れがある。" },
      };
      const refused = await failure(save(soumu, "6-5", 2, withSecondary));
      expect(refused.code).toBe("forbidden");
      expect(refused.message).toBe(
        "二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: 令和6年度 二次評価 施策の進捗、令和6年度 二次評価 コメント）。",
      );
      const stale = await failure(save(admin, "6-5", 1, withSecondary));
      expect(stale).toBeInstanceOf(EvaluationConflict);
      const a = await save(admin, "6-5", 2, withSecondary);
      expect(a.version).toBe(3);
      const secondaryChanges = [
        T("令和6年度 二次評価 施策の進捗", null, "C"),
        T("令和6年度 二次評価 コメント", null, "遅れがある。"),
      ];
      const since = await auditSince(logBefore);
      // The 主管課's forged 二次評価 is on record (refused-change, one row per field), and nothing else of it.
      expect(since.filter((r) => r.action === "refused-change").map((r) => r.field)).toEqual(
        secondaryChanges.map((x) => x.label),
      );
      expect(since.filter((r) => r.action !== "refused-change")).toEqual([
        ...selfChanges.map((x) => auditRow(soumu, "update", entity, x)),
        ...secondaryChanges.map((x) => auditRow(admin, "update", entity, x)),
      ]);
      expect((await measureSheetState("6-5")).evaluation).toEqual(withSecondary);
      const stored = await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: PLAN_YEAR });
      expect(stored?.policies[0]?.measures[4]?.evaluations).toEqual({ "2024": withSecondary });
    });

    it("follows the workflow: the 主管課 submits, 管理者 approves and returns; others are refused", async () => {
      // Given: what the tests before this one wrote.
      await replay(measureSheetSteps.soumuAndAdminWrite65);
      const review = (actor: Actor, action: "submit" | "approve" | "return", comment?: string) =>
        measureId("6-5").then((id) =>
          reviewEvaluation({ db: t.db, actor, kind: "measure", id, fiscalYear: FY, action, comment }),
        );
      for (const actor of [kikaku, viewer]) {
        const e = await failure(review(actor, "submit"));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe(
          "施策「6-5 職員の意識改革と育成を図り、市民サービスの向上に努めます」の施策評価は、主管課（総務課）と管理者だけが提出できます。",
        );
      }
      const notLead = await failure(
        reviewEvaluation({
          db: t.db,
          actor: soumu,
          kind: "measure",
          id: await measureId("6-2"),
          fiscalYear: FY,
          action: "submit",
        }),
      );
      expect(notLead.code).toBe("forbidden");
      const empty = await failure(
        reviewEvaluation({
          db: t.db,
          actor: admin,
          kind: "measure",
          id: await measureId("6-2"),
          fiscalYear: FY,
          action: "submit",
        }),
      );
      expect(empty.fields).toEqual([
        { field: "evaluations.2024.self.rating", message: "一次評価の施策の進捗を選んでください。" },
      ]);
      expect(await review(soumu, "submit")).toEqual({ state: "submitted", version: 4 });
      expect((await failure(review(soumu, "approve"))).code).toBe("forbidden");
      // 提出済: the 主管課 cannot save, 管理者 can change the 二次評価 only.
      const frozen = await failure(save(soumu, "6-5", 4, measureSelf()));
      expect(frozen.code).toBe("conflict");
      const selfByAdmin = await failure(
        save(admin, "6-5", 4, { ...measureSelf(), self: { ...measureSelf().self, rating: "A" } }),
      );
      expect(selfByAdmin.code).toBe("conflict");
      expect(selfByAdmin.message).toBe(
        "この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: 令和6年度 一次評価 施策の進捗）。一次評価を直すには差し戻してください。",
      );
      const s: MeasureEvaluation = { ...measureSelf(), secondary: { rating: "B", comment: "概ね順調。" } };
      expect((await save(admin, "6-5", 4, s)).version).toBe(5);
      expect(await review(admin, "approve")).toEqual({ state: "approved", version: 6 });
      expect(await review(admin, "return", "指標の実績を追記してください。")).toEqual({
        state: "draft",
        version: 7,
      });
      expect((await measureSheetState("6-5")).state.reviewComment).toBe("指標の実績を追記してください。");
      expect((await measureSheetState("6-5")).evaluation).toEqual(s);
    });

    it("says not-found for an unknown measure or a year outside the plan", async () => {
      const unknown = await failure(
        saveMeasureEvaluation({
          db: t.db,
          actor: admin,
          measureId: 999_999,
          fiscalYear: FY,
          expectedVersion: 1,
          evaluation: emptyMeasureEvaluation(),
        }),
      );
      expect(unknown.code).toBe("not-found");
      expect(unknown.message).toBe("指定の施策は登録されていません。");
      const year = await failure(
        saveMeasureEvaluation({
          db: t.db,
          actor: admin,
          measureId: await measureId("6-5"),
          fiscalYear: 2030,
          expectedVersion: 1,
          evaluation: emptyMeasureEvaluation(),
        }),
      );
      expect(year.message).toBe("令和12年度は、この実施計画の年度（令和6年度〜令和8年度）ではありません。");
    });
  });
});
