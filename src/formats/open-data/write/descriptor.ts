import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { type PlanDocument, sortedYears } from "../../../domain/plan/model.ts";
import { fiscalYearInt } from "./columns.ts";
import {
  FDP_BUDGET_TAXONOMY,
  hasEvaluations,
  OPEN_DATA_FILES,
  type OpenDataMeta,
  VALUE_FACTOR,
} from "./files.ts";
import { AMOUNTS, CURRENCY, FACTOR, INPUTS, PHASE } from "./project-inputs.ts";
import type { ProjectRow } from "./projects.ts";
import type { WrittenTable } from "./table.ts";

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

export function packageDescriptor(
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
      "表計算ソフトで開いたときに数式として実行されないよう、「=」「+」「-」「@」などで始まる文字列には先頭に「'」を付けています（各リソースの hoshin.formulaGuard に説明があります）。" +
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
    hoshin: {
      format: plan.format,
      city: meta.city,
      ...(meta.cityCode ? { cityCode: meta.cityCode } : {}),
      fiscalYear: meta.fiscalYear,
    },
    resources: tables.map((t) => t.resource),
    model: fiscalModel(),
  };
}
