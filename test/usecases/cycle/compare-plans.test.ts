// comparePlans through the use cases on a real database: the seed rolled over twice and diffed. Each test
// starts from a fresh seed (test/support/cycle-fixture.ts) and replays the rollovers it starts from.

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { planVersions } from "../../../src/db/schema/index.ts";
import { comparePlans } from "../../../src/usecases/cycle/compare-plans.ts";
import { saveProject } from "../../../src/usecases/editing/save-project.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { failure } from "../../support/actors.ts";
import {
  admin,
  CITY,
  replay,
  rolloverSteps,
  soumu,
  t,
  v2024,
  v2025,
  viewer,
} from "../../support/cycle-fixture.ts";
import { testBackend } from "../../support/db.ts";

describe(`rolling the seed over twice and comparing (${testBackend})`, () => {
  it("compares 令和6年度 with 令和7年度: 文書費 removed, nothing else changed in 令和7–8年度", async () => {
    // Given: what the tests before this one wrote.
    await replay(rolloverSteps.rollInto2025, rolloverSteps.replace2025, rolloverSteps.rollInto2026);
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
    // Given: what the tests before this one wrote.
    await replay(rolloverSteps.rollInto2025, rolloverSteps.replace2025, rolloverSteps.rollInto2026);
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
    // Given: what the tests before this one wrote.
    await replay(rolloverSteps.rollInto2025, rolloverSteps.replace2025, rolloverSteps.rollInto2026);
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
    // Given: what the tests before this one wrote.
    await replay(rolloverSteps.rollInto2025, rolloverSteps.replace2025, rolloverSteps.rollInto2026);
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
});
