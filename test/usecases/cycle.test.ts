// Rolling the plan and comparing plans, through the use cases on a real database (PGlite in memory, or
// PostgreSQL with DATABASE_URL): the seed rolled over twice (令和6 → 令和7 → 令和8年度) and diffed, the
// authorization of each role, and a refused rollover writing nothing. The tests of this file share one
// database and run in order.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../../src/db/audit.ts";
import { listPlanVersions, loadPlan } from "../../src/db/plans.ts";
import { planVersions } from "../../src/db/schema/index.ts";
import type { Actor } from "../../src/domain/access.ts";
import { emptyAspects } from "../../src/domain/evaluation/evaluation.ts";
import type { PlanDocument, Project } from "../../src/domain/plan/model.ts";
import { rollup } from "../../src/domain/rollups/rollups.ts";
import { comparePlans } from "../../src/usecases/cycle/compare-plans.ts";
import { previewRollover, rollOverPlan } from "../../src/usecases/cycle/rollover-plan.ts";
import { reviewProject } from "../../src/usecases/editing/review-project.ts";
import { saveProject } from "../../src/usecases/editing/save-project.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import type { NewUser } from "../../src/usecases/staff/manage-users.ts";
import { createActor as createUserActor, failure } from "../support/actors.ts";
import { approveEvaluations, testBackend, withTestDatabase } from "../support/db.ts";
import { projectsOf, seedPlan } from "../support/plans.ts";

const t = withTestDatabase();
const CITY = "小諸市";

let admin: Actor;
let soumu: Actor;
let viewer: Actor;
let v2024 = 0;
let v2025 = 0;
let plan2024: PlanDocument | null = null;

const createActor = (user: NewUser): Promise<Actor> => createUserActor(t.db, user);

function project(plan: PlanDocument | null, name: string): Project {
  const found = plan ? projectsOf(plan).filter((p) => p.name === name) : [];
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as Project;
}

function totals(plan: PlanDocument | null) {
  return Object.fromEntries(
    rollup(plan ?? { format: "hoshin-plan/1", title: null, policies: [], diagnostics: [] }, "all").map(
      (r) => [r.fiscalYear, [r.total, r.generalRevenue, r.projects]],
    ),
  );
}

async function versions() {
  return (await listPlanVersions(t.db)).map((v) => [v.fiscalYear, v.id, v.sourceName]);
}

async function rolloverEvents() {
  return (await listAuditEvents(t.db, { limit: 1000 })).filter((e) => e.action === "rollover");
}

