// The rollover and comparison tests' fixture: for every test a fresh migrated database (copied from the
// empty template) with the seed imported as the cycle tests need it (文書費 rated 廃止 by the planning
// division, evaluations approved, 職員研修費 approved) and their three staff; the rollovers earlier tests
// made, as steps a test replays to reach the state it starts from (so that every test runs alone).
import { beforeEach } from "vitest";
import { listAuditEvents } from "../../src/db/audit.ts";
import { listPlanVersions, loadPlan } from "../../src/db/plans.ts";
import type { Actor } from "../../src/domain/access.ts";
import { emptyAspects } from "../../src/domain/evaluation/evaluation.ts";
import type { PlanDocument, Project } from "../../src/domain/plan/model.ts";
import { rollup } from "../../src/domain/rollups/rollups.ts";
import { rollOverPlan } from "../../src/usecases/cycle/rollover-plan.ts";
import { reviewProject } from "../../src/usecases/editing/review-project.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import type { NewUser } from "../../src/usecases/staff/manage-users.ts";
import { createActor as createUserActor } from "./actors.ts";
import { codeOf } from "./cities.ts";
import { approveEvaluations, withTestDatabase } from "./db.ts";
import { projectsOf, seedPlan } from "./plans.ts";

export const t = withTestDatabase({ each: true });
export const CITY = "小諸市";

export let admin: Actor;
export let soumu: Actor;
export let viewer: Actor;
export let v2024 = 0;
export let v2025 = 0;
export let plan2024: PlanDocument | null = null;

export const createActor = (user: NewUser): Promise<Actor> => createUserActor(t.db, user);

export function project(plan: PlanDocument | null, name: string): Project {
  const found = plan ? projectsOf(plan).filter((p) => p.name === name) : [];
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as Project;
}

export function totals(plan: PlanDocument | null) {
  return Object.fromEntries(
    rollup(plan ?? { format: "hoshin-plan/1", title: null, policies: [], diagnostics: [] }, "all").map(
      (r) => [r.fiscalYear, [r.total, r.generalRevenue, r.projects]],
    ),
  );
}

export async function versions() {
  return (await listPlanVersions(t.db)).map((v) => [v.fiscalYear, v.id, v.sourceName]);
}

export async function rolloverEvents() {
  return (await listAuditEvents(t.db, { limit: 1000 })).filter((e) => e.action === "rollover");
}

beforeEach(async () => {
  v2025 = 0;
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
    cities: ["202088"],
  });
  soumu = await createActor({
    loginName: "soumu",
    displayName: "総務 担当",
    password: "cycle-soumu-pass-1",
    role: "department",
    department: "総務課",
    cities: ["202088"],
  });
  viewer = await createActor({
    loginName: "etsuran",
    displayName: "閲覧 者",
    password: "cycle-viewer-pass-1",
    role: "viewer",
    department: null,
    cities: ["202088"],
  });
  // Approve one sheet of 2024: the new year's sheets all start as 作成中 all the same.
  const view = await readPlan({ db: t.db, actor: admin, planVersionId: v2024 });
  const training = view.projects.find((e) => e.project.name === "職員研修費");
  if (!training) throw new Error("no 職員研修費");
  await reviewProject({ db: t.db, actor: admin, projectId: training.id, action: "submit" });
  await reviewProject({ db: t.db, actor: admin, projectId: training.id, action: "approve" });
  plan2024 = await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: 2024 });
});

/** The rollovers the earlier tests made, in their order. */
export const rolloverSteps = {
  /** 令和6年度 → 令和7年度. */
  rollInto2025: async () => {
    v2025 = (await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2024 })).planVersionId;
  },
  /** 令和6年度 → 令和7年度 again, replacing it. */
  replace2025: async () => {
    v2025 = (await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2024, replace: true }))
      .planVersionId;
  },
  /** 令和7年度 → 令和8年度. */
  rollInto2026: async () => {
    await rollOverPlan({ db: t.db, actor: admin, city: CITY, fromYear: 2025 });
  },
};

/** Runs steps in order. */
export async function replay(...steps: (() => Promise<void>)[]): Promise<void> {
  for (const step of steps) await step();
}

/** For a test that makes the 令和7年度 plan itself. */
export function setV2025(id: number): void {
  v2025 = id;
}
