// The staff use-case tests' fixture: a fresh copy of the seeded template for every test (withSeededDatabase),
// the helpers that read what the staff screens see, and the writes earlier tests made, as steps a test
// replays to reach the state it starts from (so that every test runs alone).
import { beforeEach } from "vitest";
import type { AuditEventRow } from "../../src/db/audit.ts";
import type { Actor } from "../../src/domain/access.ts";
import type { FieldChange } from "../../src/domain/editing/changes.ts";
import type { Inputs, Measure, Project } from "../../src/domain/plan/model.ts";
import { reviewProject } from "../../src/usecases/editing/review-project.ts";
import { saveMeasure } from "../../src/usecases/editing/save-measure.ts";
import { saveProject } from "../../src/usecases/editing/save-project.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import { readAuditLog } from "../../src/usecases/staff/audit-log.ts";
import { SEED_BOOK_NAME, SEED_CITY, SEED_FISCAL_YEAR, SEED_USERS, withSeededDatabase } from "./seed.ts";

export const SEED_NAME = SEED_BOOK_NAME;
export const CITY = SEED_CITY;
export const FISCAL_YEAR = SEED_FISCAL_YEAR;
export const MEASURE_6_5_TITLE = "職員の意識改革と育成を図り、市民サービスの向上に努めます";

// The staff of the tests, with their passwords (for logIn).
export const PASSWORDS = {
  admin: SEED_USERS.admin.password,
  soumu: SEED_USERS.soumu.password,
  kikaku: SEED_USERS.kikaku.password,
  viewer: SEED_USERS.viewer.password,
} as const;

export const t = withSeededDatabase();

export let planVersionId = 0;
export let admin: Actor;
export let soumu: Actor;
export let kikaku: Actor;
export let viewer: Actor;
/** The seed's 管理者 as an administrator of every city (for tests that import or roll over other cities). */
export let allAdmin: Actor;

beforeEach(() => {
  ({ planVersionId, admin, soumu, kikaku, viewer } = t);
  allAdmin = { ...admin, cities: "all" };
});

export function view() {
  return readPlan({ db: t.db, actor: admin, planVersionId });
}

export async function projectEntry(name: string) {
  const found = (await view()).projects.filter((e) => e.project.name === name);
  if (found.length !== 1) throw new Error(`expected one project named ${name}, found ${found.length}`);
  return found[0] as (typeof found)[number];
}

export async function measureEntry(code: string) {
  const found = (await view()).measures.find((e) => e.measure.code === code);
  if (!found) throw new Error(`no measure ${code}`);
  return found;
}

/** A project as the edit form would send it: a deep copy the test may change. */
export function form(p: Project): Project {
  return structuredClone(p);
}

export function inputsOf(p: Project, fy: string): Inputs {
  const i = p.inputs[fy];
  if (!i) throw new Error(`no inputs for ${fy}`);
  return i;
}

/** 職員研修費 with its funding sums put right (一般財源 of 2025 and 2026 from 1,453 to 1,443). */
export function fixedTraining(p: Project): Project {
  const f = form(p);
  inputsOf(f, "2025").generalRevenue = 1443;
  inputsOf(f, "2026").generalRevenue = 1443;
  return f;
}

export type MeasureForm = Parameters<typeof saveMeasure>[0]["measure"];

