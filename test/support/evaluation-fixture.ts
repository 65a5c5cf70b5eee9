// The evaluation use-case tests' fixture: a fresh copy of the seeded template for every test
// (withSeededDatabase), the helpers that read the sheets as the screens see them, and the writes earlier
// tests made, as steps a test replays to reach the state it starts from (so that every test runs alone).
import { beforeEach } from "vitest";
import type { AuditEventRow } from "../../src/db/audit.ts";
import type { Actor } from "../../src/domain/access.ts";
import { emptyProjectEvaluation } from "../../src/domain/evaluation/evaluation.ts";
import type { MeasureEvaluation } from "../../src/domain/plan/model.ts";
import {
  readMeasureEvaluation,
  readProjectEvaluation,
} from "../../src/usecases/evaluation/list-evaluations.ts";
import { reviewEvaluation } from "../../src/usecases/evaluation/review-evaluation.ts";
import { saveMeasureEvaluation } from "../../src/usecases/evaluation/save-measure-evaluation.ts";
import {
  type SaveProjectEvaluationOptions,
  saveProjectEvaluation,
} from "../../src/usecases/evaluation/save-project-evaluation.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import { readAuditLog } from "../../src/usecases/staff/audit-log.ts";
import { TRAINING_SECONDARY, trainingSelf, withSecondary } from "./evaluation-sheets.ts";
import { SEED_CITY, SEED_FISCAL_YEAR, withSeededDatabase } from "./seed.ts";

export const CITY = SEED_CITY;
export const PLAN_YEAR = SEED_FISCAL_YEAR;
export const FY = 2024;

export const t = withSeededDatabase();

export let planVersionId = 0;
export let admin: Actor;
export let soumu: Actor;
export let kikaku: Actor;
export let viewer: Actor;

beforeEach(() => {
  ({ planVersionId, admin, soumu, kikaku, viewer } = t);
});

export async function projectId(name: string): Promise<number> {
  const view = await readPlan({ db: t.db, actor: admin, planVersionId });
  const found = view.projects.filter((e) => e.project.name === name);
  if (found.length !== 1) throw new Error(`expected one project named ${name}, found ${found.length}`);
  return (found[0] as (typeof found)[number]).id;
}

export async function measureId(code: string): Promise<number> {
  const view = await readPlan({ db: t.db, actor: admin, planVersionId });
  const found = view.measures.find((e) => e.measure.code === code);
  if (!found) throw new Error(`no measure ${code}`);
  return found.id;
}

/** What the screens see of a project's sheet: to show that a refused write changed nothing. */
export async function sheetState(name: string, fy = FY) {
  const r = await readProjectEvaluation({
    db: t.db,
    actor: viewer,
    projectId: await projectId(name),
    fiscalYear: fy,
  });
  return {
    state: r.state,
    evaluation: r.evaluation,
    settled: r.settled,
    actuals: r.actuals,
    project: r.entry.project,
  };
}

export async function measureSheetState(code: string, fy = FY) {
  const r = await readMeasureEvaluation({
    db: t.db,
    actor: viewer,
    measureId: await measureId(code),
    fiscalYear: fy,
  });
  return { state: r.state, evaluation: r.evaluation };
}

export async function auditLog(): Promise<AuditEventRow[]> {
  return readAuditLog({ db: t.db, actor: admin, filter: { limit: 100_000 } });
}

export async function lastAuditId(): Promise<number> {
  return (await auditLog())[0]?.id ?? 0;
}

/** The audit rows written since `after` (an audit id), oldest first, without their id and time. */
export async function auditSince(after: number) {
  return (await auditLog())
    .filter((r) => r.id > after)
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
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
    }));
}

