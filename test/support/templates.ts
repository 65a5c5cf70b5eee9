// Migrated template databases, built once per test run by the vitest globalSetup (test/global-setup.ts) and
// copied for each test: on PGlite a data directory tarball (dumpDataDir) that each test database is opened
// from (loadDataDir), on PostgreSQL a template database (CREATE DATABASE … TEMPLATE …). Two flavours:
// "empty" (migrated, nothing in it) and "seeded" (migrated + the standard seed of test/support/seed.ts).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase } from "../../src/db/client.ts";

export type TemplateFlavour = "empty" | "seeded";

/** Where the run's templates are: tarball paths (PGlite) or database names (PostgreSQL). */
export interface TestTemplates {
  kind: "pglite" | "postgres";
  empty: string;
  seeded: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    hoshinTemplates: TestTemplates | undefined;
  }
}

/** Builds both templates for the backend of the run (DATABASE_URL set: PostgreSQL), with a disposer. */
export async function buildTemplates(): Promise<{ templates: TestTemplates; dispose: () => Promise<void> }> {
  const { seedDatabase } = await import("./seed.ts");
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), "hoshin-templates-"));
    const paths = { empty: join(dir, "empty.tar"), seeded: join(dir, "seeded.tar") };
    for (const flavour of ["empty", "seeded"] as const) {
      const h = await openDatabase({ dataDir: "memory://" });
      try {
        if (flavour === "seeded") await seedDatabase(h.db);
        const dump = await h.dumpDataDir?.();
        if (!dump) throw new Error("PGlite gave no data directory dump");
        await writeFile(paths[flavour], Buffer.from(await dump.arrayBuffer()));
      } finally {
        await h.close();
      }
    }
    return {
      templates: { kind: "pglite", ...paths },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const run = randomBytes(4).toString("hex");
  const names = { empty: `hoshin_template_${run}_empty`, seeded: `hoshin_template_${run}_seeded` };
  for (const flavour of ["empty", "seeded"] as const) {
    await adminQuery(adminUrl, `create database "${names[flavour]}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${names[flavour]}`;
    const h = await openDatabase({ url: url.toString() });
    try {
      if (flavour === "seeded") await seedDatabase(h.db);
    } finally {
      await h.close();
    }
    await waitUntilUnused(adminUrl, names[flavour]);
  }
  return {
    templates: { kind: "postgres", ...names },
    dispose: async () => {
      for (const name of Object.values(names))
        await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

export async function adminQuery(url: string, statement: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement, params);
  } finally {
    await client.end();
  }
}

/**
 * Waits until no session is connected to a database (pool.end() resolves while the server may still be
 * closing them): a template with a session on it cannot be copied, and dropping it would cut the session.
 */
export async function waitUntilUnused(url: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const r = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1", [
        name,
      ]);
      if (r.rows[0]?.n === 0) return;
      await new Promise((done) => setTimeout(done, 50));
    }
  } finally {
    await client.end();
  }
}
