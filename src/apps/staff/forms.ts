import type { MergeChoice } from "../../domain/editing/three-way.ts";
import { INPUT_LABELS } from "../../domain/labels.ts";
import { formatLevel, parseLevel } from "../../domain/plan/classification.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { parseIndicatorValue } from "../../domain/plan/indicator-value.ts";
import type {
  ActivityIndicator,
  ClassificationLevel,
  FiscalYearKey,
  IndicatorDirection,
  IndicatorValue,
  Inputs,
  Measure,
  OutcomeIndicator,
  Project,
} from "../../domain/plan/model.ts";
import { INPUT_FIELDS, sortedYears } from "../../domain/plan/model.ts";
import { toHalfWidth } from "../../domain/plan/money.ts";
import type { FieldProblem } from "../../usecases/errors.ts";

// The edit forms as flat string maps whose keys are the field keys of domain/changes.ts and
// domain/project-rules.ts (`inputs.2025.total`, `activityIndicators.0.targets.2025`), so that a problem
// found anywhere points at the control that holds the value.

export type FormValues = Record<string, string>;

const nz = (s: string | undefined): string | null => {
  const t = (s ?? "").replace(/\r\n?/g, "\n").trim();
  return t === "" ? null : t;
};

export function projectFormValues(p: Project): FormValues {
  const v: FormValues = {
    name: p.name,
    status: p.status,
    priority: p.priority ?? "",
    "classification.account": p.classification.account,
    "classification.kan": formatLevel(p.classification.kan),
    "classification.kou": formatLevel(p.classification.kou),
    "classification.moku": formatLevel(p.classification.moku),
    leadDepartment: p.leadDepartment,
    mayoralPledge: p.mayoralPledge === null ? "" : String(p.mayoralPledge),
    summary: p.summary ?? "",
    purpose: p.purpose ?? "",
    yearGoals: p.yearGoals ?? "",
    notes: p.notes ?? "",
  };
  for (const [fy, i] of Object.entries(p.inputs)) {
    for (const k of INPUT_FIELDS) v[`inputs.${fy}.${k}`] = String(i[k]);
  }
  for (const fy of p.estimatedYears ?? []) v[`estimated.${fy}`] = "on";
  p.activityIndicators.forEach((a, n) => {
    v[`activityIndicators.${n}.name`] = a.name;
    v[`activityIndicators.${n}.unit`] = a.unit ?? "";
    v[`activityIndicators.${n}.direction`] = a.direction ?? "";
    for (const [fy, t] of Object.entries(a.targets)) v[`activityIndicators.${n}.targets.${fy}`] = t.text;
  });
  return v;
}

/** The fiscal years a project form shows: the plan period and any year the project has. */
export function formYears(period: FiscalYearKey[], own: Iterable<FiscalYearKey>): FiscalYearKey[] {
  return sortedYears(new Set([...period, ...own]));
}

/** Rows of activity indicators present in the values (existing ones, then one blank row for adding). */
export function activityRowCount(v: FormValues): number {
  let n = 0;
  while (`activityIndicators.${n}.name` in v) n++;
  return n;
}

/** Parses an amount as typed: 「1,234」, full-width digits. Null with a message when it is not one. */
export function parseAmount(raw: string): { value: number } | { error: string } | null {
  const s = toHalfWidth(raw).replace(/[,\s]/g, "");
  if (s === "") return null;
  if (!/^[-−]?\d+(\.\d+)?$/.test(s)) return { error: "数字で入力してください（千円単位の整数）。" };
  const n = Number(s.replace("−", "-"));
  if (!Number.isInteger(n)) return { error: "千円単位の整数で入力してください（小数は使えません）。" };
  if (n < 0) return { error: "0 以上の金額を入力してください。" };
  if (!Number.isSafeInteger(n)) return { error: "金額が大きすぎます。" };
  return { value: n };
}

function level(raw: string | undefined): ClassificationLevel | null {
  return parseLevel(nz(raw) ?? undefined);
}

