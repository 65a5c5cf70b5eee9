// Migration 0006_city_accounts on a database made by the schema before it (migrations 0000–0005): every
// existing account keeps seeing what it saw, i.e. works for every city that exists; none becomes an
// all-cities account; sessions and users are kept.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../src/db/client.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The migrations folder as it was before 0006 (the journal's first six entries). */
async function migrationsBefore0006(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hoshin-migrations-"));
  dirs.push(dir);
  await cp(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < "0006");
  expect(journal.entries.map((e) => e.tag).at(-1)).toBe("0005_municipalities");
  await writeFile(journalPath, JSON.stringify(journal));
  return dir;
}

describe("migration 0006_city_accounts", () => {
  it("gives every existing account every existing city, and nobody all cities", async () => {
    const client = await PGlite.create();
    const db = drizzle({ client });
    try {
      await migrate(db, { migrationsFolder: await migrationsBefore0006() });
      await db.execute(sql`insert into cities (code, name, prefecture) values
        ('202088', '小諸市', '長野県'), ('202037', '上田市', '長野県')`);
      await db.execute(sql`insert into users (login_name, display_name, password_hash, role, department) values
        ('kikaku-admin', '企画 花子', 'x', 'admin', null), ('soumu01', '総務 太郎', 'x', 'department', '総務課')`);
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      const rows = await db.execute<{ login_name: string; all_cities: boolean; cities: string }>(sql`
        select u.login_name, u.all_cities, string_agg(uc.city_code, ',' order by uc.city_code) as cities
        from users u left join user_cities uc on uc.user_id = u.id group by u.id order by u.login_name`);
      expect(rows.rows).toEqual([
        { login_name: "kikaku-admin", all_cities: false, cities: "202037,202088" },
        { login_name: "soumu01", all_cities: false, cities: "202037,202088" },
      ]);
      // A city deleted later takes its rows of user_cities with it (on delete cascade).
      await db.execute(sql`delete from cities where code = '202037'`);
      const left = await db.execute<{ n: number }>(sql`select count(*)::int as n from user_cities`);
      expect(left.rows).toEqual([{ n: 2 }]);
    } finally {
      await client.close();
    }
  }, 120_000);
});
