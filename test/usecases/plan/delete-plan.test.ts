// deletePlan: an administrator deletes a plan year or a whole city, after seeing what goes; audited.
import { describe, expect, it } from "vitest";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { deletePlan, previewPlanDeletion } from "../../../src/usecases/plan/delete-plan.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readAuditLog } from "../../../src/usecases/staff/audit-log.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  kikaku,
  measureSelf,
  saveMeasureSheet,
  saveSheetSteps,
  soumu,
  t,
  viewer,
} from "../../support/evaluation-fixture.ts";
import { seedPlan } from "../../support/plans.ts";

const stored = async () => (await listPlanVersions(t.db)).map((v) => [v.city, v.fiscalYear]);

describe(`deletePlan (${testBackend})`, () => {
  it("refuses every role but 管理者, and changes nothing", async () => {
    for (const actor of [soumu, kikaku, viewer]) {
      for (const p of [
        previewPlanDeletion({ db: t.db, actor, city: "小諸市", fiscalYear: 2024 }),
        deletePlan({ db: t.db, actor, city: "小諸市", fiscalYear: 2024, confirmed: true }),
        deletePlan({ db: t.db, actor, city: "小諸市", fiscalYear: null, confirmed: true }),
      ]) {
        const e = await failure(p);
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("実施計画・市町村の削除は管理者だけが行えます。");
      }
    }
    expect(await stored()).toEqual([["小諸市", 2024]]);
  });

  it("names what goes (the seed: 1 policy, 5 measures, 45 projects, and the evaluation sheets written)", async () => {
    await saveSheetSteps.soumuWritesTraining();
    await saveMeasureSheet(soumu, "6-5", 1, measureSelf());
    const preview = await previewPlanDeletion({ db: t.db, actor: admin, city: "小諸市", fiscalYear: 2024 });
    expect(preview).toEqual({
      city: "小諸市",
      cityCode: "202088",
      fiscalYear: 2024,
      counts: { fiscalYears: [2024], policies: 1, measures: 5, projects: 45, evaluations: 2 },
    });
    expect(await stored()).toEqual([["小諸市", 2024]]);
  });

  it("deletes nothing without the confirmation, and says so", async () => {
    const e = await failure(
      deletePlan({ db: t.db, actor: admin, city: "小諸市", fiscalYear: 2024, confirmed: false }),
    );
    expect(e.code).toBe("invalid-input");
    expect(e.message).toBe("小諸市 2024年度を削除するには、確認が必要です。");
    expect(await stored()).toEqual([["小諸市", 2024]]);
  });

  it("deletes one plan year, keeps the city's other years, and audits what went", async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2025, plan: seedPlan() });
    const r = await deletePlan({ db: t.db, actor: admin, city: "小諸市", fiscalYear: 2024, confirmed: true });
    expect(r.counts).toEqual({ fiscalYears: [2024], policies: 1, measures: 5, projects: 45, evaluations: 0 });
    expect(await stored()).toEqual([["小諸市", 2025]]);
    const [event] = await readAuditLog({ db: t.db, actor: admin, filter: {} });
    expect(event).toMatchObject({
      action: "delete",
      entityKind: "plan",
      entityLabel: "小諸市 2024年度",
      city: "小諸市",
      fiscalYear: 2024,
      comment: "政策 1件、施策 5件、事務事業 45件、評価シート 0件を削除（年度: 2024）",
      userName: "企画 花子（kikaku-admin）",
    });
  });

  it("deletes a whole city with all its years; the name can be imported again afresh", async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2025, plan: seedPlan() });
    await importPlan({ db: t.db, city: "長野市", fiscalYear: 2024, plan: seedPlan() });
    const r = await deletePlan({
      db: t.db,
      actor: COMMAND_LINE,
      city: "小諸市",
      fiscalYear: null,
      confirmed: true,
    });
    expect(r.counts).toEqual({
      fiscalYears: [2024, 2025],
      policies: 2,
      measures: 10,
      projects: 90,
      evaluations: 0,
    });
    expect(await stored()).toEqual([["長野市", 2024]]);
    const e = await failure(
      previewPlanDeletion({ db: t.db, actor: admin, city: "小諸市", fiscalYear: null }),
    );
    expect(e.code).toBe("not-found");
    expect(e.message).toBe("市町村「小諸市」は登録されていません。");
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    expect(await stored()).toEqual([
      ["長野市", 2024],
      ["小諸市", 2024],
    ]);
  });

  it("answers not-found for a year or city that is not stored", async () => {
    const e = await failure(
      deletePlan({ db: t.db, actor: admin, city: "小諸市", fiscalYear: 2030, confirmed: true }),
    );
    expect(e.code).toBe("not-found");
    expect(e.message).toBe("小諸市の2030年度の実施計画は登録されていません。");
  });
});
