// Authorization and behaviour of the staff use cases, for every role on every write, against a real
// database (PGlite in memory, or PostgreSQL with DATABASE_URL). The tests of this file share one database
// and run in order: each describe block starts from what the blocks before it left.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEventRow } from "../../src/db/audit.ts";
import { listPlanVersions } from "../../src/db/plans.ts";
import type { Actor } from "../../src/domain/access.ts";
import type { FieldChange } from "../../src/domain/editing/changes.ts";
import type { Inputs, Measure, Project } from "../../src/domain/plan/model.ts";
import { readBookDetailed } from "../../src/formats/book-text/read-book.ts";
import { writePlanWorkbook } from "../../src/formats/xlsx/write-workbook.ts";
import { reviewProject } from "../../src/usecases/editing/review-project.ts";
import { saveMeasure } from "../../src/usecases/editing/save-measure.ts";
import { saveProject } from "../../src/usecases/editing/save-project.ts";
import { EditConflict, HoshinError } from "../../src/usecases/errors.ts";
import { confirmBookImport, previewBookImport } from "../../src/usecases/plan/import-book.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { findProject, readPlan } from "../../src/usecases/plan/read-plan.ts";
import { readAuditLog, readHistory } from "../../src/usecases/staff/audit-log.ts";
import { addUser, changeUser, listStaff, type NewUser } from "../../src/usecases/staff/manage-users.ts";
import { logIn, logOut, resolveSession, SESSION_HOURS } from "../../src/usecases/staff/sessions.ts";
import { createActor as createUserActor, failure } from "../support/actors.ts";
import { testBackend, withTestDatabase } from "../support/db.ts";
import { seedPlan } from "../support/plans.ts";

const t = withTestDatabase();

const SEED_NAME = "komoro-2024-policy6.txt";
const seedBytes = readFileSync(new URL(`../fixtures/${SEED_NAME}`, import.meta.url));
const seedData = seedBytes.toString("base64");

const CITY = "小諸市";
const FISCAL_YEAR = 2024;
const MEASURE_6_5_TITLE = "職員の意識改革と育成を図り、市民サービスの向上に努めます";

// The staff of the tests, with their passwords (for logIn).
const PASSWORDS = {
  admin: "kikaku-admin-pass-1",
  soumu: "soumu-pass-0001",
  kikaku: "kikaku-pass-0001",
  viewer: "etsuran-pass-0001",
} as const;

let planVersionId = 0;
let admin: Actor;
let soumu: Actor;
let kikaku: Actor;
let viewer: Actor;

// ---------------------------------------------------------------------------------------------------------
// Helpers

const createActor = (user: NewUser): Promise<Actor> => createUserActor(t.db, user);

function view() {
  return readPlan({ db: t.db, actor: admin, planVersionId });
}

async function projectEntry(name: string) {
  const found = (await view()).projects.filter((e) => e.project.name === name);
  if (found.length !== 1) throw new Error(`expected one project named ${name}, found ${found.length}`);
  return found[0] as (typeof found)[number];
}

async function measureEntry(code: string) {
  const found = (await view()).measures.find((e) => e.measure.code === code);
  if (!found) throw new Error(`no measure ${code}`);
  return found;
}

/** A project as the edit form would send it: a deep copy the test may change. */
function form(p: Project): Project {
  return structuredClone(p);
}

function inputsOf(p: Project, fy: string): Inputs {
  const i = p.inputs[fy];
  if (!i) throw new Error(`no inputs for ${fy}`);
  return i;
}

/** 職員研修費 with its funding sums put right (一般財源 of 2025 and 2026 from 1,453 to 1,443). */
function fixedTraining(p: Project): Project {
  const f = form(p);
  inputsOf(f, "2025").generalRevenue = 1443;
  inputsOf(f, "2026").generalRevenue = 1443;
  return f;
}

type MeasureForm = Parameters<typeof saveMeasure>[0]["measure"];

function measureForm(m: Measure): MeasureForm {
  const c = structuredClone(m);
  return {
    currentIssues: c.currentIssues,
    purpose: c.purpose,
    priorities: c.priorities,
    goalStates: c.goalStates,
    futureActions: c.futureActions,
    sectoralPlans: c.sectoralPlans,
    notes: c.notes,
    outcomeIndicators: c.outcomeIndicators,
  };
}

/** What a project looks like to the staff screens, to show that a refused write changed nothing. */
async function projectState(name: string) {
  const e = await projectEntry(name);
  return {
    id: e.id,
    version: e.version,
    reviewState: e.reviewState,
    reviewComment: e.reviewComment,
    project: e.project,
  };
}

async function measureState(code: string) {
  const e = await measureEntry(code);
  return { id: e.id, version: e.version, measure: e.measure };
}

