import type ExcelJS from "exceljs";
import type {
  AspectRatings,
  FiscalYearKey,
  Measure,
  MeasureEvaluation,
  Outlook,
  PlanDocument,
  Project,
  ProjectEvaluation,
} from "../../domain/plan/model.ts";
import { EVALUATION_ASPECTS, eachProject, OUTLOOKS, sortedYears } from "../../domain/plan/model.ts";
import {
  aspectRatingHeading,
  aspectReasonHeading,
  type EvaluationStage,
  MARK,
  MEASURE_EVALUATION,
  OUTLOOK_TEXT,
  PROJECT_EVALUATION,
  RATING_TEXT,
  SHEET,
} from "./layout.ts";
import { type FlatColumn, fiscalYearText, writeTable } from "./write-table.ts";

const outlookText = (o: Outlook | null | undefined) => (o ? OUTLOOK_TEXT[o] : null);
const OUTLOOK_CHOICES = OUTLOOKS.map((o) => OUTLOOK_TEXT[o]);

/** Each fiscal year of `evaluations` that has one, in year order. */
function evaluatedYears<E>(evaluations: Partial<Record<FiscalYearKey, E>> | undefined) {
  const all = evaluations ?? {};
  return sortedYears(Object.keys(all)).flatMap((fy) => {
    const e = all[fy];
    return e ? [{ fiscalYear: fy, evaluation: e }] : [];
  });
}

interface ProjectEvaluationRow {
  n: number;
  project: Project;
  fiscalYear: FiscalYearKey;
  evaluation: ProjectEvaluation;
}

/** A/B/C and the reason of each aspect of the 一次評価 or the 二次評価. */
const aspectColumns = (
  stage: EvaluationStage,
  pick: (e: ProjectEvaluation) => AspectRatings | undefined,
): FlatColumn<ProjectEvaluationRow>[] =>
  EVALUATION_ASPECTS.flatMap((a): FlatColumn<ProjectEvaluationRow>[] => [
    {
      header: aspectRatingHeading(stage, a),
      width: 9,
      kind: "text",
      choices: RATING_TEXT,
      cell: (r) => pick(r.evaluation)?.[a].rating ?? null,
    },
    {
      header: aspectReasonHeading(stage, a),
      width: 30,
      kind: "prose",
      cell: (r) => pick(r.evaluation)?.[a].reason ?? null,
    },
  ]);

const PROJECT_EVALUATION_COLUMNS: FlatColumn<ProjectEvaluationRow>[] = [
  { header: PROJECT_EVALUATION.number, width: 10, kind: "number", cell: (r) => r.n },
  { header: PROJECT_EVALUATION.name, width: 26, kind: "text", cell: (r) => r.project.name },
  {
    header: PROJECT_EVALUATION.fiscalYear,
    width: 12,
    kind: "text",
    cell: (r) => fiscalYearText(r.fiscalYear),
  },
  ...aspectColumns("self", (e) => e.self.aspects),
  {
    header: PROJECT_EVALUATION.selfOutlook,
    width: 12,
    kind: "text",
    choices: OUTLOOK_CHOICES,
    cell: (r) => outlookText(r.evaluation.self.outlook),
  },
  { header: PROJECT_EVALUATION.changes, width: 40, kind: "prose", cell: (r) => r.evaluation.self.changes },
  {
    header: PROJECT_EVALUATION.secondary,
    width: 9,
    kind: "text",
    choices: [MARK],
    cell: (r) => (r.evaluation.secondary ? MARK : null),
  },
  ...aspectColumns("secondary", (e) => e.secondary?.aspects),
  {
    header: PROJECT_EVALUATION.secondaryOutlook,
    width: 12,
    kind: "text",
    choices: OUTLOOK_CHOICES,
    cell: (r) => outlookText(r.evaluation.secondary?.outlook),
  },
  {
    header: PROJECT_EVALUATION.comment,
    width: 40,
    kind: "prose",
    cell: (r) => r.evaluation.secondary?.comment ?? null,
  },
];

/** 事務事業評価: a row per project and fiscal year evaluated, 一次評価 then 二次評価. */
export function writeProjectEvaluations(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const rows = [...eachProject(plan)].flatMap(({ project }, i) =>
    evaluatedYears(project.evaluations).map((y) => ({ n: i + 1, project, ...y })),
  );
  writeTable(wb, SHEET.projectEvaluations, PROJECT_EVALUATION_COLUMNS, rows);
}

interface MeasureEvaluationRow {
  measure: Measure;
  fiscalYear: FiscalYearKey;
  evaluation: MeasureEvaluation;
}

const MEASURE_EVALUATION_COLUMNS: FlatColumn<MeasureEvaluationRow>[] = [
  { header: MEASURE_EVALUATION.measure, width: 10, kind: "text", cell: (r) => r.measure.code },
  { header: MEASURE_EVALUATION.title, width: 30, kind: "text", cell: (r) => r.measure.title },
  {
    header: MEASURE_EVALUATION.fiscalYear,
    width: 12,
    kind: "text",
    cell: (r) => fiscalYearText(r.fiscalYear),
  },
  {
    header: MEASURE_EVALUATION.selfRating,
    width: 9,
    kind: "text",
    choices: RATING_TEXT,
    cell: (r) => r.evaluation.self.rating,
  },
  {
    header: MEASURE_EVALUATION.assessment,
    width: 50,
    kind: "prose",
    cell: (r) => r.evaluation.self.assessment,
  },
  {
    header: MEASURE_EVALUATION.nextSteps,
    width: 50,
    kind: "prose",
    cell: (r) => r.evaluation.self.nextSteps,
  },
  {
    header: MEASURE_EVALUATION.secondary,
    width: 9,
    kind: "text",
    choices: [MARK],
    cell: (r) => (r.evaluation.secondary ? MARK : null),
  },
  {
    header: MEASURE_EVALUATION.secondaryRating,
    width: 9,
    kind: "text",
    choices: RATING_TEXT,
    cell: (r) => r.evaluation.secondary?.rating ?? null,
  },
  {
    header: MEASURE_EVALUATION.comment,
    width: 50,
    kind: "prose",
    cell: (r) => r.evaluation.secondary?.comment ?? null,
  },
];

/** 施策評価: a row per measure and fiscal year evaluated. */
export function writeMeasureEvaluations(wb: ExcelJS.Workbook, plan: PlanDocument): void {
  const rows = plan.policies.flatMap((policy) =>
    policy.measures.flatMap((measure) => evaluatedYears(measure.evaluations).map((y) => ({ measure, ...y }))),
  );
  writeTable(wb, SHEET.measureEvaluations, MEASURE_EVALUATION_COLUMNS, rows);
}
