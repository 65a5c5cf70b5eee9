// rollOverPlan and previewRollover through the use cases on a real database: the seed rolled over twice
// (令和6 → 令和7 → 令和8年度), the authorization of each role, a refused rollover writing nothing. Each test
// starts from a fresh seed (test/support/cycle-fixture.ts) and replays the rollovers it starts from.

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listPlanVersions, loadPlan } from "../../../src/db/plans.ts";
import { planVersions } from "../../../src/db/schema/index.ts";
import { emptyAspects } from "../../../src/domain/evaluation/evaluation.ts";
import { previewRollover, rollOverPlan } from "../../../src/usecases/cycle/rollover-plan.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { failure } from "../../support/actors.ts";
import { codeOf } from "../../support/cities.ts";
import {
  admin,
  CITY,
  plan2024,
  project,
  replay,
  rolloverEvents,
  rolloverSteps,
  setV2025,
  soumu,
  t,
  totals,
  v2024,
  v2025,
  versions,
  viewer,
} from "../../support/cycle-fixture.ts";
import { approveEvaluations, testBackend } from "../../support/db.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

describe(`rolling the seed over twice and comparing (${testBackend})`, () => {
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
    setV2025(r.planVersionId);
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

    const stored = await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: 2025 });
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
    expect(await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: 2024 })).toEqual(plan2024);
  });

  it("writes one audit row for the new plan and one for the project left out", async () => {
    // Given: what the tests before this one wrote.
    await replay(rolloverSteps.rollInto2025);
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
    // Given: what the tests before this one wrote.
    await replay(rolloverSteps.rollInto2025);
    const before = await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: 2025 });
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
    expect(await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: 2025 })).toEqual(before);
    expect(await rolloverEvents()).toEqual(eventsBefore);

    const p = await previewRollover({ db: t.db, actor: admin, planVersionId: v2024 });
    expect(p.existing?.id).toBe(v2025);

    const again = await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2024, replace: true });
    expect(again.replaced).toBe(true);
    expect(again.planVersionId).not.toBe(v2025);
    setV2025(again.planVersionId);
    expect(await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: 2025 })).toEqual(before);
    const latest = (await rolloverEvents()).find((x) => x.entityKind === "plan");
    expect(latest?.comment).toBe(
      "令和6年度の計画から作成しました（事務事業 44 件を繰越、1 件を除外）。既存の計画を置き換えました",
    );
  });

  it("rolls 令和7年度 into 令和8年度: nothing more left out, the window moves again", async () => {
    // Given: what the tests before this one wrote.
    await replay(rolloverSteps.rollInto2025, rolloverSteps.replace2025);
    const r = await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2025 });
    expect(r.leftOut).toEqual([]);
    expect(r.window).toEqual(["2026", "2027", "2028"]);
    const stored = await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: 2026 });
    expect(totals(stored)).toEqual({
      "2026": [3646759, 3445787, 38],
      "2027": [3646759, 3445787, 38],
      "2028": [3646759, 3445787, 38],
    });
    expect(project(stored, "職員研修費").estimatedYears).toEqual(["2027", "2028"]);
    expect(project(stored, "議員報酬等").inputs).toEqual({});
    expect((await listPlanVersions(t.db)).map((v) => v.fiscalYear)).toEqual([2024, 2025, 2026]);
  });

  it("counts only 承認済 evaluations: a 廃止 still 作成中 or 提出済 leaves nothing out", async () => {
    const seed = seedPlan();
    project(seed, "文書費").evaluations = {
      "2024": { self: { aspects: emptyAspects(), outlook: "abolish", changes: null }, secondary: null },
    };
    const draft = await importPlan({ db: t.db, city: "岡谷市", fiscalYear: 2024, plan: seed });
    // 岡谷市's plan, previewed by an administrator of every city (the seed's admin works for 小諸市).
    const all = { ...admin, cities: "all" as const };
    const before = await previewRollover({ db: t.db, actor: all, planVersionId: draft.planVersionId });
    expect(before.rollover.leftOut).toEqual([]);
    expect(before.rollover.carried).toBe(45);
    await approveEvaluations(t.db, draft.planVersionId);
    const after = await previewRollover({ db: t.db, actor: all, planVersionId: draft.planVersionId });
    expect(after.rollover.leftOut.map((l) => [l.name, l.outlook])).toEqual([["文書費", "abolish"]]);
  });
});
