import { type FiscalYearKey, type PlanDocument, sortedYears } from "../plan/model.ts";
import {
  type Achievement,
  type AchievementCounts,
  assessActivity,
  assessOutcome,
  countAchievements,
} from "./achievement.ts";

/** One group of a plan (a measure or a department) with its indicators' achievements per fiscal year. */
export interface AchievementRow {
  key: string;
  label: string;
  byYear: Record<FiscalYearKey, AchievementCounts>;
}

export interface AchievementRollup {
  /** The fiscal years that have at least one actual, in order. */
  years: FiscalYearKey[];
  rows: AchievementRow[];
}

type Dimension = "measure" | "department";

/**
 * How many indicators met their targets, per fiscal year that has actuals, grouped by measure (its
 * outcome indicators and the activity indicators of its projects) or by department (the activity
 * indicators of the projects it runs and the outcome indicators of the measures it leads). Only years
 * with an actual count: an indicator without an actual that year is not judged.
 */
export function achievementRollup(plan: PlanDocument, dimension: Dimension): AchievementRollup {
  const groups = new Map<string, { label: string; list: Achievement[] }>();
  const add = (key: string, label: string, list: Achievement[]) => {
    let g = groups.get(key);
    if (!g) {
      g = { label, list: [] };
      groups.set(key, g);
    }
    g.list.push(...list.filter((a) => a.actual !== null));
  };
  for (const policy of plan.policies) {
    for (const m of policy.measures) {
      const outcomes = m.outcomeIndicators.flatMap(assessOutcome);
      if (dimension === "measure") add(m.code, `${m.code} ${m.title}`, outcomes);
      else if (m.leadDepartment) add(m.leadDepartment, m.leadDepartment, outcomes);
      for (const p of m.projects) {
        const activities = p.activityIndicators.flatMap(assessActivity);
        if (dimension === "measure") add(m.code, `${m.code} ${m.title}`, activities);
        else add(p.leadDepartment, p.leadDepartment, activities);
      }
    }
  }
  const years = sortedYears([...groups.values()].flatMap((g) => g.list.map((a) => a.fiscalYear)));
  const rows = [...groups.entries()]
    .filter(([, g]) => g.list.length > 0)
    .map(([key, g]) => ({
      key,
      label: g.label,
      byYear: Object.fromEntries(
        years.map((fy) => [fy, countAchievements(g.list.filter((a) => a.fiscalYear === fy))]),
      ),
    }));
  if (dimension === "department") rows.sort((a, b) => a.label.localeCompare(b.label, "ja"));
  return { years, rows };
}
