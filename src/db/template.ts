import { createHash } from "node:crypto";
import { constants, copyFile, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { LOCK_FILE_PREFIX } from "./data-dir-lock.ts";
import * as schema from "./schema/index.ts";

/**
 * A new PGlite data folder starts as a copy of a template: a database fresh from initdb with every
 * migration applied, closed cleanly. initdb inside WebAssembly costs seconds; copying its result is a
 * plain file copy. The template is made by `npm install` (scripts/prepare-db-template.js) and kept under
 * node_modules/.cache, named after the PGlite version and the migrations, so an upgrade or a new
 * migration makes a new one. Without a template a new folder is initialised as before.
 */

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));
const CACHE_FOLDER = fileURLToPath(new URL("../../node_modules/.cache/hoshin", import.meta.url));

/** Files in a data folder that are not the database itself: the lock of data-dir-lock.ts and its helpers. */
const NOT_DATABASE = { has: (name: string) => name.startsWith(LOCK_FILE_PREFIX) };

/** The folder of the template for this PGlite version and these migrations (whether or not it exists). */
export async function pgliteTemplateFolder(): Promise<string> {
  const require = createRequire(import.meta.url);
  // The package does not export its package.json; it sits one folder above the entry point (dist/).
  const entry = require.resolve("@electric-sql/pglite");
  const { version } = JSON.parse(await readFile(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  const hash = createHash("sha256");
  const files = (await readdir(MIGRATIONS_FOLDER, { recursive: true })).sort();
  for (const name of files) {
    const path = join(MIGRATIONS_FOLDER, name);
    if (!(await stat(path)).isFile()) continue;
    hash
      .update(`${name}\0`)
      .update(await readFile(path))
      .update("\0");
  }
  return join(CACHE_FOLDER, `pglite-${version}-${hash.digest("hex").slice(0, 16)}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}

/**
 * Makes the template unless it is there already. Built in a folder of its own and renamed into place,
 * so a reader never sees half a template and two installs at once do not clash.
 */
export async function preparePgliteTemplate(): Promise<{ folder: string; created: boolean }> {
  const folder = await pgliteTemplateFolder();
  if (await exists(join(folder, "PG_VERSION"))) return { folder, created: false };
  await mkdir(CACHE_FOLDER, { recursive: true });
  const building = `${folder}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  try {
    const client = await PGlite.create(building);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.close();
    }
    try {
      await rename(building, folder);
    } catch (e) {
      // Another install finished the same template first: theirs is as good as ours.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw e;
      return { folder, created: false };
    }
    return { folder, created: true };
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/**
 * Fills a new data folder (one holding nothing but the lock) from the template, when there is one.
 * Returns whether it did; a folder with a database in it is never touched. A copy that fails half-way is
 * removed again, so the folder is left as it was, and the error is passed on.
 */
export async function copyPgliteTemplate(dataDir: string): Promise<boolean> {
  const entries = await readdir(dataDir);
  if (entries.some((name) => !NOT_DATABASE.has(name))) return false;
  const folder = await pgliteTemplateFolder();
  if (!(await exists(join(folder, "PG_VERSION")))) return false;
  try {
    await copyFolder(folder, dataDir);
  } catch (e) {
    for (const name of await readdir(dataDir)) {
      if (!NOT_DATABASE.has(name)) await rm(join(dataDir, name), { recursive: true, force: true });
    }
    throw e;
  }
  return true;
}

/**
 * Copies a folder's contents into an existing folder, many files at a time: a database is about a
 * thousand small files, which one-by-one copying (fs.cp) takes several times longer over. Existing files
 * are never overwritten.
 */
async function copyFolder(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const relative = (e: (typeof entries)[number]) => join(e.parentPath, e.name).slice(from.length + 1);
  const folders = entries.filter((e) => e.isDirectory()).map(relative);
  // Parents come before their children in the sorted list; each mkdir waits for the one before it.
  for (const name of folders.sort()) await mkdir(join(to, name), { recursive: true });
  const files = entries.filter((e) => !e.isDirectory()).map(relative);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const name = files[next++] as string;
      await copyFile(join(from, name), join(to, name), constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
