import { EVALUATION_ASPECTS, OUTLOOKS, PLAN_FORMAT, RATINGS } from "../../domain/plan/model.ts";

/**
 * Checks that a plan (usually parsed from JSON) has the shape of hoshin-plan/1 that storage needs:
 * every listed key with its type, amounts as integer 千円, fiscal-year keys as Western years, indicator
 * values with a comparator. Returns the problems in Japanese, each with the path of the key; at most
 * `limit` of them.
 */
export function planProblems(plan: unknown, limit = 20): string[] {
  const r: Report = { problems: [], limit };
  planShape(r, plan);
  return r.problems;
}

type Obj = Record<string, unknown>;

interface Report {
  problems: string[];
  limit: number;
}

const SEVERITIES = new Set(["error", "warning", "info"]);
const COMPARATORS = new Set([">=", "<=", "="]);
const STATUSES = new Set(["continuing", "new"]);
const INT32_MAX = 2_147_483_647;
const DIRECTIONS = new Set(["higher", "lower"]);
const RATING_SET = new Set<unknown>([...RATINGS, null]);
const OUTLOOK_SET = new Set<unknown>([...OUTLOOKS, null]);

/** An optional key: absent is fine, present must pass `check`. */
function ifPresent(o: Obj, key: string, check: () => void): void {
  if (key in o && o[key] !== undefined) check();
}

function expectDirection(r: Report, o: Obj, path: string): void {
  ifPresent(o, "direction", () => {
    if (!DIRECTIONS.has(o.direction as string))
      add(r, join(path, "direction"), "「higher」でも「lower」でもありません。");
  });
}

function expectRating(r: Report, o: Obj, key: string, path: string): void {
  if (!RATING_SET.has(o[key])) add(r, join(path, key), "「A」「B」「C」か null ではありません。");
}

function expectOutlook(r: Report, o: Obj, path: string): void {
  if (!OUTLOOK_SET.has(o.outlook))
    add(r, join(path, "outlook"), `${OUTLOOKS.map((x) => `「${x}」`).join("")}か null ではありません。`);
}

function aspects(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  for (const k of EVALUATION_ASPECTS) {
    const a = expectObject(r, o[k], join(path, k));
    if (!a) continue;
    expectRating(r, a, "rating", join(path, k));
    expectString(r, a, "reason", join(path, k), true);
  }
}

function projectEvaluation(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  const self = expectObject(r, o.self, join(path, "self"));
  if (self) {
    aspects(r, self.aspects, join(path, "self.aspects"));
    expectOutlook(r, self, join(path, "self"));
    expectString(r, self, "changes", join(path, "self"), true);
  }
  if (o.secondary === null) return;
  const second = expectObject(r, o.secondary, join(path, "secondary"));
  if (second) {
    aspects(r, second.aspects, join(path, "secondary.aspects"));
    expectOutlook(r, second, join(path, "secondary"));
    expectString(r, second, "comment", join(path, "secondary"), true);
  }
}

