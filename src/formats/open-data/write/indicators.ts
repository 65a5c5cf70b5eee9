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
} from "../../../domain/evaluation/achievement.ts";
import type {
  ActivityIndicator,
  FiscalYearKey,
  IndicatorDirection,
  IndicatorValue,
  Measure,
  OutcomeIndicator,
  PlanDocument,
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
export function activityRows(projects: readonly ProjectRow[], planYear: number): ActivityRow[] {
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
export function outcomeRows(plan: PlanDocument, planYear: number): OutcomeRow[] {
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

const COMPARATORS = [">=", "<=", "="] as const;

const DIRECTIONS = ["higher", "lower"] as const satisfies readonly IndicatorDirection[];

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

/** 指標番号, 指標名 and 単位 of an activity indicator (of a project) or an outcome indicator (of a measure). */
function indicatorColumns<
  R extends IndicatorYear & { indicator: { name: string | null; unit: string | null } },
>(position: string, kind: string): Column<R>[] {
  return [
    {
      name: "indicator_number",
      type: "integer",
      title: "指標番号",
      description: `${position}の順番（1から）。`,
      required: true,
      value: (r) => r.position,
    },
    {
      name: "indicator_name",
      type: "string",
      title: "指標名",
      description: `${kind}の名称。`,
      value: (r) => r.indicator.name,
    },
    {
      name: "unit",
      type: "string",
      title: "単位",
      description: "指標の単位。",
      value: (r) => r.indicator.unit,
    },
  ];
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

export const ACTIVITIES: TableSpec<ActivityRow> = {
  name: "activity-indicators",
  file: OPEN_DATA_FILES.activities,
  title: "活動指標（活動目標と実績）",
  description:
    "事務事業の活動指標と年度ごとの目標・実績・達成状況。1行が1指標の1年度で、目標か実績のある年度を載せています。目標も実績もない指標は、計画の年度の行に目標を空欄で載せています。",
  primaryKey: ["project_id", "indicator_number", "fiscal_year"],
  foreignKeys: [{ fields: ["project_id"], reference: { resource: "projects", fields: ["project_id"] } }],
  columns: [
    projectIdColumn((r) => r.project),
    projectNameColumn((r) => r.project.project),
    ...indicatorColumns<ActivityRow>("事務事業の中での指標", "活動指標"),
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

export const OUTCOMES: TableSpec<OutcomeRow> = {
  name: "outcome-indicators",
  file: OPEN_DATA_FILES.outcomes,
  title: "成果指標",
  description:
    "施策の成果指標と年度ごとの計画値・実績値・達成状況。1行が1指標の1年度で、計画策定時の値と指標の向きは各行に繰り返します。",
  primaryKey: ["measure_code", "indicator_number", "fiscal_year"],
  columns: [
    measureCodeColumn((r) => r.measure),
    measureTitleColumn((r) => r.measure),
    ...indicatorColumns<OutcomeRow>("施策の中での成果指標", "成果指標"),
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
