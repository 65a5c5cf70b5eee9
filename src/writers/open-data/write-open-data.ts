/**
 * A plan as open data: flat CSV files, a datapackage.json that describes them, and the plan itself.
 *
 * The descriptor is a Tabular Data Package (Data Package, Data Resource, Tabular Data Resource and Table
 * Schema 1.0-rc.2, CSV Dialect 1.2 of frictionlessdata) carrying the Fiscal Data Package modelling twice:
 *  - Fiscal Data Package 1.0-rc.1 (22 April 2018, with its Budget taxonomy 1.0-rc.1): every fiscal column of
 *    project-inputs.csv carries a `columnType`, the five amount columns are "denormalising measures"
 *    (`normalize` into the `extraFields` amount/funding_source), and currency, factor and direction are
 *    constant extra fields;
 *  - the `model` (measures with currency and factor, dimensions) of Fiscal Data Package 0.3, because the
 *    JSON Schema the 1.0-rc.1 specification links (fiscal-data-package.json in the Frictionless registry)
 *    still requires it, as do the OpenSpending tools that read fiscal data packages.
 * The package `profile` is "tabular-data-package": the Tabular Data Package specification requires it, and
 * the registry's fiscal-data-package.json only admits that value.
 *
 * Classification: the 款・項・目 of a Japanese municipal expenditure budget is its classification by
 * purpose (目的別分類, 地方自治法施行規則 第15条・別記), so it is mapped to the functional classification
 * (`functional-classification:generic:level1..3`, 0.3 `classificationType: "functional"`); the
 * administrative classification (who spends) is the department in charge, 所管課. The 会計 (一般会計 or a
 * special account) is the fund, 0.3's "account" entity; the 1.0 taxonomy has no type for it.
 *
 * Everything is written exactly as the plan holds it: amounts as stored (a project whose funding sources do
 * not add up to its total keeps both as printed), texts unchanged (see csv.ts on formula injection), no
 * sums or derived amounts. The only derived values are ids, positions, 和暦 labels and the 款.項.目 code.
 */

import { createHash } from "node:crypto";
import { formatWarekiFiscalYear } from "../../domain/fiscal-year.ts";
import {
  type ActivityIndicator,
  type Classification,
  type ClassificationLevel,
  eachProject,
  type FiscalYearKey,
  type IndicatorValue,
  type InputField,
  type Inputs,
  type Measure,
  type OutcomeIndicator,
  type PlanDocument,
  type Policy,
  type Project,
  sortedYears,
} from "../../domain/plan.ts";
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

/**
 * The open data of a plan, by file name: projects.csv, project-inputs.csv, activity-indicators.csv,
 * outcome-indicators.csv (UTF-8 with BOM, CRLF), datapackage.json and plan.json (hoshin-plan/1).
 * Throws RangeError when an amount is not an integer or a text cannot be written exactly.
 */
