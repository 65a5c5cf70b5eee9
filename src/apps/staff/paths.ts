import type { FiscalYearKey } from "../../domain/plan/model.ts";

// The stable addresses of the staff app's pages (issue 12「Stable addresses」): a plan by its city's
// 全国地方公共団体コード and its fiscal year, a measure by its code, a project by its key (「6-2:職員研修費」,
// domain/publication/public-ids.ts `projectKeys`), the same identifiers as the public API's. A re-import
// gives new row ids but keeps these, so a link taken before it still opens the same page after it.
// Every link the staff views and routes make to a plan, project or measure page is built here; the
// middleware of stable-paths.ts resolves them to today's routes by row id. Pure.

/** What names a plan version in an address: the city code and the fiscal year (西暦). */
export interface PlanAddress {
  cityCode: string;
  fiscalYear: number;
}

/** One path segment, percent-encoded (a key holds ':', Japanese and perhaps '/'). */
const segment = (s: string) => encodeURIComponent(s);

/** The plan's dashboard: /cities/202088/plans/2024; a sub-page (rest "review") below it. */
export function planHref(plan: PlanAddress, rest = ""): string {
  const base = `/cities/${segment(plan.cityCode)}/plans/${plan.fiscalYear}`;
  return rest === "" ? base : `${base}/${rest}`;
}

/** A project's page: /cities/202088/plans/2024/projects/6-2%3A職員研修費 (encoded); a sub-page below it. */
export function projectHref(plan: PlanAddress, key: string, rest = ""): string {
  const base = planHref(plan, `projects/${segment(key)}`);
  return rest === "" ? base : `${base}/${rest}`;
}

/** A measure's page: /cities/202088/plans/2024/measures/6-2; a sub-page below it. */
export function measureHref(plan: PlanAddress, code: string, rest = ""): string {
  const base = planHref(plan, `measures/${segment(code)}`);
  return rest === "" ? base : `${base}/${rest}`;
}

/** A project's 事務事業評価シート of a fiscal year. */
export function projectSheetHref(plan: PlanAddress, key: string, fy: FiscalYearKey | number): string {
  return projectHref(plan, key, `evaluations/${fy}`);
}

/** A measure's 施策評価シート of a fiscal year. */
export function measureSheetHref(plan: PlanAddress, code: string, fy: FiscalYearKey | number): string {
  return measureHref(plan, code, `evaluations/${fy}`);
}
