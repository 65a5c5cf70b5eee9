import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { listPlanVersions, savePlan } from "../../src/db/plans.ts";
import { copyPgliteTemplate, preparePgliteTemplate } from "../../src/db/template.ts";
import { cityOf } from "../support/cities.ts";
import { seedPlan } from "../support/plans.ts";

const scratch = mkdtempSync(join(tmpdir(), "hoshin-template-"));
let template: string;
beforeAll(async () => {
  // Made by `npm install`; made here when the install did not (the first time, this runs initdb).
  template = (await preparePgliteTemplate()).folder;
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const journal = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../drizzle/meta/_journal.json"), "utf8"),
);

describe("the PGlite template a new data folder starts from", { timeout: 120_000 }, () => {
  it("is a closed, migrated database named after the PGlite version and the migrations", async () => {
    expect(template).toMatch(/node_modules\/\.cache\/hoshin\/pglite-0\.5\.16-[0-9a-f]{16}$/);
    expect(existsSync(join(template, "PG_VERSION"))).toBe(true);
    expect(existsSync(join(template, "postmaster.pid"))).toBe(false);
    expect(existsSync(join(template, "hoshin.lock"))).toBe(false);
    // Asking again finds it and makes nothing.
    expect(await preparePgliteTemplate()).toEqual({ folder: template, created: false });
  });

  it("fills an empty folder, which then opens with every migration applied and takes a plan", async () => {
    const dataDir = join(scratch, "empty");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "hoshin.lock"), "1");
    expect(await copyPgliteTemplate(dataDir)).toBe(true);
    expect(readdirSync(dataDir).sort()).toEqual([...readdirSync(template), "hoshin.lock"].sort());
    rmSync(join(dataDir, "hoshin.lock"));

    const h = await openDatabase({ dataDir, migrate: false });
    try {
      const applied = (await h.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as { rows: unknown[] };
      expect(applied.rows[0]).toEqual({ n: journal.entries.length });
      await savePlan(h.db, { city: cityOf("小諸市"), fiscalYear: 2024, plan: seedPlan() });
      expect((await listPlanVersions(h.db)).map((v) => v.city)).toEqual(["小諸市"]);
    } finally {
      await h.close();
    }
  });

  it("never touches a folder that holds anything but the lock", async () => {
    const dataDir = join(scratch, "used");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "notes.txt"), "keep");
    expect(await copyPgliteTemplate(dataDir)).toBe(false);
    expect(readdirSync(dataDir)).toEqual(["notes.txt"]);
  });

  it("is what openDatabase starts a new data folder from", async () => {
    const dataDir = join(scratch, "nested", "data");
    const h = await openDatabase({ dataDir });
    try {
      expect(await listPlanVersions(h.db)).toEqual([]);
    } finally {
      await h.close();
    }
    // The database system identifier (the first 8 bytes of global/pg_control) is drawn at random by
    // initdb: the new folder has the template's, so it was copied, not initialised.
    const systemId = (dir: string) =>
      readFileSync(join(dir, "global", "pg_control"))
        .subarray(0, 8)
        .toString("hex");
    expect(systemId(dataDir)).toBe(systemId(template));
    const fresh = await PGlite.create(join(scratch, "initdb"));
    await fresh.close();
    expect(systemId(join(scratch, "initdb"))).not.toBe(systemId(template));
  });
});
