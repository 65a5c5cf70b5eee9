// Migration 0005 on a database whose city name two municipalities share (伊達市: 北海道 012335 and 福島県
// 072133): the open is refused before anything changes, naming both candidates and the setting that decides;
// with HOSHIN_CITY_CODES it migrates. The database is the real 0004 folder of test/fixtures/legacy-db.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { assignLegacyCityCodes, parseCityCodeSetting } from "../../src/db/city-code-migration.ts";
import { MIGRATIONS_FOLDER, type OpenDatabase, openDatabase } from "../../src/db/client.ts";

const TARBALL = new URL("../fixtures/legacy-db/v0004.tar.gz", import.meta.url);

let h: OpenDatabase | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** The 0004 database with 上田市 renamed to a name two municipalities have. */
async function legacyWithSharedName(): Promise<OpenDatabase> {
  h = await openDatabase({
    dataDir: "memory://",
    loadDataDir: new Blob([readFileSync(TARBALL)]),
    migrate: false,
  });
  await h.db.execute(sql`update cities set name = '伊達市' where name = '上田市'`);
  return h;
}

const rows = async (db: OpenDatabase["db"], q: string) =>
  ((await db.execute(sql.raw(q))) as unknown as { rows: Record<string, unknown>[] }).rows;

describe("city codes of a database made before them", () => {
  it("refuses a name two municipalities share, naming both and the setting, and changes nothing", async () => {
    const { db } = await legacyWithSharedName();
    const error = await assignLegacyCityCodes(db, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("何も変更していません");
    expect(message).toContain(
      "「伊達市」: 同じ名前の市区町村が2つあります（012335 北海道伊達市、072133 福島県伊達市）。",
    );
    expect(message).toContain('HOSHIN_CITY_CODES="伊達市=012335"');
    // Still the 0004 schema: cities by id, no code, no hand-over table.
    expect(await rows(db, "select name from cities order by id")).toEqual([
      { name: "小諸市" },
      { name: "伊達市" },
    ]);
    expect(
      await rows(
        db,
        "select count(*)::int as n from information_schema.tables where table_name = 'city_code_assignments'",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it("migrates with HOSHIN_CITY_CODES deciding the shared name, the other by its unique name", async () => {
    const { db } = await legacyWithSharedName();
    await assignLegacyCityCodes(db, "伊達市=０１２３３５");
    await migrate(db as unknown as Parameters<typeof migrate>[0], { migrationsFolder: MIGRATIONS_FOLDER });
    expect(await rows(db, "select code, name, prefecture, name_kana from cities order by code")).toEqual([
      { code: "012335", name: "伊達市", prefecture: "北海道", name_kana: "だてし" },
      { code: "202088", name: "小諸市", prefecture: "長野県", name_kana: "こもろし" },
    ]);
    expect(
      await rows(db, "select city_code, count(*)::int as n from plan_versions group by city_code order by 1"),
    ).toEqual([
      { city_code: "012335", n: 1 },
      { city_code: "202088", n: 2 },
    ]);
  });

  it("refuses a code in the setting whose check digit is wrong", async () => {
    const { db } = await legacyWithSharedName();
    const error = (await assignLegacyCityCodes(db, "伊達市=012336").catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      "HOSHIN_CITY_CODES の「伊達市=012336」: 全国地方公共団体コード「012336」の検査数字（6桁目）が合いません。",
    );
  });

  it("reads the setting: name=code pairs separated by commas, full-width digits normalised", () => {
    expect([...parseCityCodeSetting("伊達市=012335, 府中市=１３２０６３、junk")]).toEqual([
      ["伊達市", "012335"],
      ["府中市", "132063"],
    ]);
    expect(parseCityCodeSetting(undefined).size).toBe(0);
  });
});
