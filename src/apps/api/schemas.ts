import { z } from "zod";

// The public API's response shapes: one zod schema each, used to check every response and to generate
// the OpenAPI 3.1 document (z.toJSONSchema), so the two cannot drift apart. Names follow GLOSSARY.md.

const registry = z.registry<{ id: string; description?: string }>();

const Thousands = z.number().int().describe("金額（千円、整数）");
const FiscalYear = z.number().int().min(1989).max(2200).describe("西暦の年度（令和6年度 = 2024）");

export const IndicatorValue = z
  .object({
    text: z.string().describe("計画書の表記（例: 40以上、実施する）"),
    value: z.number().nullable().describe("数値（文の目標では null）"),
    comparator: z.enum([">=", "<=", "="]).describe("以上 >=、以下 <=、それ以外 ="),
  })
  .register(registry, { id: "IndicatorValue" });

export const Inputs = z
  .object({
    fiscalYear: FiscalYear,
    total: Thousands.describe("年度別事業費（千円）"),
    nationalPrefectural: Thousands.describe("特定財源: 国・県支出金（千円）"),
    localBonds: Thousands.describe("特定財源: 地方債（千円）"),
    otherEarmarked: Thousands.describe("特定財源: その他（千円）"),
    generalRevenue: Thousands.describe("一般財源（千円）"),
  })
  .register(registry, { id: "Inputs" });

const Level = z.object({ number: z.number().int().nullable(), name: z.string() }).nullable();

export const Project = z
  .object({
    id: z.number().int().describe("事務事業の ID"),
    measureCode: z.string().describe("施策コード（例: 6-2）"),
    name: z.string().describe("事務事業名"),
    status: z.enum(["continuing", "new"]).describe("継続 continuing / 新規 new"),
    priority: z.string().nullable().describe("事業優先順位"),
    classification: z
      .object({ account: z.string(), kan: Level, kou: Level, moku: Level })
      .describe("会計・款・項・目"),
    leadDepartment: z.string().describe("所管課"),
    mayoralPledge: z.boolean().nullable().describe("市長公約事項"),
    summary: z.string().nullable(),
    purpose: z.string().nullable(),
    yearGoals: z.string().nullable(),
    notes: z.string().nullable(),
    budgetOnly: z.boolean().describe("予算のみの掲載（事業シートなし）"),
    inputs: z.array(Inputs).describe("投入指標（年度順）"),
    activityIndicators: z.array(
      z.object({
        name: z.string(),
        unit: z.string().nullable(),
        targets: z.array(z.object({ fiscalYear: FiscalYear, target: IndicatorValue })),
      }),
    ),
  })
  .register(registry, { id: "Project" });

export const OutcomeIndicator = z
  .object({
    name: z.string().nullable(),
    rationale: z.string().nullable(),
    formula: z.string().nullable(),
    unit: z.string().nullable(),
    baseline: IndicatorValue.nullable().describe("計画策定時"),
    values: z.array(
      z.object({
        fiscalYear: FiscalYear,
        planned: IndicatorValue.nullable(),
        actual: IndicatorValue.nullable(),
      }),
    ),
  })
  .register(registry, { id: "OutcomeIndicator" });

export const Measure = z
  .object({
    id: z.number().int(),
    code: z.string(),
    policyCode: z.string(),
    title: z.string(),
    leadDepartment: z.string().nullable(),
    relatedDepartments: z.array(z.string()),
    currentIssues: z.string().nullable(),
    purpose: z.string().nullable(),
    priorities: z.array(z.string()),
    goalStates: z.array(z.string()),
    futureActions: z.string().nullable(),
    sectoralPlans: z.string().nullable(),
    notes: z.string().nullable(),
    sdgs: z.array(z.object({ goal: z.number().int().min(1).max(17), title: z.string(), text: z.string() })),
    outcomeIndicators: z.array(OutcomeIndicator),
    publishedProjects: z.number().int().describe("公開中（承認済）の事務事業の数"),
  })
  .register(registry, { id: "Measure" });

export const Policy = z
  .object({
    code: z.string(),
    title: z.string(),
    leadDepartment: z.string().nullable(),
    relatedDepartments: z.array(z.string()),
    mission: z.string().nullable(),
    missionPoints: z.array(z.string()),
    directions: z.array(z.object({ title: z.string(), text: z.string() })),
    measureCodes: z.array(z.string()),
  })
  .register(registry, { id: "Policy" });

export const PlanSummary = z
  .object({
    id: z.number().int(),
    city: z.string(),
    fiscalYear: FiscalYear,
    title: z.string().nullable(),
  })
  .register(registry, { id: "PlanSummary" });

export const City = z
  .object({ name: z.string(), plans: z.array(PlanSummary) })
  .register(registry, { id: "City" });

export const RollupRow = z
  .object({
    dimension: z.string(),
    key: z.string(),
    label: z.string(),
    fiscalYear: FiscalYear,
    projects: z.number().int(),
    total: Thousands,
    nationalPrefectural: Thousands,
    localBonds: Thousands,
    otherEarmarked: Thousands,
    generalRevenue: Thousands,
  })
  .register(registry, { id: "RollupRow" });

export const ApiError = z
  .object({ error: z.object({ code: z.string(), message: z.string().describe("日本語のメッセージ") }) })
  .register(registry, { id: "Error" });

export const schemaRegistry = registry;
