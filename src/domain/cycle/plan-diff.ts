import { planPeriod } from "../checks/check-plan.ts";
import { diffFields, type FieldChange, measureFields, projectFields } from "../editing/changes.ts";
import type { FiscalYearKey, Measure, PlanDocument, Project, Thousands } from "../plan/model.ts";
import { sortedYears } from "../plan/model.ts";
import { sumThousands } from "../plan/money.ts";

/**
 * What changed between two plans (two fiscal years, or the plan as imported and the plan now).
 *
 * Measures are matched by code. Projects are matched by name within the plan; a name printed more than
 * once in either plan is matched by name and measure code (and, within one measure, by its order).
 * A project found in both is compared field by field with `projectFields` (amounts per fiscal year and
 * funding source, activity targets, texts); one that moved to another measure gets a 施策 change too.
 * Measures are compared with `measureFields` (texts, outcome targets and actuals) and their title.
 *
 * Fiscal years: with `years: "common"` (the default) the per-year fields of projects tied to the window
 * (amounts, their 見込み mark, activity targets) are compared only for the years in both plans' periods, so that the window moving on
 * (令和6年度 dropped, 令和9年度 added) is not reported as a change of every project; those years show in
 * the totals. With `years: "all"` every year is compared (for two states of the same plan year).
 */
export interface PlanDiff {
  measuresAdded: MeasureRef[];
  measuresRemoved: MeasureRef[];
  measuresChanged: MeasureChange[];
  projectsAdded: ProjectTotals[];
  projectsRemoved: ProjectTotals[];
  projectsChanged: ProjectChange[];
  /** Projects found in both plans without any change. */
  projectsUnchanged: number;
  /** The fiscal years whose per-year project fields were compared. */
  comparedYears: FiscalYearKey[];
  /** Totals of the whole plan per fiscal year, both sides, in every year either side has. */
  totals: YearTotals[];
}

export interface MeasureRef {
  code: string;
  title: string;
}

export interface MeasureChange extends MeasureRef {
  changes: FieldChange[];
}

export interface ProjectRef {
  /** The measure the project is in (in the later plan, for a changed project). */
  measureCode: string;
  name: string;
  /** 所管課 (in the later plan, for a changed project). */
  leadDepartment: string;
}

export interface ProjectTotals extends ProjectRef {
  /** 年度別事業費 per fiscal year, in 千円. */
  totals: Record<FiscalYearKey, Thousands>;
}

export interface ProjectChange extends ProjectRef {
  changes: FieldChange[];
}

export interface SideTotals {
  total: Thousands;
  generalRevenue: Thousands;
  /** Projects printing the fiscal year. */
  projects: number;
}

export interface YearTotals {
  fiscalYear: FiscalYearKey;
  before: SideTotals;
  after: SideTotals;
  /** after − before. */
  difference: { total: Thousands; generalRevenue: Thousands; projects: number };
}

export interface DiffOptions {
  /** Which fiscal years to compare project amounts and targets in; default "common". */
  years?: "common" | "all";
}

interface Entry {
  measure: Measure;
  project: Project;
}

/** Compares two plans (see PlanDiff). Pure; exact integer sums. */
export function diffPlans(before: PlanDocument, after: PlanDocument, opts: DiffOptions = {}): PlanDiff {
  const beforeMeasures = measuresOf(before);
  const afterMeasures = measuresOf(after);
  const measuresAdded: MeasureRef[] = [];
  const measuresChanged: MeasureChange[] = [];
  for (const [code, m] of afterMeasures) {
    const b = beforeMeasures.get(code);
    if (!b) {
      measuresAdded.push({ code, title: m.title });
      continue;
    }
    const changes = diffFields(measureFieldsWithTitle(b), measureFieldsWithTitle(m));
    if (changes.length > 0) measuresChanged.push({ code, title: m.title, changes });
  }
  const measuresRemoved = [...beforeMeasures]
    .filter(([code]) => !afterMeasures.has(code))
    .map(([code, m]) => ({ code, title: m.title }));

  const periodBefore = planPeriod(before);
  const periodAfter = new Set(planPeriod(after));
  const comparedYears =
    opts.years === "all"
      ? sortedYears([...periodBefore, ...periodAfter])
      : periodBefore.filter((fy) => periodAfter.has(fy));
  const keep = opts.years === "all" ? null : new Set(comparedYears);

  const { before: beforeProjects, after: afterProjects } = keyProjects(before, after);
  const projectsAdded: ProjectTotals[] = [];
  const projectsChanged: ProjectChange[] = [];
  let projectsUnchanged = 0;
  for (const [key, a] of afterProjects) {
    const b = beforeProjects.get(key);
    if (!b) {
      projectsAdded.push(withTotals(a));
      continue;
    }
    const changes = diffFields(
      projectFieldsIn(b.project, b.measure, keep),
      projectFieldsIn(a.project, a.measure, keep),
    );
    if (changes.length === 0) projectsUnchanged++;
    else projectsChanged.push({ ...ref(a), changes });
  }
  const projectsRemoved = [...beforeProjects]
    .filter(([key]) => !afterProjects.has(key))
    .map(([, b]) => withTotals(b));

  return {
    measuresAdded,
    measuresRemoved,
    measuresChanged,
    projectsAdded,
    projectsRemoved,
    projectsChanged,
    projectsUnchanged,
    comparedYears,
    totals: yearTotals(before, after),
  };
}

