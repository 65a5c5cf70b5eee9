import type ExcelJS from "exceljs";
import { assessActivity, assessOutcome } from "../../domain/evaluation/achievement.ts";
import type {
  ActivityIndicator,
  ClassificationLevel,
  FiscalYearKey,
  Measure,
  OutcomeIndicator,
  PlanDocument,
  Project,
} from "../../domain/plan/model.ts";
import { eachProject, INPUT_FIELDS, sortedYears } from "../../domain/plan/model.ts";
import {
  ACHIEVEMENT,
  ACTIVITY,
  ACTUAL,
  BUDGET_ONLY_MARK,
  DIRECTION_TEXT,
  INDICATOR_DIRECTION,
  INPUT,
  INPUT_CHECK,
  MARK,
  OUTCOME,
  PLANNED,
  PLEDGE_TEXT,
  PROJECT,
  SHEET,
  STATUS_TEXT,
  TREND,
} from "./layout.ts";
import type { CellInput } from "./sheet-tools.ts";
import {
  achievementText,
  byYear,
  derivedColumns,
  type FlatColumn,
  trendText,
  wareki,
  writeTable,
} from "./write-table.ts";

/** A project and its 1-based position in the book (事業番号). */
interface Numbered {
  n: number;
  measure: Measure;
  project: Project;
}

const numberedProjects = (plan: PlanDocument): Numbered[] =>
  [...eachProject(plan)].map((e, i) => ({ n: i + 1, measure: e.measure, project: e.project }));

const levelNumber = (l: ClassificationLevel | null) => (l === null ? null : l.number);
const levelName = (l: ClassificationLevel | null) => (l === null ? null : l.name);

const PROJECT_COLUMNS: FlatColumn<Numbered>[] = [
  { header: PROJECT.number, width: 10, kind: "number", cell: (r) => r.n },
  { header: PROJECT.measure, width: 10, kind: "text", cell: (r) => r.measure.code },
  { header: PROJECT.name, width: 30, kind: "text", cell: (r) => r.project.name },
  { header: PROJECT.lead, width: 14, kind: "text", cell: (r) => r.project.leadDepartment },
  {
    header: PROJECT.status,
    width: 10,
    kind: "text",
    choices: Object.values(STATUS_TEXT),
    cell: (r) => STATUS_TEXT[r.project.status],
  },
  { header: PROJECT.priority, width: 10, kind: "text", cell: (r) => r.project.priority },
  { header: PROJECT.account, width: 12, kind: "text", cell: (r) => r.project.classification.account },
  {
    header: PROJECT.kanNumber,
    width: 7,
    kind: "number",
    cell: (r) => levelNumber(r.project.classification.kan),
  },
  { header: PROJECT.kanName, width: 12, kind: "text", cell: (r) => levelName(r.project.classification.kan) },
  {
    header: PROJECT.kouNumber,
    width: 7,
    kind: "number",
    cell: (r) => levelNumber(r.project.classification.kou),
  },
  { header: PROJECT.kouName, width: 14, kind: "text", cell: (r) => levelName(r.project.classification.kou) },
  {
    header: PROJECT.mokuNumber,
    width: 7,
    kind: "number",
    cell: (r) => levelNumber(r.project.classification.moku),
  },
  {
    header: PROJECT.mokuName,
    width: 16,
    kind: "text",
    cell: (r) => levelName(r.project.classification.moku),
  },
  {
    header: PROJECT.pledge,
    width: 10,
    kind: "text",
    choices: [PLEDGE_TEXT.yes, PLEDGE_TEXT.no],
    cell: ({ project: p }) =>
      p.mayoralPledge === null ? null : p.mayoralPledge ? PLEDGE_TEXT.yes : PLEDGE_TEXT.no,
  },
  {
    header: PROJECT.budgetOnly,
    width: 8,
    kind: "text",
    choices: [BUDGET_ONLY_MARK],
    cell: (r) => (r.project.budgetOnly ? BUDGET_ONLY_MARK : null),
  },
  { header: PROJECT.summary, width: 40, kind: "prose", cell: (r) => r.project.summary },
  { header: PROJECT.purpose, width: 40, kind: "prose", cell: (r) => r.project.purpose },
  { header: PROJECT.yearGoals, width: 40, kind: "prose", cell: (r) => r.project.yearGoals },
  { header: PROJECT.notes, width: 40, kind: "prose", cell: (r) => r.project.notes },
];

