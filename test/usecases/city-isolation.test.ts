// Issue 12: nothing of one city reaches another. Every role of 小諸市 (A) is refused every write to 上田市 (B)
// and every read of its (unapproved) data through the use cases, with the one city refusal; nothing of B
// changes. Then the controls: B's own users and an all-cities administrator do reach B.
import { describe, expect, it } from "vitest";
import { listAuditEvents } from "../../src/db/audit.ts";
import { planRevision } from "../../src/db/plans.ts";
import { type Actor, CITY_REFUSAL } from "../../src/domain/access.ts";
import { emptyMeasureEvaluation, emptyProjectEvaluation } from "../../src/domain/evaluation/evaluation.ts";
import { compareChoices, comparePlans } from "../../src/usecases/cycle/compare-plans.ts";
import { previewRollover, rollOverPlan } from "../../src/usecases/cycle/rollover-plan.ts";
import { reviewMeasure } from "../../src/usecases/editing/review-measure.ts";
import { reviewProject } from "../../src/usecases/editing/review-project.ts";
import { saveMeasure } from "../../src/usecases/editing/save-measure.ts";
import { saveProject } from "../../src/usecases/editing/save-project.ts";
import {
  evaluationSheetPath,
  listEvaluations,
  readMeasureEvaluation,
  readProjectEvaluation,
} from "../../src/usecases/evaluation/list-evaluations.ts";
import {
  openMeasureEvaluationForm,
  openProjectEvaluationForm,
} from "../../src/usecases/evaluation/open-evaluation-form.ts";
import { reviewEvaluation } from "../../src/usecases/evaluation/review-evaluation.ts";
import { saveMeasureEvaluation } from "../../src/usecases/evaluation/save-measure-evaluation.ts";
import { saveProjectEvaluation } from "../../src/usecases/evaluation/save-project-evaluation.ts";
import { deletePlan, previewPlanDeletion } from "../../src/usecases/plan/delete-plan.ts";
import { confirmBookImport, previewBookImport } from "../../src/usecases/plan/import-book.ts";
import { listDepartments, listPlans } from "../../src/usecases/plan/list-plans.ts";
import {
  readMeasureEntry,
  readMeasureForEdit,
  readPlan,
  readPlanModelFor,
  readProjectEntry,
  readProjectForEdit,
} from "../../src/usecases/plan/read-plan.ts";
import { readAuditLog, readHistory } from "../../src/usecases/staff/audit-log.ts";
import { addUser, changeUser, findStaff, listStaff } from "../../src/usecases/staff/manage-users.ts";
import { resetPassword } from "../../src/usecases/staff/reset-password.ts";
import { unlockUser } from "../../src/usecases/staff/unlock-user.ts";
import { createActor, failure } from "../support/actors.ts";
import { testBackend } from "../support/db.ts";
import { seedBookBytes } from "../support/seed.ts";
import { B_MARK, CITY_A, CITY_B, ROLE_KEYS, withTwoCities } from "../support/two-cities.ts";

const f = withTwoCities();

/** The error of a call that may throw before returning a promise. */
const refusedWith = (call: () => Promise<unknown>) => failure(Promise.resolve().then(call));

/** The seed book rewritten as 上田市's (its 「小諸市」 and 「小諸市役所」 become 上田市's). */
const uedaBook = () => Buffer.from(seedBookBytes().toString("utf8").replaceAll("小諸", "上田"), "utf8");

/**
 * The refusal expected of A's `actor`: the city refusal, except for an import by a role that may not
 * import at all, which is refused for its role before the uploaded files are read (that message names
 * nothing of any city either).
 */
function expectedRefusal(actor: Actor, name: string): string {
  if (name.includes("BookImport") && actor.role !== "admin")
    return "計画書の取り込みは管理者だけが行えます。";
  return CITY_REFUSAL;
}