function directionOf(raw: string | undefined): IndicatorDirection | null {
  return raw === "higher" || raw === "lower" ? raw : null;
}

export interface ParsedProject {
  project: Project;
  problems: FieldProblem[];
}

/** A project from the form. Problems of form (not a number, half-filled year) are reported by field. */
export function parseProjectForm(v: FormValues, base: Project, years: FiscalYearKey[]): ParsedProject {
  const problems: FieldProblem[] = [];
  const inputs: Record<FiscalYearKey, Inputs> = {};
  for (const fy of years) {
    const cells = INPUT_FIELDS.map((k) => [k, parseAmount(v[`inputs.${fy}.${k}`] ?? "")] as const);
    if (cells.every(([, c]) => c === null)) continue;
    const row: Partial<Inputs> = {};
    for (const [k, c] of cells) {
      const field = `inputs.${fy}.${k}`;
      const label = `${formatWarekiFiscalYear(fy)}の${INPUT_LABELS[k]}`;
      if (c === null) problems.push({ field, message: `${label}を入力してください（ない場合は 0）。` });
      else if ("error" in c) problems.push({ field, message: `${label}: ${c.error}` });
      else row[k] = c.value;
    }
    inputs[fy] = {
      total: row.total ?? 0,
      nationalPrefectural: row.nationalPrefectural ?? 0,
      localBonds: row.localBonds ?? 0,
      otherEarmarked: row.otherEarmarked ?? 0,
      generalRevenue: row.generalRevenue ?? 0,
    };
  }
  const activityIndicators: ActivityIndicator[] = [];
  for (let n = 0; `activityIndicators.${n}.name` in v; n++) {
    if (v[`activityIndicators.${n}.delete`] === "on") continue;
    const name = nz(v[`activityIndicators.${n}.name`]);
    const unit = nz(v[`activityIndicators.${n}.unit`]);
    const targets: Record<FiscalYearKey, IndicatorValue> = {};
    for (const fy of years) {
      const t = parseIndicatorValue(v[`activityIndicators.${n}.targets.${fy}`] ?? "");
      if (t) targets[fy] = t;
    }
    if (name === null && unit === null && Object.keys(targets).length === 0) continue;
    const indicator: ActivityIndicator = { name: name ?? "", unit, targets };
    const direction = directionOf(v[`activityIndicators.${n}.direction`]);
    if (direction) indicator.direction = direction;
    activityIndicators.push(indicator);
  }
  const estimatedYears = years.filter((fy) => v[`estimated.${fy}`] === "on" && fy in inputs);
  const status = v.status === "new" ? "new" : v.status === "continuing" ? "continuing" : null;
  if (status === null) problems.push({ field: "status", message: "新規・継続を選んでください。" });
  const pledge = v.mayoralPledge === "true" ? true : v.mayoralPledge === "false" ? false : null;
  const project: Project = {
    name: nz(v.name) ?? "",
    status: status ?? base.status,
    priority: nz(v.priority),
    classification: {
      account: nz(v["classification.account"]) ?? "",
      kan: level(v["classification.kan"]),
      kou: level(v["classification.kou"]),
      moku: level(v["classification.moku"]),
    },
    leadDepartment: nz(v.leadDepartment) ?? "",
    mayoralPledge: pledge,
    summary: nz(v.summary),
    purpose: nz(v.purpose),
    yearGoals: nz(v.yearGoals),
    notes: nz(v.notes),
    inputs,
    activityIndicators,
    budgetOnly: base.budgetOnly,
  };
  if (estimatedYears.length > 0) project.estimatedYears = estimatedYears;
  return { project, problems };
}

export const MEASURE_TEXT_FIELDS = [
  ["currentIssues", "現状と課題"],
  ["purpose", "方針・目的"],
  ["priorities", "重点方針と目標（1行に1項目）"],
  ["goalStates", "目標(計画)（1行に1項目）"],
  ["futureActions", "今後の取り組み"],
  ["sectoralPlans", "個別計画"],
  ["notes", "特記事項"],
] as const;