function measureEvaluation(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  const self = expectObject(r, o.self, join(path, "self"));
  if (self) {
    expectRating(r, self, "rating", join(path, "self"));
    for (const k of ["assessment", "nextSteps"]) expectString(r, self, k, join(path, "self"), true);
  }
  if (o.secondary === null) return;
  const second = expectObject(r, o.secondary, join(path, "secondary"));
  if (second) {
    expectRating(r, second, "rating", join(path, "secondary"));
    expectString(r, second, "comment", join(path, "secondary"), true);
  }
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function add(r: Report, path: string, what: string): void {
  if (r.problems.length < r.limit) r.problems.push(`${path}: ${what}`);
}

function expectObject(r: Report, x: unknown, path: string): Obj | null {
  if (x !== null && typeof x === "object" && !Array.isArray(x)) return x as Obj;
  add(r, path, "オブジェクトではありません。");
  return null;
}

function expectArray(r: Report, o: Obj, key: string, path: string): unknown[] {
  const x = o[key];
  if (Array.isArray(x)) return x;
  add(r, join(path, key), "配列ではありません。");
  return [];
}

function expectString(r: Report, o: Obj, key: string, path: string, nullable = false): void {
  const x = o[key];
  if (typeof x === "string" || (nullable && x === null)) return;
  add(r, join(path, key), nullable ? "文字列か null ではありません。" : "文字列ではありません。");
}

function expectStrings(r: Report, o: Obj, key: string, path: string): void {
  expectArray(r, o, key, path).forEach((x, i) => {
    if (typeof x !== "string") add(r, `${join(path, key)}[${i}]`, "文字列ではありません。");
  });
}

function expectBoolean(r: Report, o: Obj, key: string, path: string, nullable = false): void {
  const x = o[key];
  if (typeof x === "boolean" || (nullable && x === null)) return;
  add(r, join(path, key), nullable ? "真偽値か null ではありません。" : "真偽値ではありません。");
}

function expectInt32(r: Report, x: unknown, path: string, nullable = false): void {
  if (nullable && x === null) return;
  if (typeof x !== "number" || !Number.isInteger(x) || Math.abs(x) > INT32_MAX)
    add(r, path, nullable ? "整数か null ではありません。" : "整数ではありません。");
}

/** `{ "2024": … }`: keys are Western fiscal years. */
function byYear(
  r: Report,
  o: Obj,
  key: string,
  path: string,
  each: (x: unknown, path: string) => void,
): void {
  const rec = expectObject(r, o[key], join(path, key));
  if (!rec) return;
  for (const [fy, x] of Object.entries(rec)) {
    const p = `${join(path, key)}["${fy}"]`;
    if (!/^[1-9]\d{3}$/.test(fy)) add(r, p, '年度のキーが西暦の4桁（例: "2024"）ではありません。');
    each(x, p);
  }
}

function indicatorValue(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  expectString(r, o, "text", path);
  if (o.value !== null && (typeof o.value !== "number" || !Number.isFinite(o.value)))
    add(r, `${path}.value`, "有限の数値か null ではありません。");
  if (typeof o.comparator !== "string" || !COMPARATORS.has(o.comparator))
    add(r, `${path}.comparator`, "「>=」「<=」「=」のいずれでもありません。");
}

function planShape(r: Report, x: unknown): void {
  const o = expectObject(r, x, "計画");
  if (!o) return;
  if (o.format !== PLAN_FORMAT) add(r, "format", `「${PLAN_FORMAT}」ではありません。`);
  expectString(r, o, "title", "", true);
  expectArray(r, o, "policies", "").forEach((p, i) => {
    policy(r, p, `policies[${i}]`);
  });
  expectArray(r, o, "diagnostics", "").forEach((d, i) => {
    diagnostic(r, d, `diagnostics[${i}]`);
  });
}

function policy(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  for (const k of ["code", "title"]) expectString(r, o, k, path);
  for (const k of ["leadDepartment", "mission"]) expectString(r, o, k, path, true);
  for (const k of ["relatedDepartments", "missionPoints"]) expectStrings(r, o, k, path);
  expectArray(r, o, "directions", path).forEach((d, i) => {
    const p = `${path}.directions[${i}]`;
    const dir = expectObject(r, d, p);
    if (dir) for (const k of ["title", "text"]) expectString(r, dir, k, p);
  });
  expectArray(r, o, "measures", path).forEach((m, i) => {
    measure(r, m, `${path}.measures[${i}]`);
  });
}

function measure(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  for (const k of ["code", "title"]) expectString(r, o, k, path);
  for (const k of ["leadDepartment", "currentIssues", "purpose", "futureActions", "sectoralPlans", "notes"])
    expectString(r, o, k, path, true);
  for (const k of ["relatedDepartments", "priorities", "goalStates"]) expectStrings(r, o, k, path);
  expectArray(r, o, "sdgs", path).forEach((s, i) => {
    const p = `${path}.sdgs[${i}]`;
    const sdg = expectObject(r, s, p);
    if (!sdg) return;
    expectInt32(r, sdg.goal, `${p}.goal`);
    for (const k of ["title", "text"]) expectString(r, sdg, k, p);
  });
  expectArray(r, o, "outcomeIndicators", path).forEach((oi, i) => {
    const p = `${path}.outcomeIndicators[${i}]`;
    const ind = expectObject(r, oi, p);
    if (!ind) return;
    for (const k of ["name", "rationale", "formula", "unit"]) expectString(r, ind, k, p, true);
    if (ind.baseline !== null) indicatorValue(r, ind.baseline, `${p}.baseline`);
    byYear(r, ind, "planned", p, (v, vp) => indicatorValue(r, v, vp));
    byYear(r, ind, "actual", p, (v, vp) => indicatorValue(r, v, vp));
    expectDirection(r, ind, p);
  });
  ifPresent(o, "evaluations", () =>
    byYear(r, o, "evaluations", path, (v, vp) => measureEvaluation(r, v, vp)),
  );
  expectArray(r, o, "projects", path).forEach((pr, i) => {
    project(r, pr, `${path}.projects[${i}]`);
  });
}

function project(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  for (const k of ["name", "leadDepartment"]) expectString(r, o, k, path);
  if (typeof o.status !== "string" || !STATUSES.has(o.status))
    add(r, `${path}.status`, "「continuing」でも「new」でもありません。");
  for (const k of ["priority", "summary", "purpose", "yearGoals", "notes"]) expectString(r, o, k, path, true);
  expectBoolean(r, o, "mayoralPledge", path, true);
  expectBoolean(r, o, "budgetOnly", path);
  const c = expectObject(r, o.classification, `${path}.classification`);
  if (c) {
    expectString(r, c, "account", `${path}.classification`);
    for (const k of ["kan", "kou", "moku"]) {
      const p = `${path}.classification.${k}`;
      if (c[k] === null) continue;
      const lv = expectObject(r, c[k], p);
      if (!lv) continue;
      expectInt32(r, lv.number, `${p}.number`, true);
      expectString(r, lv, "name", p);
    }
  }
  byYear(r, o, "inputs", path, (v, p) => {
    const inputs = expectObject(r, v, p);
    if (!inputs) return;
    for (const k of ["total", "nationalPrefectural", "localBonds", "otherEarmarked", "generalRevenue"]) {
      const n = inputs[k];
      if (typeof n !== "number" || !Number.isSafeInteger(n))
        add(r, `${p}.${k}`, `金額が整数（千円）ではありません（${JSON.stringify(n) ?? "なし"}）。`);
    }
  });
  expectArray(r, o, "activityIndicators", path).forEach((a, i) => {
    const p = `${path}.activityIndicators[${i}]`;
    const ind = expectObject(r, a, p);
    if (!ind) return;
    expectString(r, ind, "name", p);
    expectString(r, ind, "unit", p, true);
    byYear(r, ind, "targets", p, (v, vp) => indicatorValue(r, v, vp));
    ifPresent(ind, "actual", () => byYear(r, ind, "actual", p, (v, vp) => indicatorValue(r, v, vp)));
    expectDirection(r, ind, p);
  });
  ifPresent(o, "settled", () =>
    byYear(r, o, "settled", path, (n, p) => {
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0)
        add(r, p, `決算額が 0 以上の整数（千円）ではありません（${JSON.stringify(n) ?? "なし"}）。`);
    }),
  );
  ifPresent(o, "estimatedYears", () => {
    const list = o.estimatedYears;
    if (!Array.isArray(list) || !list.every((fy) => typeof fy === "string" && /^[1-9]\d{3}$/.test(fy)))
      add(r, join(path, "estimatedYears"), '西暦4桁の年度（例: "2027"）の配列ではありません。');
  });
  ifPresent(o, "evaluations", () =>
    byYear(r, o, "evaluations", path, (v, vp) => projectEvaluation(r, v, vp)),
  );
}

function diagnostic(r: Report, x: unknown, path: string): void {
  const o = expectObject(r, x, path);
  if (!o) return;
  if (typeof o.severity !== "string" || !SEVERITIES.has(o.severity))
    add(r, `${path}.severity`, "「error」「warning」「info」のいずれでもありません。");
  expectString(r, o, "code", path);
  // message and line may be left out of a hand-written plan; project and fiscalYear where they apply.
  if (o.message !== undefined) expectString(r, o, "message", path);
  if (o.line !== undefined) expectInt32(r, o.line, `${path}.line`, true);
  if (o.project !== undefined) expectString(r, o, "project", path);
  if (o.fiscalYear !== undefined && (typeof o.fiscalYear !== "string" || !/^[1-9]\d{3}$/.test(o.fiscalYear)))
    add(r, `${path}.fiscalYear`, '西暦の4桁の年度（例: "2024"）ではありません。');
}
