/**
 * A plan as open data: flat CSV files, a datapackage.json that describes them, and the plan itself.
 *
 * The descriptor is a Tabular Data Package (Data Package, Data Resource, Tabular Data Resource and Table
 * Schema 1.0-rc.2, CSV Dialect 1.2 of frictionlessdata) carrying the Fiscal Data Package modelling twice:
 *  - Fiscal Data Package 1.0-rc.1 (22 April 2018, with its Budget taxonomy 1.0-rc.1): every fiscal column of
 *    project-inputs.csv carries a `columnType`, the six amount columns are "denormalising measures"
 *    (`normalize` into the `extraFields` amount/funding_source/phase), and currency, factor and direction
 *    are constant extra fields;
 *  - the `model` (measures with currency, factor and phase, dimensions) of Fiscal Data Package 0.3, because
 *    the JSON Schema the 1.0-rc.1 specification links (fiscal-data-package.json in the Frictionless
 *    registry) still requires it, as do the OpenSpending tools that read fiscal data packages.
 * The package `profile` is "tabular-data-package": the Tabular Data Package specification requires it, and
 * the registry's fiscal-data-package.json only admits that value.
 *
 * Classification: the 款・項・目 of a Japanese municipal expenditure budget is its classification by
 * purpose (目的別分類, 地方自治法施行規則 第15条・別記), so it is mapped to the functional classification
 * (`functional-classification:generic:level1..3`, 0.3 `classificationType: "functional"`); the
 * administrative classification (who spends) is the department in charge, 所管課. The 会計 (一般会計 or a
 * special account) is the fund, 0.3's "account" entity; the 1.0 taxonomy has no type for it.
 *
 * Budget phases: 決算額 (`settled`) is a second measure of project-inputs.csv beside the five plan
 * amounts, distinguished by the budget phase, as the 1.0-rc.1 specification models "Approved 2015" and
 * "Executed 2015" columns: a reduced extra field `phase` (ColumnType `phase:id`) that every measure's
 * `normalize` names, and `phase` on each 0.3 measure.
 *  - The five plan amounts are "proposed": they are the executive's plan (the 実施計画 is drawn up by the
 *    city's executive and is not enacted by the assembly) for the plan year and the projections of the
 *    years after it; a year in `estimatedYears` is an estimate (見込み) carried over by a rollover. None of
 *    them is the enacted budget ("approved") or the budget after 補正 ("adjusted"), even where the plan
 *    year's figure equals the 当初予算, so those phases are not claimed. The `estimated` column tells the
 *    estimates apart; it is not a phase of its own: FDP has none for it, and the figures are still the
 *    executive's plan.
 *  - 決算額 is "executed": the money actually spent in the year, of the project as a whole, so its
 *    funding source is "total" (the settlement has no breakdown by source here).
 * So the denormalised form has one row per project, year, funding source and phase; a consumer must not
 * add the proposed and the executed amounts (nor "total" and the sources). 決算額 is a separate measure
 * and not a second row per year: the plan amounts and the settlement of one year sit side by side, which
 * is how the 事務事業評価 sheets compare them (執行率 = 決算額 ÷ 年度別事業費).
 *
 * Check data: the outcome and activity indicators carry their actuals (実績), their direction as the plan
 * holds it, and the achievement of each year (`domain/achievement.ts`: status, rate, trend, and the
 * direction the year was judged in). project-evaluations.csv and measure-evaluations.csv hold the
 * 事務事業評価 and 施策評価 (一次評価 and 二次評価) one row per object and fiscal year evaluated. The two
 * evaluation files are written only when the plan has an evaluation (of a project or a measure); then
 * both are, a kind without any evaluation as a header-only file. A plan without evaluations keeps the
 * shape it had before evaluations existed (four CSV files and four resources), which the command line
 * and the staff app's downloads rely on; a consumer finds out whether they are there from the resources
 * of datapackage.json (see `openDataFileNames`).
 *
 * Everything is written exactly as the plan holds it: amounts as stored (a project whose funding sources do
 * not add up to its total keeps both as printed), texts unchanged (see csv.ts on formula injection), no
 * sums or derived amounts. The only derived values are ids, positions, 和暦 labels, the 款.項.目 code, the
 * Japanese labels of codes (新規・継続, 今後の方向性), the effective outlook of an evaluation
 * (`effectiveOutlook`), and the achievement columns of the indicators.
 */

import { createHash } from "node:crypto";
import {
  ACHIEVEMENT_LABELS,
  type Achievement,
  activitySeries,
  assessActivity,
  assessOutcome,
  assessYear,
  type IndicatorSeries,
  indicatorDirection,
  outcomeSeries,
} from "../../domain/evaluation/achievement.ts";
import { ASPECT_LABELS, effectiveOutlook, OUTLOOK_LABELS } from "../../domain/evaluation/evaluation.ts";
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES } from "../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import {
  type ActivityIndicator,
  type AspectRatings,
  type Classification,
  type ClassificationLevel,
  EVALUATION_ASPECTS,
  eachProject,
  type FiscalYearKey,
  type IndicatorDirection,
  type IndicatorValue,
  type InputField,
  type Inputs,
  type Measure,
  type MeasureEvaluation,
  OUTLOOKS,
  type OutcomeIndicator,
  type Outlook,
  type PlanDocument,
  type Policy,
  type Project,
  type ProjectEvaluation,
  RATINGS,
  sortedYears,
} from "../../domain/plan/model.ts";
import { type CsvCell, writeCsv } from "./csv.ts";

