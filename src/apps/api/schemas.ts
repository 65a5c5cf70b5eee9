import { z } from "@hono/zod-openapi";
import * as Plan from "../../formats/hoshin-plan/schema.ts";

// The public API's response shapes, derived from the hoshin-plan/1 schema where they describe the same
// things (the API lists fiscal years as arrays where the plan keys objects by them). Each is used to
// check every response and, through the routes that name it, to generate the OpenAPI 3.1 document.
// Key order is the order of the JSON the API sends. Names follow GLOSSARY.md.

const FiscalYear = z.int().min(1989).max(2200).describe("西暦の年度（令和6年度 = 2024）");

// `.meta({ id })` names a component without relying on `.openapi`, which @hono/zod-openapi adds only to schemas
// made after it was first imported (the plan schema of formats/ may be made before, e.g. by an import).
export const IndicatorValue = Plan.IndicatorValue.meta({ id: "IndicatorValue" });

export const Inputs = z.object({ fiscalYear: FiscalYear }).extend(Plan.Inputs.shape).openapi("Inputs");

export const Project = z
  .object({
    key: z.string().describe("事務事業のキー（施策の番号:事業名）: 取り込み直しても変わらない"),
    id: z.int().describe("事務事業の保存版 ID（取り込み直すと変わります。リンクには key を使ってください）"),
    measureCode: Plan.Measure.shape.code,
  })
  .extend(
    Plan.Project.pick({
      name: true,
      status: true,
      priority: true,
      classification: true,
      leadDepartment: true,
      mayoralPledge: true,
      summary: true,
      purpose: true,
      yearGoals: true,
      notes: true,
      budgetOnly: true,
    }).shape,
  )
  .extend({
    inputs: z.array(Inputs).describe("投入指標（年度順）"),
    activityIndicators: z.array(
      Plan.ActivityIndicator.pick({ name: true, unit: true }).extend({
        targets: z.array(z.object({ fiscalYear: FiscalYear, target: IndicatorValue })),
      }),
    ),
  })
  .openapi("Project");

export const OutcomeIndicator = Plan.OutcomeIndicator.pick({
  name: true,
  rationale: true,
  formula: true,
  unit: true,
  baseline: true,
})
  .extend({
    baseline: IndicatorValue.nullable().describe("計画策定時"),
    values: z.array(
      z.object({
        fiscalYear: FiscalYear,
        planned: IndicatorValue.nullable(),
        actual: IndicatorValue.nullable(),
      }),
    ),
  })
  .openapi("OutcomeIndicator");

export const Measure = z
  .object({ id: z.int() })
  .extend(Plan.Measure.pick({ code: true }).shape)
  .extend({ policyCode: Plan.Policy.shape.code })
  .extend(
    Plan.Measure.pick({
      title: true,
      leadDepartment: true,
      relatedDepartments: true,
      currentIssues: true,
      purpose: true,
      priorities: true,
      goalStates: true,
      futureActions: true,
      sectoralPlans: true,
      notes: true,
    }).shape,
  )
  .extend({
    sdgs: z.array(Plan.SdgLink.extend({ goal: z.int().min(1).max(17) })),
    outcomeIndicators: z.array(OutcomeIndicator),
    publishedProjects: z.int().describe("公開中（承認済）の事務事業の数"),
  })
  .openapi("Measure");

export const Policy = Plan.Policy.omit({ measures: true })
  .extend({ measureCodes: z.array(Plan.Measure.shape.code) })
  .openapi("Policy");

const Count = z.object({ approved: z.int().min(0), total: z.int().min(0) });

export const Approval = z
  .object({
    complete: z.boolean().describe("すべての事務事業と施策が承認済か"),
    label: z.string().describe("「すべて承認済」または「一部のみ承認済（…）」"),
    projects: Count.describe("承認済の事業シートの数と全事務事業の数"),
    measures: Count.describe("承認済の内容がある施策の数と全施策の数"),
    totalsCover: z.string().describe("集計（rollups）の合計が何を含むか"),
  })
  .openapi("Approval");

export const PlanSummary = z
  .object({
    city: z.string().describe("市町村名"),
    cityCode: z
      .string()
      .regex(/^[0-9]{6}$/)
      .describe("全国地方公共団体コード（6桁、検査数字付き。小諸市は 202088）"),
    prefecture: z.string().describe("都道府県名"),
    cityKey: z.string().describe("URL で市町村を指すキー（全国地方公共団体コード）"),
    fiscalYear: FiscalYear,
    title: z.string().nullable(),
    path: z.string().describe("この実施計画の安定した URL（/api から）"),
    id: z.int().describe("保存版 ID（取り込み直すと変わります。リンクには path を使ってください）"),
    approval: Approval,
  })
  .openapi("PlanSummary");

export const City = z
  .object({
    key: z.string().describe("URL で市町村を指すキー（全国地方公共団体コード）"),
    code: z
      .string()
      .regex(/^[0-9]{6}$/)
      .describe("全国地方公共団体コード"),
    name: z.string(),
    prefecture: z.string(),
    plans: z.array(PlanSummary),
  })
  .openapi("City");

export const RollupRow = z
  .object({
    dimension: z.string(),
    key: z.string(),
    label: z.string(),
    fiscalYear: FiscalYear,
    projects: z.int(),
  })
  .extend(Plan.Inputs.shape)
  .extend({ covers: z.string().describe("この合計に含まれる事務事業（承認済のものだけ）") })
  .openapi("RollupRow");

export const ApiError = z
  .object({ error: z.object({ code: z.string(), message: z.string().describe("日本語のメッセージ") }) })
  .openapi("Error");
