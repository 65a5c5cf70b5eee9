import { z } from "zod";
import type * as M from "../../domain/plan/model.ts";
import { EVALUATION_ASPECTS, OUTLOOKS, PLAN_FORMAT, RATINGS } from "../../domain/plan/model.ts";

// The one description of hoshin-plan/1 (docs: PLAN_FORMAT.md): what an import accepts, and what the
// public API's schemas are derived from. Every check carries the Japanese message a user reads when a
// document breaks it (see validate.ts); the types are checked against the domain model at the end.

const INT32_MAX = 2_147_483_647;
const YEAR = /^[1-9]\d{3}$/;
const YEAR_KEY = '年度のキーが西暦の4桁（例: "2024"）ではありません。';

const quoted = (values: readonly string[]) => values.map((v) => `「${v}」`).join("");
const shown = (input: unknown) => JSON.stringify(input) ?? "なし";

const text = () => z.string({ error: "文字列ではありません。" });
const textOrNull = () => z.string({ error: "文字列か null ではありません。" }).nullable();
const texts = () => z.array(text(), { error: "配列ではありません。" });
const list = <T extends z.ZodType>(element: T) => z.array(element, { error: "配列ではありません。" });
const object = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape, { error: "オブジェクトではありません。" });

const int32 = (error = "整数ではありません。") =>
  z.int({ error }).min(-INT32_MAX, { error }).max(INT32_MAX, { error });
const int32OrNull = () => int32("整数か null ではありません。").nullable();

/** A Western fiscal year as a string key: "2024" for 令和6年度. */
export const FiscalYearKey = z
  .string({ error: YEAR_KEY })
  .regex(YEAR, { error: YEAR_KEY })
  .describe("西暦の年度（令和6年度 → 2024）");

/** `{ "2024": … }`: an object keyed by Western fiscal years. */
const byYear = <T extends z.ZodType>(value: T) =>
  z.record(FiscalYearKey, value, {
    error: (iss) => (iss.code === "invalid_key" ? YEAR_KEY : "オブジェクトではありません。"),
  });

/** An amount in 千円: an integer, never a fraction. */
export const Thousands = z
  .int({ error: (iss) => `金額が整数（千円）ではありません（${shown(iss.input)}）。` })
  .describe("金額（千円、整数）");

export const IndicatorValue = object({
  text: text().describe("計画書の表記（例: 40以上、実施する）"),
  value: z
    .number({ error: "有限の数値か null ではありません。" })
    .nullable()
    .describe("数値（文の目標では null）"),
  comparator: z
    .enum([">=", "<=", "="], { error: "「>=」「<=」「=」のいずれでもありません。" })
    .describe("以上 >=、以下 <=、それ以外 ="),
});

const Direction = z
  .enum(["higher", "lower"], { error: "「higher」でも「lower」でもありません。" })
  .describe("高いほど良い higher / 低いほど良い lower（ない場合は目標の表記から判断）");

const Rating = z.enum(RATINGS, { error: "「A」「B」「C」か null ではありません。" }).nullable();
const Outlook = z.enum(OUTLOOKS, { error: `${quoted(OUTLOOKS)}か null ではありません。` }).nullable();

const AspectRating = object({ rating: Rating, reason: textOrNull() });
const AspectRatings = object(
  Object.fromEntries(EVALUATION_ASPECTS.map((k) => [k, AspectRating])) as Record<
    M.EvaluationAspect,
    typeof AspectRating
  >,
);

export const ProjectEvaluation = object({
  self: object({ aspects: AspectRatings, outlook: Outlook, changes: textOrNull() }),
  secondary: object({ aspects: AspectRatings, outlook: Outlook, comment: textOrNull() }).nullable(),
});

export const MeasureEvaluation = object({
  self: object({ rating: Rating, assessment: textOrNull(), nextSteps: textOrNull() }),
  secondary: object({ rating: Rating, comment: textOrNull() }).nullable(),
});

const ClassificationLevel = object({ number: int32OrNull(), name: text() }).nullable();

export const Classification = object({
  account: text(),
  kan: ClassificationLevel,
  kou: ClassificationLevel,
  moku: ClassificationLevel,
}).describe("会計・款・項・目");

export const Inputs = object({
  total: Thousands.describe("年度別事業費（千円）"),
  nationalPrefectural: Thousands.describe("特定財源: 国・県支出金（千円）"),
  localBonds: Thousands.describe("特定財源: 地方債（千円）"),
  otherEarmarked: Thousands.describe("特定財源: その他（千円）"),
  generalRevenue: Thousands.describe("一般財源（千円）"),
});

export const ActivityIndicator = object({
  name: text(),
  unit: textOrNull(),
  targets: byYear(IndicatorValue),
  actual: byYear(IndicatorValue).optional(),
  direction: Direction.optional(),
});

