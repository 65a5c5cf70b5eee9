import { raw } from "hono/html";
import type { PlanVersionSummary } from "../../../db/plans.ts";
import type { AchievementRollup } from "../../../domain/evaluation/achievement-rollup.ts";
import { INPUT_LABELS } from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { INPUT_FIELDS } from "../../../domain/plan/model.ts";
import { judgedCount } from "../../../domain/presenters/tables.ts";
import type { RollupRow } from "../../../domain/rollups/rollups.ts";
import { OPEN_DATA_FILES, openDataFileNames } from "../../../formats/open-data/write-open-data.ts";
import type { PlanView } from "../../../usecases/plan/read-plan.ts";
import { breakdownChart, fundingChart } from "../charts.ts";
import { measureHref, planHref } from "../paths.ts";
import { CityLine, Money, planTitle, RollupTable } from "./components.tsx";

// The dashboard of a plan version: the cycle links, downloads, structure, totals and achievement.

export interface DashboardData {
  view: PlanView;
  all: RollupRow[];
  byMeasure: RollupRow[];
  byDepartment: RollupRow[];
  byKan: RollupRow[];
  achievementByMeasure: AchievementRollup;
  achievementByDepartment: AchievementRollup;
  /** The same city's plan of the previous fiscal year, when there is one. */
  previous: PlanVersionSummary | null;
  /** Whether the user may roll this plan into the next year (管理者). */
  canRollOver: boolean;
  /** The charts, rendered once per plan version (dashboardCharts). */
  charts: DashboardCharts;
}

/** The dashboard's SVG charts; a breakdown is null when the plan has no fiscal year to show. */
export interface DashboardCharts {
  funding: string;
  byMeasure: string | null;
  byDepartment: string | null;
  byKan: string | null;
}

/**
 * Renders the dashboard's charts (ECharts SSR, tens of milliseconds each). They depend only on the
 * rollups, so the route keeps them in the plan version's read model instead of drawing them per request.
 */
export function dashboardCharts(
  d: Pick<DashboardData, "all" | "byMeasure" | "byDepartment" | "byKan">,
): DashboardCharts {
  const firstYear = d.all[0]?.fiscalYear;
  const inYear = (rows: RollupRow[]) => rows.filter((r) => r.fiscalYear === firstYear);
  const year = firstYear ? formatWarekiFiscalYear(firstYear) : "";
  return {
    funding: fundingChart(d.all, "財源別の年度別事業費（千円）"),
    byMeasure: firstYear ? breakdownChart(inYear(d.byMeasure), `${year} 施策別（千円）`) : null,
    byDepartment: firstYear ? breakdownChart(inYear(d.byDepartment), `${year} 所管課別（千円）`) : null,
    byKan: firstYear ? breakdownChart(inYear(d.byKan), `${year} 款別（千円）`) : null,
  };
}

