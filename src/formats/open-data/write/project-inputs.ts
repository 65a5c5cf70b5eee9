import { type FiscalYearKey, type InputField, type Inputs, sortedYears } from "../../../domain/plan/model.ts";
import {
  classificationColumns,
  fiscalYearColumns,
  leadDepartmentColumn,
  measureCodeColumn,
  policyCodeColumn,
  projectIdColumn,
  projectNameColumn,
} from "./columns.ts";
import { OPEN_DATA_FILES, VALUE_FACTOR } from "./files.ts";
import type { ProjectRow } from "./projects.ts";
import type { Column, TableSpec } from "./table.ts";

export const CURRENCY = "JPY";

/** The amounts are 千円: multiply by 1,000 for yen. */
export const FACTOR = 1000;

interface InputRow extends ProjectRow {
  fiscalYear: FiscalYearKey;
  /** null for a year with a 決算額 but no plan amounts (a year before the plan's window). */
  inputs: Inputs | null;
  settled: number | null;
  estimated: boolean;
}

/** One row per project and fiscal year with plan amounts or a 決算額. */
export function inputRows(projects: readonly ProjectRow[]): InputRow[] {
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

/** Fiscal Data Package budget phases (0.3 measure `phase`, 1.0 `phase:id`) of the amounts. */
export const PHASE = { plan: "proposed", settled: "executed" } as const;

/** Funding-source codes of the denormalised form (extra field funding_source), one per amount column. */
const FUNDING_SOURCE_CODE: Record<InputField, string> = {
  total: "total",
  nationalPrefectural: "national-prefectural",
  localBonds: "local-bonds",
  otherEarmarked: "other-earmarked",
  generalRevenue: "general-revenue",
};

export const AMOUNTS: { field: InputField; name: string; title: string; description: string }[] = [
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

export const INPUTS: TableSpec<InputRow> = {
  name: "project-inputs",
  file: OPEN_DATA_FILES.inputs,
  title: "投入指標（年度別事業費と財源内訳）と決算額",
  description:
    "事務事業ごと・年度ごとの年度別事業費と財源内訳、その見込みの別、決算額。金額の単位は千円（整数）。計画書に印刷された年度（ローリングで見込みとして加わった年度を含む）と、決算額のある年度を載せています。予算のみ掲載の事業には最終年度のないものがあります。",
  primaryKey: ["project_id", "fiscal_year"],
  foreignKeys: [{ fields: ["project_id"], reference: { resource: "projects", fields: ["project_id"] } }],
  columns: [
    projectIdColumn((r) => r, { columnType: "activity:generic:project:code" }),
    ...fiscalYearColumns<InputRow>("会計", {
      year: {
        description: "会計年度（西暦。例: 2024 は令和6年度、2024年4月1日から2025年3月31日まで）。",
        columnType: "date:fiscal-year",
      },
      label: { description: "会計年度の和暦表記（例: 令和6年度）。" },
    }),
    policyCodeColumn((r) => r.policy, { columnType: "activity:generic:program:code" }),
    measureCodeColumn((r) => r.measure, {
      description: "施策の番号。",
      columnType: "activity:generic:subprogram:code",
    }),
    projectNameColumn((r) => r.project, { columnType: "activity:generic:project:label" }),
    leadDepartmentColumn((r) => r.project, {
      description: "事務事業を所管する課の名称（行政組織による分類）。",
      columnType: "administrative-classification:generic:code",
    }),
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
