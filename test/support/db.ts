import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { type Database, type DatabaseKind, type OpenDatabase, openDatabase } from "../../src/db/client.ts";
import type { TemplateFlavour } from "./templates.ts";

/**
 * The backend this test run uses: PostgreSQL when DATABASE_URL is set (a throwaway database is created
 * on that server for each test file), otherwise in-memory PGlite.
 */
export const testBackend: DatabaseKind = process.env.DATABASE_URL ? "postgres" : "pglite";

export interface TestDatabase {
  db: Database;
  kind: DatabaseKind;
  /** "memory://" for PGlite, the database name (hoshin_t_…) on PostgreSQL. */
  name: string;
  /** The connection URL of the PostgreSQL test database; undefined on PGlite. */
  url: string | undefined;
  /** SQL statements sent through `db` since it was opened (migrations not included). */
  readonly statements: number;
  /** Closes the connection and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database of its own, copied from the run's template (test/support/templates.ts):
 * in-memory PGlite opened from the template's data directory, or with DATABASE_URL a new PostgreSQL
 * database (CREATE DATABASE hoshin_t_<random> TEMPLATE …), so test files can run in parallel.
 * `template: "seeded"` gives the standard seed of test/support/seed.ts; the default is empty.
 */
export async function createTestDatabase(
  opts: { postgresUrl?: string; template?: TemplateFlavour } = {},
): Promise<TestDatabase> {
  let statements = 0;
  const logger = { logQuery: () => void statements++ };
  const flavour = opts.template ?? "empty";
  const adminUrl = opts.postgresUrl ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    const h = await openDatabase({
      dataDir: "memory://",
      loadDataDir: await pgliteTemplate(flavour),
      migrate: false,
      logger,
    });
    return {
      db: h.db,
      kind: h.kind,
      name: "memory://",
      url: undefined,
      get statements() {
        return statements;
      },
      dispose: () => h.close(),
    };
  }
  const name = `hoshin_t_${randomBytes(6).toString("hex")}`;
  const templates = inject("hoshinTemplates");
  const template =
    templates?.kind === "postgres" && adminUrl === process.env.DATABASE_URL ? templates[flavour] : null;
  await admin(adminUrl, `create database "${name}"${template ? ` template "${template}"` : ""}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let h: OpenDatabase;
  try {
    h = await openDatabase({ url: url.toString(), logger, migrate: !template });
    if (!template && flavour === "seeded") {
      const { seedDatabase } = await import("./seed.ts");
      await seedDatabase(h.db);
    }
  } catch (e) {
    await dropDatabase(adminUrl, name);
    throw e;
  }
  return {
    db: h.db,
    kind: h.kind,
    name,
    url: url.toString(),
    get statements() {
      return statements;
    },
    dispose: async () => {
      await h.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

const pgliteTemplates = new Map<TemplateFlavour, Promise<Blob>>();

/**
 * The PGlite template tarball: read from the file the globalSetup wrote, or, when the run has none (a
 * vitest config without it), built here once for this test file.
 */
function pgliteTemplate(flavour: TemplateFlavour): Promise<Blob> {
  let p = pgliteTemplates.get(flavour);
  if (!p) {
    const templates = inject("hoshinTemplates");
    p =
      templates?.kind === "pglite"
        ? readFile(templates[flavour]).then((b) => new Blob([b]))
        : buildPgliteTemplate(flavour);
    pgliteTemplates.set(flavour, p);
  }
  return p;
}

async function buildPgliteTemplate(flavour: TemplateFlavour): Promise<Blob> {
  const h = await openDatabase({ dataDir: "memory://" });
  try {
    if (flavour === "seeded") {
      const { seedDatabase } = await import("./seed.ts");
      await seedDatabase(h.db);
    }
    const dump = await h.dumpDataDir?.();
    if (!dump) throw new Error("PGlite gave no data directory dump");
    return dump;
  } finally {
    await h.close();
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database once the pool's connections have really gone (pool.end() resolves while the
 * server may still be closing them; forcing them off would surface as an error in the test run).
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const r = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1", [
        name,
      ]);
      if (r.rows[0]?.n === 0) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database copied from the run's template: one for the whole test file (the default: created
 * before its first test, disposed after its last), or with `{ each: true }` a new one for every test.
 * Read `db` and `kind` inside tests or hooks (they are set by the hooks).
 */
export function withTestDatabase(
  opts: { template?: TemplateFlavour; each?: boolean } = {},
): Pick<TestDatabase, "db" | "kind" | "url" | "statements"> {
  let current: TestDatabase | undefined;
  const open = async () => {
    current = await createTestDatabase({ template: opts.template ?? "empty" });
  };
  const close = async () => {
    await current?.dispose();
    current = undefined;
  };
  if (opts.each) {
    beforeEach(open);
    afterEach(close);
  } else {
    beforeAll(open);
    afterAll(close);
  }
  const get = (): TestDatabase => {
    if (!current)
      throw new Error("withTestDatabase(): the database is only available inside tests and hooks.");
    return current;
  };
  return {
    get db() {
      return get().db;
    },
    get kind() {
      return get().kind;
    },
    get url() {
      return get().url;
    },
    get statements() {
      return get().statements;
    },
  };
}

const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/**
 * A PostgreSQL server for tests that need one whatever the run's backend: DATABASE_URL, else
 * HOSHIN_TEST_POSTGRES_URL, else the local server at 127.0.0.1:5432. Null (with a message) when none
 * answers; under HOSHIN_CI_STRICT=1 (set by .ci/run) a missing server is an error, never a skip.
 */
export async function findPostgresServer(): Promise<string | null> {
  const url = process.env.DATABASE_URL || process.env.HOSHIN_TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return url;
  } catch (e) {
    const why = `PostgreSQL に接続できません（${new URL(url).host}: ${e instanceof Error ? e.message : String(e)}）`;
    if (process.env.HOSHIN_CI_STRICT === "1") throw new Error(`${why}。CI では PostgreSQL が必要です。`);
    console.warn(
      `${why}: PostgreSQL が必要なテストを飛ばします。DATABASE_URL か HOSHIN_TEST_POSTGRES_URL で指定できます。`,
    );
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * An empty PostgreSQL database of its own on the run's server (for a server process under test), with
 * a function that drops it; the app migrates it when it starts.
 */
export async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hoshin_t_${randomBytes(6).toString("hex")}`;
  await admin(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(adminUrl, name) };
}

/**
 * Test set-up: marks every evaluation sheet of a plan version 承認済, as the review workflow would after
 * submission and approval (what the rollover counts). The workflow itself is tested with the use cases.
 */
export async function approveEvaluations(db: Database, planVersionId: number): Promise<void> {
  const { projectEvaluations, measureEvaluations } = await import("../../src/db/schema/index.ts");
  const { eq } = await import("drizzle-orm");
  await db
    .update(projectEvaluations)
    .set({ reviewState: "approved" })
    .where(eq(projectEvaluations.planVersionId, planVersionId));
  await db
    .update(measureEvaluations)
    .set({ reviewState: "approved" })
    .where(eq(measureEvaluations.planVersionId, planVersionId));
  const { bumpRevision } = await import("../../src/db/revision.ts");
  await bumpRevision(db, planVersionId);
}
