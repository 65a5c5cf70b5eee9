/**
 * The plan model (hoshin-plan/1), named after GLOSSARY.md.
 * Pure types: no I/O, no framework. Money is integer 千円 (thousand yen).
 */

/** A Western fiscal year as a string key, e.g. "2024" for 令和6年度. */
export type FiscalYearKey = string;

/** An amount of money in 千円 (thousand yen). Always an integer. */
export type Thousands = number;

export type Comparator = ">=" | "<=" | "=";

/** A target or measured value as printed: 「40以上」 → {text:"40以上", value:40, comparator:">="}. */
export interface IndicatorValue {
  text: string;
  value: number | null;
  comparator: Comparator;
}

export interface ClassificationLevel {
  number: number | null;
  name: string;
}

/** 会計・款・項・目 */
export interface Classification {
  account: string;
  kan: ClassificationLevel | null;
  kou: ClassificationLevel | null;
  moku: ClassificationLevel | null;
}

/** 投入指標 of one fiscal year, in 千円. Kept as printed, even when it does not add up. */
export interface Inputs {
  total: Thousands;
  nationalPrefectural: Thousands;
  localBonds: Thousands;
  otherEarmarked: Thousands;
  generalRevenue: Thousands;
}

export const FUNDING_SOURCES = [
  "nationalPrefectural",
  "localBonds",
  "otherEarmarked",
  "generalRevenue",
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const INPUT_FIELDS = ["total", ...FUNDING_SOURCES] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

export interface ActivityIndicator {
  name: string;
  unit: string | null;
  targets: Record<FiscalYearKey, IndicatorValue>;
}

export type ProjectStatus = "continuing" | "new";

/** 事務事業 */
export interface Project {
  name: string;
  status: ProjectStatus;
  priority: string | null;
  classification: Classification;
  leadDepartment: string;
  mayoralPledge: boolean | null;
  summary: string | null;
  purpose: string | null;
  yearGoals: string | null;
  notes: string | null;
  inputs: Record<FiscalYearKey, Inputs>;
  activityIndicators: ActivityIndicator[];
  budgetOnly: boolean;
}

/** 成果指標(アウトカム) */
export interface OutcomeIndicator {
  name: string | null;
  rationale: string | null;
  formula: string | null;
  unit: string | null;
  baseline: IndicatorValue | null;
  planned: Record<FiscalYearKey, IndicatorValue>;
  actual: Record<FiscalYearKey, IndicatorValue>;
}

export interface SdgLink {
  goal: number;
  title: string;
  text: string;
}

/** 施策 */
export interface Measure {
  code: string;
  title: string;
  leadDepartment: string | null;
  relatedDepartments: string[];
  currentIssues: string | null;
  purpose: string | null;
  priorities: string[];
  goalStates: string[];
  outcomeIndicators: OutcomeIndicator[];
  futureActions: string | null;
  sdgs: SdgLink[];
  sectoralPlans: string | null;
  notes: string | null;
  projects: Project[];
}

export interface Direction {
  title: string;
  text: string;
}

/** 政策 */
export interface Policy {
  code: string;
  title: string;
  leadDepartment: string | null;
  relatedDepartments: string[];
  mission: string | null;
  missionPoints: string[];
  directions: Direction[];
  measures: Measure[];
}

export type Severity = "error" | "warning" | "info";

export type DiagnosticCode =
  | "funding-sum-mismatch"
  | "missing-fiscal-year"
  | "nonstandard-character"
  | "unparsed-line"
  | "invalid-amount"
  | "amount-count-mismatch"
  | "missing-field"
  | "duplicate-project"
  | "empty-input"
  | "binary-input"
  | "invalid-classification";

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode | string;
  /** Japanese, for the user. */
  message: string;
  /** 1-based line of the input, null where none applies. */
  line: number | null;
  project?: string;
  fiscalYear?: FiscalYearKey;
}

/** One implementation-plan book (実施計画書 兼 事業説明書), or part of it. */
export interface PlanDocument {
  format: "hoshin-plan/1";
  title: string | null;
  policies: Policy[];
  diagnostics: Diagnostic[];
}

export const PLAN_FORMAT = "hoshin-plan/1" as const;

export function emptyPlan(): PlanDocument {
  return { format: PLAN_FORMAT, title: null, policies: [], diagnostics: [] };
}

/** Every project of a plan with its policy and measure, in book order. */
export function* eachProject(
  plan: PlanDocument,
): Generator<{ policy: Policy; measure: Measure; project: Project }> {
  for (const policy of plan.policies) {
    for (const measure of policy.measures) {
      for (const project of measure.projects) yield { policy, measure, project };
    }
  }
}

/** Fiscal-year keys sorted numerically. */
export function sortedYears(keys: Iterable<FiscalYearKey>): FiscalYearKey[] {
  return [...new Set(keys)].sort((a, b) => Number(a) - Number(b));
}