/** How many indicators met their targets per group and fiscal year: 「達成 3 / 判定 5」. */
function AchievementTable(p: { rollup: AchievementRollup; caption: string; keyLabel: string; id: string }) {
  if (p.rollup.rows.length === 0) return <p class="muted">実績が入力された指標はまだありません。</p>;
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.keyLabel}</th>
            {p.rollup.years.map((fy) => (
              <th scope="col" class="num">
                {formatWarekiFiscalYear(fy)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rollup.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              {p.rollup.years.map((fy) => {
                const c = r.byYear[fy];
                if (!c || c.total === 0) return <td class="num muted">—</td>;
                return (
                  <td class="num" data-key={r.key} data-year={fy}>
                    {`達成 ${c.met} / ${judgedCount(c)}`}
                    {c.notComparable > 0 ? <span class="muted">（判定不能 {c.notComparable}）</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FundingTable(p: { rows: RollupRow[] }) {
  const lines = INPUT_FIELDS.map((k) => [INPUT_LABELS[k], k] as const);
  return (
    <div class="table-wrap">
      <table class="table" id="funding-totals">
        <caption>財源別の合計（千円）</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            {p.rows.map((r) => (
              <th scope="col" class="num">
                {formatWarekiFiscalYear(r.fiscalYear)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map(([label, key]) => (
            <tr class={key === "total" ? "row-strong" : ""}>
              <th scope="row">{label}</th>
              {p.rows.map((r) => (
                <td class="num" data-field={key} data-year={r.fiscalYear}>
                  <Money value={r[key]} />
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">事務事業数</th>
            {p.rows.map((r) => (
              <td class="num">{r.projects}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The files of the open data with what they hold, in the order a reader needs them. */
const OPEN_DATA_LINKS: [string, string][] = [
  [OPEN_DATA_FILES.inputs, "事業費と決算額（事業×年度、財源別、款項目・見込みの別つき）"],
  [OPEN_DATA_FILES.projects, "事務事業の一覧"],
  [OPEN_DATA_FILES.activities, "活動指標（目標・実績・達成状況）"],
  [OPEN_DATA_FILES.outcomes, "成果指標（計画・実績・達成状況）"],
  [OPEN_DATA_FILES.projectEvaluations, "事務事業評価（一次評価・二次評価、年度別）"],
  [OPEN_DATA_FILES.measureEvaluations, "施策評価（一次評価・二次評価、年度別）"],
  [OPEN_DATA_FILES.descriptor, "datapackage.json（Fiscal Data Package の説明）"],
  [OPEN_DATA_FILES.plan, "plan.json（hoshin-plan/1）"],
];

export function Dashboard(d: DashboardData) {
  const { view } = d;
  const measureLinks = new Map(
    view.measures.map((m) => [m.measure.code, measureHref(m.planAddress, m.measure.code)]),
  );
  const errors = view.currentDiagnostics.filter((x) => x.severity === "error").length;
  return (
    <>
      <h1>{planTitle(view.version)}</h1>
      <CityLine version={view.version} />
      <p class="lead">{view.plan.title}</p>
      {errors > 0 ? (
        <div class="notice notice--warning">
          <p>
            現在のデータに {errors} 件の誤りがあります。
            <a href={planHref(view.version, "diagnostics")}>点検結果を見る</a>
          </p>
        </div>
      ) : null}
      <section aria-labelledby="cycle" class="cycle">
        <h2 id="cycle">評価と次年度（Check・Act）</h2>
        <ul class="download-list">
          <li>
            <a href={`${planHref(view.version, "evaluations")}?year=${view.version.fiscalYear}`}>
              {formatWarekiFiscalYear(view.version.fiscalYear)}の事務事業評価・施策評価（課別の進捗）
            </a>
          </li>
          <li>
            <a href={`${planHref(view.version, "compare")}?with=source`}>
              {view.version.rolledFromId === null ? "取り込み時" : "繰越時"}からの変更を見る
            </a>
          </li>
          {d.previous ? (
            <li>
              <a href={`${planHref(d.previous, "compare")}?with=${view.version.id}`}>
                前年度（{formatWarekiFiscalYear(d.previous.fiscalYear)}）の計画との違いを見る
              </a>
            </li>
          ) : null}
          {d.canRollOver ? (
            <li>
              <a href={planHref(view.version, "rollover")}>
                {formatWarekiFiscalYear(view.version.fiscalYear + 1)}の計画を作る（繰越）
              </a>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="downloads" class="downloads">
        <h2 id="downloads">ダウンロード</h2>
        <p class="hint">
          いまのデータ（作成中・提出済の内容を含む）から作ります。公開用の API
          は承認済の事業シートだけを返します。
        </p>
        <ul class="download-list">
          <li>
            <a href={planHref(view.version, "download/html")}>実施計画書（HTML）</a>
          </li>
          <li>
            <a href={planHref(view.version, "download/pdf")}>実施計画書（PDF・A4）</a>
          </li>
          <li>
            <a href={planHref(view.version, "download/xlsx")}>
              Excel ブック（施策別シートと一覧表、取り込み可）
            </a>
          </li>
          <li>
            <a href={planHref(view.version, "download/json")}>データ（hoshin-plan/1 JSON）</a>
          </li>
        </ul>
        <h3 id="open-data">オープンデータ（CSV、UTF-8 BOM 付き）</h3>
        <ul class="download-list">
          {OPEN_DATA_LINKS.filter(([file]) => openDataFileNames(view.plan).includes(file)).map(
            ([file, label]) => (
              <li>
                <a href={planHref(view.version, `opendata/${encodeURIComponent(file)}`)}>{label}</a>
              </li>
            ),
          )}
        </ul>
      </section>
      <section aria-labelledby="structure">
        <h2 id="structure">政策と施策</h2>
        {view.plan.policies.map((policy) => (
          <div class="policy">
            <h3>
              政策{policy.code}　{policy.title}
            </h3>
            {policy.mission ? <p>{policy.mission}</p> : null}
            <ul class="measure-list">
              {view.measures
                .filter((m) => m.policy === policy)
                .map((m) => (
                  <li>
                    <a href={measureHref(m.planAddress, m.measure.code)}>
                      施策{m.measure.code}　{m.measure.title}
                    </a>
                    <span class="muted">
                      （{m.measure.leadDepartment ?? "所管未設定"}・事務事業 {m.projects.length} 件）
                    </span>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="totals">
        <h2 id="totals">年度別の事業費</h2>
        <div class="grid-2">
          <FundingTable rows={d.all} />
          <figure class="chart">
            {raw(d.charts.funding)}
            <figcaption class="visually-hidden">
              財源別の年度別事業費のグラフ。数値は左の表と同じです。
            </figcaption>
          </figure>
        </div>
      </section>
      <section aria-labelledby="by-measure">
        <h2 id="by-measure">施策別</h2>
        <div class="grid-2">
          <RollupTable
            rows={d.byMeasure}
            caption="施策別の年度別事業費（千円）"
            keyLabel="施策"
            links={measureLinks}
          />
          <figure class="chart">{d.charts.byMeasure === null ? null : raw(d.charts.byMeasure)}</figure>
        </div>
      </section>
      <section aria-labelledby="by-department">
        <h2 id="by-department">所管課別</h2>
        <div class="grid-2">
          <RollupTable rows={d.byDepartment} caption="所管課別の年度別事業費（千円）" keyLabel="所管課" />
          <figure class="chart">{d.charts.byDepartment === null ? null : raw(d.charts.byDepartment)}</figure>
        </div>
      </section>
      <section aria-labelledby="achievement">
        <h2 id="achievement">指標の達成状況</h2>
        <p class="hint">
          実績が入力された成果指標・活動指標について、目標を達成した数と判定できた数です（「達成 3 /
          5」は5件中3件が達成）。成果指標は施策と主管課に、活動指標は事務事業の施策と所管課に数えます。
        </p>
        <div class="grid-2">
          <AchievementTable
            rollup={d.achievementByMeasure}
            caption="施策別の達成状況"
            keyLabel="施策"
            id="achievement-by-measure"
          />
          <AchievementTable
            rollup={d.achievementByDepartment}
            caption="課別の達成状況"
            keyLabel="課"
            id="achievement-by-department"
          />
        </div>
      </section>
      <section aria-labelledby="by-kan">
        <h2 id="by-kan">款別</h2>
        <div class="grid-2">
          <RollupTable rows={d.byKan} caption="款別の年度別事業費（千円）" keyLabel="会計・款" />
          <figure class="chart">{d.charts.byKan === null ? null : raw(d.charts.byKan)}</figure>
        </div>
      </section>
    </>
  );
}