export function auditRow(
  actor: Actor,
  action: string,
  entity: {
    kind: "project-evaluation" | "measure-evaluation";
    id: number;
    label: string;
    department: string | null;
  },
  change: { label: string; before: string | null; after: string | null },
  comment: string | null = null,
) {
  return {
    userId: actor.userId,
    userName: `${actor.displayName}（${actor.loginName}）`,
    action,
    planVersionId,
    city: CITY,
    fiscalYear: PLAN_YEAR,
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

const _T = (label: string, before: string | null, after: string | null) => ({ label, before, after });

/** Save options for 職員研修費 2024 by `actor` from the version `expectedVersion`. */
export async function trainingSave(
  actor: Actor,
  expectedVersion: number,
  changes: Partial<Omit<SaveProjectEvaluationOptions, "db" | "actor" | "projectId">> = {},
): Promise<SaveProjectEvaluationOptions> {
  return {
    db: t.db,
    actor,
    projectId: await projectId("職員研修費"),
    fiscalYear: FY,
    expectedVersion,
    evaluation: trainingSelf(),
    settled: 1398,
    activityActuals: ["実施", "12回"],
    ...changes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The writes of the earlier tests, as steps (each is what one test wrote, with no assertion).

/** The 施策評価 the 主管課 writes for 6-5 (令和6年度). */
export const measureSelf = (): MeasureEvaluation => ({
  self: {
    rating: "B",
    assessment: "職員研修の参加率は向上した。",
    nextSteps: "人事評価制度の定着を図る。",
  },
  secondary: null,
});

export async function saveMeasureSheet(
  actor: Actor,
  code: string,
  expectedVersion: number,
  evaluation: MeasureEvaluation,
) {
  return saveMeasureEvaluation({
    db: t.db,
    actor,
    measureId: await measureId(code),
    fiscalYear: FY,
    expectedVersion,
    evaluation,
  });
}

export async function reviewSheet(
  actor: Actor,
  kind: "project" | "measure",
  name: string,
  action: "submit" | "approve" | "return",
  comment?: string,
) {
  const id = kind === "project" ? await projectId(name) : await measureId(name);
  return reviewEvaluation({ db: t.db, actor, kind, id, fiscalYear: FY, action, comment });
}

async function firstSave(
  actor: Actor,
  name: string,
  fiscalYear: number,
  settled: number | null,
  actuals: (string | null)[] | null,
  evaluation = emptyProjectEvaluation(),
) {
  const id = await projectId(name);
  const activityActuals = actuals ?? (await sheetState(name, fiscalYear)).actuals.map(() => null);
  await saveProjectEvaluation({
    db: t.db,
    actor,
    projectId: id,
    fiscalYear,
    expectedVersion: 1,
    evaluation,
    settled,
    activityActuals,
  });
}

/** What the saveProjectEvaluation tests wrote (save-project-evaluation.test.ts), in their order. */
export const saveSheetSteps = {
  /** 総務課 writes the 一次評価, 決算額 1,398 and actuals of 職員研修費: the sheet at version 2. */
  soumuWritesTraining: async (): Promise<number> => {
    const r = await saveProjectEvaluation(await trainingSave(soumu, 1));
    return r.id as number;
  },
  /** 総務課 enters 決算額 and actuals of 文書費 for 令和6年度 and 令和7年度. */
  soumuEntersDocumentsActuals: async () => {
    await firstSave(soumu, "文書費", 2024, 9000, ["２.８", "—"]);
    await firstSave(soumu, "文書費", 2025, null, ["3以下", "2"]);
  },
  /** 管理者 adds the 二次評価 of 職員研修費: version 3. */
  adminAddsTrainingSecondary: async () => {
    await saveProjectEvaluation(
      await trainingSave(admin, 2, { evaluation: withSecondary(trainingSelf(), TRAINING_SECONDARY) }),
    );
  },
  /** 総務課 adds its 改善内容 and 決算額 1,400: version 4. */
  soumuSavesTrainingAgain: async () => {
    const mine = withSecondary(trainingSelf(), TRAINING_SECONDARY);
    mine.self.changes = "  研修後アンケートを実施する。\r\n  ";
    await saveProjectEvaluation(await trainingSave(soumu, 3, { evaluation: mine, settled: 1400 }));
  },
  /** The race on 市民協働推進事業, as 総務課 winning it. */
  raceOnCitizenProject: () => firstSave(soumu, "市民協働推進事業", FY, 100, null),
};

/** What the reviewEvaluation tests wrote (review-evaluation.test.ts), in their order. */
export const reviewSheetSteps = {
  /** 職員研修費: submitted (5), 二次評価 効率性 A (6), approved (7), returned (8), submitted (9). */
  trainingThroughTheWorkflow: async () => {
    await reviewSheet(soumu, "project", "職員研修費", "submit");
    // A copy: what the read model returns is frozen.
    const secondary = structuredClone((await sheetState("職員研修費")).evaluation);
    if (secondary.secondary)
      secondary.secondary.aspects.efficiency = { rating: "A", reason: "庁内講師の活用を評価する。" };
    await saveProjectEvaluation(await trainingSave(admin, 5, { evaluation: secondary, settled: 1400 }));
    await reviewSheet(admin, "project", "職員研修費", "approve");
    await reviewSheet(admin, "project", "職員研修費", "return", "決算額を確認してください。");
    await reviewSheet(soumu, "project", "職員研修費", "submit");
  },
  /** 企画課 writes 行政経営事業 (完了), 管理者 submits it. */
  adminSubmitsPlanningProject: async () => {
    const e = trainingSelf();
    e.self.outlook = "complete";
    await firstSave(kikaku, "行政経営事業", FY, null, null, e);
    await reviewSheet(admin, "project", "行政経営事業", "submit");
  },
};

/** What the 施策評価 tests wrote (save-measure-evaluation.test.ts), in their order. */
export const measureSheetSteps = {
  /** 6-5: the 主管課's 一次評価 (2), 管理者's 二次評価 C (3). */
  soumuAndAdminWrite65: async () => {
    await saveMeasureSheet(soumu, "6-5", 1, measureSelf());
    await saveMeasureSheet(admin, "6-5", 2, {
      ...measureSelf(),
      secondary: { rating: "C", comment: "遅れがある。" },
    });
  },
  /** 6-5: submitted (4), 二次評価 B (5), approved (6), returned (7). */
  measure65ThroughTheWorkflow: async () => {
    await reviewSheet(soumu, "measure", "6-5", "submit");
    await saveMeasureSheet(admin, "6-5", 4, {
      ...measureSelf(),
      secondary: { rating: "B", comment: "概ね順調。" },
    });
    await reviewSheet(admin, "measure", "6-5", "approve");
    await reviewSheet(admin, "measure", "6-5", "return", "指標の実績を追記してください。");
  },
};

/** Runs steps in order. */
export async function replay(...steps: (() => Promise<unknown>)[]): Promise<void> {
  for (const step of steps) await step();
}

/** Every write of the project-sheet save tests, in the order they ran. */
export const ALL_SAVE_STEPS = [
  saveSheetSteps.soumuWritesTraining,
  saveSheetSteps.soumuEntersDocumentsActuals,
  saveSheetSteps.adminAddsTrainingSecondary,
  saveSheetSteps.soumuSavesTrainingAgain,
  saveSheetSteps.raceOnCitizenProject,
];
