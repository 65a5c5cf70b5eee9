/**
 * `kill -9` of a running import, KILLS times. Two books of the same year: the seed and a variant of it
 * (one project's notes changed), each imported once fully first and exported (`hoshin export --format
 * json`), which also gives how long an import takes. Then, each time, the book not stored is imported
 * with the CLI and the process (its whole group) is killed with SIGKILL after a random delay within that
 * time; the next export must equal the export of the plan stored before, or, if the import had finished,
 * the export of the other book: never anything else, and the export must work (a crash leaves no lock or
 * half-written plan that blocks the next command).
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CheckResult,
  CITY,
  HOSHIN,
  ROOT,
  runCli,
  SEED_BOOK,
  sleep,
  type Target,
  targetEnv,
  YEAR,
} from "./harness.ts";

export const KILLS = 10;

async function exportJson(t: Target): Promise<string | null> {
  const r = await runCli(
    ["export", "--city", CITY, "--year", String(YEAR), "--format", "json"],
    targetEnv(t),
  );
  return r.code === 0 ? r.out : null;
}

async function importFile(
  t: Target,
  file: string,
): Promise<{ code: number | null; ms: number; err: string }> {
  const started = performance.now();
  const r = await runCli(["import", file, "--city", CITY, "--year", String(YEAR), "--replace"], targetEnv(t));
  return { code: r.code, ms: performance.now() - started, err: r.err };
}

/** Starts an import and kills its process group with SIGKILL after `delayMs`; whether it had finished. */
async function killImport(t: Target, file: string, delayMs: number): Promise<boolean> {
  const child = spawn(
    process.execPath,
    [HOSHIN, "import", file, "--city", CITY, "--year", String(YEAR), "--replace"],
    {
      cwd: ROOT,
      env: targetEnv(t),
      stdio: "ignore",
      detached: true,
    },
  );
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const finished = await Promise.race([exited.then(() => true), sleep(delayMs).then(() => false)]);
  if (!finished && child.pid !== undefined) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Ended meanwhile.
    }
    await exited;
  }
  return finished;
}

export async function killedImports(t: Target, scratch: string, kills = KILLS): Promise<CheckResult> {
  const { readFile } = await import("node:fs/promises");
  const seedText = await readFile(SEED_BOOK, "utf8");
  // The variant: the seed book with one project renamed, a change every reader keeps. The imports pass
  // --replace, so that a guard against dropping the old name does not stop them.
  const variantText = seedText.replace("職員研修費", "職員研修費（信頼性確認）");
  if (variantText === seedText) throw new Error("the variant book is the same as the seed");
  const books = { seed: SEED_BOOK, variant: join(scratch, "variant.txt") };
  await writeFile(books.variant, variantText);

  const problems: string[] = [];
  const first = await importFile(t, books.variant);
  const variantExport = await exportJson(t);
  const back = await importFile(t, books.seed);
  const seedExport = await exportJson(t);
  if (first.code !== 0 || back.code !== 0 || !variantExport || !seedExport || variantExport === seedExport) {
    return {
      check: "kill-import",
      counts: "could not prepare the two books",
      ok: false,
      why: `import exit ${first.code}/${back.code}: ${(first.err + back.err).slice(0, 300)}`,
    };
  }
  const importMs = Math.max(first.ms, back.ms);
  let stored: "seed" | "variant" = "seed";
  let intact = 0;
  let completed = 0;
  let broken = 0;
  const delays: number[] = [];
  for (let k = 0; k < kills; k++) {
    const other: "seed" | "variant" = stored === "seed" ? "variant" : "seed";
    const delay = Math.round(300 + Math.random() * (importMs - 300));
    delays.push(delay);
    const finished = await killImport(t, books[other], delay);
    const now = await exportJson(t);
    const expectBefore = stored === "seed" ? seedExport : variantExport;
    const expectAfter = other === "seed" ? seedExport : variantExport;
    if (now === expectBefore) intact++;
    else if (now === expectAfter) {
      completed++;
      stored = other;
    } else {
      broken++;
      problems.push(
        `kill ${k} after ${delay} ms${finished ? " (had finished)" : ""}: ${now === null ? "the export failed" : "the stored plan is neither the one before nor the one imported"}`,
      );
      // Put a known plan back for the next round.
      await importFile(t, books.seed);
      stored = "seed";
    }
  }
  for (const p of problems.slice(0, 5)) process.stdout.write(`  ${p}\n`);
  return {
    check: "kill-import",
    counts: `${kills} kill -9 of a CLI import (delays ${Math.min(...delays)}–${Math.max(...delays)} ms of a ${Math.round(importMs)} ms import): ${intact} left the previous plan equal to its export, ${completed} had committed the new one, ${broken} anything else`,
    ok: broken === 0,
    ...(broken > 0 ? { why: problems[0] ?? "" } : {}),
  };
}
