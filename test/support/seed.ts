// The standard seed of the tests: the sample book (小諸市 令和6年度 政策6) imported through the real import
// use case, and the four staff users the use-case, route and browser tests log in as. The test templates
// (test/support/templates.ts) are built with seedDatabase(); a test opens a copy with withSeededDatabase().
import { readFileSync } from "node:fs";
import { afterEach, beforeEach } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { listPlanVersions } from "../../src/db/plans.ts";
import { findUserByLogin, userCityScope } from "../../src/db/users.ts";
import type { Actor } from "../../src/domain/access.ts";
import { seedSample } from "../../src/usecases/plan/seed-sample.ts";
import type { NewUser } from "../../src/usecases/staff/manage-users.ts";
import { createActor } from "./actors.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";

export const SEED_BOOK_NAME = "komoro-2024-policy6.txt";
export const SEED_CITY = "小諸市";
/** The seed city's 全国地方公共団体コード: the standard users work for it alone. */
export const SEED_CITY_CODE = "202088";
export const SEED_FISCAL_YEAR = 2024;

/** The bytes of the sample book as a user would upload it. */
export function seedBookBytes(): Buffer {
  return readFileSync(new URL(`../fixtures/${SEED_BOOK_NAME}`, import.meta.url));
}

/** The standard staff of the tests, with their passwords (for logIn). */
export const SEED_USERS = {
  admin: {
    loginName: "kikaku-admin",
    displayName: "企画 花子",
    password: "kikaku-admin-pass-1",
    role: "admin",
    department: null,
    cities: [SEED_CITY_CODE],
  },
  soumu: {
    loginName: "soumu01",
    displayName: "総務 太郎",
    password: "soumu-pass-0001",
    role: "department",
    department: "総務課",
    cities: [SEED_CITY_CODE],
  },
  kikaku: {
    loginName: "kikaku01",
    displayName: "企画 次郎",
    password: "kikaku-pass-0001",
    role: "department",
    department: "企画課",
    cities: [SEED_CITY_CODE],
  },
  viewer: {
    loginName: "etsuran01",
    displayName: "閲覧 三郎",
    password: "etsuran-pass-0001",
    role: "viewer",
    department: null,
    cities: [SEED_CITY_CODE],
  },
} as const satisfies Record<string, NewUser>;

export type SeedUserKey = keyof typeof SEED_USERS;

/** What a test needs to know of a seeded database. */
export interface Seed {
  planVersionId: number;
  admin: Actor;
  soumu: Actor;
  kikaku: Actor;
  viewer: Actor;
}

/** Seeds an empty migrated database: the sample book imported, then the four standard users. */
export async function seedDatabase(db: Database): Promise<Seed> {
  // The same seed as `hoshin start`: the sample book (samples/, identical to test/fixtures/) as 小諸市 令和6年度.
  const { planVersionId } = await seedSample({ db });
  return {
    planVersionId,
    admin: await createActor(db, SEED_USERS.admin),
    soumu: await createActor(db, SEED_USERS.soumu),
    kikaku: await createActor(db, SEED_USERS.kikaku),
    viewer: await createActor(db, SEED_USERS.viewer),
  };
}

/** Reads the seed back from a database opened from the seeded template. */
export async function readSeed(db: Database): Promise<Seed> {
  const version = (await listPlanVersions(db)).find(
    (v) => v.city === SEED_CITY && v.fiscalYear === SEED_FISCAL_YEAR,
  );
  if (!version) throw new Error("the database holds no seed plan: was it opened from the seeded template?");
  const actor = async (key: SeedUserKey): Promise<Actor> => {
    const row = await findUserByLogin(db, SEED_USERS[key].loginName);
    if (!row) throw new Error(`the seeded database has no user ${SEED_USERS[key].loginName}`);
    return {
      userId: row.id,
      loginName: row.loginName,
      displayName: row.displayName,
      role: row.role,
      department: row.department,
      cities: await userCityScope(db, row),
    };
  };
  return {
    planVersionId: version.id,
    admin: await actor("admin"),
    soumu: await actor("soumu"),
    kikaku: await actor("kikaku"),
    viewer: await actor("viewer"),
  };
}

export type SeededDatabase = Pick<TestDatabase, "db" | "kind" | "url"> & Seed;

/**
 * A fresh copy of the seeded template for EVERY test (beforeEach), disposed after it: no state is carried
 * from one test to the next, so each test runs alone (`npx vitest run -t "name"`). Read the fields inside
 * tests or hooks.
 */
export function withSeededDatabase(): SeededDatabase {
  let current: { t: TestDatabase; seed: Seed } | undefined;
  beforeEach(async () => {
    const t = await createTestDatabase({ template: "seeded" });
    current = { t, seed: await readSeed(t.db) };
  });
  afterEach(async () => {
    await current?.t.dispose();
    current = undefined;
  });
  const get = () => {
    if (!current)
      throw new Error("withSeededDatabase(): the database is only available inside tests and hooks.");
    return current;
  };
  return {
    get db() {
      return get().t.db;
    },
    get kind() {
      return get().t.kind;
    },
    get url() {
      return get().t.url;
    },
    get planVersionId() {
      return get().seed.planVersionId;
    },
    get admin() {
      return get().seed.admin;
    },
    get soumu() {
      return get().seed.soumu;
    },
    get kikaku() {
      return get().seed.kikaku;
    },
    get viewer() {
      return get().seed.viewer;
    },
  };
}
