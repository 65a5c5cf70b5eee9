import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type {
  Classification,
  ClassificationLevel,
  FiscalYearKey,
  Measure,
  Policy,
  Project,
} from "../../../domain/plan/model.ts";
import type { ProjectRow } from "./projects.ts";
import type { Column } from "./table.ts";

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

export const fiscalYearInt = (fy: FiscalYearKey): number => {
  if (!/^\d+$/.test(fy)) throw new RangeError(`open data: fiscal year key is not a Western year: ${fy}`);
  return Number(fy);
};

export const PROJECT_ID_DESCRIPTION =
  "事務事業を指す識別子。「施策番号-施策内の順番」（例: 6-2-5 は施策6-2の5番目の事務事業）。同じ計画書の中で一意で、各ファイルをこの列で結び付けられます。";

/** One level of 款・項・目: its key in the classification, its name, and the Japanese of its name column. */
const LEVELS = [
  { key: "kan", label: "款", nameNote: "（同じ番号で名称が異なる記載もそのまま）" },
  { key: "kou", label: "項", nameNote: "" },
  { key: "moku", label: "目", nameNote: "" },
] as const;

/**
 * 会計 and 款・項・目 (number and name of each level), shared by projects.csv and project-inputs.csv; in
 * the fiscal file also the 款.項.目 code and the Fiscal Data Package ColumnTypes (functional classification).
 */
export function classificationColumns<R extends { project: Project }>(fiscal: boolean): Column<R>[] {
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
    ...LEVELS.flatMap(({ key, label, nameNote }, i): Column<R>[] => {
      const level = `functional-classification:generic:level${i + 1}`;
      return [
        {
          name: `${key}_code`,
          type: "string",
          title: `${label}番号`,
          description: `${label}（目的別分類の第${i + 1}階層）の番号。`,
          ...ct(`${level}:code`),
          value: (r) => code(c(r)[key]),
        },
        {
          name: `${key}_name`,
          type: "string",
          title: `${label}名`,
          description: `${label}の名称。計画書の記載どおり${nameNote}。`,
          ...ct(`${level}:label`),
          value: (r) => levelName(c(r)[key]),
        },
      ];
    }),
  ];
}

/** 年度 and its 和暦 label; the descriptions say of what the year is (「評価の対象」の年度). */
export const fiscalYearColumns = <R extends { fiscalYear: FiscalYearKey }>(
  what: string,
  variant: { year?: Variant; label?: Variant } = {},
): Column<R>[] => [
  {
    name: "fiscal_year",
    type: "integer",
    title: "年度",
    description: `${what}の年度（西暦）。`,
    required: true,
    ...variant.year,
    value: (r) => fiscalYearInt(r.fiscalYear),
  },
  {
    name: "fiscal_year_label",
    type: "string",
    title: "年度（和暦）",
    description: `${what}の年度の和暦表記（例: 令和6年度）。`,
    required: true,
    ...variant.label,
    value: (r) => formatWarekiFiscalYear(r.fiscalYear),
  },
];

/** How a column shared by several files differs between them: its description, its ColumnType. */
export type Variant = { description?: string; columnType?: string };

// The columns that name the project, policy or measure a row is of, declared once for every file that has
// them; `pick` finds the project (or policy, measure) in the file's row.

export const projectIdColumn = <R>(pick: (row: R) => ProjectRow, variant: Variant = {}): Column<R> => ({
  name: "project_id",
  type: "string",
  title: "事業ID",
  description: PROJECT_ID_DESCRIPTION,
  required: true,
  ...variant,
  value: (r) => pick(r).id,
});

export const projectNameColumn = <R>(pick: (row: R) => Project, variant: Variant = {}): Column<R> => ({
  name: "project_name",
  type: "string",
  title: "事務事業名",
  description: "事務事業の名称。",
  required: true,
  ...variant,
  value: (r) => pick(r).name,
});

export const leadDepartmentColumn = <R>(pick: (row: R) => Project, variant: Variant = {}): Column<R> => ({
  name: "lead_department",
  type: "string",
  title: "所管課",
  description: "事務事業を所管する課の名称。",
  required: true,
  ...variant,
  value: (r) => pick(r).leadDepartment,
});

export const policyCodeColumn = <R>(pick: (row: R) => Policy, variant: Variant = {}): Column<R> => ({
  name: "policy_code",
  type: "string",
  title: "政策番号",
  description: "政策の番号。",
  required: true,
  ...variant,
  value: (r) => pick(r).code,
});

export const measureCodeColumn = <R>(pick: (row: R) => Measure, variant: Variant = {}): Column<R> => ({
  name: "measure_code",
  type: "string",
  title: "施策番号",
  description: "施策の番号（例: 6-5）。",
  required: true,
  ...variant,
  value: (r) => pick(r).code,
});

export const measureTitleColumn = <R>(pick: (row: R) => Measure): Column<R> => ({
  name: "measure_title",
  type: "string",
  title: "施策名",
  description: "施策の名称。",
  value: (r) => pick(r).title,
});
