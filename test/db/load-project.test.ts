// loadProject (the saves' read of one project) builds exactly what loadPlanVersion builds for that project,
// key order included, from the project's own rows.
import { describe, expect, it } from "vitest";
import { loadIndexedPlanVersion, loadProject } from "../../src/db/plans.ts";
import { COMMAND_LINE } from "../../src/usecases/authorize.ts";
import { saveProjectEvaluation } from "../../src/usecases/evaluation/save-project-evaluation.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { withTestDatabase } from "../support/db.ts";
import { seedPlan } from "../support/plans.ts";

const t = withTestDatabase();

describe("loadProject", () => {
  it("gives every project of the seed as the whole plan's load does, evaluations and actuals included", async () => {
    const { planVersionId } = await importPlan({
      db: t.db,
      city: "小諸市",
      fiscalYear: 2024,
      plan: seedPlan(),
    });
    const first = await loadIndexedPlanVersion(t.db, planVersionId, null);
    const training = [...first.index.projects].find(([p]) => p.name === "職員研修費");
    if (!training) throw new Error("no 職員研修費");
    await saveProjectEvaluation({
      db: t.db,
      actor: COMMAND_LINE,
      projectId: training[1].id,
      fiscalYear: 2024,
      expectedVersion: 1,
      evaluation: {
        self: {
          aspects: {
            necessity: { rating: "A", reason: "必要性は高い。" },
            effectiveness: { rating: "B", reason: "定着は途上である。" },
            efficiency: { rating: "B", reason: "経費を抑えた。" },
            equity: { rating: "A", reason: "全職員が対象。" },
          },
          outlook: "continue",
          changes: null,
        },
        secondary: null,
      },
      settled: 1398,
      activityActuals: ["実施", "12回"],
    });
    const { index } = await loadIndexedPlanVersion(t.db, planVersionId, null);
    expect(index.projects.size).toBe(45);
    for (const [project, row] of index.projects) {
      const one = await loadProject(t.db, row.id);
      expect(JSON.stringify(one)).toBe(JSON.stringify(project));
    }
    const saved = await loadProject(t.db, training[1].id);
    expect(saved?.settled).toEqual({ "2024": 1398 });
    expect(saved?.activityIndicators.map((a) => a.actual?.["2024"]?.text)).toEqual(["実施", "12回"]);
    expect(saved?.evaluations?.["2024"]?.self.outlook).toBe("continue");
    expect(await loadProject(t.db, 999_999)).toBeNull();
  });
});
