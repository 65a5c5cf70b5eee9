import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { assignLegacyCityCodes } from "./city-code-migration.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import * as schema from "./schema/index.ts";
import { copyPgliteTemplate } from "./template.ts";

export { DataDirInUse } from "./data-dir-lock.ts";

export type Schema = typeof schema;

/**
 * The database every query function takes as its first parameter: PGlite, node-postgres, or a
 * transaction of either, interchangeably.
 */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = "pglite" | "postgres";

export interface OpenDatabase {
  db: Database;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as an uncompressed tarball (what `loadDataDir` takes back). */
  dumpDataDir?: () => Promise<Blob>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection URL. Defaults to `DATABASE_URL` unless `dataDir` is given. */
  url?: string;
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. Defaults to `HOSHIN_DATA_DIR` or `./data`. */
  dataDir?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Receives every SQL statement drizzle sends (for debugging and for tests that count statements). */
  logger?: SqlLogger;
  /** PGlite in memory only: start from this data directory tarball (made by `dumpDataDir`) instead of an empty one. */
  loadDataDir?: Blob;
}

export interface SqlLogger {
  logQuery(query: string, params: unknown[]): void;
}

/** The SQL migrations made by drizzle-kit, found relative to this module rather than the working directory. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Key of the advisory lock that serializes migrations of several processes on one PostgreSQL database. */
const MIGRATION_LOCK = 482_616_601;

export function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith("memory://");
}

/**
 * Opens the database: PostgreSQL when a URL is given (or `DATABASE_URL` is set and no `dataDir` is),
 * otherwise PGlite in `dataDir`. Runs pending migrations unless told not to.
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  const url = opts.url ?? (opts.dataDir === undefined ? process.env.DATABASE_URL : undefined);
  const runMigrations = opts.migrate ?? true;
  const logger = opts.logger ?? false;
  if (url) return openPostgres(url, runMigrations, logger);
  return openPglite(
    opts.dataDir ?? (process.env.HOSHIN_DATA_DIR || "./data"),
    runMigrations,
    logger,
    opts.loadDataDir,
  );
}

async function openPglite(
  dataDir: string,
  runMigrations: boolean,
  logger: SqlLogger | false,
  loadDataDir: Blob | undefined,
): Promise<OpenDatabase> {
  let client: PGlite;
  if (isInMemory(dataDir)) {
    client = await PGlite.create(loadDataDir ? { loadDataDir } : {});
  } else {
    if (loadDataDir) throw new Error("loadDataDir はメモリ上の PGlite（memory://）にだけ指定できます。");
    // PGlite does not create the parent folders of its data directory.
    const dir = resolve(dataDir);
    await mkdir(dir, { recursive: true });
    const unlock = await lockDataDir(dir, dataDir);
    try {
      // A new folder starts as a copy of the migrated template (template.ts) instead of running initdb.
      await copyPgliteTemplate(dir);
      client = await PGlite.create(dir);
    } catch (e) {
      await unlock();
      throw e;
    }
    const inner = client;
    const closeAndUnlock = async () => {
      try {
        await inner.close();
      } finally {
        await unlock();
      }
    };
    return finishPglite(inner, closeAndUnlock, runMigrations, logger);
  }
  return finishPglite(client, () => client.close(), runMigrations, logger);
}

async function finishPglite(
  client: PGlite,
  close: () => Promise<void>,
  runMigrations: boolean,
  logger: SqlLogger | false,
): Promise<OpenDatabase> {
  const db = drizzlePglite({ client, schema, logger });
  try {
    if (runMigrations) {
      await assignLegacyCityCodes(db);
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { db, kind: "pglite", close, dumpDataDir: () => client.dumpDataDir("none") };
}

async function openPostgres(
  url: string,
  runMigrations: boolean,
  logger: SqlLogger | false,
): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: url });
  try {
    if (runMigrations) await migratePostgres(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const db = drizzlePg({ client: pool, schema, logger });
  return { db, kind: "postgres", close: () => pool.end() };
}

/** Migrates on one connection holding an advisory lock, so two servers starting together do not race. */
async function migratePostgres(pool: pg.Pool): Promise<void> {
  const conn = await pool.connect();
  try {
    await conn.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const db = drizzlePg({ client: conn, schema });
      await assignLegacyCityCodes(db);
      await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await conn.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    conn.release();
  }
}