const settledMessage = (iss: { input?: unknown }) =>
  `決算額が 0 以上の整数（千円）ではありません（${shown(iss.input)}）。`;
const estimatedMessage = '西暦4桁の年度（例: "2027"）の配列ではありません。';

export const Project = object({
  name: text().describe("事務事業名"),
  status: z
    .enum(["continuing", "new"], { error: "「continuing」でも「new」でもありません。" })
    .describe("継続 continuing / 新規 new"),
  priority: textOrNull().describe("事業優先順位"),
  classification: Classification,
  leadDepartment: text().describe("所管課"),
  mayoralPledge: z.boolean({ error: "真偽値か null ではありません。" }).nullable().describe("市長公約事項"),
  summary: textOrNull(),
  purpose: textOrNull(),
  yearGoals: textOrNull(),
  notes: textOrNull(),
  inputs: byYear(Inputs),
  activityIndicators: list(ActivityIndicator),
  budgetOnly: z.boolean({ error: "真偽値ではありません。" }).describe("予算のみの掲載（事業シートなし）"),
  settled: byYear(z.int({ error: settledMessage }).min(0, { error: settledMessage })).optional(),
  // One problem for the whole list, whatever is wrong in it.
  estimatedYears: z
    .array(z.unknown(), { error: estimatedMessage })
    .refine((years) => years.every((fy) => typeof fy === "string" && YEAR.test(fy)), {
      error: estimatedMessage,
    })
    .pipe(z.array(z.string()))
    .optional(),
  evaluations: byYear(ProjectEvaluation).optional(),
});

export const OutcomeIndicator = object({
  name: textOrNull(),
  rationale: textOrNull(),
  formula: textOrNull(),
  unit: textOrNull(),
  baseline: IndicatorValue.nullable().describe("計画策定時"),
  planned: byYear(IndicatorValue),
  actual: byYear(IndicatorValue),
  direction: Direction.optional(),
});

export const SdgLink = object({ goal: int32(), title: text(), text: text() });

export const Measure = object({
  code: text().describe("施策コード（例: 6-2）"),
  title: text(),
  leadDepartment: textOrNull(),
  relatedDepartments: texts(),
  currentIssues: textOrNull(),
  purpose: textOrNull(),
  priorities: texts(),
  goalStates: texts(),
  outcomeIndicators: list(OutcomeIndicator),
  futureActions: textOrNull(),
  sdgs: list(SdgLink),
  sectoralPlans: textOrNull(),
  notes: textOrNull(),
  projects: list(Project),
  evaluations: byYear(MeasureEvaluation).optional(),
});

export const Policy = object({
  code: text().describe("政策コード（例: 6）"),
  title: text(),
  leadDepartment: textOrNull(),
  relatedDepartments: texts(),
  mission: textOrNull(),
  missionPoints: texts(),
  directions: list(object({ title: text(), text: text() })),
  measures: list(Measure),
});

/** What a reader found wrong or odd. A hand-written plan may leave out message and line. */
export const Diagnostic = object({
  severity: z.enum(["error", "warning", "info"], {
    error: "「error」「warning」「info」のいずれでもありません。",
  }),
  code: text(),
  message: text().optional(),
  line: int32OrNull().optional(),
  project: text().optional(),
  fiscalYear: z
    .string({ error: '西暦の4桁の年度（例: "2024"）ではありません。' })
    .regex(YEAR, { error: '西暦の4桁の年度（例: "2024"）ではありません。' })
    .optional(),
});

export const PlanDocument = object({
  format: z.literal(PLAN_FORMAT, { error: `「${PLAN_FORMAT}」ではありません。` }),
  title: textOrNull(),
  policies: list(Policy),
  diagnostics: list(Diagnostic),
});

// The schema and the domain's types must describe the same document: these fail to compile when a key,
// its type or its optionality differs. (Diagnostic is the one place the schema is more lenient.)
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Deep<T> = T extends (infer E)[] ? Deep<E>[] : T extends object ? { [K in keyof T]: Deep<T[K]> } : T;
type Agree<A, B> = Same<Deep<A>, Deep<B>>;
type LenientDiagnostic = Omit<M.Diagnostic, "message" | "line"> &
  Partial<Pick<M.Diagnostic, "message" | "line">>;

const agree = <T extends true>(_: T) => _;
agree<Agree<z.output<typeof Policy>, M.Policy>>(true);
agree<Agree<z.output<typeof Diagnostic>, LenientDiagnostic>>(true);
agree<
  Agree<
    z.output<typeof PlanDocument>,
    Omit<M.PlanDocument, "diagnostics"> & { diagnostics: LenientDiagnostic[] }
  >
>(true);