export interface OpenDataMeta {
  city: string;
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

const CURRENCY = "JPY";
/** The amounts are 千円: multiply by 1,000 for yen. */
const FACTOR = 1000;

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

/**
 * The open data of a plan, by file name (`openDataFileNames`): projects.csv, project-inputs.csv,
 * activity-indicators.csv, outcome-indicators.csv, and project-evaluations.csv and
 * measure-evaluations.csv when the plan has an evaluation (UTF-8 with BOM, CRLF), datapackage.json and
 * plan.json (hoshin-plan/1).
 * Throws RangeError when an amount is not an integer or a text cannot be written exactly.
 */
export function writeOpenData(plan: PlanDocument, meta: OpenDataMeta): Map<string, Uint8Array> {
  const projects = projectRows(plan);
  const tables = [
    table(PROJECTS, projects),
    table(INPUTS, inputRows(projects)),
    table(ACTIVITIES, activityRows(projects, meta.fiscalYear)),
    table(OUTCOMES, outcomeRows(plan, meta.fiscalYear)),
    ...(hasEvaluations(plan)
      ? [
          table(PROJECT_EVALUATIONS, projectEvaluationRows(projects)),
          table(MEASURE_EVALUATIONS, measureEvaluationRows(plan)),
        ]
      : []),
  ];
  const planJson = new TextEncoder().encode(`${JSON.stringify(plan, null, 2)}\n`);
  const descriptor = packageDescriptor(plan, meta, projects, tables);

  const files = new Map<string, Uint8Array>();
  for (const t of tables) files.set(t.file, t.bytes);
  files.set(OPEN_DATA_FILES.descriptor, new TextEncoder().encode(`${JSON.stringify(descriptor, null, 2)}\n`));
  files.set(OPEN_DATA_FILES.plan, planJson);
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// Rows

interface ProjectRow {
  policy: Policy;
  measure: Measure;
  project: Project;
  /** `${measure.code}-${position in the measure}`: "6-2-5". */
  id: string;
  /** 1-based position in the book, over the whole plan. */
  number: number;
}

function projectRows(plan: PlanDocument): ProjectRow[] {
  const rows: ProjectRow[] = [];
  let number = 0;
  let measure: Measure | null = null;
  let inMeasure = 0;
  for (const e of eachProject(plan)) {
    if (e.measure !== measure) {
      measure = e.measure;
      inMeasure = 0;
    }
    number++;
    inMeasure++;
    rows.push({ ...e, id: `${e.measure.code}-${inMeasure}`, number });
  }
  return rows;
}

interface InputRow extends ProjectRow {
  fiscalYear: FiscalYearKey;
  /** null for a year with a 決算額 but no plan amounts (a year before the plan's window). */
  inputs: Inputs | null;
  settled: number | null;
  estimated: boolean;
}

/** One row per project and fiscal year with plan amounts or a 決算額. */
function inputRows(projects: readonly ProjectRow[]): InputRow[] {
  return projects.flatMap((p) => {
    const { inputs, settled = {}, estimatedYears = [] } = p.project;
    return sortedYears([...Object.keys(inputs), ...Object.keys(settled)]).map((fy) => ({
      ...p,
      fiscalYear: fy,
      inputs: inputs[fy] ?? null,
      settled: settled[fy] ?? null,
      estimated: estimatedYears.includes(fy),
    }));
  });
}

/** One fiscal year of an indicator: its values and its achievement. */
interface IndicatorYear {
  position: number;
  fiscalYear: FiscalYearKey;
  /** The indicator's direction as the plan holds it (absent: judged from the targets). */
  direction: IndicatorDirection | null;
  achievement: Achievement;
}

/**
 * The years of an indicator with a target (planned value) or an actual, each with its achievement; an
 * indicator with neither keeps one row in the plan's fiscal year (nothing of the plan is dropped), whose
 * achievement is that of an empty year (実績なし).
 */
function indicatorYears(
  series: IndicatorSeries,
  direction: IndicatorDirection | undefined,
  assessed: readonly Achievement[],
  planYear: number,
  position: number,
): IndicatorYear[] {
  const years: Achievement[] =
    assessed.length > 0
      ? [...assessed]
      : [
          assessYear({
            baseline: series.baseline,
            target: null,
            actual: null,
            direction: direction ?? indicatorDirection(series),
            fiscalYear: String(planYear),
          }),
        ];
  return years.map((achievement) => ({
    position,
    fiscalYear: achievement.fiscalYear,
    direction: direction ?? null,
    achievement,
  }));
}

interface ActivityRow extends IndicatorYear {
  project: ProjectRow;
  indicator: ActivityIndicator;
}

/** One row per activity indicator and fiscal year with a target or an actual (see `indicatorYears`). */
function activityRows(projects: readonly ProjectRow[], planYear: number): ActivityRow[] {
  return projects.flatMap((p) =>
    p.project.activityIndicators.flatMap((indicator, i) =>
      indicatorYears(
        activitySeries(indicator),
        indicator.direction,
        assessActivity(indicator),
        planYear,
        i + 1,
      ).map((y) => ({ ...y, project: p, indicator })),
    ),
  );
}

interface OutcomeRow extends IndicatorYear {
  measure: Measure;
  indicator: OutcomeIndicator;
}

/** One row per outcome indicator and fiscal year with a planned or an actual value; as for activities. */
function outcomeRows(plan: PlanDocument, planYear: number): OutcomeRow[] {
  return plan.policies.flatMap((policy) =>
    policy.measures.flatMap((measure) =>
      measure.outcomeIndicators.flatMap((indicator, i) =>
        indicatorYears(
          outcomeSeries(indicator),
          indicator.direction,
          assessOutcome(indicator),
          planYear,
          i + 1,
        ).map((y) => ({ ...y, measure, indicator })),
      ),
    ),
  );
}

interface ProjectEvaluationRow {
  project: ProjectRow;
  fiscalYear: FiscalYearKey;
  evaluation: ProjectEvaluation;
}

/** One row per project and fiscal year evaluated, in book order and fiscal-year order. */
function projectEvaluationRows(projects: readonly ProjectRow[]): ProjectEvaluationRow[] {
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
function measureEvaluationRows(plan: PlanDocument): MeasureEvaluationRow[] {
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

// ---------------------------------------------------------------------------------------------------------
// Columns

type FieldType = "string" | "integer" | "number" | "boolean";

interface Column<R> {
  /** Table Schema field name and CSV header: ASCII snake_case. */
  name: string;
  type: FieldType;
  title: string;
  description: string;
  required?: boolean;
  enum?: readonly string[];
  /** Fiscal Data Package 1.0-rc.1 ColumnType. */
  columnType?: string;
  /** Fiscal Data Package 1.0-rc.1: this amount column is one measure of the denormalised form. */
  normalize?: Record<string, string>;
  value: (row: R) => CsvCell;
}

interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

interface TableSpec<R> {
  name: string;
  file: string;
  title: string;
  description: string;
  columns: Column<R>[];
  primaryKey: string[];
  foreignKeys?: ForeignKey[];
  extraFields?: Record<string, unknown>[];
}

const code = (l: ClassificationLevel | null): string | null =>
  l === null || l.number === null ? null : String(l.number);
const levelName = (l: ClassificationLevel | null): string | null => (l === null ? null : l.name);

/** 「2.1.4」: the numbers of 款・項・目 joined by periods, up to the first level without a number. */
function classificationCode(c: Classification): string | null {
  const parts: string[] = [];
  for (const l of [c.kan, c.kou, c.moku]) {
    if (l === null || l.number === null) break;
    parts.push(String(l.number));
  }
  return parts.length === 0 ? null : parts.join(".");
}

const fiscalYearInt = (fy: FiscalYearKey): number => {
  if (!/^\d+$/.test(fy)) throw new RangeError(`open data: fiscal year key is not a Western year: ${fy}`);
  return Number(fy);
};

const COMPARATORS = [">=", "<=", "="] as const;
const DIRECTIONS = ["higher", "lower"] as const satisfies readonly IndicatorDirection[];

/** Fiscal Data Package budget phases (0.3 measure `phase`, 1.0 `phase:id`) of the amounts. */
const PHASE = { plan: "proposed", settled: "executed" } as const;

const PROJECT_ID_DESCRIPTION =
  "事務事業を指す識別子。「施策番号-施策内の順番」（例: 6-2-5 は施策6-2の5番目の事務事業）。同じ計画書の中で一意で、各ファイルをこの列で結び付けられます。";

/**
 * 会計 and 款・項・目 (number and name of each level), shared by projects.csv and project-inputs.csv; in
 * the fiscal file also the 款.項.目 code and the Fiscal Data Package ColumnTypes (functional classification).
 */
function classificationColumns<R extends { project: Project }>(fiscal: boolean): Column<R>[] {
  const c = (r: R) => r.project.classification;
  const ct = (t: string) => (fiscal ? { columnType: t } : {});
  return [
    {
      name: "account",
      type: "string",
      title: "会計",
      description: "会計の名称（一般会計、特別会計の名称）。計画書の記載どおり。",
      value: (r) => c(r).account,
    },
    ...(fiscal
      ? [
          {
            name: "classification_code",
            type: "string",
            title: "款項目コード",
            description:
              "款・項・目の番号をピリオドで結んだもの（例: 2.1.4 は 2款 1項 4目）。番号のない階層の手前まで。会計ごとの番号です。",
            columnType: "functional-classification:generic:code",
            value: (r: R) => classificationCode(c(r)),
          } satisfies Column<R>,
        ]
      : []),
    {
      name: "kan_code",
      type: "string",
      title: "款番号",
      description: "款（目的別分類の第1階層）の番号。",
      ...ct("functional-classification:generic:level1:code"),
      value: (r) => code(c(r).kan),
    },
    {
      name: "kan_name",
      type: "string",
      title: "款名",
      description: "款の名称。計画書の記載どおり（同じ番号で名称が異なる記載もそのまま）。",
      ...ct("functional-classification:generic:level1:label"),
      value: (r) => levelName(c(r).kan),
    },
    {
      name: "kou_code",
      type: "string",
      title: "項番号",
      description: "項（目的別分類の第2階層）の番号。",
      ...ct("functional-classification:generic:level2:code"),
      value: (r) => code(c(r).kou),
    },
    {
      name: "kou_name",
      type: "string",
      title: "項名",
      description: "項の名称。計画書の記載どおり。",
      ...ct("functional-classification:generic:level2:label"),
      value: (r) => levelName(c(r).kou),
    },
    {
      name: "moku_code",
      type: "string",
      title: "目番号",
      description: "目（目的別分類の第3階層）の番号。",
      ...ct("functional-classification:generic:level3:code"),
      value: (r) => code(c(r).moku),
    },
    {
      name: "moku_name",
      type: "string",
      title: "目名",
      description: "目の名称。計画書の記載どおり。",
      ...ct("functional-classification:generic:level3:label"),
      value: (r) => levelName(c(r).moku),
    },
  ];
}

const PROJECTS: TableSpec<ProjectRow> = {
  name: "projects",
  file: OPEN_DATA_FILES.projects,
  title: "事務事業",
  description:
    "事務事業の一覧。1行が1事務事業で、計画書の掲載順です。予算のみ掲載の事業（事業シートのない事業）も含みます。",
  primaryKey: ["project_id"],
  columns: [
    {
      name: "project_id",
      type: "string",
      title: "事業ID",
      description: PROJECT_ID_DESCRIPTION,
      required: true,
      value: (r) => r.id,
    },
    {
      name: "project_number",
      type: "integer",
      title: "事業番号",
      description: "計画書での掲載順（1から）。",
      required: true,
      value: (r) => r.number,
    },
    {
      name: "policy_code",
      type: "string",
      title: "政策番号",
      description: "政策の番号（例: 6）。",
      required: true,
      value: (r) => r.policy.code,
    },
    {
      name: "policy_title",
      type: "string",
      title: "政策名",
      description: "政策の名称。",
      value: (r) => r.policy.title,
    },
    {
      name: "measure_code",
      type: "string",
      title: "施策番号",
      description: "施策の番号（例: 6-2）。",
      required: true,
      value: (r) => r.measure.code,
    },
    {
      name: "measure_title",
      type: "string",
      title: "施策名",
      description: "施策の名称。",
      value: (r) => r.measure.title,
    },
    {
      name: "project_name",
      type: "string",
      title: "事務事業名",
      description: "事務事業の名称。計画書の記載どおり。",
      required: true,
      value: (r) => r.project.name,
    },
    {
      name: "status",
      type: "string",
      title: "新規・継続（コード）",
      description: "continuing = 継続、new = 新規。",
      required: true,
      enum: ["continuing", "new"],
      value: (r) => r.project.status,
    },
    {
      name: "status_label",
      type: "string",
      title: "新規・継続",
      description: "「継続」または「新規」。",
      required: true,
      enum: PROJECT_STATUSES.map((s) => PROJECT_STATUS_LABELS[s]),
      value: (r) => PROJECT_STATUS_LABELS[r.project.status],
    },
    {
      name: "priority",
      type: "string",
      title: "事業優先順位",
      description: "事業優先順位。計画書の記載どおり（例: B、A(B)）。記載のない事業は空欄。",
      value: (r) => r.project.priority,
    },
    {
      name: "lead_department",
      type: "string",
      title: "所管課",
      description: "事務事業を所管する課の名称。",
      required: true,
      value: (r) => r.project.leadDepartment,
    },
    {
      name: "mayoral_pledge",
      type: "boolean",
      title: "市長公約事項",
      description: "市長公約事項に当たるか。true = 有、false = 無、空欄 = 記載なし。",
      value: (r) => r.project.mayoralPledge,
    },
    {
      name: "budget_only",
      type: "boolean",
      title: "予算のみ掲載",
      description:
        "true = 事業シートがなく、事業名・新規継続・会計款項目・所管課・投入指標だけが掲載された事業。",
      required: true,
      value: (r) => r.project.budgetOnly,
    },
    ...classificationColumns<ProjectRow>(false),
    {
      name: "summary",
      type: "string",
      title: "事業概要",
      description: "事業概要。計画書の記載どおり（段落は改行で区切られます。以下の文章の列も同じ）。",
      value: (r) => r.project.summary,
    },
    {
      name: "purpose",
      type: "string",
      title: "目的",
      description: "事業の目的。計画書の記載どおり。",
      value: (r) => r.project.purpose,
    },
    {
      name: "year_goals",
      type: "string",
      title: "年度の目標",
      description: "計画年度の目標（令和N年度の目標）。計画書の記載どおり。",
      value: (r) => r.project.yearGoals,
    },
    {
      name: "notes",
      type: "string",
      title: "特記事項",
      description: "特記事項。計画書の記載どおり。",
      value: (r) => r.project.notes,
    },
  ],
};

/** Funding-source codes of the denormalised form (extra field funding_source), one per amount column. */
const FUNDING_SOURCE_CODE: Record<InputField, string> = {
  total: "total",
  nationalPrefectural: "national-prefectural",
  localBonds: "local-bonds",
  otherEarmarked: "other-earmarked",
  generalRevenue: "general-revenue",
};

const AMOUNTS: { field: InputField; name: string; title: string; description: string }[] = [
  {
    field: "total",
    name: "total",
    title: "年度別事業費",
    description:
      "年度別事業費（千円）。計画書の記載どおりで、財源の内訳の合計と一致しない事業もそのまま載せています。",
  },
  {
    field: "nationalPrefectural",
    name: "national_prefectural",
    title: "特定財源 国・県支出金",
    description: "特定財源のうち国・県支出金（千円）。",
  },
  {
    field: "localBonds",
    name: "local_bonds",
    title: "特定財源 地方債",
    description: "特定財源のうち地方債（千円）。",
  },
  {
    field: "otherEarmarked",
    name: "other_earmarked",
    title: "特定財源 その他",
    description:
      "特定財源のうちその他（千円）。計画書に特定財源の計は記載されていないため、特定財源の合計は国・県支出金・地方債・その他の和です。",
  },
  {
    field: "generalRevenue",
    name: "general_revenue",
    title: "一般財源",
    description: "一般財源（千円）。計画書の記載どおり。",
  },
];

/** The plan amounts are empty only in a year that has a 決算額 alone. */
const PLAN_AMOUNT_NOTE = "決算額だけがある年度（計画の期間より前の年度など）は空欄。";

const INPUTS: TableSpec<InputRow> = {
  name: "project-inputs",
  file: OPEN_DATA_FILES.inputs,
  title: "投入指標（年度別事業費と財源内訳）と決算額",
  description:
    "事務事業ごと・年度ごとの年度別事業費と財源内訳、その見込みの別、決算額。金額の単位は千円（整数）。計画書に印刷された年度（ローリングで見込みとして加わった年度を含む）と、決算額のある年度を載せています。予算のみ掲載の事業には最終年度のないものがあります。",
  primaryKey: ["project_id", "fiscal_year"],
  foreignKeys: [{ fields: ["project_id"], reference: { resource: "projects", fields: ["project_id"] } }],
  columns: [
    {
      name: "project_id",
      type: "string",
      title: "事業ID",
      description: PROJECT_ID_DESCRIPTION,
      required: true,
      columnType: "activity:generic:project:code",
      value: (r) => r.id,
    },
    {
      name: "fiscal_year",
      type: "integer",
      title: "年度",
      description: "会計年度（西暦。例: 2024 は令和6年度、2024年4月1日から2025年3月31日まで）。",
      required: true,
      columnType: "date:fiscal-year",
      value: (r) => fiscalYearInt(r.fiscalYear),
    },
    {
      name: "fiscal_year_label",
      type: "string",
      title: "年度（和暦）",
      description: "会計年度の和暦表記（例: 令和6年度）。",
      required: true,
      value: (r) => formatWarekiFiscalYear(r.fiscalYear),
    },
    {
      name: "policy_code",
      type: "string",
      title: "政策番号",
      description: "政策の番号。",
      required: true,
      columnType: "activity:generic:program:code",
      value: (r) => r.policy.code,
    },
    {
      name: "measure_code",
      type: "string",
      title: "施策番号",
      description: "施策の番号。",
      required: true,
      columnType: "activity:generic:subprogram:code",
      value: (r) => r.measure.code,
    },
    {
      name: "project_name",
      type: "string",
      title: "事務事業名",
      description: "事務事業の名称。",
      required: true,
      columnType: "activity:generic:project:label",
      value: (r) => r.project.name,
    },
    {
      name: "lead_department",
      type: "string",
      title: "所管課",
      description: "事務事業を所管する課の名称（行政組織による分類）。",
      required: true,
      columnType: "administrative-classification:generic:code",
      value: (r) => r.project.leadDepartment,
    },
    ...classificationColumns<InputRow>(true),
    ...AMOUNTS.map(
      (a): Column<InputRow> => ({
        name: a.name,
        type: "integer",
        title: a.title,
        description: `${a.description}${PLAN_AMOUNT_NOTE}`,
        normalize: { funding_source: FUNDING_SOURCE_CODE[a.field], phase: PHASE.plan },
        value: (r) => r.inputs?.[a.field] ?? null,
      }),
    ),
    {
      name: "estimated",
      type: "boolean",
      title: "見込み",
      description:
        "true = この年度の投入指標（年度別事業費と財源内訳）は見込み（ローリングで前年度の計画の最終年度から写した額で、まだ積算していないもの）。false = 計画書の記載どおりの額、または計画の額がない年度。",
      required: true,
      value: (r) => r.estimated,
    },
    {
      name: "settled",
      type: "integer",
      title: "決算額",
      description:
        "事務事業の決算額（千円、財源の内訳なし）。事務事業評価で入力された額で、決算の済んでいない年度・入力のない年度は空欄。年度別事業費（予定の額）とは別の値で、足し合わせないでください（Fiscal Data Package の予算段階は executed）。",
      normalize: { funding_source: FUNDING_SOURCE_CODE.total, phase: PHASE.settled },
      value: (r) => r.settled,
    },
  ],
  // Fiscal Data Package 1.0-rc.1: the columns of the denormalised form (one amount per row) that the file
  // does not hold as such: the amount, which funding source it is, and the constants that describe it.
  extraFields: [
    {
      name: "amount",
      type: "number",
      title: "金額",
      description: "金額（千円）。各金額列の値。",
      columnType: "value",
      normalizationTarget: true,
    },
    {
      name: "funding_source",
      type: "string",
      title: "財源",
      description:
        "金額列の別: total = 事業費の総額（計画では年度別事業費、決算では決算額）、national-prefectural = 国・県支出金、local-bonds = 地方債、other-earmarked = その他特定財源、general-revenue = 一般財源。total とほかの財源を足し合わせないでください。",
      columnType: "fin-source:generic:code",
      constraints: { enum: Object.values(FUNDING_SOURCE_CODE) },
    },
    {
      name: "phase",
      type: "string",
      title: "予算段階",
      description:
        "金額の段階（Fiscal Data Package の budget phase）: proposed = 実施計画の額（年度別事業費と財源内訳。執行機関の計画で、議会の議決を経た予算 approved や補正後の予算 adjusted ではありません。estimated が true の年度は見込み）、executed = 決算額（settled 列）。段階の違う額を足し合わせないでください。",
      columnType: "phase:id",
      constraints: { enum: Object.values(PHASE) },
    },
    {
      name: "currency",
      type: "string",
      title: "通貨",
      description: "日本円（ISO 4217）。",
      columnType: "value-currency:code",
      constant: CURRENCY,
    },
    {
      name: "factor",
      type: "number",
      title: "金額の倍率",
      description: "金額は千円単位です。1,000 を掛けると円になります。",
      columnType: VALUE_FACTOR,
      constant: FACTOR,
    },
    {
      name: "direction",
      type: "string",
      title: "歳入・歳出の別",
      description: "歳出（事業費）。",
      columnType: "direction",
      constant: "expenditure",
    },
  ],
};

function indicatorValueColumns<R>(
  prefix: string,
  label: string,
  pick: (row: R) => IndicatorValue | null,
  source = "計画書の記載どおり",
): Column<R>[] {
  return [
    {
      name: `${prefix}_text`,
      type: "string",
      title: label,
      description: `${label}。${source}（例: 40以上、実施する）。`,
      value: (r) => pick(r)?.text ?? null,
    },
    {
      name: `${prefix}_value`,
      type: "number",
      title: `${label}（数値）`,
      description: `${label}の数値（カンマを除いたもの）。数値のない記載（実施する など）は空欄。`,
      value: (r) => pick(r)?.value ?? null,
    },
    {
      name: `${prefix}_comparator`,
      type: "string",
      title: `${label}（比較）`,
      description: `${label}の比較の向き: >= は「以上」、<= は「以下」、= はそれ以外（ちょうどその値、または数値のない記載）。`,
      enum: COMPARATORS,
      value: (r) => pick(r)?.comparator ?? null,
    },
  ];
}

const fiscalYearColumns = <R extends { fiscalYear: FiscalYearKey }>(what: string): Column<R>[] => [
  {
    name: "fiscal_year",
    type: "integer",
    title: "年度",
    description: `${what}の年度（西暦）。`,
    required: true,
    value: (r) => fiscalYearInt(r.fiscalYear),
  },
  {
    name: "fiscal_year_label",
    type: "string",
    title: "年度（和暦）",
    description: `${what}の年度の和暦表記（例: 令和6年度）。`,
    required: true,
    value: (r) => formatWarekiFiscalYear(r.fiscalYear),
  },
];

/**
 * 達成率 as open data: the ratio of `domain/achievement.ts` rounded half-up to 4 decimals, as the text of a
 * Table Schema number without trailing zeros (1.835, 1.2126, 1, 0.5); null when there is none. The ratio
 * times 10,000 is first cut to 12 significant digits, as `formatRate` does, so that binary noise
 * (73.4 / 40 = 1.8349999…) does not decide a half. A ratio too large for 4 decimals to mean anything
 * (over 2^53 ten-thousandths) is written as the shortest number that reads back to it (1E+25).
 */
export function achievementRateText(rate: number | null): string | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  const units = Math.floor(Number((Math.abs(rate) * 10_000).toPrecision(12)) + 0.5);
  if (!Number.isSafeInteger(units)) return String(rate).replace("e", "E");
  const fraction = String(units % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  const sign = rate < 0 && units !== 0 ? "-" : "";
  return `${sign}${Math.floor(units / 10_000)}${fraction === "" ? "" : `.${fraction}`}`;
}

const ACHIEVEMENT_NOTE =
  "目標（計画値）と実績値から算出した値で、計画書には記載がありません（hoshin の達成状況の判定）。";

/** The indicator's direction and the achievement of the row's year, shared by both indicator files. */
function achievementColumns<R extends IndicatorYear>(what: string, hasBaseline: boolean): Column<R>[] {
  return [
    {
      name: "direction",
      type: "string",
      title: "指標の向き（設定）",
      description: `${what}の向きの設定: higher = 高いほど良い、lower = 低いほど良い。空欄 = 設定なし（目標の「以上」「以下」から判断し、どちらもなければ高いほど良い）。`,
      enum: DIRECTIONS,
      value: (r) => r.direction,
    },
    {
      name: "achievement_direction",
      type: "string",
      title: "判定の向き",
      description: `この年度の達成状況を判定した向き: higher = 高いほど良い、lower = 低いほど良い。目標が「以上」なら higher、「以下」なら lower、それ以外は direction の設定（設定がなければ指標の目標の「以上」「以下」、どちらもなければ higher）。${ACHIEVEMENT_NOTE}`,
      required: true,
      enum: DIRECTIONS,
      value: (r) => r.achievement.direction,
    },
    {
      name: "achievement_status",
      type: "string",
      title: "達成状況",
      description: `この年度の達成状況: 達成・未達成・実績なし・目標なし・判定不能。数値の目標は実績値の数値と achievement_direction の向きで比べます（「40以上」は40でも達成）。文章の目標（実施する など）は、実績が「実施」「済」「○」などなら達成、「未実施」「×」などなら未達成、それ以外は判定不能。数値の目標に数値でない実績も判定不能。${ACHIEVEMENT_NOTE}`,
      required: true,
      enum: Object.values(ACHIEVEMENT_LABELS.status),
      value: (r) => ACHIEVEMENT_LABELS.status[r.achievement.status],
    },
    {
      name: "achievement_rate",
      type: "number",
      title: "達成率（比）",
      description: `達成率を比で表したもの（1 が目標ちょうど、1.835 は 183.5%）。achievement_direction が higher の年度は 実績値 ÷ 目標値、lower の年度は 目標値 ÷ 実績値 で、大きいほど良い値です。小数第4位までに四捨五入。目標か実績が数値でない・ない、目標が 0 以下、実績が負、lower で実績が 0 のときは空欄（意味のある比にならないため）。${ACHIEVEMENT_NOTE}`,
      value: (r) => achievementRateText(r.achievement.rate),
    },
    {
      name: "trend",
      type: "string",
      title: "傾向",
      description: hasBaseline
        ? `計画策定時の値と比べた実績値の動き（achievement_direction の向きで）: 改善・横ばい・悪化。どちらかがない・数値でないときは空欄。${ACHIEVEMENT_NOTE}`
        : "計画策定時の値と比べた実績値の動き（改善・横ばい・悪化）。活動指標には計画策定時の値がないため、常に空欄です（成果指標の同じ列と形を揃えるための列）。",
      enum: Object.values(ACHIEVEMENT_LABELS.trend),
      value: (r) => (r.achievement.trend === null ? null : ACHIEVEMENT_LABELS.trend[r.achievement.trend]),
    },
  ];
}

const ACTIVITIES: TableSpec<ActivityRow> = {
  name: "activity-indicators",
  file: OPEN_DATA_FILES.activities,
  title: "活動指標（活動目標と実績）",
  description:
    "事務事業の活動指標と年度ごとの目標・実績・達成状況。1行が1指標の1年度で、目標か実績のある年度を載せています。目標も実績もない指標は、計画の年度の行に目標を空欄で載せています。",
  primaryKey: ["project_id", "indicator_number", "fiscal_year"],
  foreignKeys: [{ fields: ["project_id"], reference: { resource: "projects", fields: ["project_id"] } }],
  columns: [
    {
      name: "project_id",
      type: "string",
      title: "事業ID",
      description: PROJECT_ID_DESCRIPTION,
      required: true,
      value: (r) => r.project.id,
    },
    {
      name: "project_name",
      type: "string",
      title: "事務事業名",
      description: "事務事業の名称。",
      required: true,
      value: (r) => r.project.project.name,
    },
    {
      name: "indicator_number",
      type: "integer",
      title: "指標番号",
      description: "事務事業の中での指標の順番（1から）。",
      required: true,
      value: (r) => r.position,
    },
    {
      name: "indicator_name",
      type: "string",
      title: "指標名",
      description: "活動指標の名称。",
      value: (r) => r.indicator.name,
    },
    {
      name: "unit",
      type: "string",
      title: "単位",
      description: "指標の単位。",
      value: (r) => r.indicator.unit,
    },
    ...fiscalYearColumns<ActivityRow>("目標・実績"),
    ...indicatorValueColumns<ActivityRow>("target", "目標", (r) => r.achievement.target),
    ...indicatorValueColumns<ActivityRow>(
      "actual",
      "実績",
      (r) => r.achievement.actual,
      "事務事業評価で入力された値のとおり",
    ),
    ...achievementColumns<ActivityRow>("活動指標", false),
  ],
};

const OUTCOMES: TableSpec<OutcomeRow> = {
  name: "outcome-indicators",
  file: OPEN_DATA_FILES.outcomes,
  title: "成果指標",
  description:
    "施策の成果指標と年度ごとの計画値・実績値・達成状況。1行が1指標の1年度で、計画策定時の値と指標の向きは各行に繰り返します。",
  primaryKey: ["measure_code", "indicator_number", "fiscal_year"],
  columns: [
    {
      name: "measure_code",
      type: "string",
      title: "施策番号",
      description: "施策の番号（例: 6-5）。",
      required: true,
      value: (r) => r.measure.code,
    },
    {
      name: "measure_title",
      type: "string",
      title: "施策名",
      description: "施策の名称。",
      value: (r) => r.measure.title,
    },
    {
      name: "indicator_number",
      type: "integer",
      title: "指標番号",
      description: "施策の中での成果指標の順番（1から）。",
      required: true,
      value: (r) => r.position,
    },
    {
      name: "indicator_name",
      type: "string",
      title: "指標名",
      description: "成果指標の名称。",
      value: (r) => r.indicator.name,
    },
    {
      name: "unit",
      type: "string",
      title: "単位",
      description: "指標の単位。",
      value: (r) => r.indicator.unit,
    },
    {
      name: "rationale",
      type: "string",
      title: "設定理由",
      description: "指標の設定理由。",
      value: (r) => r.indicator.rationale,
    },
    {
      name: "formula",
      type: "string",
      title: "算式",
      description: "指標の算式。",
      value: (r) => r.indicator.formula,
    },
    ...indicatorValueColumns<OutcomeRow>("baseline", "計画策定時の値", (r) => r.indicator.baseline),
    ...fiscalYearColumns<OutcomeRow>("計画値・実績値"),
    ...indicatorValueColumns<OutcomeRow>("planned", "計画値", (r) => r.achievement.target),
    ...indicatorValueColumns<OutcomeRow>("actual", "実績値", (r) => r.achievement.actual),
    ...achievementColumns<OutcomeRow>("成果指標", true),
  ],
};

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

const PROJECT_EVALUATIONS: TableSpec<ProjectEvaluationRow> = {
  name: "project-evaluations",
  file: OPEN_DATA_FILES.projectEvaluations,
  title: "事務事業評価",
  description:
    "事務事業の評価（行政評価の事務事業評価）。1行が1事務事業の1年度の評価で、所管課による一次評価と、企画・財政担当による二次評価（ある場合）を載せています。評価のない事務事業・年度の行はありません。計画に評価が1件もないときは、このファイルはパッケージに含まれません。",
  primaryKey: ["project_id", "fiscal_year"],
  foreignKeys: [{ fields: ["project_id"], reference: { resource: "projects", fields: ["project_id"] } }],
  columns: [
    {
      name: "project_id",
      type: "string",
      title: "事業ID",
      description: PROJECT_ID_DESCRIPTION,
      required: true,
      value: (r) => r.project.id,
    },
    {
      name: "project_name",
      type: "string",
      title: "事務事業名",
      description: "事務事業の名称。",
      required: true,
      value: (r) => r.project.project.name,
    },
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
    {
      name: "has_secondary",
      type: "boolean",
      title: "二次評価の有無",
      description:
        "true = 二次評価がある（その項目が空欄なら未記入）。false = 二次評価はまだない（secondary_ で始まる列はすべて空欄）。",
      required: true,
      value: (r) => r.evaluation.secondary !== null,
    },
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
    {
      name: "secondary_comment",
      type: "string",
      title: "二次評価 コメント",
      description: "企画・財政担当のコメント。入力されたとおり。",
      value: (r) => r.evaluation.secondary?.comment ?? null,
    },
    ...outlookColumns<ProjectEvaluationRow>(
      "",
      "今後の方向性（決定）",
      "採られる今後の方向性: 二次評価に方向性があればそれ、なければ一次評価のもの（算出した値）。",
      (r) => effectiveOutlook(r.evaluation),
    ),
  ],
};

const MEASURE_RATING_NOTE = "A = 順調、B = 概ね順調、C = 遅れている。空欄 = 未評価。";

const MEASURE_EVALUATIONS: TableSpec<MeasureEvaluationRow> = {
  name: "measure-evaluations",
  file: OPEN_DATA_FILES.measureEvaluations,
  title: "施策評価",
  description:
    "施策の評価（行政評価の施策評価）。1行が1施策の1年度の評価で、施策の所管課による一次評価と、企画・財政担当による二次評価（ある場合）を載せています。評価のない施策・年度の行はありません。計画に評価が1件もないときは、このファイルはパッケージに含まれません。",
  primaryKey: ["measure_code", "fiscal_year"],
  columns: [
    {
      name: "measure_code",
      type: "string",
      title: "施策番号",
      description: "施策の番号（例: 6-5）。",
      required: true,
      value: (r) => r.measure.code,
    },
    {
      name: "measure_title",
      type: "string",
      title: "施策名",
      description: "施策の名称。",
      value: (r) => r.measure.title,
    },
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
    {
      name: "has_secondary",
      type: "boolean",
      title: "二次評価の有無",
      description:
        "true = 二次評価がある（その項目が空欄なら未記入）。false = 二次評価はまだない（secondary_ で始まる列は空欄）。",
      required: true,
      value: (r) => r.evaluation.secondary !== null,
    },
    {
      name: "secondary_rating",
      type: "string",
      title: "二次評価 施策の進捗",
      description: `企画・財政担当による施策の進み具合の評価（一次評価と異なることがあります）。${MEASURE_RATING_NOTE}`,
      enum: RATINGS,
      value: (r) => r.evaluation.secondary?.rating ?? null,
    },
    {
      name: "secondary_comment",
      type: "string",
      title: "二次評価 コメント",
      description: "企画・財政担当のコメント。入力されたとおり。",
      value: (r) => r.evaluation.secondary?.comment ?? null,
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Files and descriptor

interface WrittenTable {
  name: string;
  file: string;
  bytes: Uint8Array;
  resource: Record<string, unknown>;
}

/** A number written as text (`achievementRateText`): digits, an optional fraction and exponent. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?(E[+-]?\d+)?$/;

function checkCell(column: Column<never>, value: CsvCell, file: string): CsvCell {
  const ok =
    value === null ||
    (column.type === "string" && typeof value === "string") ||
    (column.type === "boolean" && typeof value === "boolean") ||
    (column.type === "integer" && typeof value === "number" && Number.isSafeInteger(value)) ||
    (column.type === "number" && typeof value === "number" && Number.isFinite(value)) ||
    (column.type === "number" && typeof value === "string" && DECIMAL_TEXT.test(value));
  if (!ok) {
    throw new RangeError(
      `open data: ${file} ${column.name} must be ${column.type === "integer" ? "an integer" : `a ${column.type}`}, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function table<R>(spec: TableSpec<R>, rows: readonly R[]): WrittenTable {
  const header = spec.columns.map((c) => c.name);
  const bytes = writeCsv(
    header,
    rows.map((row) => spec.columns.map((c) => checkCell(c as Column<never>, c.value(row), spec.file))),
  );
  const fields = spec.columns.map((c) => {
    const constraints: Record<string, unknown> = {};
    if (c.required) constraints.required = true;
    if (c.enum) constraints.enum = [...c.enum];
    return {
      name: c.name,
      type: c.type,
      format: "default",
      title: c.title,
      description: c.description,
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
      ...(c.columnType ? { columnType: c.columnType } : {}),
      ...(c.normalize ? { normalize: c.normalize } : {}),
    };
  });
  const schema: Record<string, unknown> = {
    fields,
    missingValues: [""],
    primaryKey: spec.primaryKey,
    ...(spec.foreignKeys ? { foreignKeys: spec.foreignKeys } : {}),
    ...(spec.extraFields ? { extraFields: spec.extraFields } : {}),
  };
  const resource: Record<string, unknown> = {
    profile: "tabular-data-resource",
    name: spec.name,
    path: spec.file,
    title: spec.title,
    description: spec.description,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    bytes: bytes.length,
    hash: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    dialect: {
      csvddfVersion: 1.2,
      delimiter: ",",
      doubleQuote: true,
      lineTerminator: "\r\n",
      quoteChar: '"',
      skipInitialSpace: false,
      header: true,
      caseSensitiveHeader: true,
    },
    schema,
  };
  return { name: spec.name, file: spec.file, bytes, resource };
}

/**
 * Fiscal Data Package 0.3 `model`: the amount columns of project-inputs.csv (the five plan amounts,
 * phase "proposed", and 決算額, phase "executed"; see the module comment) and what classifies them.
 */
function fiscalModel(): Record<string, unknown> {
  const resource = INPUTS.name;
  const src = (source: string, extra: Record<string, string> = {}) => ({ source, resource, ...extra });
  const measure = (source: string, title: string, phase: string) => ({
    source,
    resource,
    currency: CURRENCY,
    factor: FACTOR,
    direction: "expenditure",
    phase,
    title,
  });
  return {
    measures: Object.fromEntries([
      ...AMOUNTS.map((a) => [a.name, measure(a.name, a.title, PHASE.plan)]),
      ["settled", measure("settled", "決算額", PHASE.settled)],
    ]),
    dimensions: {
      fiscal_year: {
        dimensionType: "datetime",
        attributes: {
          year: src("fiscal_year"),
          label: src("fiscal_year_label", { labelfor: "year" }),
        },
        primaryKey: "year",
      },
      program: {
        dimensionType: "activity",
        attributes: { policy: src("policy_code"), measure: src("measure_code", { parent: "policy" }) },
        primaryKey: "measure",
      },
      project: {
        dimensionType: "activity",
        attributes: { id: src("project_id"), title: src("project_name", { labelfor: "id" }) },
        primaryKey: "id",
      },
      administrator: {
        dimensionType: "entity",
        attributes: { title: src("lead_department") },
        primaryKey: "title",
      },
      account: {
        dimensionType: "entity",
        attributes: { title: src("account") },
        primaryKey: "title",
      },
      functional_classification: {
        dimensionType: "classification",
        classificationType: "functional",
        attributes: {
          code: src("classification_code"),
          kan: src("kan_code"),
          kan_name: src("kan_name", { labelfor: "kan" }),
          kou: src("kou_code", { parent: "kan" }),
          kou_name: src("kou_name", { labelfor: "kou" }),
          moku: src("moku_code", { parent: "kou" }),
          moku_name: src("moku_name", { labelfor: "moku" }),
        },
        primaryKey: "code",
      },
    },
  };
}

function packageDescriptor(
  plan: PlanDocument,
  meta: OpenDataMeta,
  projects: readonly ProjectRow[],
  tables: readonly WrittenTable[],
): Record<string, unknown> {
  const wareki = formatWarekiFiscalYear(meta.fiscalYear);
  const bookTitle = plan.title ?? "実施計画書";
  const years = sortedYears(
    projects.flatMap((p) => [...Object.keys(p.project.inputs), ...Object.keys(p.project.settled ?? {})]),
  ).map(fiscalYearInt);
  const first = years[0] ?? meta.fiscalYear;
  const last = years.at(-1) ?? meta.fiscalYear;
  return {
    profile: "tabular-data-package",
    name: "hoshin-implementation-plan",
    title: meta.title ?? `${meta.city} ${wareki} ${bookTitle}`,
    description:
      `${meta.city}の${wareki}の${bookTitle}を、表形式のオープンデータにしたものです。` +
      "金額の単位は千円（整数）で、計画書に印刷されたとおりです（財源の内訳の合計が年度別事業費と合わない事業も、そのまま載せています）。" +
      "決算額・指標の実績・評価は、計画の点検（事務事業評価・施策評価）で入力されたとおりです。指標の達成状況・達成率・傾向は、それらから算出した値です。" +
      "CSV は UTF-8（BOM 付き）、区切りはコンマ、改行は CRLF です。" +
      "plan.json は同じ計画の hoshin-plan/1 形式の JSON で、空欄と空文字列の区別を含めすべてを持っています。",
    keywords: [
      "実施計画",
      "事務事業",
      "予算",
      "決算",
      "成果指標",
      ...(hasEvaluations(plan) ? ["行政評価"] : []),
      meta.city,
    ],
    countryCode: "JP",
    granularity: "aggregated",
    fiscalPeriod: { start: `${first}-04-01`, end: `${last + 1}-03-31` },
    columnTypes: [
      FDP_BUDGET_TAXONOMY,
      [
        {
          name: VALUE_FACTOR,
          dataType: "number",
          title: "Amount factor",
          description: "Multiply an amount by this factor for the amount in the currency's unit.",
        },
      ],
    ],
    sources: [{ title: `${bookTitle}（hoshin-plan/1 形式）`, path: OPEN_DATA_FILES.plan }],
    hoshin: { format: plan.format, city: meta.city, fiscalYear: meta.fiscalYear },
    resources: tables.map((t) => t.resource),
    model: fiscalModel(),
  };
}
