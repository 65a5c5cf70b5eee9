import type { PlanDocument } from "../../../domain/plan/model.ts";

export interface OpenDataMeta {
  city: string;
  /** The city's 全国地方公共団体コード, carried in datapackage.json (hoshin.cityCode) when known. */
  cityCode?: string;
  /** Western fiscal year of the plan (令和6年度 → 2024). */
  fiscalYear: number;
  /** Title of the package; by default 「{city} {令和N年度} {plan title}」. */
  title?: string;
}

export const OPEN_DATA_FILES = {
  projects: "projects.csv",
  inputs: "project-inputs.csv",
  activities: "activity-indicators.csv",
  outcomes: "outcome-indicators.csv",
  /** Written only when the plan has an evaluation (see `openDataFileNames`). */
  projectEvaluations: "project-evaluations.csv",
  /** Written only when the plan has an evaluation (see `openDataFileNames`). */
  measureEvaluations: "measure-evaluations.csv",
  descriptor: "datapackage.json",
  plan: "plan.json",
} as const;

/** The canonical location of the Budget taxonomy of Fiscal Data Package 1.0-rc.1. */
export const FDP_BUDGET_TAXONOMY = "https://frictionlessdata.io/taxonomies/fiscal/budgets.json";

/** Our one ColumnType beyond the Budget taxonomy, declared in the descriptor's `columnTypes`. */
export const VALUE_FACTOR = "value-factor";

/** Whether the plan has an evaluation (事務事業評価 or 施策評価) of any fiscal year. */
export function hasEvaluations(plan: PlanDocument): boolean {
  return plan.policies.some((policy) =>
    policy.measures.some(
      (m) =>
        Object.keys(m.evaluations ?? {}).length > 0 ||
        m.projects.some((p) => Object.keys(p.evaluations ?? {}).length > 0),
    ),
  );
}

/**
 * The names of the files `writeOpenData` writes for this plan, in order: the four CSV files, the two
 * evaluation files when the plan has an evaluation, datapackage.json and plan.json.
 */
export function openDataFileNames(plan: PlanDocument): string[] {
  const f = OPEN_DATA_FILES;
  return [
    f.projects,
    f.inputs,
    f.activities,
    f.outcomes,
    ...(hasEvaluations(plan) ? [f.projectEvaluations, f.measureEvaluations] : []),
    f.descriptor,
    f.plan,
  ];
}
