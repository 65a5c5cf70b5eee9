import { effectiveOutlook } from "../../../domain/evaluation/evaluation.ts";
import { ASPECT_LABELS, OUTLOOK_LABELS } from "../../../domain/labels.ts";
import {
  type AspectRatings,
  EVALUATION_ASPECTS,
  type FiscalYearKey,
  type Measure,
  type MeasureEvaluation,
  OUTLOOKS,
  type Outlook,
  type PlanDocument,
  type ProjectEvaluation,
  RATINGS,
  sortedYears,
} from "../../../domain/plan/model.ts";
import {
  fiscalYearColumns,
  measureCodeColumn,
  measureTitleColumn,
  projectIdColumn,
  projectNameColumn,
} from "./columns.ts";
import { OPEN_DATA_FILES } from "./files.ts";
import type { ProjectRow } from "./projects.ts";
import type { Column, TableSpec } from "./table.ts";

interface ProjectEvaluationRow {
  project: ProjectRow;
  fiscalYear: FiscalYearKey;
  evaluation: ProjectEvaluation;
}

/** One row per project and fiscal year evaluated, in book order and fiscal-year order. */
export function projectEvaluationRows(projects: readonly ProjectRow[]): ProjectEvaluationRow[] {
  return projects.flatMap((p) => {
    const evaluations = p.project.evaluations ?? {};
    return sortedYears(Object.keys(evaluations)).flatMap((fy) => {
      const evaluation = evaluations[fy];
      return evaluation ? [{ project: p, fiscalYear: fy, evaluation }] : [];
    });
  });
}

interface MeasureEvaluationRow {
  measure: Measure;
  fiscalYear: FiscalYearKey;
  evaluation: MeasureEvaluation;
}

/** One row per measure and fiscal year evaluated, in book order and fiscal-year order. */
export function measureEvaluationRows(plan: PlanDocument): MeasureEvaluationRow[] {
  return plan.policies.flatMap((policy) =>
    policy.measures.flatMap((measure) => {
      const evaluations = measure.evaluations ?? {};
      return sortedYears(Object.keys(evaluations)).flatMap((fy) => {
        const evaluation = evaluations[fy];
        return evaluation ? [{ measure, fiscalYear: fy, evaluation }] : [];
      });
    }),
  );
}

const RATING_NOTE = "A = 高い・適切、B = 概ね適切、C = 低い・見直しが必要。空欄 = 未評価。";

const OUTLOOK_NOTE = `今後の方向性のコード: ${OUTLOOKS.map((o) => `${o} = ${OUTLOOK_LABELS[o]}`).join("、")}。`;

/** A/B/C and the reason of each aspect, for the 一次評価 (self) or the 二次評価 (secondary). */
function aspectColumns<R>(
  prefix: "self" | "secondary",
  who: string,
  pick: (row: R) => AspectRatings | null,
): Column<R>[] {
  return EVALUATION_ASPECTS.flatMap((aspect): Column<R>[] => {
    const label = ASPECT_LABELS[aspect];
    return [
      {
        name: `${prefix}_${aspect}_rating`,
        type: "string",
        title: `${who} ${label}`,
        description: `${who}の${label}の評価。${RATING_NOTE}`,
        enum: RATINGS,
        value: (r) => pick(r)?.[aspect].rating ?? null,
      },
      {
        name: `${prefix}_${aspect}_reason`,
        type: "string",
        title: `${who} ${label}の理由`,
        description: `${who}の${label}の評価の理由。入力されたとおり。`,
        value: (r) => pick(r)?.[aspect].reason ?? null,
      },
    ];
  });
}

/** 今後の方向性 as a code and its Japanese label. */
function outlookColumns<R>(
  prefix: string,
  title: string,
  description: string,
  pick: (row: R) => Outlook | null,
): Column<R>[] {
  return [
    {
      name: `${prefix}outlook`,
      type: "string",
      title: `${title}（コード）`,
      description: `${description}${OUTLOOK_NOTE}空欄 = 未記入。`,
      enum: OUTLOOKS,
      value: (r) => pick(r),
    },
    {
      name: `${prefix}outlook_label`,
      type: "string",
      title,
      description: `${description}${OUTLOOKS.map((o) => `「${OUTLOOK_LABELS[o]}」`).join("")}のいずれか。空欄 = 未記入。`,
      enum: OUTLOOKS.map((o) => OUTLOOK_LABELS[o]),
      value: (r) => {
        const o = pick(r);
        return o === null ? null : OUTLOOK_LABELS[o];
      },
    },
  ];
}

type Evaluated = { evaluation: { secondary: { comment: string | null } | null } };

/** 二次評価の有無, in both evaluation files; `blank` says which columns are empty without one. */
const hasSecondaryColumn = <R extends Evaluated>(blank: string): Column<R> => ({
  name: "has_secondary",
  type: "boolean",
  title: "二次評価の有無",
  description: `true = 二次評価がある（その項目が空欄なら未記入）。false = 二次評価はまだない（${blank}）。`,
  required: true,
  value: (r) => r.evaluation.secondary !== null,
});