describe(`rolling the seed over twice and comparing (${testBackend})`, () => {
  beforeAll(async () => {
    // 文書費 (6-5, 総務課, 9,562 千円 a year): the department said 継続, the planning division 廃止.
    const seed = seedPlan();
    project(seed, "文書費").evaluations = {
      "2024": {
        self: { aspects: emptyAspects(), outlook: "continue", changes: null },
        secondary: { aspects: emptyAspects(), outlook: "abolish", comment: "システム導入により統合" },
      },
    };
    const imported = await importPlan({ db: t.db, city: CITY, fiscalYear: 2024, plan: seed });
    v2024 = imported.planVersionId;
    await approveEvaluations(t.db, v2024);
    admin = await createActor({
      loginName: "kikaku-admin",
      displayName: "企画 管理者",
      password: "cycle-admin-pass-1",
      role: "admin",
      department: null,
    });
    soumu = await createActor({
      loginName: "soumu",
      displayName: "総務 担当",
      password: "cycle-soumu-pass-1",
      role: "department",
      department: "総務課",
    });
    viewer = await createActor({
      loginName: "etsuran",
      displayName: "閲覧 者",
      password: "cycle-viewer-pass-1",
      role: "viewer",
      department: null,
    });
    // Approve one sheet of 2024: the new year's sheets all start as 作成中 all the same.
    const view = await readPlan({ db: t.db, actor: admin, planVersionId: v2024 });
    const training = view.projects.find((e) => e.project.name === "職員研修費");
    if (!training) throw new Error("no 職員研修費");
    await reviewProject({ db: t.db, actor: admin, projectId: training.id, action: "submit" });
    await reviewProject({ db: t.db, actor: admin, projectId: training.id, action: "approve" });
    plan2024 = await loadPlan(t.db, { city: CITY, fiscalYear: 2024 });
  });

  it("refuses 担当課 and 閲覧者, and writes nothing", async () => {
    for (const actor of [soumu, viewer]) {
      const e = await failure(rollOverPlan({ db: t.db, actor, city: CITY, fromYear: 2024 }));
      expect(e.code).toBe("forbidden");
      expect(e.message).toBe("次年度計画の作成（繰越）は管理者だけが行えます。");
      expect((await failure(previewRollover({ db: t.db, actor, planVersionId: v2024 }))).code).toBe(
        "forbidden",
      );
    }
    expect(await versions()).toEqual([[2024, v2024, null]]);
    expect(await rolloverEvents()).toEqual([]);
  });

  it("refuses a year that is not stored", async () => {
    const e = await failure(rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2023 }));
    expect(e.code).toBe("not-found");
    expect(e.message).toBe("小諸市の令和5年度（2023年度）の実施計画は登録されていません。");
    expect((await failure(previewRollover({ db: t.db, actor: admin, planVersionId: 999999 }))).code).toBe(
      "not-found",
    );
  });

  it("previews the rollover without writing", async () => {
    const p = await previewRollover({ db: t.db, actor: admin, planVersionId: v2024 });
    expect(p.from.id).toBe(v2024);
    expect(p.existing).toBeNull();
    expect(p.rollover.window).toEqual(["2025", "2026", "2027"]);
    expect(p.rollover.leftOut.map((l) => [l.name, l.outlook])).toEqual([["文書費", "abolish"]]);
    expect(p.totals.map((r) => [r.fiscalYear, r.before.total, r.after.total])).toEqual([
      ["2024", 3984986, 0],
      ["2025", 4022511, 4012949],
      ["2026", 3656321, 3646759],
      ["2027", 0, 3646759],
    ]);
    expect(await versions()).toEqual([[2024, v2024, null]]);
  });

  it("rolls 令和6年度 into 令和7年度, leaving out 文書費, and keeps 令和6年度 intact", async () => {
    const r = await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2024 });
    v2025 = r.planVersionId;
    expect(r).toMatchObject({
      fromPlanVersionId: v2024,
      city: CITY,
      fromYear: 2024,
      toYear: 2025,
      window: ["2025", "2026", "2027"],
      replaced: false,
      leftOut: [
        { measureCode: "6-5", name: "文書費", leadDepartment: "総務課", outlook: "abolish", position: 37 },
      ],
    });
    expect(r.estimated).toHaveLength(38);
    expect(r.withoutLastYear).toHaveLength(6);
    expect(r.counts).toMatchObject({ policies: 1, measures: 5, projects: 44, diagnostics: 17 });

    const stored = await loadPlan(t.db, { city: CITY, fiscalYear: 2025 });
    // 4,022,511 − 9,562 = 4,012,949 (一般財源 3,735,953 − 9,419); 3,656,321 − 9,562 = 3,646,759.
    expect(totals(stored)).toEqual({
      "2025": [4012949, 3726534, 44],
      "2026": [3646759, 3445787, 38],
      "2027": [3646759, 3445787, 38],
    });
    expect(project(stored, "職員研修費").estimatedYears).toEqual(["2027"]);
    expect(project(stored, "職員研修費").inputs["2027"]).toEqual({
      total: 1443,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 1453,
    });
    expect(projectsOf(stored ?? seedPlan()).some((p) => p.evaluations !== undefined)).toBe(false);

    const [row] = await t.db
      .select({ rolledFromId: planVersions.rolledFromId, sourceName: planVersions.sourceName })
      .from(planVersions)
      .where(eq(planVersions.id, v2025));
    expect(row).toEqual({ rolledFromId: v2024, sourceName: "令和6年度から繰越" });

    const view = await readPlan({ db: t.db, actor: admin, planVersionId: v2025 });
    expect(new Set(view.projects.map((e) => e.reviewState))).toEqual(new Set(["draft"]));
    const old = await readPlan({ db: t.db, actor: admin, planVersionId: v2024 });
    expect(old.projects.find((e) => e.project.name === "職員研修費")?.reviewState).toBe("approved");
    expect(await loadPlan(t.db, { city: CITY, fiscalYear: 2024 })).toEqual(plan2024);
  });

  it("writes one audit row for the new plan and one for the project left out", async () => {
    const events = await rolloverEvents();
    const old = await readPlan({ db: t.db, actor: admin, planVersionId: v2024 });
    const documents = old.projects.find((e) => e.project.name === "文書費");
    expect(
      events.map((e) => [e.entityKind, e.entityId, e.entityLabel, e.planVersionId, e.fiscalYear]),
    ).toEqual([
      ["project", documents?.id, "文書費", v2024, 2024],
      ["plan", v2025, "小諸市 令和7年度 実施計画", v2025, 2025],
    ]);
    const [left, plan] = events;
    expect(left).toMatchObject({
      userId: admin.userId,
      userName: "企画 管理者（kikaku-admin）",
      department: "総務課",
      field: null,
      comment: "今後の方向性が「廃止」のため、令和7年度の計画に含めませんでした",
    });
    expect(plan).toMatchObject({
      field: "事務事業数",
      before: "45",
      after: "44",
      comment: "令和6年度の計画から作成しました（事務事業 44 件を繰越、1 件を除外）",
    });
  });

  it("refuses to roll over onto a stored year and writes nothing; --replace replaces it", async () => {
    const before = await loadPlan(t.db, { city: CITY, fiscalYear: 2025 });
    const eventsBefore = await rolloverEvents();
    const e = await failure(rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2024 }));
    expect(e.code).toBe("conflict");
    expect(e.message).toContain(
      "小諸市の令和7年度（2025年度）の実施計画は既に登録されているため、作成しませんでした。",
    );
    expect(await versions()).toEqual([
      [2024, v2024, null],
      [2025, v2025, "令和6年度から繰越"],
    ]);
    expect(await loadPlan(t.db, { city: CITY, fiscalYear: 2025 })).toEqual(before);
    expect(await rolloverEvents()).toEqual(eventsBefore);

    const p = await previewRollover({ db: t.db, actor: admin, planVersionId: v2024 });
    expect(p.existing?.id).toBe(v2025);

    const again = await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2024, replace: true });
    expect(again.replaced).toBe(true);
    expect(again.planVersionId).not.toBe(v2025);
    v2025 = again.planVersionId;
    expect(await loadPlan(t.db, { city: CITY, fiscalYear: 2025 })).toEqual(before);
    const latest = (await rolloverEvents()).find((x) => x.entityKind === "plan");
    expect(latest?.comment).toBe(
      "令和6年度の計画から作成しました（事務事業 44 件を繰越、1 件を除外）。既存の計画を置き換えました",
    );
  });

  it("rolls 令和7年度 into 令和8年度: nothing more left out, the window moves again", async () => {
    const r = await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2025 });
    expect(r.leftOut).toEqual([]);
    expect(r.window).toEqual(["2026", "2027", "2028"]);
    const stored = await loadPlan(t.db, { city: CITY, fiscalYear: 2026 });
    expect(totals(stored)).toEqual({
      "2026": [3646759, 3445787, 38],
      "2027": [3646759, 3445787, 38],
      "2028": [3646759, 3445787, 38],
    });
    expect(project(stored, "職員研修費").estimatedYears).toEqual(["2027", "2028"]);
    expect(project(stored, "議員報酬等").inputs).toEqual({});
    expect((await listPlanVersions(t.db)).map((v) => v.fiscalYear)).toEqual([2024, 2025, 2026]);
  });

  it("compares 令和6年度 with 令和7年度: 文書費 removed, nothing else changed in 令和7–8年度", async () => {
    const c = await comparePlans({
      db: t.db,
      actor: viewer,
      plan: { city: CITY, fiscalYear: 2025 },
      against: { city: CITY, fiscalYear: 2024 },
    });
    expect(c.before).toMatchObject({ state: "now", label: "小諸市 令和6年度 実施計画" });
    expect(c.after).toMatchObject({ state: "now", label: "小諸市 令和7年度 実施計画" });
    expect(c.after.version.id).toBe(v2025);
    const d = c.diff;
    expect(d.comparedYears).toEqual(["2025", "2026"]);
    expect(d.projectsRemoved).toEqual([
      {
        measureCode: "6-5",
        name: "文書費",
        leadDepartment: "総務課",
        totals: { "2024": 9562, "2025": 9562, "2026": 9562 },
      },
    ]);
    expect(d.projectsAdded).toEqual([]);
    expect(d.projectsChanged).toEqual([]);
    expect(d.projectsUnchanged).toBe(44);
    expect(d.measuresChanged).toEqual([]);
    expect(d.totals.map((r) => [r.fiscalYear, r.before.total, r.after.total, r.difference.total])).toEqual([
      ["2024", 3984986, 0, -3984986],
      ["2025", 4022511, 4012949, -9562],
      ["2026", 3656321, 3646759, -9562],
      ["2027", 0, 3646759, 3646759],
    ]);
  });

  it("compares 令和7年度 with 令和8年度 by version ids: no project changed", async () => {
    const [, a, b] = await listPlanVersions(t.db);
    const c = await comparePlans({
      db: t.db,
      actor: soumu,
      plan: { planVersionId: b?.id ?? 0 },
      against: { planVersionId: a?.id ?? 0 },
    });
    expect(c.diff.comparedYears).toEqual(["2026", "2027"]);
    expect(c.diff.projectsRemoved).toEqual([]);
    expect(c.diff.projectsChanged).toEqual([]);
    expect(c.diff.projectsUnchanged).toBe(44);
    expect(c.diff.totals.map((r) => [r.fiscalYear, r.difference.total, r.difference.generalRevenue])).toEqual(
      [
        ["2025", -4012949, -3726534],
        ["2026", 0, 0],
        ["2027", 0, 0],
        ["2028", 3646759, 3445787],
      ],
    );
  });

  it("compares 令和7年度 as rolled over with the edits made since", async () => {
    const view = await readPlan({ db: t.db, actor: admin, planVersionId: v2025 });
    const same = await comparePlans({
      db: t.db,
      actor: viewer,
      plan: { planVersionId: v2025 },
      against: "source",
    });
    expect(same.before.label).toBe("小諸市 令和7年度 実施計画（繰越時）");
    expect(same.after.label).toBe("小諸市 令和7年度 実施計画（現在）");
    expect(same.diff.projectsChanged).toEqual([]);
    expect(same.diff.comparedYears).toEqual(["2025", "2026", "2027"]);

    // 総務課 corrects 職員研修費: 一般財源 1,443 in 令和7年度, as the total says.
    const training = view.projects.find((e) => e.project.name === "職員研修費");
    if (!training) throw new Error("no 職員研修費");
    const fixed = structuredClone(training.project);
    const y2025 = fixed.inputs["2025"];
    if (!y2025) throw new Error("no 2025");
    y2025.generalRevenue = 1443;
    for (const fy of ["2026", "2027"]) {
      const i = fixed.inputs[fy];
      if (i) i.generalRevenue = 1443;
    }
    await saveProject({
      db: t.db,
      actor: soumu,
      projectId: training.id,
      expectedVersion: training.version,
      project: fixed,
    });
    const c = await comparePlans({
      db: t.db,
      actor: viewer,
      plan: { planVersionId: v2025 },
      against: "source",
    });
    expect(
      c.diff.projectsChanged.map((p) => [p.name, p.changes.filter((x) => x.field.startsWith("inputs."))]),
    ).toEqual([
      [
        "職員研修費",
        [
          { field: "inputs.2025.generalRevenue", label: "令和7年度 一般財源", before: "1453", after: "1443" },
          { field: "inputs.2026.generalRevenue", label: "令和8年度 一般財源", before: "1453", after: "1443" },
          { field: "inputs.2027.generalRevenue", label: "令和9年度 一般財源", before: "1453", after: "1443" },
        ],
      ],
    ]);
    expect(c.diff.totals.map((r) => r.difference)).toEqual([
      { total: 0, generalRevenue: -10, projects: 0 },
      { total: 0, generalRevenue: -10, projects: 0 },
      { total: 0, generalRevenue: -10, projects: 0 },
    ]);
  });

  it("says so for an unknown version, and for a version stored without its source", async () => {
    expect(
      (
        await failure(
          comparePlans({ db: t.db, actor: viewer, plan: { planVersionId: 999999 }, against: "source" }),
        )
      ).code,
    ).toBe("not-found");
    expect(
      (
        await failure(
          comparePlans({
            db: t.db,
            actor: viewer,
            plan: { planVersionId: v2024 },
            against: { city: CITY, fiscalYear: 2019 },
          }),
        )
      ).message,
    ).toBe("小諸市の令和元年度（2019年度）の実施計画は登録されていません。");
    await t.db.update(planVersions).set({ sourcePlan: null }).where(eq(planVersions.id, v2024));
    const e = await failure(
      comparePlans({ db: t.db, actor: viewer, plan: { planVersionId: v2024 }, against: "source" }),
    );
    expect(e.code).toBe("not-found");
    expect(e.message).toBe(
      "小諸市 令和6年度 実施計画には、取り込み時の内容が保存されていません（この機能より前に取り込まれた計画です）。",
    );
  });
  it("counts only 承認済 evaluations: a 廃止 still 作成中 or 提出済 leaves nothing out", async () => {
    const seed = seedPlan();
    project(seed, "文書費").evaluations = {
      "2024": { self: { aspects: emptyAspects(), outlook: "abolish", changes: null }, secondary: null },
    };
    const draft = await importPlan({ db: t.db, city: "未承認市", fiscalYear: 2024, plan: seed });
    const before = await previewRollover({ db: t.db, actor: admin, planVersionId: draft.planVersionId });
    expect(before.rollover.leftOut).toEqual([]);
    expect(before.rollover.carried).toBe(45);
    await approveEvaluations(t.db, draft.planVersionId);
    const after = await previewRollover({ db: t.db, actor: admin, planVersionId: draft.planVersionId });
    expect(after.rollover.leftOut.map((l) => [l.name, l.outlook])).toEqual([["文書費", "abolish"]]);
  });
});
