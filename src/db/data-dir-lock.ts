import { randomBytes } from "node:crypto";
import { link, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";

/**
 * The lock of a PGlite data folder (PGlite is single-process: a second process would corrupt it).
 *
 * - Atomic creation: the owner record is written to a file of its own and hard-linked to `hoshin.lock`;
 *   link(2) fails when the name exists, so exactly one process creates it, and never half-written.
 * - The record names the owner by pid, process start time (Linux /proc), host and a random token; a lock
 *   whose pid now belongs to another process (another start time), or to no process, is stale.
 * - Stale-lock recovery: to remove a stale lock with token X, a process must first create (link)
 *   `hoshin.lock.takeover-X`, which only one process can. The winner removes the stale lock and links its
 *   own; the others start over and find the winner's lock live. A guard left by a process that died while
 *   taking over is itself stale and recovered the same way (its own guard).
 */

const LOCK_NAME = "hoshin.lock";

/** Every file of the lock starts with this (template.ts leaves such files alone). */
export const LOCK_FILE_PREFIX = LOCK_NAME;

export interface LockOwner {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), or null where it cannot be read. */
  started: string | null;
  host: string;
  token: string;
}

/** Thrown when another process has the PGlite data folder open (PGlite is single-process). */
export class DataDirInUse extends Error {
  override readonly name = "DataDirInUse";
  constructor(
    message: string,
    readonly owner: { pid: number; host: string } | null,
  ) {
    super(message);
  }
}

/** The start time of a process (field 22 of /proc/PID/stat), null when not readable (not Linux, gone). */
export async function processStartTime(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    // No /proc entry: the process is gone or the system has no /proc; the pid check decides then.
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads a lock record; a lock of an older Hoshin holds the pid alone. Null when the file is gone. */
async function readOwner(file: string): Promise<LockOwner | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === "number" && typeof o.token === "string" && typeof o.host === "string") {
      return {
        pid: o.pid,
        started: typeof o.started === "string" ? o.started : null,
        host: o.host,
        token: o.token,
      };
    }
  } catch {
    // Not JSON: an older lock (the pid as text), handled below.
  }
  const pid = Number(text.trim());
  return {
    pid: Number.isInteger(pid) && pid > 0 ? pid : 0,
    started: null,
    host: "",
    token: `legacy-${text.trim()}`,
  };
}

/** Whether the process a lock names still runs (on another host: assumed, it cannot be checked). */
async function isLive(o: LockOwner, self: LockOwner): Promise<boolean> {
  if (o.host !== "" && o.host !== self.host) return true;
  if (o.pid <= 0 || !isRunning(o.pid)) return false;
  if (o.started !== null) return (await processStartTime(o.pid)) === o.started;
  if (o.pid === process.pid) return false;
  // An older lock (the pid alone): where /proc tells the command, only a node process can be a Hoshin.
  const command = await readFile(`/proc/${o.pid}/cmdline`, "utf8").catch(() => null);
  return command === null || /node|hoshin/.test(command);
}

/** Creates `file` holding `record`, atomically and exclusively; false when it exists. */
async function create(file: string, record: string): Promise<boolean> {
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, record, { flag: "wx" });
  try {
    await link(temp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Removes the stale lock `file` of `stale`, guarded so that only one process does it for that owner.
 * Returns when it is gone or another process took over (the caller then tries again).
 */
async function removeStale(file: string, stale: LockOwner, self: LockOwner, record: string, depth: number) {
  if (depth > 4) throw new Error(`ロック ${file} を回復できませんでした。`);
  const guard = `${file}.takeover-${stale.token.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40)}`;
  if (!(await create(guard, record))) {
    const holder = await readOwner(guard);
    // Someone live is taking over that lock right now: let them; the caller finds their lock.
    if (holder && (await isLive(holder, self))) return;
    if (holder) await removeStale(guard, holder, self, record, depth + 1);
    return;
  }
  try {
    // Only the holder of this guard removes a lock of this owner; read it once more to be sure it is it.
    const now = await readOwner(file);
    if (now && now.token === stale.token) await unlink(file);
  } finally {
    await rm(guard, { force: true });
  }
}

/**
 * Takes the lock of a data folder; returns its release. `shown` is the folder as the user named it.
 * Throws DataDirInUse naming the owner when another live process holds it.
 */
export async function lockDataDir(dir: string, shown: string): Promise<() => Promise<void>> {
  const file = join(dir, LOCK_NAME);
  const self: LockOwner = {
    pid: process.pid,
    started: await processStartTime(process.pid),
    host: hostname(),
    token: randomBytes(16).toString("hex"),
  };
  const record = JSON.stringify(self);
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await create(file, record)) {
      return async () => {
        const now = await readOwner(file);
        if (now?.token === self.token) await rm(file, { force: true });
      };
    }
    const owner = await readOwner(file);
    if (!owner) continue;
    if (await isLive(owner, self)) {
      const where = owner.host !== self.host && owner.host !== "" ? `${owner.host} の` : "";
      throw new DataDirInUse(
        `データフォルダ ${shown} は別のプロセス（${where}pid ${owner.pid}）が使用中です。` +
          "サーバーを止めてから実行してください（組み込みデータベースは同時に一つのプロセスしか開けません。" +
          "同時に使うには DATABASE_URL で PostgreSQL を指定します）。",
        { pid: owner.pid, host: owner.host },
      );
    }
    await removeStale(file, owner, self, record, 0);
    // Give a process taking over the lock a moment to link its own.
    await new Promise((r) => setTimeout(r, 5 + attempt * 5));
  }
  throw new DataDirInUse(
    `データフォルダ ${shown} のロックを取得できませんでした。もう一度お試しください。`,
    null,
  );
}
