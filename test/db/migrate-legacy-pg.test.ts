// The PostgreSQL flavour of migrate-legacy.test.ts. A PGlite data folder cannot be restored into
// PostgreSQL, so the same rows are: a new database gets the schema of migration 0004 (migrations
// 0000–0004 from a copy of drizzle/ with the journal cut after 0004), then every row of the fixture
// (test/fixtures/legacy-db/v0004.tar.gz, opened in PGlite without migrating) is copied into it table by
// table, ids included. openDatabase then migrates it as a server would (under the advisory lock), and the
// facts read back must equal the manifest. The hand-worked values are checked by the PGlite flavour.
//
// The test marked「ISSUE 12」 checks what migration 0005_municipalities adds: every city its code.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, type OpenDatabase, openDatabase } from "../../src/db/client.ts";
import { createPostgresDatabase, findPostgresServer } from "../support/db.ts";
import {
  CITY_BY_ID,
  type LegacyFacts,
  type Query,
  readFacts,
  V0004_TABLES,
} from "../support/legacy-facts.ts";

const FIXTURE = new URL("../fixtures/legacy-db/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("v0004.manifest.json", FIXTURE), "utf8")) as LegacyFacts;

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A copy of drizzle/ holding only the migrations up to `lastTag`, with the journal cut there. */
function migrationsUpTo(lastTag: string, into: string): void {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
  ) as Journal;
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  if (last < 0) throw new Error(`drizzle/ has no migration ${lastTag}`);
  const entries = journal.entries.slice(0, last + 1);
  mkdirSync(join(into, "meta"), { recursive: true });
  for (const e of entries) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(into, `${e.tag}.sql`));
  writeFileSync(join(into, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }, null, 2));
}

const queryOf =
  (h: OpenDatabase): Query =>
  async (statement) =>
    ((await h.db.execute(sql.raw(statement))) as unknown as { rows: Record<string, unknown>[] }).rows;

/**
 * Copies every row of the 0004 tables from the PGlite fixture into `pool`'s database (same schema), ids
 * included, in one transaction with the foreign-key triggers off (the rows are consistent as a whole), then
 * moves every identity sequence past the copied ids. Rows travel as JSON text made and read by the
 * servers (json_agg, json_populate_recordset): no value passes through a JavaScript number.
 */
async function copyRows(from: Query, pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    for (const t of V0004_TABLES) {
      const [r] = await from(`select json_agg(t)::text as rows from "${t}" t`);
      if (r?.rows == null) continue;
      await client.query(
        `insert into "${t}" overriding system value select * from json_populate_recordset(null::"${t}", $1::json)`,
        [r.rows],
      );
    }
    const identities = await client.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES'",
    );
    for (const { table_name: t, column_name: c } of identities.rows) {
      await client.query(
        `select setval(pg_get_serial_sequence($1, $2), coalesce((select max("${c}") from "${t}"), 0) + 1, false)`,
        [`"${t}"`, c],
      );
    }
    await client.query("commit");
  } catch (e) {
    await client.query("rollback");
    throw e;
  } finally {
    client.release();
  }
}

const postgresServer = await findPostgresServer();

describe.skipIf(postgresServer === null)(
  "the 0004 rows in PostgreSQL, migrated to the current schema",
  () => {
    let target: { url: string; drop: () => Promise<void> } | undefined;
    let h: OpenDatabase | undefined;
    let q: Query;
    let facts: LegacyFacts;
    let copied: LegacyFacts;
    const scratch = mkdtempSync(join(tmpdir(), "hoshin-v0004-"));

    beforeAll(async () => {
      target = await createPostgresDatabase(postgresServer as string);
      const pool = new pg.Pool({ connectionString: target.url });
      const legacy = await openDatabase({
        dataDir: "memory://",
        loadDataDir: new Blob([readFileSync(new URL("v0004.tar.gz", FIXTURE))], {
          type: "application/x-gzip",
        }),
        migrate: false,
      });
      try {
        migrationsUpTo("0004_measure_review", scratch);
        await migrate(drizzle({ client: pool }), { migrationsFolder: scratch });
        await copyRows(queryOf(legacy), pool);
      } finally {
        await legacy.close();
        await pool.end();
      }
      // What the copy holds at 0004, before any later migration (so a faulty copy is not taken for a loss).
      const before = await openDatabase({ url: target.url, migrate: false });
      try {
        copied = await readFacts(queryOf(before), CITY_BY_ID);
      } finally {
        await before.close();
      }
      h = await openDatabase({ url: target.url });
      q = queryOf(h);
      const columns = (
        await q(
          "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'plan_versions'",
        )
      ).map((r) => String(r.column_name));
      const city = columns.includes("city_code")
        ? "(select c.name from cities c where c.code = v.city_code)"
        : CITY_BY_ID;
      facts = await readFacts(q, city);
    }, 120_000);

    afterAll(async () => {
      await h?.close();
      await target?.drop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it("holds, copied at 0004, exactly the rows of the manifest", () => {
      for (const key of Object.keys(manifest) as (keyof LegacyFacts)[]) {
        if (key in copied) expect({ [key]: copied[key] }).toEqual({ [key]: manifest[key] });
      }
    });

    it("has every migration of drizzle/ applied", async () => {
      const journal = JSON.parse(
        readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
      ) as Journal;
      expect(await q("select count(*)::int as n from drizzle.__drizzle_migrations")).toEqual([
        { n: journal.entries.length },
      ]);
    });

    it("keeps every row count, plan, digest, sum, edit, evaluation, audit row, user, login and session", () => {
      for (const key of Object.keys(facts) as (keyof LegacyFacts)[]) {
        expect({ [key]: facts[key] }).toEqual({ [key]: manifest[key] });
      }
    });

    it("ISSUE 12: gives every city and plan its 全国地方公共団体コード (小諸市 202088, 上田市 202037)", async () => {
      expect(
        await q(
          `select c.name, c.code::text as code, v.fiscal_year from plan_versions v
         join cities c on c.code = v.city_code order by c.name, v.fiscal_year`,
        ),
      ).toEqual([
        { name: "上田市", code: "202037", fiscal_year: 2024 },
        { name: "小諸市", code: "202088", fiscal_year: 2024 },
        { name: "小諸市", code: "202088", fiscal_year: 2025 },
      ]);
    });
  },
);
