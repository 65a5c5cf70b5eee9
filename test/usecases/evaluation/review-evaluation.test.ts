// reviewEvaluation of the project sheets: submit, 二次評価 while 提出済, approve, return.
// Each test starts from a fresh copy of the seeded template (test/support/evaluation-fixture.ts): a test
// that needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../src/domain/access.ts";
import { reviewEvaluation } from "../../../src/usecases/evaluation/review-evaluation.ts";
import { saveProjectEvaluation } from "../../../src/usecases/evaluation/save-project-evaluation.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  ALL_SAVE_STEPS,
  admin,
  auditRow,
  auditSince,
  FY,
  kikaku,
  lastAuditId,
  projectId,
  replay,
  reviewSheetSteps,
  sheetState,
  soumu,
  t,
  trainingSave,
  viewer,
} from "../../support/evaluation-fixture.ts";
import { T, trainingSelf } from "../../support/evaluation-sheets.ts";

describe(`evaluation use cases (${testBackend})`, () => {
  describe("reviewEvaluation (project sheets)", () => {
    const review = async (
      actor: Actor,
      action: "submit" | "approve" | "return",
      comment?: string,
      name = "職員研修費",
    ) =>
      reviewEvaluation({
        db: t.db,
        actor,
        kind: "project",
        id: await projectId(name),
        fiscalYear: FY,
        action,
        comment,
      });

    it("refuses a submit by another department or a viewer, and approve or return by anyone but 管理者", async () => {
      // Given: what the tests before this one wrote.
      await replay(...ALL_SAVE_STEPS);
      const before = await sheetState("職員研修費");
      for (const actor of [kikaku, viewer]) {
        const e = await failure(review(actor, "submit"));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("「職員研修費」は総務課の事務事業のため、評価シートを提出できません。");
      }
      for (const actor of [soumu, kikaku, viewer]) {
        for (const action of ["approve", "return"] as const) {
          const e = await failure(review(actor, action, "理由"));
          expect(e.code).toBe("forbidden");
          expect(e.message).toBe(
            `評価シートの${action === "approve" ? "承認" : "差戻し"}は管理者だけが行えます。`,
          );
        }
      }
      const draft = await failure(review(admin, "approve"));
      expect(draft.code).toBe("conflict");
      expect(draft.message).toBe("この評価シートは作成中のため、承認できません。");
      expect(await sheetState("職員研修費")).toEqual(before);
    });

    it("refuses to submit a sheet whose 一次評価 is not done, naming what is missing", async () => {
      // Given: what the tests before this one wrote.
      await replay(...ALL_SAVE_STEPS);
      const never = await failure(review(soumu, "submit", undefined, "職員厚生費"));
      expect(never.code).toBe("invalid-input");
      expect(never.message).toBe(
        "一次評価が済んでいないため提出できません。評価シートを編集して、次の項目を入力してください。",
      );
      expect(never.fields.map((f) => f.field)).toEqual([
        "evaluations.2024.self.aspects.necessity.rating",
        "evaluations.2024.self.aspects.effectiveness.rating",
        "evaluations.2024.self.aspects.efficiency.rating",
        "evaluations.2024.self.aspects.equity.rating",
        "evaluations.2024.self.outlook",
      ]);
      // 文書費 has a saved sheet (actuals only) but no 一次評価.
      const partial = await failure(review(soumu, "submit", undefined, "文書費"));
      expect(partial.code).toBe("invalid-input");
      expect((await sheetState("文書費")).state.reviewState).toBe("draft");
    });

    it("moves 職員研修費 through submit → 二次評価 while 提出済 → approve → return → submit, audited", async () => {
      // Given: what the tests before this one wrote.
      await replay(...ALL_SAVE_STEPS);
      const entity = {
        kind: "project-evaluation" as const,
        id: (await sheetState("職員研修費")).state.id as number,
        label: "職員研修費（令和6年度 事務事業評価）",
        department: "総務課",
      };
      let log = await lastAuditId();
      expect(await review(soumu, "submit")).toEqual({ state: "submitted", version: 5 });
      expect(await auditSince(log)).toEqual([
        auditRow(soumu, "submit", entity, T("状態", "作成中", "提出済")),
      ]);

      // Submitted: the department cannot save any more ...
      const frozen = await failure(saveProjectEvaluation(await trainingSave(soumu, 5, { settled: 1401 })));
      expect(frozen.code).toBe("conflict");
      expect(frozen.message).toBe("この評価シートは提出済のため編集できません。差戻し後に編集してください。");
      // ... and the administrator may write only the 二次評価.
      const stored = (await sheetState("職員研修費")).evaluation;
      const selfChange = structuredClone(stored);
      selfChange.self.outlook = "expand";
      const notSecondary = await failure(
        saveProjectEvaluation(await trainingSave(admin, 5, { evaluation: selfChange, settled: 1400 })),
      );
      expect(notSecondary.code).toBe("conflict");
      expect(notSecondary.message).toBe(
        "この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: 令和6年度 一次評価 今後の方向性）。一次評価を直すには差し戻してください。",
      );
      log = await lastAuditId();
      const secondary = structuredClone(stored);
      if (secondary.secondary)
        secondary.secondary.aspects.efficiency = { rating: "A", reason: "庁内講師の活用を評価する。" };
      const r = await saveProjectEvaluation(
        await trainingSave(admin, 5, { evaluation: secondary, settled: 1400 }),
      );
      expect(r.version).toBe(6);
      const changes = [
        T("令和6年度 二次評価 効率性", "B", "A"),
        T("令和6年度 二次評価 効率性 理由", null, "庁内講師の活用を評価する。"),
      ];
      expect(r.changes.map((c) => T(c.label, c.before, c.after))).toEqual(changes);
      expect(await auditSince(log)).toEqual(changes.map((c) => auditRow(admin, "update", entity, c)));
      expect((await sheetState("職員研修費")).state.reviewState).toBe("submitted");

      log = await lastAuditId();
      const noComment = await failure(review(admin, "return", "   "));
      expect(noComment.code).toBe("invalid-input");
      expect(noComment.fields).toEqual([{ field: "comment", message: "差戻しの理由を入力してください。" }]);
      expect(await review(admin, "approve")).toEqual({ state: "approved", version: 7 });
      const approvedSave = await failure(
        saveProjectEvaluation(await trainingSave(admin, 7, { evaluation: secondary, settled: 1400 })),
      );
      expect(approvedSave.code).toBe("conflict");
      expect(approvedSave.message).toBe(
        "この評価シートは承認済のため編集できません。差戻し後に編集してください。",
      );
      const again = await failure(review(admin, "approve"));
      expect(again.message).toBe("この評価シートは承認済のため、承認できません。");
      expect(await review(admin, "return", "決算額を確認してください。")).toEqual({
        state: "draft",
        version: 8,
      });
      expect((await sheetState("職員研修費")).state).toEqual({
        id: entity.id,
        version: 8,
        reviewState: "draft",
        reviewComment: "決算額を確認してください。",
      });
      expect(await review(soumu, "submit")).toEqual({ state: "submitted", version: 9 });
      expect((await sheetState("職員研修費")).state.reviewComment).toBe(null);
      expect(await auditSince(log)).toEqual([
        auditRow(admin, "approve", entity, T("状態", "提出済", "承認済")),
        auditRow(admin, "return", entity, T("状態", "承認済", "作成中"), "決算額を確認してください。"),
        auditRow(soumu, "submit", entity, T("状態", "作成中", "提出済")),
      ]);
    });

    it("lets the 管理者 submit any department's sheet", async () => {
      // Given: what the tests before this one wrote.
      await replay(...ALL_SAVE_STEPS, reviewSheetSteps.trainingThroughTheWorkflow);
      const id = await projectId("行政経営事業");
      const actuals = (await sheetState("行政経営事業")).actuals.map(() => null);
      const e = trainingSelf();
      e.self.outlook = "complete";
      const saved = await saveProjectEvaluation({
        db: t.db,
        actor: kikaku,
        projectId: id,
        fiscalYear: FY,
        expectedVersion: 1,
        evaluation: e,
        settled: null,
        activityActuals: actuals,
      });
      expect(saved.version).toBe(2);
      expect(await review(admin, "submit", undefined, "行政経営事業")).toEqual({
        state: "submitted",
        version: 3,
      });
    });
  });
});