/** Every write of B a user might try, each with the arguments a real form would send. */
async function writesOfB(actor: Actor): Promise<[string, () => Promise<unknown>][]> {
  const { db, b } = f;
  const stored = await readPlan({ db, actor: b.actors.admin, planVersionId: b.planVersionId });
  const project = stored.projects.find((p) => p.id === b.projectId);
  const measure = stored.measures.find((m) => m.id === b.measureId);
  if (!project || !measure) throw new Error("B has no 職員研修費 or 6-5");
  const id = b.projectId;
  const fy = 2024;
  return [
    [
      "saveProject",
      () =>
        saveProject({
          db,
          actor,
          projectId: id,
          expectedVersion: project.version,
          project: { ...project.project, purpose: "書き換え" },
        }),
    ],
    [
      "saveMeasure",
      () =>
        saveMeasure({
          db,
          actor,
          measureId: b.measureId,
          expectedVersion: measure.version,
          measure: { ...measure.measure, currentIssues: "書き換え" },
        }),
    ],
    ...(["submit", "approve", "return"] as const).flatMap((action): [string, () => Promise<unknown>][] => [
      [`reviewProject ${action}`, () => reviewProject({ db, actor, projectId: id, action, comment: "x" })],
      [
        `reviewMeasure ${action}`,
        () => reviewMeasure({ db, actor, measureId: b.measureId, action, comment: "x" }),
      ],
      [
        `reviewEvaluation project ${action}`,
        () => reviewEvaluation({ db, actor, kind: "project", id, fiscalYear: fy, action, comment: "x" }),
      ],
      [
        `reviewEvaluation measure ${action}`,
        () =>
          reviewEvaluation({
            db,
            actor,
            kind: "measure",
            id: b.measureId,
            fiscalYear: fy,
            action,
            comment: "x",
          }),
      ],
    ]),
    [
      "saveProjectEvaluation",
      () =>
        saveProjectEvaluation({
          db,
          actor,
          projectId: id,
          fiscalYear: fy,
          expectedVersion: 1,
          evaluation: emptyProjectEvaluation(),
          settled: 100,
          activityActuals: [],
        }),
    ],
    [
      "saveMeasureEvaluation",
      () =>
        saveMeasureEvaluation({
          db,
          actor,
          measureId: b.measureId,
          fiscalYear: fy,
          expectedVersion: 1,
          evaluation: emptyMeasureEvaluation(),
        }),
    ],
    ["rollOverPlan", () => rollOverPlan({ db, actor, city: CITY_B, fromYear: 2024, replace: true })],
    ["deletePlan", () => deletePlan({ db, actor, city: CITY_B, fiscalYear: 2024, confirmed: true })],
    [
      "confirmBookImport",
      () =>
        confirmBookImport({
          db,
          actor,
          files: [{ name: "komoro-2024-policy6.txt", data: uedaBook().toString("base64") }],
          city: CITY_B,
          fiscalYear: 2024,
          replace: "",
        }),
    ],
  ];
}

/** Every read of B's data. */
function readsOfB(actor: Actor): [string, () => Promise<unknown>][] {
  const { db, b } = f;
  const planVersionId = b.planVersionId;
  const fy = 2024;
  return [
    ["readPlan", () => readPlan({ db, actor, planVersionId })],
    ["readPlanModelFor", () => readPlanModelFor({ db, actor, planVersionId })],
    ["readProjectEntry", () => readProjectEntry({ db, actor, id: b.projectId })],
    ["readProjectForEdit", () => readProjectForEdit({ db, actor, id: b.projectId })],
    ["readMeasureEntry", () => readMeasureEntry({ db, actor, id: b.measureId })],
    ["readMeasureForEdit", () => readMeasureForEdit({ db, actor, id: b.measureId })],
    ["listEvaluations", () => listEvaluations({ db, actor, planVersionId, fiscalYear: fy })],
    [
      "readProjectEvaluation",
      () => readProjectEvaluation({ db, actor, projectId: b.projectId, fiscalYear: fy }),
    ],
    [
      "readMeasureEvaluation",
      () => readMeasureEvaluation({ db, actor, measureId: b.measureId, fiscalYear: fy }),
    ],
    [
      "openProjectEvaluationForm",
      () => openProjectEvaluationForm({ db, actor, id: b.projectId, fiscalYear: fy }),
    ],
    [
      "openMeasureEvaluationForm",
      () => openMeasureEvaluationForm({ db, actor, id: b.measureId, fiscalYear: fy }),
    ],
    ["compareChoices", () => compareChoices({ db, actor, planVersionId })],
    [
      "comparePlans (B with its source)",
      () => comparePlans({ db, actor, plan: { planVersionId }, against: "source" }),
    ],
    [
      "comparePlans (A with B)",
      () =>
        comparePlans({ db, actor, plan: { planVersionId: f.a.planVersionId }, against: { planVersionId } }),
    ],
    ["previewRollover", () => previewRollover({ db, actor, planVersionId })],
    ["previewPlanDeletion", () => previewPlanDeletion({ db, actor, city: CITY_B, fiscalYear: 2024 })],
    [
      "previewBookImport",
      () =>
        previewBookImport({
          db,
          actor,
          files: [{ name: "komoro-2024-policy6.txt", bytes: new Uint8Array(uedaBook()) }],
          city: CITY_B,
          fiscalYear: 2024,
        }),
    ],
  ];
}

