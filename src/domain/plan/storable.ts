import type { PlanDocument } from "./model.ts";

/**
 * What the database can store, checked before anything is written, so that a bad value is a located form
 * message and never a database error (a 500): no NUL character (PostgreSQL text refuses U+0000), no lone
 * surrogate (not a character; UTF-8 cannot encode it), texts and lists of sane size. A book's longest
 * paragraph is far under the text limit; the largest plans known have a few hundred projects.
 */
export const MAX_STORED_TEXT = 20_000;

/** Most entries of each list (by its field name) and of each per-year table; others: DEFAULT_MAX_ENTRIES. */
export const MAX_ENTRIES: Readonly<Record<string, number>> = {
  policies: 100,
  measures: 500,
  projects: 5_000,
  activityIndicators: 100,
  outcomeIndicators: 100,
  diagnostics: 100_000,
};
export const DEFAULT_MAX_ENTRIES = 1_000;
/** Fiscal years in one per-year table (inputs, targets, settled, evaluations). */
export const MAX_YEARS = 100;

export interface StorableProblem {
  /** The key of the field, as the forms name it (`activityIndicators.3.name`, `inputs.2025.total`). */
  field: string;
  message: string;
}

/** Japanese words for the field names a location is made of. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  policies: "政策",
  measures: "施策",
  projects: "事務事業",
  activityIndicators: "活動指標",
  outcomeIndicators: "成果指標",
  inputs: "投入指標",
  diagnostics: "点検結果",
  directions: "施策の方向",
  sdgs: "SDGs",
  name: "名称",
  title: "名称",
  code: "コード",
  unit: "単位",
  summary: "事業概要",
  purpose: "目的",
  yearGoals: "年度目標",
  notes: "備考",
  leadDepartment: "所管課",
  relatedDepartments: "関係課",
  classification: "会計区分",
  targets: "目標値",
  planned: "計画値",
  actual: "実績",
  text: "値",
  settled: "決算額",
  evaluations: "評価",
  message: "内容",
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The problems of a whole plan, located from its policies down (「施策6-5 › 事務事業「職員研修費」 › 名称」). */
export function storablePlanProblems(plan: PlanDocument): StorableProblem[] {
  return storableProblems(plan);
}

/**
 * The problems of any value about to be stored (a plan, a project or measure from a form, an evaluation
 * sheet), with field keys relative to it. Stops after 20 problems: a file full of them needs one message.
 */
export function storableProblems(value: unknown, limit = 20): StorableProblem[] {
  const out: StorableProblem[] = [];
  walk(value, [], [], out, limit);
  return out;
}

function walk(v: unknown, path: string[], where: string[], out: StorableProblem[], limit: number): void {
  if (out.length >= limit) return;
  if (typeof v === "string") {
    const problem = textProblem(v);
    if (problem) out.push({ field: path.join("."), message: `${located(where)}${problem}` });
    return;
  }
  if (v === null || typeof v !== "object") return;
  const name = path.at(-1) ?? "";
  if (Array.isArray(v)) {
    const max = MAX_ENTRIES[name] ?? DEFAULT_MAX_ENTRIES;
    if (v.length > max) {
      out.push({ field: path.join("."), message: `${located(where)}${tooMany(v.length, max)}` });
      return;
    }
    v.forEach((item, i) => {
      walk(item, [...path, String(i)], [...where.slice(0, -1), itemWord(name, item, i)], out, limit);
    });
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  const yearTable = entries.length > 0 && entries.every(([k]) => /^\d{4}$/.test(k));
  const max = yearTable ? MAX_YEARS : DEFAULT_MAX_ENTRIES;
  if (entries.length > max) {
    out.push({ field: path.join("."), message: `${located(where)}${tooMany(entries.length, max)}` });
    return;
  }
  for (const [key, item] of entries) {
    const keyProblem = textProblem(key);
    if (keyProblem) {
      out.push({ field: path.join("."), message: `${located(where)}項目名に${keyProblem}` });
      continue;
    }
    const word = yearTable ? `${key}年度` : (FIELD_WORDS[key] ?? key);
    walk(item, [...path, key], [...where, word], out, limit);
  }
}

function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "NUL 文字（\\0）は保存できません。取り除いてください。";
  if (LONE_SURROGATE.test(s))
    return "壊れた文字（対になっていないサロゲート）が含まれています。入力し直してください。";
  if (s.length > MAX_STORED_TEXT) {
    return `長すぎます（${s.length.toLocaleString("ja-JP")}字、上限 ${MAX_STORED_TEXT.toLocaleString("ja-JP")}字）。`;
  }
  return null;
}

function tooMany(n: number, max: number): string {
  return `多すぎます（${n.toLocaleString("ja-JP")}件、上限 ${max.toLocaleString("ja-JP")}件）。`;
}

/** An element of a list in words: its code or name when it has a short, clean one, else its row. */
function itemWord(list: string, item: unknown, i: number): string {
  const word = FIELD_WORDS[list] ?? list;
  const o = item !== null && typeof item === "object" ? (item as Record<string, unknown>) : {};
  const clean = (s: unknown) => typeof s === "string" && s.length <= 100 && textProblem(s) === null;
  if ((list === "policies" || list === "measures") && clean(o.code)) return `${word}${o.code}`;
  if (clean(o.name) && o.name !== "") return `${word}「${o.name}」`;
  return `${word} ${i + 1}行目`;
}

function located(where: string[]): string {
  return where.length === 0 ? "" : `${where.join(" › ")}: `;
}

/**
 * A use case's own rule problems, then the storable problems of the value on fields the rules have not
 * already named (a too-long 事業概要 is one message, not two).
 */
export function withStorableProblems<P extends StorableProblem>(
  rules: P[],
  value: unknown,
): (P | StorableProblem)[] {
  const named = new Set(rules.map((r) => r.field));
  return [...rules, ...storableProblems(value).filter((s) => !named.has(s.field))];
}
