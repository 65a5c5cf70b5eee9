import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { countRows, listPlanVersions, loadPlan, savePlan } from "../../src/db/plans.ts";
import { cityOf, codeOf } from "../support/cities.ts";
import { createTestDatabase, findPostgresServer } from "../support/db.ts";
import { seedPlan } from "../support/plans.ts";

const scratch = mkdtempSync(join(tmpdir(), "hoshin-db-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("openDatabase with PGlite on disk", () => {
  it("creates the missing parent folders and keeps the data across a reopen", async () => {
    const dataDir = join(scratch, "nested", "folders", "data");
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe("pglite");
    try {
      await savePlan(first.db, { city: cityOf("小諸市"), fiscalYear: 2024, plan: seedPlan() });
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);

    // Reopening runs the migrator again, which must find nothing to do and leave the data alone.
    const second = await openDatabase({ dataDir });
    try {
      expect((await listPlanVersions(second.db)).map((v) => v.city)).toEqual(["小諸市"]);
      expect(await loadPlan(second.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 })).toStrictEqual(
        seedPlan(),
      );
    } finally {
      await second.close();
    }
  });

  it("defaults to HOSHIN_DATA_DIR when neither a URL nor a folder is given", async () => {
    const saved = { url: process.env.DATABASE_URL, dir: process.env.HOSHIN_DATA_DIR };
    const dataDir = join(scratch, "from-env", "data");
    delete process.env.DATABASE_URL;
    process.env.HOSHIN_DATA_DIR = dataDir;
    try {
      const h = await openDatabase();
      await h.close();
      expect(h.kind).toBe("pglite");
      expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
    } finally {
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
      if (saved.dir === undefined) delete process.env.HOSHIN_DATA_DIR;
      else process.env.HOSHIN_DATA_DIR = saved.dir;
    }
  });
});

// Needs a PostgreSQL server even when this run's backend is PGlite; skipped with a message when none answers.
const postgresServer = await findPostgresServer();

describe.skipIf(postgresServer === null)("openDatabase with PostgreSQL", () => {
  it("lets several processes open and migrate the same database at once", async () => {
    const own = await createTestDatabase({ postgresUrl: postgresServer ?? undefined });
    const url = own.url;
    if (!url) throw new Error("no PostgreSQL test database");
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ url })));
    try {
      expect(handles.map((h) => h.kind)).toEqual(["postgres", "postgres", "postgres"]);
      const [a, b] = handles;
      if (!a || !b) throw new Error("unreachable");
      await savePlan(a.db, { city: cityOf("小諸市"), fiscalYear: 2024, plan: seedPlan() });
      expect((await countRows(b.db)).projects).toBe(45);
      expect(await loadPlan(own.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 })).toStrictEqual(
        seedPlan(),
      );
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await own.dispose();
    }
  });
});