export function measureFormValues(m: Measure): FormValues {
  const v: FormValues = {
    currentIssues: m.currentIssues ?? "",
    purpose: m.purpose ?? "",
    priorities: m.priorities.join("\n"),
    goalStates: m.goalStates.join("\n"),
    futureActions: m.futureActions ?? "",
    sectoralPlans: m.sectoralPlans ?? "",
    notes: m.notes ?? "",
  };
  m.outcomeIndicators.forEach((o, n) => {
    v[`outcomeIndicators.${n}.name`] = o.name ?? "";
    v[`outcomeIndicators.${n}.unit`] = o.unit ?? "";
    v[`outcomeIndicators.${n}.rationale`] = o.rationale ?? "";
    v[`outcomeIndicators.${n}.formula`] = o.formula ?? "";
    v[`outcomeIndicators.${n}.baseline`] = o.baseline?.text ?? "";
    v[`outcomeIndicators.${n}.direction`] = o.direction ?? "";
    for (const [fy, x] of Object.entries(o.planned)) v[`outcomeIndicators.${n}.planned.${fy}`] = x.text;
    for (const [fy, x] of Object.entries(o.actual)) v[`outcomeIndicators.${n}.actual.${fy}`] = x.text;
  });
  return v;
}

const lines = (s: string | undefined) =>
  (s ?? "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** The editable part of a measure from its form; the number of outcome indicators stays as stored. */
export function parseMeasureForm(v: FormValues, base: Measure, years: FiscalYearKey[]) {
  const outcomeIndicators: OutcomeIndicator[] = base.outcomeIndicators.map((_, n) => {
    const series = (kind: "planned" | "actual") => {
      const out: Record<FiscalYearKey, IndicatorValue> = {};
      for (const fy of years) {
        const x = parseIndicatorValue(v[`outcomeIndicators.${n}.${kind}.${fy}`] ?? "");
        if (x) out[fy] = x;
      }
      return out;
    };
    const indicator: OutcomeIndicator = {
      name: nz(v[`outcomeIndicators.${n}.name`]),
      rationale: nz(v[`outcomeIndicators.${n}.rationale`]),
      formula: nz(v[`outcomeIndicators.${n}.formula`]),
      unit: nz(v[`outcomeIndicators.${n}.unit`]),
      baseline: parseIndicatorValue(v[`outcomeIndicators.${n}.baseline`] ?? ""),
      planned: series("planned"),
      actual: series("actual"),
    };
    const direction = directionOf(v[`outcomeIndicators.${n}.direction`]);
    if (direction) indicator.direction = direction;
    return indicator;
  });
  return {
    currentIssues: nz(v.currentIssues),
    purpose: nz(v.purpose),
    priorities: lines(v.priorities),
    goalStates: lines(v.goalStates),
    futureActions: nz(v.futureActions),
    sectoralPlans: nz(v.sectoralPlans),
    notes: nz(v.notes),
    outcomeIndicators,
  };
}

/**
 * An edit form as sent, split: the values, the hidden `base.<field>` values it was made from (null when it
 * carried none), and the choices made for conflicting fields (`choice.<field>` = mine | theirs).
 */
export function splitEditForm(sent: FormValues): {
  values: FormValues;
  base: FormValues | null;
  choices: Record<string, MergeChoice>;
} {
  const values: FormValues = {};
  const base: FormValues = {};
  const choices: Record<string, MergeChoice> = {};
  let hasBase = false;
  for (const [k, v] of Object.entries(sent)) {
    if (k === "_csrf") continue;
    if (k.startsWith("base.")) {
      base[k.slice(5)] = v;
      hasBase = true;
    } else if (k.startsWith("choice.")) {
      if (v === "mine" || v === "theirs") choices[k.slice(7)] = v;
    } else values[k] = v;
  }
  return { values, base: hasBase ? base : null, choices };
}
