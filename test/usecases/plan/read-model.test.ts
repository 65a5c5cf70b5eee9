// The read model (usecases/plan/read-model.ts) against a real database (PGlite in memory, or PostgreSQL
// with DATABASE_URL): every kind of write bumps the plan version's revision in its own transaction, a read
// after a write shows it, and a read of an unchanged version costs one statement.
import { beforeAll, describe, expect, it } from "vitest";
import { updateProjectContent } from "../../../src/db/edit-plan.ts";
import { planRevision } from "../../../src/db/revision.ts";
import type { MeasureEvaluation, Project, ProjectEvaluation } from "../../../src/domain/plan/model.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { reviewProject } from "../../../src/usecases/editing/review-project.ts";
import { saveMeasure } from "../../../src/usecases/editing/save-measure.ts";
import { saveProject } from "../../../src/usecases/editing/save-project.ts";
import { EditConflict } from "../../../src/usecases/errors.ts";
import { reviewEvaluation } from "../../../src/usecases/evaluation/review-evaluation.ts";
import { saveMeasureEvaluation } from "../../../src/usecases/evaluation/save-measure-evaluation.ts";
import { saveProjectEvaluation } from "../../../src/usecases/evaluation/save-project-evaluation.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { type PlanView, readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { readPublishedPlan } from "../../../src/usecases/plan/read-published-plan.ts";
import { withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";

const t = withTestDatabase();
const actor = COMMAND_LINE;
let planVersionId = 0;

const read = () => readPlan({ db: t.db, actor, planVersionId });
const revision = async () => (await planRevision(t.db, planVersionId))?.revision ?? Number.NaN;
const project = (view: PlanView, name: string) => {
  const e = view.projects.find((p) => p.project.name === name);
  if (!e) throw new Error(`no project ${name}`);
  return e;
};
const measure = (view: PlanView, code: string) => {
  const e = view.measures.find((m) => m.measure.code === code);
  if (!e) throw new Error(`no measure ${code}`);
  return e;
};

/** 職員研修費 with the funding sums of the seed put right (一般財源 of 2025 and 2026: 1,453 → 1,443). */
function fixedTraining(p: Project): Project {
  for (const fy of ["2025", "2026"]) {
    const i = p.inputs[fy];
    if (!i) throw new Error(`no inputs for ${fy}`);
    i.generalRevenue = 1443;
  }
  return p;
}

const SELF: ProjectEvaluation = {
  self: {
    aspects: {
      necessity: { rating: "A", reason: "職員の育成は市の責務であり、必要性は高い。" },
      effectiveness: { rating: "B", reason: "研修の参加率は上がったが、定着は途上である。" },
      efficiency: { rating: "B", reason: "庁内講師で経費を抑えた。" },
      equity: { rating: "A", reason: "全職員を対象としている。" },
    },
    outlook: "continue",
    changes: null,
  },
  secondary: null,
};
const MEASURE_SELF: MeasureEvaluation = {
  self: { rating: "B", assessment: "職員研修の参加率は向上した。", nextSteps: "人事評価制度の定着を図る。" },
  secondary: null,
};

beforeAll(async () => {
  ({ planVersionId } = await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() }));
});

