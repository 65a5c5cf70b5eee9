// Two cities in one instance (issue 12): the standard seed as 小諸市 (202088, "A") and a generated plan of
// 上田市 (202037, "B") imported through importPlan: the seed's plan with every project and measure title
// prefixed 「上田」, so that nothing of B can hide in a page of A (B has a 総務課 職員研修費 too, as
// 「上田職員研修費」). Each city has the four standard roles; B's users work for 上田市 alone.
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../src/db/client.ts";
import type { Actor } from "../../src/domain/access.ts";
import type { PlanDocument } from "../../src/domain/plan/model.ts";
import { COMMAND_LINE } from "../../src/usecases/authorize.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import { createActor } from "./actors.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";
import { projectsOf, seedPlan } from "./plans.ts";
import { readSeed, SEED_USERS, type SeedUserKey } from "./seed.ts";

export const CITY_A = "202088";
export const CITY_B = "202037";
/** What marks B's data: every project name and measure title of B starts with it. */
export const B_MARK = "上田";
export const PASSWORD_B = "ueda-pass-00001";

export type RoleKey = SeedUserKey;
export const ROLE_KEYS: readonly RoleKey[] = ["admin", "soumu", "kikaku", "viewer"];

/** One city of the fixture: its plan version, the ids of 職員研修費 (総務課) and measure 6-5, its staff. */
export interface FixtureCity {
  cityCode: string;
  planVersionId: number;
  projectId: number;
  projectName: string;
  measureId: number;
  actors: Record<RoleKey, Actor>;
}

/** The generated plan of 上田市: the seed's plan, every project and measure title marked 「上田」. */
export function uedaPlan(): PlanDocument {
  const plan = seedPlan();
  for (const p of projectsOf(plan)) p.name = `${B_MARK}${p.name}`;
  for (const policy of plan.policies) {
    for (const m of policy.measures) m.title = `${B_MARK}${m.title}`;
  }
  return plan;
}

async function cityOf(
  db: Database,
  cityCode: string,
  planVersionId: number,
  actors: Record<RoleKey, Actor>,
  projectName: string,
): Promise<FixtureCity> {
  const view = await readPlan({ db, actor: COMMAND_LINE, planVersionId });
  const project = view.projects.find((p) => p.project.name === projectName);
  const measure = view.measures.find((m) => m.measure.code === "6-5");
  if (!project || !measure) throw new Error(`the plan ${planVersionId} has no ${projectName} or 6-5`);
  return { cityCode, planVersionId, projectId: project.id, projectName, measureId: measure.id, actors };
}

/** Adds 上田市 with its plan and four users to a seeded database; returns both cities. */
export async function addSecondCity(db: Database): Promise<{ a: FixtureCity; b: FixtureCity }> {
  const seed = await readSeed(db);
  const { planVersionId } = await importPlan({ db, city: CITY_B, fiscalYear: 2024, plan: uedaPlan() });
  const b = {} as Record<RoleKey, Actor>;
  for (const key of ROLE_KEYS) {
    const u = SEED_USERS[key];
    b[key] = await createActor(db, {
      ...u,
      loginName: `ueda-${u.loginName}`,
      displayName: `上田 ${u.displayName}`,
      password: PASSWORD_B,
      cities: [CITY_B],
    });
  }
  const aActors = { admin: seed.admin, soumu: seed.soumu, kikaku: seed.kikaku, viewer: seed.viewer };
  return {
    a: await cityOf(db, CITY_A, seed.planVersionId, aActors, "職員研修費"),
    b: await cityOf(db, CITY_B, planVersionId, b, `${B_MARK}職員研修費`),
  };
}

/**
 * A fresh copy of the seeded template for the test FILE (beforeAll), with 上田市 added: tests that write
 * write only what they check (refused writes change nothing).
 */
export function withTwoCities(): { readonly db: Database; readonly a: FixtureCity; readonly b: FixtureCity } {
  let t: TestDatabase | undefined;
  let cities: { a: FixtureCity; b: FixtureCity } | undefined;
  beforeAll(async () => {
    t = await createTestDatabase({ template: "seeded" });
    cities = await addSecondCity(t.db);
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });
  const get = () => {
    if (!t || !cities) throw new Error("withTwoCities(): only inside tests and hooks.");
    return { db: t.db, ...cities };
  };
  return {
    get db() {
      return get().db;
    },
    get a() {
      return get().a;
    },
    get b() {
      return get().b;
    },
  };
}
