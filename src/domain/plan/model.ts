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

/** Which way an indicator gets better: 高いほど良い ("higher") or 低いほど良い ("lower"). */
export type IndicatorDirection = "higher" | "lower";

export interface ActivityIndicator {
  name: string;
  unit: string | null;
  targets: Record<FiscalYearKey, IndicatorValue>;
  /** 実績 per fiscal year, entered with the evaluation of that year. Absent when there is none. */
  actual?: Record<FiscalYearKey, IndicatorValue>;
  /** Set by the user; absent: judged from the targets (以上 → higher, 以下 → lower, else higher). */
  direction?: IndicatorDirection;
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
  /** 決算額 per fiscal year in 千円, beside the budget (inputs). Absent when there is none. */
  settled?: Record<FiscalYearKey, Thousands>;
  /**
   * Fiscal years whose inputs are estimates (見込み) carried over by a rollover from the previous last
   * year, not yet budgeted. Absent when none.
   */
  estimatedYears?: FiscalYearKey[];
  /** 事務事業評価 per fiscal year evaluated. Absent when there is none. */
  evaluations?: Record<FiscalYearKey, ProjectEvaluation>;
}

/** A/B/C of an evaluation aspect (A: 高い・適切, B: 概ね, C: 低い・見直しが必要). */
export type Rating = "A" | "B" | "C";
export const RATINGS = ["A", "B", "C"] as const satisfies readonly Rating[];

/** 必要性・有効性・効率性・公平性 */
export const EVALUATION_ASPECTS = ["necessity", "effectiveness", "efficiency", "equity"] as const;
export type EvaluationAspect = (typeof EVALUATION_ASPECTS)[number];

/** 今後の方向性: 拡充・継続・改善・縮小・廃止・完了 */
export const OUTLOOKS = ["expand", "continue", "improve", "reduce", "abolish", "complete"] as const;
export type Outlook = (typeof OUTLOOKS)[number];

export interface AspectRating {
  rating: Rating | null;
  reason: string | null;
}

export type AspectRatings = Record<EvaluationAspect, AspectRating>;

/** 事務事業評価 of one fiscal year: 一次評価 by the department, 二次評価 by the planning division. */
export interface ProjectEvaluation {
  self: {
    aspects: AspectRatings;
    outlook: Outlook | null;
    /** What the department will change (改善・見直しの内容). */
    changes: string | null;
  };
  /** null until the planning division writes it; it may differ from the department's. */
  secondary: {
    aspects: AspectRatings;
    outlook: Outlook | null;
    comment: string | null;
  } | null;
}

/** 施策評価 of one fiscal year by the measure's lead department, with the planning division's view. */
export interface MeasureEvaluation {
  self: {
    /** How far the measure got towards its goals: A 順調, B 概ね順調, C 遅れている. */
    rating: Rating | null;
    assessment: string | null;
    nextSteps: string | null;
  };
  secondary: { rating: Rating | null; comment: string | null } | null;
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
  /** Set by the user; absent: judged from the targets (以上 → higher, 以下 → lower, else higher). */
  direction?: IndicatorDirection;
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
  /** 施策評価 per fiscal year evaluated. Absent when there is none. */
  evaluations?: Record<FiscalYearKey, MeasureEvaluation>;
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
