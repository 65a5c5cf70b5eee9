// listEvaluations: the sheets per department by state, over the writes of the evaluation tests.
// Each test starts from a fresh copy of the seeded template (test/support/evaluation-fixture.ts): a test
// that needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import { listEvaluations } from "../../../src/usecases/evaluation/list-evaluations.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  ALL_SAVE_STEPS,
  FY,
  measureSheetSteps,
  planVersionId,
  replay,
  reviewSheetSteps,
  t,
  viewer,
} from "../../support/evaluation-fixture.ts";

describe(`evaluation use cases (${testBackend})`, () => {
  describe("listEvaluations", () => {
    it("counts the sheets per department by state, 未作成 included, and lists each project's effective outlook", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        ...ALL_SAVE_STEPS,
        ...Object.values(reviewSheetSteps),
        ...Object.values(measureSheetSteps),
      );
      const o = await listEvaluations({ db: t.db, actor: viewer, planVersionId, fiscalYear: FY });
      expect(o.fiscalYear).toBe("2024");
      expect(o.years).toEqual(["2024", "2025", "2026"]);
      // 45 projects, 18 of them printed as budget lines only (6 in 6-2, 5 in 6-3, 1 in 6-4, 6 in 6-5).
      expect(o.budgetOnlyCount).toBe(18);
      expect(o.projects.length).toBe(27);
      // 総務課: 市民協働推進事業 (saved, 作成中), 職員厚生費 (未作成), 職員研修費 (提出済), 一般管理費運営費 (未作成),
      // 文書費 (saved, 作成中). 企画課: 行政経営事業 (提出済) and seven 未作成.
      const by = new Map(o.departments.map((d) => [d.department, d]));
      expect(by.get("総務課")).toEqual({
        department: "総務課",
        draft: 2,
        submitted: 1,
        approved: 0,
        missing: 2,
        total: 5,
      });
      expect(by.get("企画課")).toEqual({
        department: "企画課",
        draft: 0,
        submitted: 1,
        approved: 0,
        missing: 7,
        total: 8,
      });
      expect(by.get("財政課")).toEqual({
        department: "財政課",
        draft: 0,
        submitted: 0,
        approved: 0,
        missing: 7,
        total: 7,
      });
      expect(o.departments.reduce((n, d) => n + d.total, 0)).toBe(27);
      const training = o.projects.find((p) => p.name === "職員研修費");
      // The 二次評価's 改善 stands over the department's 継続.
      expect(training).toMatchObject({
        department: "総務課",
        measureCode: "6-2",
        state: "submitted",
        outlook: "improve",
        hasSecondary: true,
      });
      expect(o.projects.find((p) => p.name === "行政経営事業")).toMatchObject({
        state: "submitted",
        outlook: "complete",
      });
      expect(o.projects.find((p) => p.name === "職員厚生費")).toMatchObject({ state: null, outlook: null });
      expect(o.measures.map((m) => [m.code, m.department, m.state, m.rating])).toEqual([
        ["6-1", "企画課", null, null],
        ["6-2", "企画課", null, null],
        ["6-3", "財政課", null, null],
        ["6-4", "税務課", null, null],
        ["6-5", "総務課", "draft", "B"],
      ]);
      // Another year of the plan: only 文書費 has a sheet there.
      const next = await listEvaluations({ db: t.db, actor: viewer, planVersionId, fiscalYear: 2025 });
      expect(next.projects.filter((p) => p.state !== null).map((p) => p.name)).toEqual(["文書費"]);
      // Without a year: the plan's own year.
      expect((await listEvaluations({ db: t.db, actor: viewer, planVersionId })).fiscalYear).toBe("2024");
      expect(
        (await failure(listEvaluations({ db: t.db, actor: viewer, planVersionId, fiscalYear: 2031 }))).code,
      ).toBe("not-found");
    });
  });
});