export function writeProjects(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  writeTable(wb, SHEET.projects, PROJECT_COLUMNS, numberedProjects(plan));
}

interface InputYear extends Numbered {
  fiscalYear: FiscalYearKey;
}

/**
 * 投入指標: a row per project and fiscal year. With evaluation data, also 決算額 and 見込み, and a row
 * (its amounts empty) for a year that has a 決算額 or 見込み but no inputs.
 */
export function writeInputs(wb: ExcelJS.Workbook, plan: PlanDocument, check: boolean): void {
  const columns: FlatColumn<InputYear>[] = [
    { header: INPUT.number, width: 10, kind: "number", cell: (r) => r.n },
    { header: INPUT.name, width: 30, kind: "text", cell: (r) => r.project.name },
    { header: INPUT.fiscalYear, width: 12, kind: "text", cell: (r) => wareki(r.fiscalYear) },
    ...INPUT_FIELDS.map(
      (f): FlatColumn<InputYear> => ({
        header: INPUT[f],
        width: 14,
        kind: "money",
        cell: (r) => r.project.inputs[r.fiscalYear]?.[f] ?? null,
      }),
    ),
  ];
  if (check) {
    columns.push(
      {
        header: INPUT_CHECK.settled,
        width: 14,
        kind: "money",
        cell: (r) => r.project.settled?.[r.fiscalYear] ?? null,
      },
      {
        header: INPUT_CHECK.estimated,
        width: 8,
        kind: "text",
        choices: [MARK],
        cell: (r) => ((r.project.estimatedYears ?? []).includes(r.fiscalYear) ? MARK : null),
      },
    );
  }
  const rows = numberedProjects(plan).flatMap((e): InputYear[] => {
    const p = e.project;
    const years = check
      ? sortedYears([...Object.keys(p.inputs), ...Object.keys(p.settled ?? {}), ...(p.estimatedYears ?? [])])
      : sortedYears(Object.keys(p.inputs));
    return years.filter((fy) => check || p.inputs[fy]).map((fiscalYear) => ({ ...e, fiscalYear }));
  });
  writeTable(wb, SHEET.inputs, columns, rows);
}

const directionColumn = <R extends { indicator: { direction?: "higher" | "lower" } }>(): FlatColumn<R> => ({
  header: INDICATOR_DIRECTION,
  width: 13,
  kind: "text",
  choices: [DIRECTION_TEXT.higher, DIRECTION_TEXT.lower],
  cell: (r) => (r.indicator.direction ? DIRECTION_TEXT[r.indicator.direction] : null),
});

/** One cell a fiscal year: 「令和6年度」 and the like, headed by the year and `label`. */
const yearColumns = <R>(
  years: readonly FiscalYearKey[],
  label: string,
  width: number,
  cell: (row: R, fy: FiscalYearKey) => CellInput,
): FlatColumn<R>[] =>
  years.map((fy) => ({ header: `${wareki(fy)}${label}`, width, kind: "text", cell: (r) => cell(r, fy) }));

/** The derived columns (達成状況, 計画策定時比) of the years with an actual. */
const derivedYearColumns = <R>(
  years: readonly FiscalYearKey[],
  label: string,
  cell: (row: R, fy: FiscalYearKey) => CellInput,
): FlatColumn<R>[] =>
  derivedColumns(years, label).map((c, i) => ({ ...c, cell: (r) => cell(r, years[i] as FiscalYearKey) }));

interface ActivityRow extends Numbered {
  position: number;
  indicator: ActivityIndicator;
}

/**
 * 活動指標: a row per indicator, its targets by fiscal year (「令和6年度」). With evaluation data, also
 * 評価の向き, the actuals in the same layout (「令和6年度実績」) and, for the years with an actual, the
 * derived 達成状況.
 */