/** What B holds now: its revision and audit rows (a refused write changes neither). */
async function stateOfB() {
  const revision = await planRevision(f.db, f.b.planVersionId);
  const audit = await listAuditEvents(f.db, { cities: [CITY_B], limit: 10_000 });
  return { revision, audit: audit.length };
}

describe(`one city's staff and another city's data (${testBackend})`, { timeout: 240_000 }, () => {
  for (const role of ROLE_KEYS) {
    it(`${role} of 小諸市 is refused every write of 上田市 with the city refusal, and nothing of it changes`, async () => {
      const actor = f.a.actors[role];
      const before = await stateOfB();
      for (const [name, write] of await writesOfB(actor)) {
        const e = await refusedWith(write);
        expect([name, e.code, e.message]).toEqual([name, "forbidden", expectedRefusal(actor, name)]);
      }
      expect(await stateOfB()).toEqual(before);
    });

    it(`${role} of 小諸市 is refused every read of 上田市, and lists nothing of it`, async () => {
      const actor = f.a.actors[role];
      for (const [name, read] of readsOfB(actor)) {
        const e = await refusedWith(read);
        expect([name, e.code, e.message]).toEqual([name, "forbidden", expectedRefusal(actor, name)]);
      }
      const plans = await listPlans({ db: f.db, actor });
      expect(plans.map((p) => [p.cityCode, p.fiscalYear])).toEqual([[CITY_A, 2024]]);
    });
  }

  it("gives 小諸市's administrator only 小諸市's audit events, accounts and departments", async () => {
    // 上田市's administrator submits a project of 上田市 (audited with city_code 202037).
    await reviewProject({ db: f.db, actor: f.b.actors.admin, projectId: f.b.projectId, action: "submit" });
    const bLog = await readAuditLog({ db: f.db, actor: f.b.actors.admin, filter: {} });
    expect(bLog.some((e) => e.entityLabel === `${B_MARK}職員研修費`)).toBe(true);
    const aLog = await readAuditLog({ db: f.db, actor: f.a.actors.admin, filter: {} });
    expect(aLog.filter((e) => e.cityCode === CITY_B || JSON.stringify(e).includes(B_MARK))).toEqual([]);
    // Filtering by B's user or department gives nothing either.
    const byUser = await readAuditLog({
      db: f.db,
      actor: f.a.actors.admin,
      filter: { userId: f.b.actors.admin.userId ?? 0 },
    });
    expect(byUser).toEqual([]);
    // The history of B's project is read only after its page is refused (readProjectEntry above); the
    // page's own history list is of the row the actor may read.
    expect(
      (await readHistory({ db: f.db, actor: f.b.actors.viewer, kind: "project", id: f.b.projectId })).length,
    ).toBe(1);

    const staffA = await listStaff({ db: f.db, actor: f.a.actors.admin });
    expect(staffA.map((u) => u.loginName)).toEqual(["etsuran01", "kikaku-admin", "kikaku01", "soumu01"]);
    const staffB = await listStaff({ db: f.db, actor: f.b.actors.admin });
    expect(staffB.map((u) => u.loginName)).toEqual([
      "ueda-etsuran01",
      "ueda-kikaku-admin",
      "ueda-kikaku01",
      "ueda-soumu01",
    ]);
    expect(await listDepartments({ db: f.db, cities: [CITY_A] })).not.toContain(`${B_MARK}総務課`);
  });

  it("refuses 小諸市's administrator every account of 上田市, and the all-cities flag", async () => {
    const admin = f.a.actors.admin;
    const bUser = f.b.actors.soumu;
    const user = {
      loginName: "ueda-new",
      displayName: "新人",
      password: "ueda-new-pass-01",
      role: "viewer" as const,
      department: null,
    };
    for (const cities of [[CITY_B], [CITY_A, CITY_B]]) {
      const e = await refusedWith(() => addUser({ db: f.db, actor: admin, user: { ...user, cities } }));
      expect([e.code, e.message]).toEqual([
        "forbidden",
        "担当する市町村の外の利用者は追加・変更できません。",
      ]);
    }
    const all = await refusedWith(() =>
      addUser({ db: f.db, actor: admin, user: { ...user, cities: "all" } }),
    );
    expect([all.code, all.message]).toEqual([
      "forbidden",
      "全市町村のシステム管理者の利用者は、全市町村のシステム管理者だけが追加・変更できます。",
    ]);
    // B's accounts are not found (their names are not confirmed), and cannot be moved into A either.
    const notFound = "指定の利用者は登録されていません。";
    const change = {
      role: "viewer" as const,
      department: null,
      disabled: true,
      password: "",
      cities: [CITY_A],
    };
    const changed = await refusedWith(() =>
      changeUser({ db: f.db, actor: admin, userId: bUser.userId ?? 0, change }),
    );
    expect([changed.code, changed.message]).toEqual(["not-found", notFound]);
    const found = await refusedWith(() => findStaff({ db: f.db, actor: admin, userId: bUser.userId ?? 0 }));
    expect(found.code).toBe("not-found");
    const unlock = await refusedWith(() =>
      unlockUser({ db: f.db, actor: admin, loginName: bUser.loginName }),
    );
    expect(unlock.code).toBe("not-found");
    const reset = await refusedWith(() =>
      resetPassword({ db: f.db, actor: admin, loginName: bUser.loginName, password: "another-pass-0001" }),
    );
    expect(reset.code).toBe("not-found");
    // A's own account cannot be given B either.
    const soumuA = f.a.actors.soumu;
    const toB = await refusedWith(() =>
      changeUser({
        db: f.db,
        actor: admin,
        userId: soumuA.userId ?? 0,
        change: {
          role: "department",
          department: "総務課",
          disabled: false,
          password: "",
          cities: [CITY_A, CITY_B],
        },
      }),
    );
    expect([toB.code, toB.message]).toEqual([
      "forbidden",
      "担当する市町村の外の利用者は追加・変更できません。",
    ]);
    expect((await findStaff({ db: f.db, actor: f.b.actors.admin, userId: bUser.userId ?? 0 })).disabled).toBe(
      false,
    );
  });

  it("lets 上田市's own users and an all-cities administrator reach 上田市", async () => {
    const system = await createActor(f.db, {
      loginName: "system-admin",
      displayName: "県 システム管理者",
      password: "system-admin-pass-1",
      role: "admin",
      department: null,
      cities: "all",
    });
    for (const actor of [f.b.actors.viewer, f.b.actors.soumu, system]) {
      const view = await readPlan({ db: f.db, actor, planVersionId: f.b.planVersionId });
      expect(view.version.cityCode).toBe(CITY_B);
    }
    const all = await listPlans({ db: f.db, actor: system });
    expect(all.map((p) => p.cityCode)).toEqual([CITY_B, CITY_A]);
    // 上田市's 総務課 saves its own sheet; 小諸市's 総務課 still may not (the department name alone is not enough).
    const saved = await saveProjectEvaluation({
      db: f.db,
      actor: f.b.actors.soumu,
      projectId: f.b.projectId,
      fiscalYear: 2024,
      expectedVersion: 1,
      evaluation: emptyProjectEvaluation(),
      settled: 100,
      activityActuals: [null, null],
    });
    expect(saved.version).toBe(2);
    const sheet = (
      await readProjectEvaluation({
        db: f.db,
        actor: f.b.actors.soumu,
        projectId: f.b.projectId,
        fiscalYear: 2024,
      })
    ).state.id;
    expect(sheet).not.toBeNull();
    const path = await refusedWith(() =>
      evaluationSheetPath({ db: f.db, actor: f.a.actors.soumu, kind: "project", id: sheet ?? 0 }),
    );
    expect([path.code, path.message]).toEqual(["forbidden", CITY_REFUSAL]);
    expect(await evaluationSheetPath({ db: f.db, actor: system, kind: "project", id: sheet ?? 0 })).toBe(
      `/projects/${f.b.projectId}/evaluations/2024`,
    );
  });
});