describe("the read model", () => {
  it("starts a new plan version at revision 1", async () => {
    expect(await revision()).toBe(1);
  });

  // Each write, and what a read right after it must show (and the read before it must not).
  const writes: {
    what: string;
    write: (v: PlanView) => Promise<unknown>;
    shows: (v: PlanView) => boolean;
  }[] = [
    {
      what: "project save",
      write: (v) => {
        const e = project(v, "職員研修費");
        return saveProject({
          db: t.db,
          actor,
          projectId: e.id,
          expectedVersion: e.version,
          project: fixedTraining({ ...structuredClone(e.project), notes: "読み取りモデルの確認" }),
        });
      },
      shows: (v) => project(v, "職員研修費").project.notes === "読み取りモデルの確認",
    },
    {
      what: "measure save",
      write: (v) => {
        const m = measure(v, "6-5");
        return saveMeasure({
          db: t.db,
          actor,
          measureId: m.id,
          expectedVersion: m.version,
          measure: { ...m.measure, notes: "施策の特記事項を更新" },
        });
      },
      shows: (v) => measure(v, "6-5").measure.notes === "施策の特記事項を更新",
    },
    {
      what: "project review (submit)",
      write: (v) =>
        reviewProject({ db: t.db, actor, projectId: project(v, "職員研修費").id, action: "submit" }),
      shows: (v) => project(v, "職員研修費").reviewState === "submitted",
    },
    {
      what: "project evaluation save (with 決算額 and actuals)",
      write: (v) =>
        saveProjectEvaluation({
          db: t.db,
          actor,
          projectId: project(v, "職員研修費").id,
          fiscalYear: 2024,
          expectedVersion: 1,
          evaluation: SELF,
          settled: 1398,
          activityActuals: ["実施", "12回"],
        }),
      shows: (v) => {
        const p = project(v, "職員研修費").project;
        return p.settled?.["2024"] === 1398 && p.evaluations?.["2024"]?.self.outlook === "continue";
      },
    },
    {
      what: "evaluation review (submit)",
      write: (v) =>
        reviewEvaluation({
          db: t.db,
          actor,
          kind: "project",
          id: project(v, "職員研修費").id,
          fiscalYear: 2024,
          action: "submit",
        }),
      shows: (v) => {
        const sheet = project(v, "職員研修費").project.evaluations?.["2024"];
        return sheet !== undefined && v.index.projectEvaluations.get(sheet)?.reviewState === "submitted";
      },
    },
    {
      what: "measure evaluation save",
      write: (v) =>
        saveMeasureEvaluation({
          db: t.db,
          actor,
          measureId: measure(v, "6-5").id,
          fiscalYear: 2024,
          expectedVersion: 1,
          evaluation: MEASURE_SELF,
        }),
      shows: (v) => measure(v, "6-5").measure.evaluations?.["2024"]?.self.rating === "B",
    },
    {
      what: "project review (approve)",
      write: (v) =>
        reviewProject({ db: t.db, actor, projectId: project(v, "職員研修費").id, action: "approve" }),
      shows: (v) => project(v, "職員研修費").reviewState === "approved",
    },
  ];

  for (const w of writes) {
    it(`bumps the revision by a ${w.what}, and the next read shows it`, async () => {
      const before = await read();
      const revBefore = await revision();
      expect(w.shows(before)).toBe(false);
      await w.write(before);
      expect(await revision()).toBeGreaterThan(revBefore);
      const after = await read();
      expect(after).not.toBe(before);
      expect(w.shows(after)).toBe(true);
      // The snapshot read before is frozen and unchanged.
      expect(w.shows(before)).toBe(false);
    });
  }

  it("shows an approved sheet on the public side at once", async () => {
    const pub = await readPublishedPlan({ db: t.db, planVersionId });
    expect(pub.projects.map((p) => p.project.name)).toEqual(["職員研修費"]);
  });

  it("bumps nothing when a save is refused or its transaction rolls back", async () => {
    const view = await read();
    const e = project(view, "職員研修費");
    const rev = await revision();
    // Approved sheets cannot be saved; a stale version is a conflict: neither writes.
    const stale = await saveProject({
      db: t.db,
      actor,
      projectId: project(view, "市民協働推進事業").id,
      expectedVersion: project(view, "市民協働推進事業").version - 1,
      project: { ...project(view, "市民協働推進事業").project, notes: "古い版から" },
    }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(stale).toBeInstanceOf(EditConflict);
    expect(await revision()).toBe(rev);
    // The write and the bump are one transaction: an error after both leaves neither.
    const failed = await t.db
      .transaction(async (tx) => {
        const written = await updateProjectContent(
          tx,
          { id: e.id, planVersionId, cityCode: "202088" },
          e.version,
          {
            ...e.project,
            notes: "取り消される",
          },
        );
        expect(written).toBe(e.version + 1);
        expect((await planRevision(tx, planVersionId))?.revision).toBe(rev + 1);
        throw new Error("rollback");
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(failed).toBeInstanceOf(Error);
    expect(await revision()).toBe(rev);
    const again = await read();
    expect(again).toBe(view);
    expect(project(again, "職員研修費").project.notes).toBe("読み取りモデルの確認");
  });

  it("answers a read of an unchanged version with one statement, and never touches the plan rows", async () => {
    await read();
    const before = t.statements;
    const view = await read();
    expect(t.statements - before).toBe(1);
    const pubBefore = t.statements;
    await readPublishedPlan({ db: t.db, planVersionId });
    await readPublishedPlan({ db: t.db, planVersionId });
    expect(t.statements - pubBefore).toBe(2);
    expect(await read()).toBe(view);
  });

  it("shares one load among concurrent reads after a change", async () => {
    const view = await read();
    const e = project(view, "市民協働推進事業");
    await saveProject({
      db: t.db,
      actor,
      projectId: e.id,
      expectedVersion: e.version,
      project: { ...structuredClone(e.project), notes: "同時に読む" },
    });
    let start = t.statements;
    await read();
    const oneMiss = t.statements - start;
    expect(oneMiss).toBeGreaterThan(10);
    await saveProject({
      db: t.db,
      actor,
      projectId: e.id,
      expectedVersion: e.version + 1,
      project: { ...structuredClone(e.project), notes: "同時に読む 2" },
    });
    start = t.statements;
    const views = await Promise.all([read(), read(), read(), read(), read()]);
    // One revision check (the five asked at once share it: usecases/batched-read.ts), one load.
    expect(t.statements - start).toBe(oneMiss);
    for (const v of views) expect(v).toBe(views[0]);
    expect(project(views[0] as PlanView, "市民協働推進事業").project.notes).toBe("同時に読む 2");
  });

  it("hands out frozen snapshots: no caller can change what the others read", async () => {
    const view = await read();
    const e = project(view, "市民協働推進事業");
    expect(() => {
      (e.project as { notes: string | null }).notes = "書き換え";
    }).toThrow(TypeError);
    expect(() => view.projects.pop()).toThrow(TypeError);
    expect(project(await read(), "市民協働推進事業").project.notes).toBe("同時に読む 2");
  });

  it("is not found once the version is gone, and a re-import starts a new id at revision 1", async () => {
    const again = await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    expect(again.planVersionId).not.toBe(planVersionId);
    await expect(read()).rejects.toMatchObject({ code: "not-found" });
    expect((await planRevision(t.db, again.planVersionId))?.revision).toBe(1);
  });
});