/** The comment of the 二次評価, in both evaluation files. */
const secondaryCommentColumn = <R extends Evaluated>(): Column<R> => ({
  name: "secondary_comment",
  type: "string",
  title: "二次評価 コメント",
  description: "企画・財政担当のコメント。入力されたとおり。",
  value: (r) => r.evaluation.secondary?.comment ?? null,
});

export const PROJECT_EVALUATIONS: TableSpec<ProjectEvaluationRow> = {
  name: "project-evaluations",
  file: OPEN_DATA_FILES.projectEvaluations,
  title: "事務事業評価",
  description:
    "事務事業の評価（行政評価の事務事業評価）。1行が1事務事業の1年度の評価で、所管課による一次評価と、企画・財政担当による二次評価（ある場合）を載せています。評価のない事務事業・年度の行はありません。計画に評価が1件もないときは、このファイルはパッケージに含まれません。",
  primaryKey: ["project_id", "fiscal_year"],
  foreignKeys: [{ fields: ["project_id"], reference: { resource: "projects", fields: ["project_id"] } }],
  columns: [
    projectIdColumn((r) => r.project),
    projectNameColumn((r) => r.project.project),
    ...fiscalYearColumns<ProjectEvaluationRow>("評価の対象"),
    ...aspectColumns<ProjectEvaluationRow>("self", "一次評価", (r) => r.evaluation.self.aspects),
    ...outlookColumns<ProjectEvaluationRow>(
      "self_",
      "一次評価 今後の方向性",
      "所管課が示した今後の方向性。",
      (r) => r.evaluation.self.outlook,
    ),
    {
      name: "self_changes",
      type: "string",
      title: "一次評価 改善内容",
      description: "所管課が示した改善・見直しの内容。入力されたとおり。",
      value: (r) => r.evaluation.self.changes,
    },
    hasSecondaryColumn("secondary_ で始まる列はすべて空欄"),
    ...aspectColumns<ProjectEvaluationRow>(
      "secondary",
      "二次評価",
      (r) => r.evaluation.secondary?.aspects ?? null,
    ),
    ...outlookColumns<ProjectEvaluationRow>(
      "secondary_",
      "二次評価 今後の方向性",
      "企画・財政担当が示した今後の方向性（一次評価と異なることがあります）。",
      (r) => r.evaluation.secondary?.outlook ?? null,
    ),
    secondaryCommentColumn(),
    ...outlookColumns<ProjectEvaluationRow>(
      "",
      "今後の方向性（決定）",
      "採られる今後の方向性: 二次評価に方向性があればそれ、なければ一次評価のもの（算出した値）。",
      (r) => effectiveOutlook(r.evaluation),
    ),
  ],
};

const MEASURE_RATING_NOTE = "A = 順調、B = 概ね順調、C = 遅れている。空欄 = 未評価。";

export const MEASURE_EVALUATIONS: TableSpec<MeasureEvaluationRow> = {
  name: "measure-evaluations",
  file: OPEN_DATA_FILES.measureEvaluations,
  title: "施策評価",
  description:
    "施策の評価（行政評価の施策評価）。1行が1施策の1年度の評価で、施策の所管課による一次評価と、企画・財政担当による二次評価（ある場合）を載せています。評価のない施策・年度の行はありません。計画に評価が1件もないときは、このファイルはパッケージに含まれません。",
  primaryKey: ["measure_code", "fiscal_year"],
  columns: [
    measureCodeColumn((r) => r.measure),
    measureTitleColumn((r) => r.measure),
    ...fiscalYearColumns<MeasureEvaluationRow>("評価の対象"),
    {
      name: "self_rating",
      type: "string",
      title: "一次評価 施策の進捗",
      description: `施策の所管課による、目標に向けた施策の進み具合の評価。${MEASURE_RATING_NOTE}`,
      enum: RATINGS,
      value: (r) => r.evaluation.self.rating,
    },
    {
      name: "self_assessment",
      type: "string",
      title: "一次評価 成果と課題",
      description: "施策の所管課による成果と課題の評価。入力されたとおり。",
      value: (r) => r.evaluation.self.assessment,
    },
    {
      name: "self_next_steps",
      type: "string",
      title: "一次評価 今後の取り組み",
      description: "施策の所管課が示した今後の取り組み。入力されたとおり。",
      value: (r) => r.evaluation.self.nextSteps,
    },
    hasSecondaryColumn("secondary_ で始まる列は空欄"),
    {
      name: "secondary_rating",
      type: "string",
      title: "二次評価 施策の進捗",
      description: `企画・財政担当による施策の進み具合の評価（一次評価と異なることがあります）。${MEASURE_RATING_NOTE}`,
      enum: RATINGS,
      value: (r) => r.evaluation.secondary?.rating ?? null,
    },
    secondaryCommentColumn(),
  ],
};