async function auditLog(): Promise<AuditEventRow[]> {
  return readAuditLog({ db: t.db, actor: admin, filter: { limit: 100_000 } });
}

/** The parts of an audit row a test can know in advance (not its id or time). */
function brief(r: AuditEventRow) {
  return {
    userId: r.userId,
    userName: r.userName,
    action: r.action,
    planVersionId: r.planVersionId,
    city: r.city,
    fiscalYear: r.fiscalYear,
    entityKind: r.entityKind,
    entityId: r.entityId,
    entityLabel: r.entityLabel,
    department: r.department,
    field: r.field,
    before: r.before,
    after: r.after,
    comment: r.comment,
  };
}

function userName(a: Actor): string {
  return `${a.displayName}（${a.loginName}）`;
}

/** The audit row of a change to a project or measure of the seed plan. */
function planRow(
  actor: Actor,
  action: string,
  entity: { kind: "project" | "measure"; id: number; label: string; department: string | null },
  change: Omit<FieldChange, "field"> & { field: string | null },
  comment: string | null = null,
) {
  return {
    userId: actor.userId,
    userName: userName(actor),
    action,
    planVersionId,
    city: CITY,
    fiscalYear: FISCAL_YEAR,
    entityKind: entity.kind,
    entityId: entity.id,
    entityLabel: entity.label,
    department: entity.department,
    field: change.label,
    before: change.before,
    after: change.after,
    comment,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The seed plan and the staff

beforeAll(async () => {
  const reading = readBookDetailed(seedBytes);
  const imported = await importPlan({
    db: t.db,
    city: CITY,
    fiscalYear: FISCAL_YEAR,
    plan: reading.plan,
    sourceName: SEED_NAME,
    ...(reading.encoding ? { sourceEncoding: reading.encoding } : {}),
  });
  planVersionId = imported.planVersionId;
  admin = await createActor({
    loginName: "kikaku-admin",
    displayName: "企画 花子",
    password: PASSWORDS.admin,
    role: "admin",
    department: null,
  });
  soumu = await createActor({
    loginName: "soumu01",
    displayName: "総務 太郎",
    password: PASSWORDS.soumu,
    role: "department",
    department: "総務課",
  });
  kikaku = await createActor({
    loginName: "kikaku01",
    displayName: "企画 次郎",
    password: PASSWORDS.kikaku,
    role: "department",
    department: "企画課",
  });
  viewer = await createActor({
    loginName: "etsuran01",
    displayName: "閲覧 三郎",
    password: PASSWORDS.viewer,
    role: "viewer",
    department: null,
  });
});

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
    // The audit log holds the four user-add events of the command line, one row per field.
    const log = await auditLog();
    expect(log.map((r) => [r.action, r.userId, r.userName, r.entityLabel, r.field, r.after])).toEqual([
      ["user-add", null, "コマンドライン（cli）", "etsuran01", "役割", "閲覧者"],
      ["user-add", null, "コマンドライン（cli）", "kikaku01", "所属課", "企画課"],
      ["user-add", null, "コマンドライン（cli）", "kikaku01", "役割", "担当課"],
      ["user-add", null, "コマンドライン（cli）", "soumu01", "所属課", "総務課"],
      ["user-add", null, "コマンドライン（cli）", "soumu01", "役割", "担当課"],
      ["user-add", null, "コマンドライン（cli）", "kikaku-admin", "役割", "管理者"],
    ]);
  });

  // -------------------------------------------------------------------------------------------------------
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

    it("refuses a change of 所管課 by a department user (invalid-input on leadDepartment)", async () => {
      const before = await projectState("職員研修費");
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
      expect(e.code).toBe("invalid-input");
      expect(e.fields).toEqual([{ field: "leadDepartment", message: "所管課は管理者だけが変更できます。" }]);
      expect(await projectState("職員研修費")).toEqual(before);
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

  // -------------------------------------------------------------------------------------------------------
  describe("reviewProject", () => {
    it("refuses a submit by another department or a viewer (forbidden), and approving a draft (conflict)", async () => {
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

  // -------------------------------------------------------------------------------------------------------
  describe("saveMeasure", () => {
    it("lets the administrator change the texts", async () => {
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      m.notes = "令和6年度は接遇研修を重点的に実施";
      m.priorities = [...before.measure.priorities, "⑤テレワークの試行"];
      const r = await saveMeasure({
        db: t.db,
        actor: admin,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      });
      const changes = [
        {
          field: "priorities",
          label: "重点方針と目標",
          before: before.measure.priorities.join("\n"),
          after: [...before.measure.priorities, "⑤テレワークの試行"].join("\n"),
        },
        { field: "notes", label: "特記事項", before: null, after: "令和6年度は接遇研修を重点的に実施" },
      ];
      expect(r).toEqual({ version: before.version + 1, changes });
      const after = await measureState("6-5");
      expect(after.version).toBe(before.version + 1);
      expect(after.measure).toEqual({ ...before.measure, ...m });
      const history = await readHistory({ db: t.db, actor: viewer, kind: "measure", id: before.id });
      const entity = {
        kind: "measure" as const,
        id: before.id,
        label: `6-5 ${MEASURE_6_5_TITLE}`,
        department: "総務課",
      };
      expect(history.map(brief)).toEqual([
        planRow(admin, "update", entity, changes[1] as FieldChange),
        planRow(admin, "update", entity, changes[0] as FieldChange),
      ]);
    });

    it("lets the lead department (総務課 for 6-5) enter an outcome-indicator actual", async () => {
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[0];
      if (!indicator) throw new Error("6-5 has no outcome indicator");
      indicator.actual["2024"] = { text: "80", value: 80, comparator: "=" };
      const r = await saveMeasure({
        db: t.db,
        actor: soumu,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      });
      const change = {
        field: "outcomeIndicators.0.actual.2024",
        label: "成果指標1 令和6年度実績",
        before: null,
        after: "80",
      };
      expect(r).toEqual({ version: before.version + 1, changes: [change] });
      const after = await measureState("6-5");
      expect(after.measure.outcomeIndicators[0]?.actual).toEqual({
        "2021": { text: "73.8", value: 73.8, comparator: "=" },
        "2022": { text: "71.5", value: 71.5, comparator: "=" },
        "2024": { text: "80", value: 80, comparator: "=" },
      });
      expect(after.measure).toEqual({ ...before.measure, outcomeIndicators: m.outcomeIndicators });
      const [latest] = await readHistory({ db: t.db, actor: soumu, kind: "measure", id: before.id });
      expect(latest && brief(latest)).toEqual(
        planRow(
          soumu,
          "update",
          { kind: "measure", id: before.id, label: `6-5 ${MEASURE_6_5_TITLE}`, department: "総務課" },
          change,
        ),
      );
    });

    it("refuses the lead department a change of a text, alone or with an actual (forbidden)", async () => {
      const before = await measureState("6-5");
      const logBefore = await auditLog();
      const textOnly = measureForm(before.measure);
      textOnly.futureActions = "研修を増やす";
      const e1 = await failure(
        saveMeasure({
          db: t.db,
          actor: soumu,
          measureId: before.id,
          expectedVersion: before.version,
          measure: textOnly,
        }),
      );
      expect(e1.code).toBe("forbidden");
      expect(e1.message).toBe(
        "担当課が変更できるのは成果指標の実績だけです（変更しようとした項目: 今後の取り組み）。",
      );

      const mixed = measureForm(before.measure);
      const indicator = mixed.outcomeIndicators[1];
      if (!indicator) throw new Error("6-5 has no second outcome indicator");
      indicator.actual["2024"] = { text: "75", value: 75, comparator: "=" };
      indicator.planned["2024"] = { text: "90", value: 90, comparator: "=" };
      mixed.notes = null;
      const e2 = await failure(
        saveMeasure({
          db: t.db,
          actor: soumu,
          measureId: before.id,
          expectedVersion: before.version,
          measure: mixed,
        }),
      );
      expect(e2.code).toBe("forbidden");
      expect(e2.message).toBe(
        "担当課が変更できるのは成果指標の実績だけです（変更しようとした項目: 特記事項、成果指標2 令和6年度計画）。",
      );
      expect(await measureState("6-5")).toEqual(before);
      expect(await auditLog()).toEqual(logBefore);
    });

    it("refuses another department and the viewer on 6-5, even for an actual (forbidden)", async () => {
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[1];
      if (!indicator) throw new Error("6-5 has no second outcome indicator");
      indicator.actual["2023"] = { text: "70", value: 70, comparator: "=" };
      for (const actor of [kikaku, viewer]) {
        const e = await failure(
          saveMeasure({ db: t.db, actor, measureId: before.id, expectedVersion: before.version, measure: m }),
        );
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe(`施策「6-5 ${MEASURE_6_5_TITLE}」は編集できません。`);
      }
      expect(await measureState("6-5")).toEqual(before);
    });

    it("follows the measure's lead department: 企画課 may enter actuals of 6-2, 総務課 may not", async () => {
      const before = await measureState("6-2");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[0];
      if (!indicator) throw new Error("6-2 has no outcome indicator");
      indicator.actual["2023"] = { text: "-20", value: -20, comparator: "=" };
      const e = await failure(
        saveMeasure({
          db: t.db,
          actor: soumu,
          measureId: before.id,
          expectedVersion: before.version,
          measure: m,
        }),
      );
      expect(e.code).toBe("forbidden");
      expect(await measureState("6-2")).toEqual(before);
      const r = await saveMeasure({
        db: t.db,
        actor: kikaku,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      });
      expect(r).toEqual({
        version: before.version + 1,
        changes: [
          {
            field: "outcomeIndicators.0.actual.2023",
            label: "成果指標1 令和5年度実績",
            before: null,
            after: "-20",
          },
        ],
      });
    });

    it("throws EditConflict on a stale version and refuses an indicator without a name", async () => {
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      m.sectoralPlans = "人材育成基本方針";
      const e = await failure(
        saveMeasure({
          db: t.db,
          actor: admin,
          measureId: before.id,
          expectedVersion: before.version - 1,
          measure: m,
        }),
      );
      expect(e).toBeInstanceOf(EditConflict);
      expect((e as EditConflict).currentVersion).toBe(before.version);
      expect((e as EditConflict).differences).toEqual([
        {
          field: "sectoralPlans",
          label: "個別計画",
          before: "人材育成基本方針",
          after: "人材育成基本方針／定員管理計画",
        },
      ]);
      const unnamed = measureForm(before.measure);
      const indicator = unnamed.outcomeIndicators[0];
      if (!indicator) throw new Error("6-5 has no outcome indicator");
      indicator.name = " ";
      const invalid = await failure(
        saveMeasure({
          db: t.db,
          actor: admin,
          measureId: before.id,
          expectedVersion: before.version,
          measure: unnamed,
        }),
      );
      expect(invalid.code).toBe("invalid-input");
      expect(invalid.fields).toEqual([
        { field: "outcomeIndicators.0.name", message: "成果指標1の指標名を入力してください。" },
      ]);
      expect(await measureState("6-5")).toEqual(before);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe("addUser, changeUser, listStaff", () => {
    const newcomer: NewUser = {
      loginName: "zaisei01",
      displayName: "財政 四郎",
      password: "zaisei-pass-0001",
      role: "department",
      department: "財政課",
    };

    it("refuses department users and viewers (forbidden) and adds nobody", async () => {
      const staffBefore = await listStaff({ db: t.db, actor: admin });
      for (const actor of [soumu, kikaku, viewer]) {
        const add = await failure(addUser({ db: t.db, actor, user: newcomer }));
        expect(add.code).toBe("forbidden");
        expect(add.message).toBe("利用者の追加は管理者だけが行えます。");
        const list = await failure(listStaff({ db: t.db, actor }));
        expect(list.code).toBe("forbidden");
        expect(list.message).toBe("利用者の一覧は管理者だけが行えます。");
        const change = await failure(
          changeUser({
            db: t.db,
            actor,
            userId: actor.userId ?? 0,
            change: { role: "admin", department: null, disabled: false, password: "" },
          }),
        );
        expect(change.code).toBe("forbidden");
        expect(change.message).toBe("利用者の変更は管理者だけが行えます。");
      }
      expect(await listStaff({ db: t.db, actor: admin })).toEqual(staffBefore);
    });

    it("lets the administrator add a user, and lists the staff without password hashes", async () => {
      const row = await addUser({
        db: t.db,
        actor: admin,
        user: { ...newcomer, displayName: " 財政 四郎 " },
      });
      expect({ ...row, id: 0, createdAt: null }).toEqual({
        id: 0,
        loginName: "zaisei01",
        displayName: "財政 四郎",
        role: "department",
        department: "財政課",
        disabled: false,
        createdAt: null,
      });
      const staff = await listStaff({ db: t.db, actor: admin });
      expect(staff.map((u) => [u.loginName, u.role, u.department, u.disabled])).toEqual([
        ["etsuran01", "viewer", null, false],
        ["kikaku-admin", "admin", null, false],
        ["kikaku01", "department", "企画課", false],
        ["soumu01", "department", "総務課", false],
        ["zaisei01", "department", "財政課", false],
      ]);
      for (const u of staff) expect(Object.keys(u).sort()).toEqual(Object.keys(row).sort());
      expect(Object.keys(row)).not.toContain("passwordHash");
      const [latest] = await auditLog();
      expect(
        latest && [latest.action, latest.userId, latest.entityKind, latest.entityId, latest.field],
      ).toEqual(["user-add", admin.userId, "user", row.id, "所属課"]);
    });

    it("refuses a duplicate login name (conflict), a short password and a missing department (invalid-input)", async () => {
      const dup = await failure(
        addUser({ db: t.db, actor: admin, user: { ...newcomer, displayName: "別人" } }),
      );
      expect(dup.code).toBe("conflict");
      expect(dup.fields).toEqual([
        { field: "loginName", message: "ログイン名「zaisei01」は既に使われています。" },
      ]);

      const short = await failure(
        addUser({ db: t.db, actor: admin, user: { ...newcomer, loginName: "zaisei02", password: "short" } }),
      );
      expect(short.code).toBe("invalid-input");
      expect(short.fields).toEqual([
        { field: "password", message: "パスワードは10文字以上にしてください。" },
      ]);

      for (const department of [null, "", "   "]) {
        const e = await failure(
          addUser({ db: t.db, actor: admin, user: { ...newcomer, loginName: "zaisei03", department } }),
        );
        expect(e.code).toBe("invalid-input");
        expect(e.fields).toEqual([
          { field: "department", message: "担当課の利用者には所属課を入力してください。" },
        ]);
      }
      expect((await listStaff({ db: t.db, actor: admin })).map((u) => u.loginName)).toEqual([
        "etsuran01",
        "kikaku-admin",
        "kikaku01",
        "soumu01",
        "zaisei01",
      ]);
    });

    it("lets the administrator change a user's role and department, audited field by field", async () => {
      const target = (await listStaff({ db: t.db, actor: admin })).find((u) => u.loginName === "zaisei01");
      if (!target) throw new Error("zaisei01 is missing");
      const changed = await changeUser({
        db: t.db,
        actor: admin,
        userId: target.id,
        change: { role: "viewer", department: "財政課", disabled: false, password: "" },
      });
      expect(changed).toEqual({ ...target, role: "viewer", department: null });
      const rows = (await auditLog()).filter((r) => r.action === "user-change" && r.entityId === target.id);
      expect(rows.map((r) => [r.userId, r.entityLabel, r.department, r.field, r.before, r.after])).toEqual([
        [admin.userId, "zaisei01", null, "所属課", "財政課", null],
        [admin.userId, "zaisei01", null, "役割", "担当課", "閲覧者"],
      ]);

      const noDepartment = await failure(
        changeUser({
          db: t.db,
          actor: admin,
          userId: target.id,
          change: { role: "department", department: " ", disabled: false, password: "" },
        }),
      );
      expect(noDepartment.code).toBe("invalid-input");
      expect(noDepartment.fields).toEqual([
        { field: "department", message: "担当課の利用者には所属課を入力してください。" },
      ]);
      const unknown = await failure(
        changeUser({
          db: t.db,
          actor: admin,
          userId: 999_999,
          change: { role: "viewer", department: null, disabled: false, password: "" },
        }),
      );
      expect(unknown.code).toBe("not-found");
    });

    it("does not let an administrator disable or demote themselves", async () => {
      const message = "自分自身の管理者権限を外したり、無効にしたりはできません。";
      for (const change of [
        { role: "admin" as const, department: null, disabled: true, password: "" },
        { role: "viewer" as const, department: null, disabled: false, password: "" },
      ]) {
        const e = await failure(changeUser({ db: t.db, actor: admin, userId: admin.userId ?? 0, change }));
        expect(e.code).toBe("invalid-input");
        expect(e.fields).toEqual([{ field: "role", message }]);
      }
      const me = (await listStaff({ db: t.db, actor: admin })).find((u) => u.id === admin.userId);
      expect(me && [me.role, me.disabled]).toEqual(["admin", false]);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe("previewBookImport and confirmBookImport", () => {
    it("refuses department users and viewers (forbidden)", async () => {
      for (const actor of [soumu, kikaku, viewer]) {
        const preview = await failure(previewBookImport({ db: t.db, actor, file: seedBytes, city: CITY }));
        expect(preview.code).toBe("forbidden");
        expect(preview.message).toBe("計画書の取り込みは管理者だけが行えます。");
        const confirm = await failure(
          confirmBookImport({
            db: t.db,
            actor,
            data: seedData,
            city: "取込市",
            fiscalYear: 2024,
            sourceName: SEED_NAME,
            replace: false,
          }),
        );
        expect(confirm.code).toBe("forbidden");
      }
      expect((await listPlanVersions(t.db)).map((v) => [v.city, v.fiscalYear])).toEqual([
        [CITY, FISCAL_YEAR],
      ]);
    });

    it("lets the administrator preview without writing anything", async () => {
      const logBefore = await auditLog();
      const versionsBefore = await listPlanVersions(t.db);
      const preview = await previewBookImport({ db: t.db, actor: admin, file: seedBytes, city: ` ${CITY} ` });
      expect(preview.city).toBe(CITY);
      expect(preview.fiscalYear).toBe(2024);
      expect(preview.encoding).toBe("utf-8");
      expect(preview.counts).toEqual({ policies: 1, measures: 5, projects: 45, budgetOnly: 18 });
      expect(preview.existing?.id).toBe(planVersionId);
      expect(preview.lostPolicies).toEqual([]);
      expect(preview.kind).toBe("book-text");
      // The file goes back to the confirmation exactly as uploaded.
      expect(Buffer.from(preview.data, "base64").equals(seedBytes)).toBe(true);

      const fresh = await previewBookImport({
        db: t.db,
        actor: admin,
        file: new Uint8Array(seedBytes),
        city: "取込市",
      });
      expect(fresh.existing).toBe(null);
      expect(fresh.digest).toBe(preview.digest);

      expect(await listPlanVersions(t.db)).toEqual(versionsBefore);
      expect(await auditLog()).toEqual(logBefore);
    });

    it("lets the administrator confirm: the plan is imported and the import is audited", async () => {
      const logBefore = await auditLog();
      const r = await confirmBookImport({
        db: t.db,
        actor: admin,
        data: seedData,
        city: "取込市",
        fiscalYear: 2024,
        sourceName: SEED_NAME,
        replace: false,
      });
      expect(r.replaced).toBe(false);
      expect(
        (await listPlanVersions(t.db)).map((v) => [v.id === r.planVersionId, v.city, v.sourceName]),
      ).toEqual([
        [true, "取込市", SEED_NAME],
        [false, CITY, SEED_NAME],
      ]);
      const imported = await readPlan({ db: t.db, actor: viewer, planVersionId: r.planVersionId });
      expect(imported.projects.length).toBe(45);
      // The other city's plan is untouched by the import.
      expect((await projectState("職員研修費")).reviewComment).toBe("再度見直してください");

      const log = await auditLog();
      expect(log.length).toBe(logBefore.length + 2);
      const importRow = {
        userId: admin.userId,
        userName: userName(admin),
        action: "import",
        planVersionId: r.planVersionId,
        city: "取込市",
        fiscalYear: 2024,
        entityKind: "plan",
        entityId: r.planVersionId,
        entityLabel: "取込市 令和6年度 実施計画",
        department: null,
        comment: null,
      };
      expect(log.slice(0, 2).map(brief)).toEqual([
        { ...importRow, field: "事務事業数", before: null, after: "45" },
        { ...importRow, field: "取り込んだファイル", before: null, after: SEED_NAME },
      ]);
    });

    it("records a replacing import with a comment", async () => {
      const r = await confirmBookImport({
        db: t.db,
        actor: admin,
        data: seedData,
        city: "取込市",
        fiscalYear: 2024,
        sourceName: "again.txt",
        replace: false,
      });
      expect(r.replaced).toBe(true);
      const [latest] = await auditLog();
      expect(latest && [latest.action, latest.entityId, latest.comment]).toEqual([
        "import",
        r.planVersionId,
        "既存の計画を置き換えました",
      ]);
      expect((await listPlanVersions(t.db)).length).toBe(2);
    });

    it("reads an Excel workbook written by Hoshin: the city and year come from the workbook", async () => {
      const workbook = await writePlanWorkbook(seedPlan(), { city: "ブック市", fiscalYear: 2024 });
      const preview = await previewBookImport({ db: t.db, actor: admin, file: workbook, city: "" });
      expect([preview.kind, preview.encoding, preview.city, preview.fiscalYear]).toEqual([
        "xlsx",
        "xlsx",
        "ブック市",
        2024,
      ]);
      expect(preview.counts).toEqual({ policies: 1, measures: 5, projects: 45, budgetOnly: 18 });
      expect(preview.plan).toStrictEqual(seedPlan());
      const r = await confirmBookImport({
        db: t.db,
        actor: admin,
        data: preview.data,
        city: preview.city,
        fiscalYear: 2024,
        sourceName: "book.xlsx",
        replace: false,
      });
      const stored = await listPlanVersions(t.db);
      expect(stored.find((v) => v.id === r.planVersionId)?.city).toBe("ブック市");
      expect(stored.find((v) => v.id === r.planVersionId)?.sourceEncoding).toBe("xlsx");
    });

    it("refuses a damaged confirmation and a workbook that is not a plan, writing nothing", async () => {
      const before = await listPlanVersions(t.db);
      const damaged = await failure(
        confirmBookImport({
          db: t.db,
          actor: admin,
          data: "not base64!",
          city: "取込市",
          fiscalYear: 2024,
          sourceName: "x.txt",
          replace: false,
        }),
      );
      expect([damaged.code, damaged.message]).toEqual([
        "invalid-input",
        "確認画面から送られたファイルの内容が壊れています。もう一度ファイルを選んでください。",
      ]);
      const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
      const old = await failure(previewBookImport({ db: t.db, actor: admin, file: xls, city: "取込市" }));
      expect(old.code).toBe("invalid-input");
      expect(old.message).toContain("古い形式の Excel ファイル（.xls）は読めません");
      expect(await listPlanVersions(t.db)).toEqual(before);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe("readAuditLog", () => {
    it("is for the administrator only", async () => {
      for (const actor of [soumu, kikaku, viewer]) {
        // readAuditLog is not async: it throws before returning a promise, so call it inside one.
        const e = await failure(Promise.resolve().then(() => readAuditLog({ db: t.db, actor, filter: {} })));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("監査ログの閲覧は管理者だけが行えます。");
      }
    });

    it("filters by user", async () => {
      const all = await auditLog();
      const mine = await readAuditLog({ db: t.db, actor: admin, filter: { userId: soumu.userId ?? 0 } });
      expect(mine).toEqual(all.filter((r) => r.userId === soumu.userId));
      expect([...new Set(mine.map((r) => r.action))].sort()).toEqual(["submit", "update"]);
      expect(mine.map((r) => [r.action, r.entityLabel, r.field])).toEqual([
        ["update", `6-5 ${MEASURE_6_5_TITLE}`, "成果指標1 令和6年度実績"],
        ["submit", "職員研修費", "状態"],
        ["update", "職員研修費", "特記事項"],
        ["submit", "職員研修費", "状態"],
        ["update", "統計調査事業", "特記事項"],
        ["update", "職員研修費", "令和8年度 一般財源"],
        ["update", "職員研修費", "令和7年度 一般財源"],
      ]);
      const viewerRows = await readAuditLog({
        db: t.db,
        actor: admin,
        filter: { userId: viewer.userId ?? 0 },
      });
      expect(viewerRows).toEqual([]);
    });

    it("filters by department", async () => {
      const all = await auditLog();
      const soumuRows = await readAuditLog({ db: t.db, actor: admin, filter: { department: "総務課" } });
      expect(soumuRows).toEqual(all.filter((r) => r.department === "総務課"));
      expect([...new Set(soumuRows.map((r) => r.entityLabel))]).toEqual([
        `6-5 ${MEASURE_6_5_TITLE}`,
        "職員研修費",
        "統計調査事業",
        "文書費",
        "soumu01",
      ]);
      const kikakuRows = await readAuditLog({ db: t.db, actor: admin, filter: { department: "企画課" } });
      expect(kikakuRows).toEqual(all.filter((r) => r.department === "企画課"));
      expect(kikakuRows.map((r) => [r.userId, r.entityLabel, r.field])).toEqual([
        [kikaku.userId, "6-2 戦略的で効率的・効果的な行政経営を推進します", "成果指標1 令和5年度実績"],
        [kikaku.userId, "住民情報システム運用事業", "特記事項"],
        [admin.userId, "統計調査事業", "所管課"],
        [admin.userId, "住民情報システム運用事業", "特記事項"],
        [null, "kikaku01", "所属課"],
        [null, "kikaku01", "役割"],
      ]);
      const both = await readAuditLog({
        db: t.db,
        actor: admin,
        filter: { department: "総務課", userId: admin.userId ?? 0 },
      });
      expect(both).toEqual(all.filter((r) => r.department === "総務課" && r.userId === admin.userId));
      expect(await readAuditLog({ db: t.db, actor: admin, filter: { to: new Date(0) } })).toEqual([]);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe("logIn, resolveSession, logOut", () => {
    it("refuses a wrong password and an unknown login name (unauthenticated)", async () => {
      for (const [loginName, password] of [
        ["soumu01", "wrong-password-1"],
        ["nobody01", PASSWORDS.soumu],
      ] as const) {
        const e = await failure(logIn({ db: t.db, loginName, password, address: "192.0.2.1" }));
        expect(e.code).toBe("unauthenticated");
        expect(e.message).toBe("ログイン名またはパスワードが違います。");
      }
    });

    it("gives a session whose token resolves to the actor, until logOut", async () => {
      const now = new Date();
      const { token, session } = await logIn({
        db: t.db,
        loginName: " soumu01 ",
        password: PASSWORDS.soumu,
        address: "192.0.2.2",
        now,
      });
      expect(session.actor).toEqual(soumu);
      expect(session.expiresAt.getTime()).toBe(now.getTime() + SESSION_HOURS * 3_600_000);
      const resolved = await resolveSession({ db: t.db, token });
      expect(resolved).toEqual(session);
      expect(await resolveSession({ db: t.db, token: `${token}x` })).toBe(null);
      expect(await resolveSession({ db: t.db, token: "" })).toBe(null);
      expect(await resolveSession({ db: t.db, token, now: new Date(session.expiresAt.getTime() + 1) })).toBe(
        null,
      );
      await logOut({ db: t.db, token });
      expect(await resolveSession({ db: t.db, token })).toBe(null);

      for (const [actor, password] of [
        [admin, PASSWORDS.admin],
        [kikaku, PASSWORDS.kikaku],
        [viewer, PASSWORDS.viewer],
      ] as const) {
        const r = await logIn({ db: t.db, loginName: actor.loginName, password, address: "192.0.2.2" });
        expect((await resolveSession({ db: t.db, token: r.token }))?.actor).toEqual(actor);
      }
    });

    it("locks a login name after 5 failures, even with the right password (too-many-requests)", async () => {
      await addUser({
        db: t.db,
        actor: admin,
        user: {
          loginName: "shisetsu01",
          displayName: "施設 五郎",
          password: "shisetsu-pass-01",
          role: "viewer",
          department: null,
        },
      });
      for (let i = 0; i < 5; i++) {
        const e = await failure(
          logIn({
            db: t.db,
            loginName: "shisetsu01",
            password: `wrong-${i}-password`,
            address: `198.51.100.${i}`,
          }),
        );
        expect(e.code).toBe("unauthenticated");
      }
      const locked = await failure(
        logIn({ db: t.db, loginName: "shisetsu01", password: "shisetsu-pass-01", address: "198.51.100.99" }),
      );
      expect(locked.code).toBe("too-many-requests");
      expect(locked.message).toBe(
        "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからもう一度お試しください。",
      );
      // The lock is per login name: another user still logs in from the same address.
      const other = await logIn({
        db: t.db,
        loginName: "kikaku01",
        password: PASSWORDS.kikaku,
        address: "198.51.100.99",
      });
      expect(other.session.actor).toEqual(kikaku);
      // After the window the name may try again.
      const later = await logIn({
        db: t.db,
        loginName: "shisetsu01",
        password: "shisetsu-pass-01",
        address: "198.51.100.99",
        now: new Date(Date.now() + 16 * 60_000),
      });
      expect(later.session.actor.loginName).toBe("shisetsu01");
    });

    it("refuses a disabled user, and ends their sessions when disabled", async () => {
      const row = await addUser({
        db: t.db,
        actor: admin,
        user: {
          loginName: "taishoku01",
          displayName: "退職 六郎",
          password: "taishoku-pass-01",
          role: "department",
          department: "総務課",
        },
      });
      const { token } = await logIn({
        db: t.db,
        loginName: "taishoku01",
        password: "taishoku-pass-01",
        address: "203.0.113.1",
      });
      expect((await resolveSession({ db: t.db, token }))?.actor.userId).toBe(row.id);
      const disabled = await changeUser({
        db: t.db,
        actor: admin,
        userId: row.id,
        change: { role: "department", department: "総務課", disabled: true, password: "" },
      });
      expect(disabled.disabled).toBe(true);
      expect(await resolveSession({ db: t.db, token })).toBe(null);
      const e = await failure(
        logIn({ db: t.db, loginName: "taishoku01", password: "taishoku-pass-01", address: "203.0.113.1" }),
      );
      expect(e.code).toBe("unauthenticated");
      expect(e.message).toBe("ログイン名またはパスワードが違います。");
    });
  });

  // -------------------------------------------------------------------------------------------------------
  // Last, so that whatever this write does cannot change what the tests above expect.
  describe("saveMeasure: what a department may not change, however the form is built", () => {
    it("refuses the lead department a change of a planned value hidden behind an unchanged text", async () => {
      // The form sends IndicatorValue objects; the diff compares their text only. A 担当課 user must not be
      // able to change a planned value (計画) by keeping its text and sending another number: either the
      // save is refused, or the stored planned value is kept. (Fails today: saveMeasure checks the 担当課's
      // changes with diffMeasures, which sees only texts, then stores every value it was sent.)
      const before = await measureState("6-5");
      const m = measureForm(before.measure);
      const indicator = m.outcomeIndicators[1];
      if (!indicator) throw new Error("6-5 has no second outcome indicator");
      indicator.actual["2024"] = { text: "75", value: 75, comparator: "=" };
      indicator.planned["2024"] = { text: "85", value: 100, comparator: ">=" };
      await saveMeasure({
        db: t.db,
        actor: soumu,
        measureId: before.id,
        expectedVersion: before.version,
        measure: m,
      }).catch((e: unknown) => {
        if (!(e instanceof HoshinError && e.code === "forbidden")) throw e;
      });
      // Whether refused or saved, the planned value stays as the administrator left it.
      const after = await measureState("6-5");
      expect(after.measure.outcomeIndicators[1]?.planned["2024"]).toEqual({
        text: "85",
        value: 85,
        comparator: "=",
      });
    });
  });
});
