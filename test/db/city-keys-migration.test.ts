// Migration 0007 (city keys) on a real database made by the previous schema: test/fixtures/db/seeded-0005.tar.gz,
// a PGlite data folder written by main at migration 0005 (the seed, a rollover to 2025, one saved 事務事業評価;
// test/fixtures/db/README.md). On PGlite the folder is opened as it is; on PostgreSQL its rows are copied into
// a database migrated to 0005 by the same SQL files, then the app's own migration runs.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { loadPlan } from "../../src/db/load-plan.ts";
import { createPostgresDatabase, findPostgresServer } from "../support/db.ts";

const fixture = (name: string) => new URL(`../fixtures/db/${name}`, import.meta.url);
const dump = () => new Blob([gunzipSync(readFileSync(fixture("seeded-0005.tar.gz")))]);
const plansBefore = JSON.parse(readFileSync(fixture("seeded-0005.plans.json"), "utf8")) as Record<
  string,
  unknown
>;

async function rows<T>(db: Database, query: string): Promise<T[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
}

/** Every table of the 0005 schema, parents before children (the order rows are copied in). */
const TABLES = [
  "cities",
  "plan_versions",
  "policies",
  "policy_directions",
  "measures",
  "measure_sdgs",
  "outcome_indicators",
  "outcome_indicator_values",
  "projects",
  "project_inputs",
  "activity_indicators",
  "activity_indicator_targets",
  "activity_indicator_actuals",
  "project_settlements",
  "project_evaluations",
  "measure_evaluations",
  "plan_diagnostics",
  "users",
  "sessions",
  "login_attempts",
  "audit_events",
] as const;
/** The tables owned by a city, which get city_code. */
const CITY_OWNED = TABLES.filter(
  (t) => !["cities", "users", "sessions", "login_attempts", "audit_events"].includes(t),
);

async function countAll(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const [r] = await rows<{ n: number }>(db, `select count(*)::int as n from "${t}"`);
    out[t] = Number(r?.n);
  }
  return out;
}

/** Checks a database migrated from the fixture against the counts and plans the previous code saw. */
async function expectMigrated(db: Database, before: Record<string, number>): Promise<void> {
  expect(await countAll(db)).toEqual(before);
  for (const t of CITY_OWNED) {
    const codes = await rows<{ code: string | null; n: number }>(
      db,
      `select city_code as code, count(*)::int as n from "${t}" group by city_code`,
    );
    expect(
      codes.map((c) => c.code),
      t,
    ).toEqual(before[t] === 0 ? [] : ["202088"]);
  }
  // The summary by 会計・款 is filled for every version and adds up to the inputs.
  const [sums] = await rows<{ totals: string; inputs: string; n: number }>(
    db,
    `select (select sum(total) from plan_kan_totals)::text as totals,
       (select sum(total) from project_inputs)::text as inputs,
       (select count(distinct plan_version_id) from plan_kan_totals)::int as n`,
  );
  expect(sums?.totals).toBe(sums?.inputs);
  expect(sums?.n).toBe(2);
  // The rollover's link survives the new composite key.
  const versions = await rows<{ id: number; fiscal_year: number; rolled_from_id: number | null }>(
    db,
    "select id, fiscal_year, rolled_from_id from plan_versions order by fiscal_year",
  );
  expect(versions.map((v) => v.fiscal_year)).toEqual([2024, 2025]);
  expect(versions[1]?.rolled_from_id).toBe(versions[0]?.id);
  expect(await loadPlan(db, { cityCode: "202088", fiscalYear: 2024 })).toEqual(plansBefore["2024"]);
  expect(await loadPlan(db, { cityCode: "202088", fiscalYear: 2025 })).toEqual(plansBefore["2025"]);
  const keys = await rows<{ conname: string; def: string }>(
    db,
    `select conname, pg_get_constraintdef(oid) as def from pg_constraint
     where conname in ('projects_pkey', 'project_inputs_project_fk', 'plan_versions_rolled_from_fk')
     order by conname`,
  );
  expect(keys).toEqual([
    {
      conname: "plan_versions_rolled_from_fk",
      def: expect.stringMatching(
        /^FOREIGN KEY \(city_code, rolled_from_id\) REFERENCES plan_versions\(city_code, id\) ON DELETE SET NULL \(rolled_from_id\)$/,
      ),
    },
    {
      conname: "project_inputs_project_fk",
      def: "FOREIGN KEY (city_code, project_id, plan_version_id) REFERENCES projects(city_code, id, plan_version_id) ON DELETE CASCADE",
    },
    { conname: "projects_pkey", def: "PRIMARY KEY (city_code, id)" },
  ]);
}

