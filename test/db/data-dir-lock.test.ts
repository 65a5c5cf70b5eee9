// The PGlite data folder's lock (issue 11, finding 14): exactly one of two processes starting together
// after a crash gets it; a lock naming a dead or an unrelated process is taken over; a live owner is
// named in the refusal.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirInUse, lockDataDir, processStartTime } from "../../src/db/data-dir-lock.ts";
import { projectRoot } from "../support/cli.ts";

const scratch = mkdtempSync(join(tmpdir(), "hoshin-lock-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const child = join(projectRoot, "test/support/lock-child.ts");

/** The pid of a process that has ended (so the lock naming it was left by a crash). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(r.stdout);
}

interface Racer {
  ready: Promise<void>;
  /** Resolves with the line after "ready" ("got" or "in-use: …"). */
  answer: Promise<string>;
  go(): void;
  finish(): Promise<void>;
}

/** A child that takes the lock when told to, and holds a lock it got until `finish`. */
function racer(dir: string): Racer {
  const p = spawn(process.execPath, ["--import", "tsx", child, dir], { cwd: projectRoot });
  let out = "";
  let err = "";
  let ready: () => void = () => undefined;
  let answer: (s: string) => void = () => undefined;
  const r = {
    ready: new Promise<void>((done) => {
      ready = done;
    }),
    answer: new Promise<string>((done) => {
      answer = done;
    }),
  };
  p.stdout.on("data", (d) => {
    out += d;
    const lines = out.split("\n");
    if (lines.length > 1) ready();
    if (lines.length > 2) answer(lines[1] ?? "");
  });
  p.stderr.on("data", (d) => {
    err += d;
  });
  const ended = new Promise<void>((done, fail) =>
    p.on("close", (code) => (code === 0 ? done() : fail(new Error(`exit ${code}: ${err}`)))),
  );
  ended.catch(() => answer(`failed: ${err}`));
  return {
    ...r,
    go: () => p.stdin.write("go\n"),
    finish: () => {
      p.stdin.end();
      return ended;
    },
  };
}

describe("the data folder lock", { timeout: 600_000 }, () => {
  it("lets exactly one of two processes starting together in, 30 times, after a crash-left lock", async () => {
    const dead = deadPid();
    const outcomes: string[] = [];
    for (let trial = 0; trial < 30; trial++) {
      const dir = join(scratch, `race-${trial}`);
      mkdirSync(dir);
      // Crash-left locks of both kinds: the old pid-only text and the new record.
      writeFileSync(
        join(dir, "hoshin.lock"),
        trial % 2 === 0
          ? String(dead)
          : JSON.stringify({ pid: dead, started: "1", host: hostname(), token: `t${trial}` }),
      );
      // Both load, then are told to go in the same tick; a winner holds the lock until both answered.
      const racers = [racer(dir), racer(dir)];
      await Promise.all(racers.map((r) => r.ready));
      for (const r of racers) r.go();
      const results = await Promise.all(racers.map((r) => r.answer));
      await Promise.all(racers.map((r) => r.finish()));
      const got = results.filter((r) => r === "got").length;
      outcomes.push(results.join(" / "));
      expect(got, `trial ${trial}: ${results.join(" / ")}`).toBe(1);
      const refused = results.find((r) => r !== "got") ?? "";
      expect(refused).toMatch(
        /^in-use: データフォルダ \.\/data は別のプロセス（pid \d+）が使用中です。サーバーを止めてから/,
      );
      // Released, and nothing of the lock left behind.
      expect(readdirSync(dir)).toEqual([]);
    }
    expect(outcomes).toHaveLength(30);
  });

  it("takes over a lock naming a live but unrelated process, and refuses one naming a live owner", async () => {
    const dir = join(scratch, "unrelated");
    mkdirSync(dir);
    // pid 1 runs, but it was not started at tick 1 (and is not a node process).
    writeFileSync(
      join(dir, "hoshin.lock"),
      JSON.stringify({ pid: 1, started: "1", host: hostname(), token: "x" }),
    );
    const release = await lockDataDir(dir, "./data");
    const record = JSON.parse(readFileSync(join(dir, "hoshin.lock"), "utf8"));
    expect(record).toMatchObject({
      pid: process.pid,
      started: await processStartTime(process.pid),
      host: hostname(),
    });
    // A second open in the same process is refused too: PGlite would corrupt the folder just the same.
    const e = await lockDataDir(dir, "./data").then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DataDirInUse);
    expect((e as DataDirInUse).message).toBe(
      `データフォルダ ./data は別のプロセス（pid ${process.pid}）が使用中です。サーバーを止めてから実行してください（組み込みデータベースは同時に一つのプロセスしか開けません。同時に使うには DATABASE_URL で PostgreSQL を指定します）。`,
    );
    await release();
    expect(existsSync(join(dir, "hoshin.lock"))).toBe(false);
  });
});
