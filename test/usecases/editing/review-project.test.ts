// reviewProject: the review of a project sheet (submit, return, approve, reopen) and its audit.
// Each test starts from a fresh copy of the seeded template (test/support/staff-fixture.ts): a test that
// needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { saveProject } from "../../../src/usecases/editing/save-project.ts";
import { findProject } from "../../../src/usecases/plan/read-plan.ts";
import { readHistory } from "../../../src/usecases/staff/audit-log.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  brief,
  form,
  kikaku,
  planRow,
  projectState,
  replay,
  reviewSteps,
  saveProjectSteps,
  soumu,
  t,
  view,
  viewer,
} from "../../support/staff-fixture.ts";

describe(`staff use cases (${testBackend})`, () => {
  describe("reviewProject", () => {
    it("refuses a submit by another department or a viewer (forbidden), and approving a draft (conflict)", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveProjectSteps.soumuFixesTraining);
      const before = await projectState("職員研修費");
      for (const actor of [kikaku, viewer]) {
        const e = await failure(reviewProject({ db: t.db, actor, projectId: before.id, action: "submit" }));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("「職員研修費」は総務課の事務事業のため、提出できません。");
      }
      const e = await failure(
        reviewProject({ db: t.db, actor: admin, projectId: before.id, action: "approve" }),
      );
      expect(e.code).toBe("conflict");
      expect(e.message).toBe("この事業シートは作成中のため、承認できません。");
      expect(await projectState("職員研修費")).toEqual(before);
    });

    it("lets the owning department submit; the submitted sheet can no longer be edited", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveProjectSteps.soumuFixesTraining);
      const before = await projectState("職員研修費");
      expect(before.reviewState).toBe("draft");
      const r = await reviewProject({ db: t.db, actor: soumu, projectId: before.id, action: "submit" });
      expect(r).toEqual({ state: "submitted", version: before.version + 1 });
      const submitted = await projectState("職員研修費");
      expect(submitted).toEqual({ ...before, version: before.version + 1, reviewState: "submitted" });

      const p = form(submitted.project);
      p.notes = "提出後の修正";
      for (const actor of [soumu, admin]) {
        const e = await failure(
          saveProject({
            db: t.db,
            actor,
            projectId: submitted.id,
            expectedVersion: submitted.version,
            project: p,
          }),
        );
        expect(e.code).toBe("conflict");
        expect(e.message).toBe("この事業シートは提出済のため編集できません。差戻し後に編集してください。");
      }
      const again = await failure(
        reviewProject({ db: t.db, actor: soumu, projectId: before.id, action: "submit" }),
      );
      expect(again.code).toBe("conflict");
      expect(await projectState("職員研修費")).toEqual(submitted);
    });

    it("refuses approve and return by department users and viewers (forbidden)", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveProjectSteps.soumuFixesTraining, reviewSteps.soumuSubmits);
      const before = await projectState("職員研修費");
      for (const actor of [soumu, kikaku, viewer]) {
        const approve = await failure(
          reviewProject({ db: t.db, actor, projectId: before.id, action: "approve" }),
        );
        expect(approve.code).toBe("forbidden");
        expect(approve.message).toBe("承認は管理者だけが行えます。");
        const ret = await failure(
          reviewProject({
            db: t.db,
            actor,
            projectId: before.id,
            action: "return",
            comment: "直してください",
          }),
        );
        expect(ret.code).toBe("forbidden");
        expect(ret.message).toBe("差戻しは管理者だけが行えます。");
      }
      expect(await projectState("職員研修費")).toEqual(before);
    });

    it("refuses a return without a comment (invalid-input)", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveProjectSteps.soumuFixesTraining, reviewSteps.soumuSubmits);
      const before = await projectState("職員研修費");
      for (const comment of [undefined, null, "", "   "]) {
        const e = await failure(
          reviewProject({ db: t.db, actor: admin, projectId: before.id, action: "return", comment }),
        );
        expect(e.code).toBe("invalid-input");
        expect(e.fields).toEqual([{ field: "comment", message: "差戻しの理由を入力してください。" }]);
      }
      expect(await projectState("職員研修費")).toEqual(before);
    });

    it("lets the administrator return with a comment: stored, and the sheet is editable again", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveProjectSteps.soumuFixesTraining, reviewSteps.soumuSubmits);
      const before = await projectState("職員研修費");
      const r = await reviewProject({
        db: t.db,
        actor: admin,
        projectId: before.id,
        action: "return",
        comment: "  研修の参加率の目標値を追記してください。 ",
      });
      expect(r).toEqual({ state: "draft", version: before.version + 1 });
      const returned = await projectState("職員研修費");
      expect(returned.reviewState).toBe("draft");
      expect(returned.reviewComment).toBe("研修の参加率の目標値を追記してください。");
      expect(findProject(await view(), before.id).reviewComment).toBe(
        "研修の参加率の目標値を追記してください。",
      );

      const p = form(returned.project);
      p.notes = "研修参加率 80% 以上を目標とする。";
      const saved = await saveProject({
        db: t.db,
        actor: soumu,
        projectId: returned.id,
        expectedVersion: returned.version,
        project: p,
      });
      expect(saved).toEqual({
        version: returned.version + 1,
        changes: [
          { field: "notes", label: "特記事項", before: null, after: "研修参加率 80% 以上を目標とする。" },
        ],
      });
      // The comment stays visible while the department works on the sheet.
      expect((await projectState("職員研修費")).reviewComment).toBe(
        "研修の参加率の目標値を追記してください。",
      );
    });

    it("clears the comment on the next submit, and lets the administrator approve", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        saveProjectSteps.soumuFixesTraining,
        reviewSteps.soumuSubmits,
        reviewSteps.adminReturnsAndSoumuAddsNotes,
      );
      const before = await projectState("職員研修費");
      expect(await reviewProject({ db: t.db, actor: soumu, projectId: before.id, action: "submit" })).toEqual(
        {
          state: "submitted",
          version: before.version + 1,
        },
      );
      expect((await projectState("職員研修費")).reviewComment).toBe(null);
      expect(
        await reviewProject({
          db: t.db,
          actor: admin,
          projectId: before.id,
          action: "approve",
          comment: "承認します",
        }),
      ).toEqual({ state: "approved", version: before.version + 2 });
      const approved = await projectState("職員研修費");
      expect(approved.reviewState).toBe("approved");
      expect(approved.reviewComment).toBe(null);
      const e = await failure(
        saveProject({
          db: t.db,
          actor: admin,
          projectId: approved.id,
          expectedVersion: approved.version,
          project: form(approved.project),
        }),
      );
      expect(e.code).toBe("conflict");
      expect(e.message).toBe("この事業シートは承認済のため編集できません。差戻し後に編集してください。");
    });

    it("leaves one audit row per review action, with the state before and after", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        saveProjectSteps.soumuFixesTraining,
        reviewSteps.soumuSubmits,
        reviewSteps.adminReturnsAndSoumuAddsNotes,
        reviewSteps.soumuSubmitsAndAdminApproves,
      );
      const id = (await projectState("職員研修費")).id;
      const entity = { kind: "project" as const, id, label: "職員研修費", department: "総務課" };
      const history = await readHistory({ db: t.db, actor: kikaku, kind: "project", id });
      const state = (before: string, after: string) => ({
        field: "reviewState",
        label: "状態",
        before,
        after,
      });
      expect(history.filter((r) => r.action !== "update").map(brief)).toEqual([
        planRow(admin, "approve", entity, state("提出済", "承認済"), "承認します"),
        planRow(soumu, "submit", entity, state("作成中", "提出済")),
        planRow(
          admin,
          "return",
          entity,
          state("提出済", "作成中"),
          "研修の参加率の目標値を追記してください。",
        ),
        planRow(soumu, "submit", entity, state("作成中", "提出済")),
      ]);
      expect(history.map((r) => [r.action, r.field])).toEqual([
        ["approve", "状態"],
        ["submit", "状態"],
        ["update", "特記事項"],
        ["return", "状態"],
        ["submit", "状態"],
        ["update", "令和8年度 一般財源"],
        ["update", "令和7年度 一般財源"],
      ]);
    });

    it("lets the administrator reopen an approved sheet, and says not-found for an unknown id", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        saveProjectSteps.soumuFixesTraining,
        reviewSteps.soumuSubmits,
        reviewSteps.adminReturnsAndSoumuAddsNotes,
        reviewSteps.soumuSubmitsAndAdminApproves,
      );
      const before = await projectState("職員研修費");
      expect(
        await reviewProject({
          db: t.db,
          actor: admin,
          projectId: before.id,
          action: "return",
          comment: "再度見直してください",
        }),
      ).toEqual({ state: "draft", version: before.version + 1 });
      expect((await projectState("職員研修費")).reviewComment).toBe("再度見直してください");
      const e = await failure(
        reviewProject({ db: t.db, actor: admin, projectId: 999_999, action: "submit" }),
      );
      expect(e.code).toBe("not-found");
    });
  });
});