export function writeActivities(wb: ExcelJS.Workbook, plan: PlanDocument, check: boolean): void {
  const rows = numberedProjects(plan).flatMap((e) =>
    e.project.activityIndicators.map((indicator, i) => ({ ...e, position: i + 1, indicator })),
  );
  const indicators = rows.map((r) => r.indicator);
  const actualYears = sortedYears(indicators.flatMap((a) => Object.keys(a.actual ?? {})));
  const years = sortedYears([...indicators.flatMap((a) => Object.keys(a.targets)), ...actualYears]);
  const assessed = new Map(check ? rows.map((r) => [r, byYear(assessActivity(r.indicator))]) : []);
  const columns: FlatColumn<ActivityRow>[] = [
    { header: ACTIVITY.number, width: 10, kind: "number", cell: (r) => r.n },
    { header: ACTIVITY.name, width: 26, kind: "text", cell: (r) => r.project.name },
    { header: ACTIVITY.position, width: 6, kind: "number", cell: (r) => r.position },
    { header: ACTIVITY.indicator, width: 40, kind: "text", cell: (r) => r.indicator.name },
    { header: ACTIVITY.unit, width: 8, kind: "text", cell: (r) => r.indicator.unit },
    ...(check ? [directionColumn<ActivityRow>()] : []),
    ...yearColumns<ActivityRow>(years, "", 12, (r, fy) => r.indicator.targets[fy]?.text ?? null),
    ...(check
      ? [
          ...yearColumns<ActivityRow>(years, ACTUAL, 13, (r, fy) => r.indicator.actual?.[fy]?.text ?? null),
          ...derivedYearColumns<ActivityRow>(actualYears, ACHIEVEMENT, (r, fy) =>
            achievementText(assessed.get(r)?.get(fy)),
          ),
        ]
      : []),
  ];
  writeTable(wb, SHEET.activities, columns, rows);
}

interface OutcomeRow {
  measure: Measure;
  position: number;
  indicator: OutcomeIndicator;
}

export function writeOutcomes(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const rows: OutcomeRow[] = plan.policies
    .flatMap((p) => p.measures)
    .flatMap((measure) =>
      measure.outcomeIndicators.map((indicator, i) => ({ measure, position: i + 1, indicator })),
    );
  const all = rows.map((r) => r.indicator);
  const years = sortedYears(all.flatMap((o) => [...Object.keys(o.planned), ...Object.keys(o.actual)]));
  const actualYears = sortedYears(all.flatMap((o) => Object.keys(o.actual)));
  const assessed = new Map(rows.map((r) => [r, byYear(assessOutcome(r.indicator))]));
  const columns: FlatColumn<OutcomeRow>[] = [
    { header: OUTCOME.measure, width: 10, kind: "text", cell: (r) => r.measure.code },
    { header: OUTCOME.position, width: 6, kind: "number", cell: (r) => r.position },
    { header: OUTCOME.name, width: 36, kind: "text", cell: (r) => r.indicator.name },
    { header: OUTCOME.rationale, width: 36, kind: "prose", cell: (r) => r.indicator.rationale },
    { header: OUTCOME.formula, width: 20, kind: "text", cell: (r) => r.indicator.formula },
    { header: OUTCOME.unit, width: 8, kind: "text", cell: (r) => r.indicator.unit },
    { header: OUTCOME.baseline, width: 11, kind: "text", cell: (r) => r.indicator.baseline?.text ?? null },
    directionColumn<OutcomeRow>(),
    ...yearColumns<OutcomeRow>(years, PLANNED, 13, (r, fy) => r.indicator.planned[fy]?.text ?? null),
    ...yearColumns<OutcomeRow>(years, ACTUAL, 13, (r, fy) => r.indicator.actual[fy]?.text ?? null),
    ...derivedYearColumns<OutcomeRow>(actualYears, ACHIEVEMENT, (r, fy) =>
      achievementText(assessed.get(r)?.get(fy)),
    ),
    ...derivedYearColumns<OutcomeRow>(actualYears, TREND, (r, fy) => trendText(assessed.get(r)?.get(fy))),
  ];
  writeTable(wb, SHEET.outcomes, columns, rows);
}