export function measureForm(m: Measure): MeasureForm {
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
export async function projectState(name: string) {
  const e = await projectEntry(name);
  return {
    id: e.id,
    version: e.version,
    reviewState: e.reviewState,
    reviewComment: e.reviewComment,
    project: e.project,
  };
}

export async function measureState(code: string) {
  const e = await measureEntry(code);
  return { id: e.id, version: e.version, measure: e.measure };
}

export async function auditLog(): Promise<AuditEventRow[]> {
  return readAuditLog({ db: t.db, actor: admin, filter: { limit: 100_000 } });
}

/** The parts of an audit row a test can know in advance (not its id or time). */
export function brief(r: AuditEventRow) {
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

export function userName(a: Actor): string {
  return `${a.displayName}（${a.loginName}）`;
}

/** The audit row of a change to a project or measure of the seed plan. */
export function planRow(
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
// ---------------------------------------------------------------------------------------------------------
// The writes of the earlier tests, as steps (each is what one test wrote, with no assertion).

async function saveProjectAs(actor: Actor, name: string, edit: (p: Project) => void): Promise<void> {
  const s = await projectState(name);
  const p = form(s.project);
  edit(p);
  await saveProject({ db: t.db, actor, projectId: s.id, expectedVersion: s.version, project: p });
}

async function review(
  actor: Actor,
  action: "submit" | "approve" | "return",
  comment?: string,
): Promise<void> {
  const s = await projectState("職員研修費");
  await reviewProject({ db: t.db, actor, projectId: s.id, action, ...(comment ? { comment } : {}) });
}

async function saveMeasureAs(actor: Actor, code: string, edit: (m: MeasureForm) => void): Promise<void> {
  const s = await measureState(code);
  const m = measureForm(s.measure);
  edit(m);
  await saveMeasure({ db: t.db, actor, measureId: s.id, expectedVersion: s.version, measure: m });
}

/** What the saveProject tests wrote (test/usecases/editing/save-project.test.ts), in their order. */
export const saveProjectSteps = {
  /** 総務課 fixes the funding sums of 職員研修費. */
  soumuFixesTraining: () => saveProjectAs(soumu, "職員研修費", (p) => Object.assign(p, fixedTraining(p))),
  /** 管理者 changes the 事業概要 of 文書費 (the conflict test). */
  adminEditsDocumentsSummary: () =>
    saveProjectAs(admin, "文書費", (p) => {
      p.summary = "文書管理事務の実施（管理者が更新）";
    }),
  /** 管理者 notes 住民情報システム運用事業, moves 統計調査事業 to 総務課, whose user then notes it. */
  adminEditsOtherDepartments: async () => {
    await saveProjectAs(admin, "住民情報システム運用事業", (p) => {
      p.notes = "標準化対応は令和7年度に完了予定";
    });
    await saveProjectAs(admin, "統計調査事業", (p) => {
      p.leadDepartment = "総務課";
    });
    await saveProjectAs(soumu, "統計調査事業", (p) => {
      p.notes = "国勢調査の準備";
    });
  },
  /** 企画課 clears the notes of 住民情報システム運用事業. */
  kikakuClearsSystemNotes: () =>
    saveProjectAs(kikaku, "住民情報システム運用事業", (p) => {
      p.notes = null;
    }),
};

/** What the reviewProject tests wrote (test/usecases/editing/review-project.test.ts), in their order. */
export const reviewSteps = {
  soumuSubmits: () => review(soumu, "submit"),
  adminReturnsAndSoumuAddsNotes: async () => {
    await review(admin, "return", "  研修の参加率の目標値を追記してください。 ");
    await saveProjectAs(soumu, "職員研修費", (p) => {
      p.notes = "研修参加率 80% 以上を目標とする。";
    });
  },
  soumuSubmitsAndAdminApproves: async () => {
    await review(soumu, "submit");
    await review(admin, "approve", "承認します");
  },
  adminReopens: () => review(admin, "return", "再度見直してください"),
};

/** What the saveMeasure tests wrote (test/usecases/editing/save-measure.test.ts), in their order. */
export const saveMeasureSteps = {
  adminEdits65Texts: () =>
    saveMeasureAs(admin, "6-5", (m) => {
      m.notes = "令和6年度は接遇研修を重点的に実施";
      m.priorities = [...m.priorities, "⑤テレワークの試行"];
    }),
  soumuEnters65Actual: () =>
    saveMeasureAs(soumu, "6-5", (m) => {
      const indicator = m.outcomeIndicators[0];
      if (!indicator) throw new Error("6-5 has no outcome indicator");
      indicator.actual["2024"] = { text: "80", value: 80, comparator: "=" };
    }),
  kikakuEnters62Actual: () =>
    saveMeasureAs(kikaku, "6-2", (m) => {
      const indicator = m.outcomeIndicators[0];
      if (!indicator) throw new Error("6-2 has no outcome indicator");
      indicator.actual["2023"] = { text: "-20", value: -20, comparator: "=" };
    }),
};

/** Runs steps in order. */
export async function replay(...steps: (() => Promise<void>)[]): Promise<void> {
  for (const step of steps) await step();
}

/** Every write of the saveProject, reviewProject and saveMeasure tests, in the order they ran. */
export async function replayPlanEdits(): Promise<void> {
  await replay(
    ...Object.values(saveProjectSteps),
    ...Object.values(reviewSteps),
    ...Object.values(saveMeasureSteps),
  );
}