/** The counts of the fixture as the previous schema holds them (opened without migrating). */
async function fixtureCounts(): Promise<Record<string, number>> {
  const h = await openDatabase({ dataDir: "memory://", loadDataDir: dump(), migrate: false });
  try {
    return await countAll(h.db);
  } finally {
    await h.close();
  }
}

const server = await findPostgresServer();

describe("migration 0007: keys led by the city", () => {
  let before: Record<string, number> = {};
  beforeAll(async () => {
    before = await fixtureCounts();
  });

  it("the fixture is the seed with its rollover and one saved sheet", () => {
    // The seed book: 45 事務事業 in 政策6 (test/fixtures/komoro-2024-policy6.expected.json), in 2024 and 2025.
    expect(before.plan_versions).toBe(2);
    expect(before.projects).toBe(90);
    expect(before.project_evaluations).toBeGreaterThanOrEqual(1);
    expect(before.project_settlements).toBeGreaterThanOrEqual(1);
    expect(before.audit_events).toBeGreaterThanOrEqual(1);
  });

  it("keeps every row of a PGlite folder made at 0005 and loads both plans the same", async () => {
    const h = await openDatabase({ dataDir: "memory://", loadDataDir: dump() });
    try {
      await expectMigrated(h.db, before);
    } finally {
      await h.close();
    }
  });

  describe.skipIf(server === null)("on PostgreSQL", () => {
    let scratch: { url: string; drop: () => Promise<void> } | null = null;
    afterAll(async () => {
      await scratch?.drop();
    });

    it("keeps every row of the same data copied into a database at 0005", async () => {
      scratch = await createPostgresDatabase(server ?? "");
      await migrateTo0005(scratch.url);
      await copyFixtureInto(scratch.url);
      const h = await openDatabase({ url: scratch.url });
      try {
        await expectMigrated(h.db, before);
      } finally {
        await h.close();
      }
    });
  });
});

/** Applies drizzle/0000–0005 as drizzle's migrator would, recording them so the app runs only what follows. */
async function migrateTo0005(url: string): Promise<void> {
  const folder = new URL("../../drizzle/", import.meta.url);
  const journal = JSON.parse(await readFile(new URL("meta/_journal.json", folder), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const upTo = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === "0005_municipalities") + 1,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists drizzle;
      create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
    for (const e of upTo) {
      const text = await readFile(new URL(`${e.tag}.sql`, folder), "utf8");
      for (const statement of text.split("--> statement-breakpoint")) await client.query(statement);
      await client.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)", [
        e.tag,
        e.when,
      ]);
    }
  } finally {
    await client.end();
  }
}

/** Copies every row of the fixture (read at 0005 from PGlite) into the PostgreSQL database at 0005. */
async function copyFixtureInto(url: string): Promise<void> {
  const source = await openDatabase({ dataDir: "memory://", loadDataDir: dump(), migrate: false });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const t of TABLES) {
      const [r] = await rows<{ j: string }>(
        source.db,
        `select coalesce(json_agg(t), '[]')::text as j from "${t}" t`,
      );
      await client.query(
        `insert into "${t}" overriding system value select * from json_populate_recordset(null::"${t}", $1::json)`,
        [r?.j ?? "[]"],
      );
    }
  } finally {
    await client.end();
    await source.close();
  }
}