function measuresOf(plan: PlanDocument): Map<string, Measure> {
  const out = new Map<string, Measure>();
  for (const policy of plan.policies)
    for (const m of policy.measures) if (!out.has(m.code)) out.set(m.code, m);
  return out;
}

function entriesOf(plan: PlanDocument): Entry[] {
  return plan.policies.flatMap((policy) =>
    policy.measures.flatMap((measure) => measure.projects.map((project) => ({ measure, project }))),
  );
}

/**
 * Each project of both plans under its matching key: the name; for a name printed more than once in
 * either plan, the measure code and the name; and for a name printed more than once in one measure,
 * its occurrence there as well.
 */
function keyProjects(before: PlanDocument, after: PlanDocument) {
  const b = entriesOf(before);
  const a = entriesOf(after);
  const ambiguous = new Set<string>();
  for (const list of [b, a]) {
    const seen = new Set<string>();
    for (const e of list) {
      if (seen.has(e.project.name)) ambiguous.add(e.project.name);
      seen.add(e.project.name);
    }
  }
  const keyed = (list: Entry[]): Map<string, Entry> => {
    const out = new Map<string, Entry>();
    const occurrences = new Map<string, number>();
    for (const e of list) {
      const base = ambiguous.has(e.project.name)
        ? `${e.measure.code}\u0000${e.project.name}`
        : e.project.name;
      const n = occurrences.get(base) ?? 0;
      occurrences.set(base, n + 1);
      out.set(n === 0 ? base : `${base}\u0000${n}`, e);
    }
    return out;
  };
  return { before: keyed(b), after: keyed(a) };
}

function ref(e: Entry): ProjectRef {
  return { measureCode: e.measure.code, name: e.project.name, leadDepartment: e.project.leadDepartment };
}

function withTotals(e: Entry): ProjectTotals {
  const totals: Record<FiscalYearKey, Thousands> = {};
  for (const fy of sortedYears(Object.keys(e.project.inputs))) {
    const i = e.project.inputs[fy];
    if (i) totals[fy] = i.total;
  }
  return { ...ref(e), totals };
}

type Fields = ReturnType<typeof projectFields>;

/** Fields tied to a year of the window: amounts, their 見込み mark, and activity targets. */
const PER_YEAR = [/^inputs\.(\d+)\./, /^estimated\.(\d+)$/, /^activityIndicators\.\d+\.targets\.(\d+)$/];

/** The fields of a project with its measure, leaving out per-year fields of years not kept. */
function projectFieldsIn(p: Project, m: Measure, keep: Set<FiscalYearKey> | null): Fields {
  const out: Fields = new Map([["measure", { label: "施策", value: m.code }]]);
  for (const [field, v] of projectFields(p)) {
    const year = keep ? PER_YEAR.map((re) => re.exec(field)?.[1]).find((y) => y !== undefined) : undefined;
    if (year === undefined || keep?.has(year)) out.set(field, v);
  }
  return out;
}

function measureFieldsWithTitle(m: Measure): Fields {
  return new Map([["title", { label: "施策名", value: m.title }], ...measureFields(m)]);
}

function sideTotals(plan: PlanDocument): Map<FiscalYearKey, SideTotals> {
  const amounts = new Map<FiscalYearKey, { total: Thousands[]; generalRevenue: Thousands[] }>();
  for (const { project } of entriesOf(plan)) {
    for (const [fy, i] of Object.entries(project.inputs)) {
      let a = amounts.get(fy);
      if (!a) {
        a = { total: [], generalRevenue: [] };
        amounts.set(fy, a);
      }
      a.total.push(i.total);
      a.generalRevenue.push(i.generalRevenue);
    }
  }
  return new Map(
    [...amounts].map(([fy, a]) => [
      fy,
      {
        total: sumThousands(a.total),
        generalRevenue: sumThousands(a.generalRevenue),
        projects: a.total.length,
      },
    ]),
  );
}

function yearTotals(before: PlanDocument, after: PlanDocument): YearTotals[] {
  const b = sideTotals(before);
  const a = sideTotals(after);
  const none: SideTotals = { total: 0, generalRevenue: 0, projects: 0 };
  return sortedYears([...b.keys(), ...a.keys()]).map((fiscalYear) => {
    const x = b.get(fiscalYear) ?? none;
    const y = a.get(fiscalYear) ?? none;
    return {
      fiscalYear,
      before: x,
      after: y,
      difference: {
        total: sumThousands([y.total, -x.total]),
        generalRevenue: sumThousands([y.generalRevenue, -x.generalRevenue]),
        projects: y.projects - x.projects,
      },
    };
  });
}