export function writeOpenData(plan: PlanDocument, meta: OpenDataMeta): Map<string, Uint8Array> {
  const projects = projectRows(plan);
  const tables = [
    table(PROJECTS, projects),
    table(INPUTS, inputRows(projects)),
    table(ACTIVITIES, activityRows(projects, meta.fiscalYear)),
    table(OUTCOMES, outcomeRows(plan, meta.fiscalYear)),
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
  inputs: Inputs;
}

function inputRows(projects: readonly ProjectRow[]): InputRow[] {
  return projects.flatMap((p) =>
    sortedYears(Object.keys(p.project.inputs)).flatMap((fy) => {
      const inputs = p.project.inputs[fy];
      return inputs ? [{ ...p, fiscalYear: fy, inputs }] : [];
    }),
  );
}

interface ActivityRow {
  project: ProjectRow;
  position: number;
  indicator: ActivityIndicator;
  fiscalYear: FiscalYearKey;
  target: IndicatorValue | null;
}

/**
 * One row per indicator and fiscal year with a target. An indicator printed without any target keeps one
 * row, in the plan's fiscal year, with the target empty: nothing of the plan is dropped.
 */
function activityRows(projects: readonly ProjectRow[], planYear: number): ActivityRow[] {
  return projects.flatMap((p) =>
    p.project.activityIndicators.flatMap((indicator, i) => {
      const years = sortedYears(Object.keys(indicator.targets));
      if (years.length === 0) {
        return [{ project: p, position: i + 1, indicator, fiscalYear: String(planYear), target: null }];
      }
      return years.map((fy) => ({
        project: p,
        position: i + 1,
        indicator,
        fiscalYear: fy,
        target: indicator.targets[fy] ?? null,
      }));
    }),
  );
}

interface OutcomeRow {
  measure: Measure;
  position: number;
  indicator: OutcomeIndicator;
  fiscalYear: FiscalYearKey;
  planned: IndicatorValue | null;
  actual: IndicatorValue | null;
}

/** One row per indicator and fiscal year with a planned or an actual value; as for activity indicators. */
function outcomeRows(plan: PlanDocument, planYear: number): OutcomeRow[] {
  return plan.policies.flatMap((policy) =>
    policy.measures.flatMap((measure) =>
      measure.outcomeIndicators.flatMap((indicator, i) => {
        const years = sortedYears([...Object.keys(indicator.planned), ...Object.keys(indicator.actual)]);
        return (years.length > 0 ? years : [String(planYear)]).map((fy) => ({
          measure,
          position: i + 1,
          indicator,
          fiscalYear: fy,
          planned: indicator.planned[fy] ?? null,
          actual: indicator.actual[fy] ?? null,
        }));
      }),
    ),
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

const STATUS_LABEL = { continuing: "継続", new: "新規" } as const;
const COMPARATORS = [">=", "<=", "="] as const;

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
      enum: ["継続", "新規"],
      value: (r) => STATUS_LABEL[r.project.status],
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

const INPUTS: TableSpec<InputRow> = {
  name: "project-inputs",
  file: OPEN_DATA_FILES.inputs,
  title: "投入指標（年度別事業費と財源内訳）",
  description:
    "事務事業ごと・年度ごとの年度別事業費と財源内訳。金額の単位は千円（整数）。計画書に印刷された年度だけを載せています。予算のみ掲載の事業には最終年度のないものがあります。",
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
        description: a.description,
        required: true,
        normalize: { funding_source: FUNDING_SOURCE_CODE[a.field] },
        value: (r) => r.inputs[a.field],
      }),
    ),
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
        "金額列の別: total = 年度別事業費（財源の合計として記載された額）、national-prefectural = 国・県支出金、local-bonds = 地方債、other-earmarked = その他特定財源、general-revenue = 一般財源。total とほかの財源を足し合わせないでください。",
      columnType: "fin-source:generic:code",
      constraints: { enum: Object.values(FUNDING_SOURCE_CODE) },
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
): Column<R>[] {
  return [
    {
      name: `${prefix}_text`,
      type: "string",
      title: label,
      description: `${label}。計画書の記載どおり（例: 40以上、実施する）。`,
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

const ACTIVITIES: TableSpec<ActivityRow> = {
  name: "activity-indicators",
  file: OPEN_DATA_FILES.activities,
  title: "活動指標（活動目標）",
  description:
    "事務事業の活動指標と年度ごとの目標。1行が1指標の1年度です。目標の記載がない指標は、計画の年度の行に目標を空欄で載せています。",
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
    ...fiscalYearColumns<ActivityRow>("目標"),
    ...indicatorValueColumns<ActivityRow>("target", "目標", (r) => r.target),
  ],
};

const OUTCOMES: TableSpec<OutcomeRow> = {
  name: "outcome-indicators",
  file: OPEN_DATA_FILES.outcomes,
  title: "成果指標",
  description:
    "施策の成果指標と年度ごとの計画値・実績値。1行が1指標の1年度で、計画策定時の値は各行に繰り返します。",
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
    ...indicatorValueColumns<OutcomeRow>("planned", "計画値", (r) => r.planned),
    ...indicatorValueColumns<OutcomeRow>("actual", "実績値", (r) => r.actual),
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

function checkCell(column: Column<never>, value: CsvCell, file: string): CsvCell {
  const ok =
    value === null ||
    (column.type === "string" && typeof value === "string") ||
    (column.type === "boolean" && typeof value === "boolean") ||
    (column.type === "integer" && typeof value === "number" && Number.isSafeInteger(value)) ||
    (column.type === "number" && typeof value === "number" && Number.isFinite(value));
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

/** Fiscal Data Package 0.3 `model`: the amount columns of project-inputs.csv and what classifies them. */
function fiscalModel(): Record<string, unknown> {
  const resource = INPUTS.name;
  const src = (source: string, extra: Record<string, string> = {}) => ({ source, resource, ...extra });
  return {
    measures: Object.fromEntries(
      AMOUNTS.map((a) => [
        a.name,
        {
          source: a.name,
          resource,
          currency: CURRENCY,
          factor: FACTOR,
          direction: "expenditure",
          title: a.title,
        },
      ]),
    ),
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
  const years = sortedYears(projects.flatMap((p) => Object.keys(p.project.inputs))).map(fiscalYearInt);
  const first = years[0] ?? meta.fiscalYear;
  const last = years.at(-1) ?? meta.fiscalYear;
  return {
    profile: "tabular-data-package",
    name: "hoshin-implementation-plan",
    title: meta.title ?? `${meta.city} ${wareki} ${bookTitle}`,
    description:
      `${meta.city}の${wareki}の${bookTitle}を、表形式のオープンデータにしたものです。` +
      "金額の単位は千円（整数）で、計画書に印刷されたとおりです（財源の内訳の合計が年度別事業費と合わない事業も、そのまま載せています）。" +
      "CSV は UTF-8（BOM 付き）、区切りはコンマ、改行は CRLF です。" +
      "plan.json は同じ計画の hoshin-plan/1 形式の JSON で、空欄と空文字列の区別を含めすべてを持っています。",
    keywords: ["実施計画", "事務事業", "予算", "成果指標", meta.city],
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
