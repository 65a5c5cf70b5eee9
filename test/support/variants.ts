/**
 * Variants of the seed book for testing the reader on books the team has not seen: each transformation
 * changes the book's TEXT and the hand-checked expected JSON in the same way, so that
 * readBook(variant.text) must equal variant.expected.
 */
import { readFileSync } from "node:fs";
import type { PlanDocument } from "../../src/domain/plan/model.ts";

export interface Variant {
  text: string;
  expected: PlanDocument;
}

export function seedVariant(): Variant {
  return {
    text: readFileSync(new URL("../fixtures/komoro-2024-policy6.txt", import.meta.url), "utf8"),
    expected: JSON.parse(
      readFileSync(new URL("../fixtures/komoro-2024-policy6.expected.json", import.meta.url), "utf8"),
    ),
  };
}

/** Applies `fn` to every string value of a JSON tree (keys unchanged). */
function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === "string") return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  }
  return value;
}

/** Applies `fn` to every key of a JSON tree that is a fiscal year ("2024"), and to `fiscalYear` values. */
function mapYears<T>(value: T, fn: (y: number) => number): T {
  if (Array.isArray(value)) return value.map((v) => mapYears(v, fn)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const key = /^\d{4}$/.test(k) ? String(fn(Number(k))) : k;
        if (k === "fiscalYear" && typeof v === "string") return [key, String(fn(Number(v)))];
        return [key, mapYears(v, fn)];
      }),
    ) as T;
  }
  return value;
}

/** 政策 6 → 政策 N: the policy and measure codes wherever the book prints them. */
export function renumberPolicy(v: Variant, to: number): Variant {
  const text = v.text
    .replace(/【政策 6 :/g, `【政策 ${to} :`)
    .replace(/【施策 6-/g, `【施策 ${to}-`)
    .replace(/^政策 6\t/gm, `政策 ${to}\t`)
    .replace(/^施策 6-(\d)/gm, `施策 ${to}-$1`);
  const expected = structuredClone(v.expected);
  for (const p of expected.policies) {
    p.code = String(to);
    for (const m of p.measures) m.code = m.code.replace(/^6-/, `${to}-`);
  }
  return { text, expected };
}

/** Every 令和N年度 moves by `delta` years, in the text and in the expected years and prose. */
export function shiftYears(v: Variant, delta: number): Variant {
  const shift = (s: string) => s.replace(/令和(\d+)年度/g, (_, n) => `令和${Number(n) + delta}年度`);
  return { text: shift(v.text), expected: mapYears(mapStrings(v.expected, shift), (y) => y + delta) };
}

/** Every amount in 千円 multiplied by `factor`: sums that held still hold, the one that did not still does not. */
export function scaleAmounts(v: Variant, factor: number): Variant {
  const text = v.text.replace(/(^|\t)([\d,]+) 千円(?=\t|$)/gm, (_, pre, n) => {
    const x = Number(String(n).replace(/,/g, "")) * factor;
    return `${pre}${x.toLocaleString("en-US")} 千円`;
  });
  const expected = structuredClone(v.expected);
  for (const p of expected.policies)
    for (const m of p.measures)
      for (const project of m.projects)
        for (const inputs of Object.values(project.inputs))
          for (const k of Object.keys(inputs) as (keyof typeof inputs)[]) inputs[k] *= factor;
  return { text, expected };
}

/** Replaces a name everywhere (project, department, …), in the text and in every expected string. */
export function rename(v: Variant, from: string, to: string): Variant {
  const r = (s: string) => s.split(from).join(to);
  return { text: r(v.text), expected: mapStrings(v.expected, r) };
}

/** Swaps two whole measure blocks (the measure's section and all its project sheets). */
export function swapMeasures(v: Variant, a: number, b: number): Variant {
  const lines = v.text.split("\n");
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (/^施策 \d+-\d+\t/.test(l) && /^政策 \d+\t/.test(lines[i - 1] ?? "")) starts.push(i - 1);
  });
  const block = (k: number) => lines.slice(starts[k], starts[k + 1] ?? lines.length);
  const blocks = starts.map((_, k) => block(k));
  const head = lines.slice(0, starts[0]);
  [blocks[a], blocks[b]] = [blocks[b] ?? [], blocks[a] ?? []];
  const expected = structuredClone(v.expected);
  const ms = expected.policies[0]?.measures ?? [];
  [ms[a], ms[b]] = [ms[b] as (typeof ms)[number], ms[a] as (typeof ms)[number]];
  return { text: [...head, ...blocks.flat()].join("\n"), expected };
}

/** Swaps the first two full project sheets (page header included) of measure `m` (0-based). */
export function swapFirstProjects(v: Variant, m: number): Variant {
  const lines = v.text.split("\n");
  const measureStarts: number[] = [];
  lines.forEach((l, i) => {
    if (/^施策 \d+-\d+\t/.test(l)) measureStarts.push(i);
  });
  const from = measureStarts[m] ?? 0;
  const to = measureStarts[m + 1] ?? lines.length;
  const headers: number[] = [];
  for (let i = from; i < to; i++) if (/^施策 \d+-\d+ /.test(lines[i] ?? "")) headers.push(i);
  const [h0, h1, h2] = headers as [number, number, number];
  const first = lines.slice(h0, h1);
  const second = lines.slice(h1, h2);
  const text = [...lines.slice(0, h0), ...second, ...first, ...lines.slice(h2)].join("\n");
  const expected = structuredClone(v.expected);
  const ps = expected.policies[0]?.measures[m]?.projects ?? [];
  [ps[0], ps[1]] = [ps[1] as (typeof ps)[number], ps[0] as (typeof ps)[number]];
  return { text, expected };
}

/**
 * The book as Windows saves it: Shift_JIS (CP932) text. 「费」 has no CP932 code (a Windows user would have
 * typed 「費」), and CP932's dash is 「―」 (U+2015) where the UTF-8 seed has 「—」 (U+2014).
 */
export function asWindowsText(v: Variant): Variant {
  const text = v.text.replace(/费/g, "費").replace(/—/g, "―");
  const expected = mapStrings(v.expected, (s) => s.replace(/费/g, "費").replace(/—/g, "―"));
  expected.diagnostics = expected.diagnostics.filter((d) => d.code !== "nonstandard-character");
  return { text, expected };
}
