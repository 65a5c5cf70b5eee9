// saveProject: authorization, the rules and the audit of a project edit, against a real database.
// Each test starts from a fresh copy of the seeded template (test/support/staff-fixture.ts): a test that
// needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import type { FieldChange } from "../../../src/domain/editing/changes.ts";
import { saveProject } from "../../../src/usecases/editing/save-project.ts";
import { EditConflict } from "../../../src/usecases/errors.ts";
import { readHistory } from "../../../src/usecases/staff/audit-log.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  auditLog,
  brief,
  fixedTraining,
  form,
  inputsOf,
  kikaku,
  measureEntry,
  planRow,
  projectEntry,
  projectState,
  replay,
  saveProjectSteps,
  soumu,
  t,
  view,
  viewer,
} from "../../support/staff-fixture.ts";

describe(`staff use cases (${testBackend})`, () => {
  it("starts from the seed: four staff, and the facts the tests rely on", async () => {
    expect([admin, soumu, kikaku, viewer].map((a) => [a.loginName, a.role, a.department])).toEqual([
      ["kikaku-admin", "admin", null],
      ["soumu01", "department", "総務課"],
      ["kikaku01", "department", "企画課"],
      ["etsuran01", "viewer", null],
    ]);
    const training = await projectEntry("職員研修費");
    expect(training.project.leadDepartment).toBe("総務課");
    expect(training.measure.code).toBe("6-2");
    expect(training.reviewState).toBe("draft");
    expect(training.reviewComment).toBe(null);
    expect(training.version).toBe(1);
    expect(training.project.inputs).toEqual({
      "2024": { total: 1443, nationalPrefectural: 0, localBonds: 0, otherEarmarked: 0, generalRevenue: 1443 },
      "2025": { total: 1443, nationalPrefectural: 0, localBonds: 0, otherEarmarked: 0, generalRevenue: 1453 },
      "2026": { total: 1443, nationalPrefectural: 0, localBonds: 0, otherEarmarked: 0, generalRevenue: 1453 },
    });
    expect((await measureEntry("6-5")).measure.leadDepartment).toBe("総務課");
    expect((await measureEntry("6-2")).measure.leadDepartment).toBe("企画課");
    expect((await projectEntry("文書費")).project.leadDepartment).toBe("総務課");
    expect((await projectEntry("住民情報システム運用事業")).project.leadDepartment).toBe("企画課");
    // The audit log holds the four user-add events of the command line, one row per field (newest first),
    // the account's cities (市町村) among them.
    const log = await auditLog();
    expect(log.map((r) => [r.action, r.userId, r.userName, r.entityLabel, r.field, r.after])).toEqual([
      ["user-add", null, "コマンドライン（cli）", "etsuran01", "市町村", "202088"],
      ["user-add", null, "コマンドライン（cli）", "etsuran01", "役割", "閲覧者"],
      ["user-add", null, "コマンドライン（cli）", "kikaku01", "市町村", "202088"],
      ["user-add", null, "コマンドライン（cli）", "kikaku01", "所属課", "企画課"],
      ["user-add", null, "コマンドライン（cli）", "kikaku01", "役割", "担当課"],
      ["user-add", null, "コマンドライン（cli）", "soumu01", "市町村", "202088"],
      ["user-add", null, "コマンドライン（cli）", "soumu01", "所属課", "総務課"],
      ["user-add", null, "コマンドライン（cli）", "soumu01", "役割", "担当課"],
      ["user-add", null, "コマンドライン（cli）", "kikaku-admin", "市町村", "202088"],
      ["user-add", null, "コマンドライン（cli）", "kikaku-admin", "役割", "管理者"],
    ]);
  });

  describe("saveProject", () => {
    it("refuses the 企画課 user and the viewer on a 総務課 project (forbidden) and changes nothing", async () => {
      const before = await projectState("職員研修費");
      const logBefore = await auditLog();
      for (const actor of [kikaku, viewer]) {
        const e = await failure(
          saveProject({
            db: t.db,
            actor,
            projectId: before.id,
            expectedVersion: before.version,
            project: fixedTraining(before.project),
          }),
        );
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("「職員研修費」は総務課の事務事業のため、編集できません。");
      }
      expect(await projectState("職員研修費")).toEqual(before);
      expect(await auditLog()).toEqual(logBefore);
    });

    it("refuses a change of 所管課 by a department user (forbidden on leadDepartment) and audits the try", async () => {
      const before = await projectState("職員研修費");
      const logBefore = await auditLog();
      const p = fixedTraining(before.project);
      p.leadDepartment = "企画課";
      const e = await failure(
        saveProject({
          db: t.db,
          actor: soumu,
          projectId: before.id,
          expectedVersion: before.version,
          project: p,
        }),
      );
      expect(e.code).toBe("forbidden");
      expect(e.fields).toEqual([{ field: "leadDepartment", message: "所管課は管理者だけが変更できます。" }]);
      expect(await projectState("職員研修費")).toEqual(before);
      // Nothing stored, but the forged field is on record: who, which field, which project, what was sent.
      const log = await auditLog();
      expect(log.slice(1)).toEqual(logBefore);
      expect(brief(log[0] as (typeof log)[number])).toEqual(
        planRow(
          soumu,
          "refused-change",
          { kind: "project", id: before.id, label: "職員研修費", department: "総務課" },
          { field: "leadDepartment", label: "所管課", before: "総務課", after: "企画課" },
          "所管課は管理者だけが変更できます。",
        ),
      );
    });

    it("refuses funding sources that do not add up, naming inputs.<year>.total", async () => {
      const before = await projectState("職員研修費");
      const p = form(before.project);
      inputsOf(p, "2026").generalRevenue = 1443; // 2025 is left at 1,453 against a total of 1,443
      const e = await failure(
        saveProject({
          db: t.db,
          actor: soumu,
          projectId: before.id,
          expectedVersion: before.version,
          project: p,
        }),
      );
      expect(e.code).toBe("invalid-input");
      expect(e.message).toBe("入力に誤りがあります。赤く示した項目を直してください。");
      expect(e.fields).toEqual([
        {
          field: "inputs.2025.total",
          message: "令和7年度: 財源の合計 1,453 千円が年度別事業費 1,443 千円と一致しません。",
        },
      ]);
      // The stored mismatch is refused for the administrator too: the rules apply to every role.
      const asAdmin = await failure(
        saveProject({
          db: t.db,
          actor: admin,
          projectId: before.id,
          expectedVersion: before.version,
          project: form(before.project),
        }),
      );
      expect(asAdmin.code).toBe("invalid-input");
      expect(asAdmin.fields.map((f) => f.field)).toEqual(["inputs.2025.total", "inputs.2026.total"]);
      expect(await projectState("職員研修費")).toEqual(before);
    });

    it("refuses a negative or fractional amount, naming the field", async () => {
      const before = await projectState("職員研修費");
      const p = fixedTraining(before.project);
      inputsOf(p, "2024").otherEarmarked = -5;
      inputsOf(p, "2026").localBonds = 1.5;
      const e = await failure(
        saveProject({
          db: t.db,
          actor: soumu,
          projectId: before.id,
          expectedVersion: before.version,
          project: p,
        }),
      );
      expect(e.code).toBe("invalid-input");
      expect(e.fields).toEqual([
        {
          field: "inputs.2024.otherEarmarked",
          message: "令和6年度のその他は 0 以上 1,000,000,000 以下の整数（千円）で入力してください。",
        },
        {
          field: "inputs.2026.localBonds",
          message: "令和8年度の地方債は 0 以上 1,000,000,000 以下の整数（千円）で入力してください。",
        },
      ]);
      expect(await projectState("職員研修費")).toEqual(before);
    });

    it("lets the 総務課 user fix 職員研修費: stored, and one audit row per changed field", async () => {
      const before = await projectState("職員研修費");
      expect(
        (await view()).currentDiagnostics.filter((d) => d.project === "職員研修費").map((d) => d.code),
      ).toEqual(["funding-sum-mismatch", "funding-sum-mismatch"]);
      const result = await saveProject({
        db: t.db,
        actor: soumu,
        projectId: before.id,
        expectedVersion: before.version,
        project: fixedTraining(before.project),
      });
      const changes = [
        { field: "inputs.2025.generalRevenue", label: "令和7年度 一般財源", before: "1453", after: "1443" },
        { field: "inputs.2026.generalRevenue", label: "令和8年度 一般財源", before: "1453", after: "1443" },
      ];
      expect(result).toEqual({ version: before.version + 1, changes });

      const after = await projectState("職員研修費");
      expect(after.version).toBe(before.version + 1);
      expect(after.project).toEqual(fixedTraining(before.project));
      expect(after.project.inputs["2025"]).toEqual({
        total: 1443,
        nationalPrefectural: 0,
        localBonds: 0,
        otherEarmarked: 0,
        generalRevenue: 1443,
      });
      expect(after.project.inputs["2026"]?.generalRevenue).toBe(1443);
      expect((await view()).currentDiagnostics.filter((d) => d.project === "職員研修費")).toEqual([]);

      const entity = { kind: "project" as const, id: before.id, label: "職員研修費", department: "総務課" };
      const history = await readHistory({ db: t.db, actor: soumu, kind: "project", id: before.id });
      // Newest first: the row of 2026 was written after the row of 2025.
      expect(history.map(brief)).toEqual([
        planRow(soumu, "update", entity, changes[1] as FieldChange),
        planRow(soumu, "update", entity, changes[0] as FieldChange),
      ]);
    });

    it("saves nothing and logs nothing when nothing changed", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveProjectSteps.soumuFixesTraining);
      const before = await projectState("職員研修費");
      const logBefore = await auditLog();
      const result = await saveProject({
        db: t.db,
        actor: soumu,
        projectId: before.id,
        expectedVersion: before.version,
        project: form(before.project),
      });
      expect(result).toEqual({ version: before.version, changes: [] });
      expect(await projectState("職員研修費")).toEqual(before);
      expect(await auditLog()).toEqual(logBefore);
    });

    it("throws EditConflict on a stale version, listing what differs, and keeps what is stored", async () => {
      const opened = await projectState("文書費");
      // The administrator saves first ...
      const adminEdit = form(opened.project);
      adminEdit.summary = "文書管理事務の実施（管理者が更新）";
      const saved = await saveProject({
        db: t.db,
        actor: admin,
        projectId: opened.id,
        expectedVersion: opened.version,
        project: adminEdit,
      });
      expect(saved).toEqual({
        version: opened.version + 1,
        changes: [
          {
            field: "summary",
            label: "事業概要",
            before: opened.project.summary,
            after: "文書管理事務の実施（管理者が更新）",
          },
        ],
      });
      const stored = await projectState("文書費");
      const logBefore = await auditLog();

      // ... then the 総務課 user saves the form they opened before that.
      const mine = form(opened.project);
      mine.yearGoals = "文書管理システムを導入する。";
      const e = await failure(
        saveProject({
          db: t.db,
          actor: soumu,
          projectId: opened.id,
          expectedVersion: opened.version,
          project: mine,
        }),
      );
      expect(e).toBeInstanceOf(EditConflict);
      expect(e.code).toBe("conflict");
      const conflict = e as EditConflict;
      expect(conflict.currentVersion).toBe(opened.version + 1);
      // From what the user typed to what is stored now.
      expect(conflict.differences).toEqual([
        {
          field: "summary",
          label: "事業概要",
          before: opened.project.summary,
          after: "文書管理事務の実施（管理者が更新）",
        },
        {
          field: "yearGoals",
          label: "年度目標",
          before: "文書管理システムを導入する。",
          after: opened.project.yearGoals,
        },
      ]);
      expect(await projectState("文書費")).toEqual(stored);
      expect(stored.project.summary).toBe("文書管理事務の実施（管理者が更新）");
      expect(stored.project.yearGoals).toBe(opened.project.yearGoals);
      expect(await auditLog()).toEqual(logBefore);
    });

    it("lets the administrator save a project of any department, the 所管課 included", async () => {
      const system = await projectState("住民情報システム運用事業");
      const p = form(system.project);
      p.notes = "標準化対応は令和7年度に完了予定";
      const r1 = await saveProject({
        db: t.db,
        actor: admin,
        projectId: system.id,
        expectedVersion: system.version,
        project: p,
      });
      expect(r1).toEqual({
        version: system.version + 1,
        changes: [
          { field: "notes", label: "特記事項", before: null, after: "標準化対応は令和7年度に完了予定" },
        ],
      });
      expect((await projectState("住民情報システム運用事業")).project.notes).toBe(
        "標準化対応は令和7年度に完了予定",
      );

      // 統計調査事業 moves from 企画課 to 総務課: the right to edit moves with it.
      const stats = await projectState("統計調査事業");
      expect(stats.project.leadDepartment).toBe("企画課");
      const moved = form(stats.project);
      moved.leadDepartment = "総務課";
      const r2 = await saveProject({
        db: t.db,
        actor: admin,
        projectId: stats.id,
        expectedVersion: stats.version,
        project: moved,
      });
      expect(r2).toEqual({
        version: stats.version + 1,
        changes: [{ field: "leadDepartment", label: "所管課", before: "企画課", after: "総務課" }],
      });
      const history = await readHistory({ db: t.db, actor: viewer, kind: "project", id: stats.id });
      expect(history.map(brief)).toEqual([
        planRow(
          admin,
          "update",
          { kind: "project", id: stats.id, label: "統計調査事業", department: "企画課" },
          { field: "leadDepartment", label: "所管課", before: "企画課", after: "総務課" },
        ),
      ]);

      const now = await projectState("統計調査事業");
      const edit = form(now.project);
      edit.notes = "国勢調査の準備";
      const refused = await failure(
        saveProject({
          db: t.db,
          actor: kikaku,
          projectId: now.id,
          expectedVersion: now.version,
          project: edit,
        }),
      );
      expect(refused.code).toBe("forbidden");
      expect(refused.message).toBe("「統計調査事業」は総務課の事務事業のため、編集できません。");
      const r3 = await saveProject({
        db: t.db,
        actor: soumu,
        projectId: now.id,
        expectedVersion: now.version,
        project: edit,
      });
      expect(r3.version).toBe(now.version + 1);
    });

    it("lets the 企画課 user save a 企画課 project, and says not-found for an unknown id", async () => {
      // Given: what the tests before this one wrote.
      await replay(saveProjectSteps.adminEditsOtherDepartments);
      const system = await projectState("住民情報システム運用事業");
      const p = form(system.project);
      p.notes = null;
      const r = await saveProject({
        db: t.db,
        actor: kikaku,
        projectId: system.id,
        expectedVersion: system.version,
        project: p,
      });
      expect(r.changes).toEqual([
        { field: "notes", label: "特記事項", before: "標準化対応は令和7年度に完了予定", after: null },
      ]);
      const e = await failure(
        saveProject({ db: t.db, actor: admin, projectId: 999_999, expectedVersion: 1, project: p }),
      );
      expect(e.code).toBe("not-found");
    });
  });
});
