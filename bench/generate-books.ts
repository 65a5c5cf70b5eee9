/**
 * Generated books for the benchmarks: the seed book's layout at any size, deterministic.
 *
 * A book is built from the seed's own blocks (the front matter, the policy block, each measure block, and
 * the project sheets of each layout the seed prints), renumbered for the chosen policy and fiscal year,
 * with project names and amounts varied by a seeded PRNG so that funding sources still add up.
 */
import { readFileSync } from "node:fs";

const SEED = readFileSync(new URL("../samples/komoro-2024-policy6.txt", import.meta.url), "utf8");

/** Mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SeedParts {
  policyBlock: string;
  measureBlocks: string[];
  /** Project sheets (with their page header line), in every layout the seed uses. */
  sheets: string[];
}

function splitSeed(): SeedParts {
  const lines = SEED.split("\n");
  const measureStarts: number[] = [];
  lines.forEach((l, i) => {
    if (/^施策 \d+-\d+\t/.test(l) && /^政策 \d+\t/.test(lines[i - 1] ?? "")) measureStarts.push(i - 1);
  });
  const policyStart = lines.findIndex((l) => /^政策 \d+\t/.test(l));
  const policyBlock = lines.slice(policyStart, measureStarts[0]).join("\n");
  const measureBlocks: string[] = [];
  const sheets: string[] = [];
  for (const [k, start] of measureStarts.entries()) {
    const end = measureStarts[k + 1] ?? lines.length;
    const block = lines.slice(start, end);
    const firstSheet = block.findIndex((l) => /^施策 \d+-\d+ /.test(l) || l.startsWith("事務事業名"));
    measureBlocks.push(block.slice(0, firstSheet).join("\n"));
    let current: string[] = [];
    let previous = "";
    for (const line of block.slice(firstSheet)) {
      const pageHeader = /^施策 \d+-\d+ /.test(line);
      const startsSheet = pageHeader || (line.startsWith("事務事業名") && !/^施策 \d+-\d+ /.test(previous));
      if (startsSheet && current.some((c) => c.startsWith("事務事業名"))) {
        sheets.push(current.join("\n"));
        current = [];
      }
      current.push(line);
      if (line.trim() !== "") previous = line;
    }
    if (current.some((c) => c.startsWith("事務事業名"))) sheets.push(current.join("\n"));
  }
  return { policyBlock, measureBlocks, sheets };
}

const parts = splitSeed();

function reiwa(fiscalYear: number): number {
  return fiscalYear - 2018;
}

/** Shifts every 令和N年度 by `delta` years and renumbers 政策/施策 codes. */
function renumber(text: string, policy: number, measureIndex: number | null, yearDelta: number): string {
  let t = text.replace(/令和(\d+)年度/g, (_, n) => `令和${Number(n) + yearDelta}年度`);
  t = t.replace(/政策 \d+/g, `政策 ${policy}`);
  if (measureIndex !== null) t = t.replace(/施策 \d+-\d+/g, `施策 ${policy}-${measureIndex}`);
  return t;
}

const fmt = (n: number) => `${n.toLocaleString("en-US")} 千円`;

/** Rewrites a sheet's amounts: a new total per year, split so that the four sources add up. */
function varyAmounts(sheet: string, rnd: () => number): string {
  const lines = sheet.split("\n");
  const years = (lines.find((l) => /投入\s*指標/.test(l))?.match(/令和\d+年度/g) ?? []).length;
  const totals = Array.from({ length: years }, () => Math.floor(rnd() * 200_000) + 100);
  const national = totals.map((t) => (rnd() < 0.3 ? Math.floor(t * rnd() * 0.5) : 0));
  const other = totals.map((t, k) => (rnd() < 0.3 ? Math.floor((t - (national[k] ?? 0)) * rnd() * 0.3) : 0));
  const general = totals.map((t, k) => t - (national[k] ?? 0) - (other[k] ?? 0));
  const row: Record<string, number[]> = {
    年度別事業費: totals,
    "国・県支出金": national,
    地方債: totals.map(() => 0),
    その他: other,
    一般財源: general,
  };
  return lines
    .map((line) => {
      const label = Object.keys(row).find((l) => line.replace(/\s/g, "").includes(l) && /千円/.test(line));
      if (!label) return line;
      const values = row[label] ?? [];
      let k = 0;
      return line
        .split("\t")
        .map((cell) => (/千円/.test(cell) ? fmt(values[k++] ?? 0) : cell))
        .join("\t");
    })
    .join("\n");
}

export interface GenerateOptions {
  seed: number;
  policyNumber: number;
  fiscalYear: number;
  measures: number;
  projectsPerMeasure: number;
}

/** A book in the seed's layout with `measures × projectsPerMeasure` project sheets. */
export function generateBook(opts: GenerateOptions): string {
  const rnd = prng(opts.seed);
  const delta = reiwa(opts.fiscalYear) - 6;
  const out: string[] = [
    " ",
    "",
    "",
    "実施計画書 兼 事業説明書",
    "",
    "",
    "",
    `【政策 ${opts.policyNumber} : 生成】`,
    "",
  ];
  out.push(renumber(parts.policyBlock, opts.policyNumber, null, delta));
  let serial = 0;
  for (let m = 1; m <= opts.measures; m++) {
    const block = parts.measureBlocks[(m - 1) % parts.measureBlocks.length] ?? "";
    out.push(renumber(block, opts.policyNumber, m, delta));
    const title = /^施策 \d+-\d+\t(.*)$/m.exec(block)?.[1] ?? "";
    for (let p = 0; p < opts.projectsPerMeasure; p++) {
      const sheet = parts.sheets[Math.floor(rnd() * parts.sheets.length)] ?? "";
      serial++;
      const named = sheet.replace(
        /^(事務事業名[^\n]*\n)([^\t\n]+)/m,
        (_, header: string, name: string) => `${header}${name}${serial}`,
      );
      const retitled = renumber(named, opts.policyNumber, m, delta).replace(
        /^施策 (\d+-\d+) .*$/m,
        (_, code: string) => `施策 ${code} ${title}`,
      );
      out.push(varyAmounts(retitled, rnd));
      out.push("");
    }
  }
  return out.join("\n");
}

/** How many project sheets a generated book has (for reporting). */
export function sheetCount(opts: GenerateOptions): number {
  return opts.measures * opts.projectsPerMeasure;
}
