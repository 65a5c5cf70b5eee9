import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { cityLabel } from "../../../domain/city/city.ts";
import { formatCount } from "../../../domain/comparison/budget.ts";
import type { CityComparison } from "../../../domain/comparison/compare.ts";
import { achievementRatio } from "../../../domain/comparison/outcomes.ts";
import { PEER_RULE_LABELS, PEER_RULES, type PeerRule } from "../../../domain/comparison/peers.ts";
import { formatRate } from "../../../domain/evaluation/achievement.ts";
import {
  ACHIEVEMENT_STATUS_LABELS,
  ASPECT_LABELS,
  INPUT_LABELS,
  NO_OUTLOOK_LABEL,
  NO_RATING_LABEL,
  OUTLOOK_LABELS,
} from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { EVALUATION_ASPECTS, INPUT_FIELDS, OUTLOOKS, RATINGS } from "../../../domain/plan/model.ts";
import type { CitiesComparisonView } from "../../../usecases/compare/compare-cities.ts";
import type { ComparisonCharts } from "../compare-charts.ts";
import { Money } from "./components.tsx";

// The comparison of cities (GET /compare): the form choosing the year, the city and its peers (a plain
// GET form, no JavaScript), the sentence naming the peers, then each figure as a chart with the table of
// the same figures under it. Approved data only (usecases/compare/compare-cities.ts).

export interface ComparePageProps {
  view: CitiesComparisonView;
  /** What the form was sent with, to show it again. */
  form: { list: string; count: string };
  charts: ComparisonCharts | null;
  /** The CSV of the same tables, with the same query. */
  csvHref: string | null;
}

/** A table with one column per city: `rows` of [label, cell per city]. */
function CityTable(p: {
  id: string;
  caption: string;
  head: string;
  cities: CityComparison[];
  rows: { label: string; strong?: boolean; cell: (c: CityComparison) => Child }[];
}) {
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.head}</th>
            {p.cities.map((c) => (
              <th scope="col" class="num" data-city={c.city.code}>
                {c.city.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr class={r.strong ? "row-strong" : ""}>
              <th scope="row">{r.label}</th>
              {p.cities.map((c) => (
                <td class="num" data-city={c.city.code}>
                  {c.published ? r.cell(c) : <span class="muted">—</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Chart(p: { svg: string; what: string }) {
  return (
    <figure class="chart">
      {raw(p.svg)}
      <figcaption class="visually-hidden">{p.what}のグラフ。数値は下の表と同じです。</figcaption>
    </figure>
  );
}

function CompareForm(p: { view: CitiesComparisonView; form: ComparePageProps["form"] }) {
  const { view } = p;
  const rule: PeerRule = view.rule;
  return (
    <form method="get" action="/compare" class="filter-form compare-form">
      <div class="field">
        <label for="f-year">年度</label>
        <select id="f-year" name="year">
          {view.years.map((y) => (
            <option value={String(y)} selected={y === view.fiscalYear}>
              {formatWarekiFiscalYear(y)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-city">比較する市町村</label>
        <select id="f-city" name="city">
          {view.cities.map((c) => (
            <option value={c.code} selected={c.code === view.base?.code}>
              {cityLabel({ ...c, nameKana: null })}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="field compare-form__peers">
        <legend>比較対象</legend>
        {PEER_RULES.map((k) => (
          <label class="radio-option">
            <input type="radio" name="peers" value={k} checked={rule.kind === k} />
            {`\u00a0${PEER_RULE_LABELS[k]}`}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="f-count">人口の近い市町村の数</label>
        <input id="f-count" type="number" name="count" min="1" max="20" value={p.form.count} />
      </div>
      <div class="field">
        <label for="f-list">指定する市町村</label>
        <p class="hint" id="h-list">
          団体コードを「,」で区切って入力します（比較対象で「指定した市町村」を選んだとき）。
        </p>
        <input id="f-list" type="text" name="list" value={p.form.list} aria-describedby="h-list" />
      </div>
      <div class="field">
        <button type="submit" class="button button--primary">
          比較する
        </button>
      </div>
    </form>
  );
}

const pct = (c: CityComparison) => formatRate(achievementRatio(c.achievement));

export function ComparePage(p: ComparePageProps) {
  const { view, charts } = p;
  const c = view.comparison;
  const cities = c?.cities ?? [];
  return (
    <>
      <h1>市町村の比較</h1>
      <p class="lead">
        同じ年度の公開された（承認済の）実施計画を、市町村どうしで比べます。作成中・提出済の内容は含みません。
      </p>
      <CompareForm view={view} form={p.form} />
      {view.fiscalYear === null ? (
        <p class="muted">公開された実施計画がまだないため、比較できません。</p>
      ) : null}
      {view.choice ? (
        <>
          <p class="peer-description" id="peers">
            <strong>{view.choice.description}</strong>
          </p>
          {view.choice.notes.length > 0 ? (
            <ul class="notice notice--warning" id="peer-notes">
              {view.choice.notes.map((n) => (
                <li>{n}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {c && charts ? (
        <>
          {p.csvHref ? (
            <p>
              <a href={p.csvHref}>この比較の表をダウンロード（CSV、UTF-8 BOM 付き）</a>
            </p>
          ) : null}
          <section aria-labelledby="cities">
            <h2 id="cities">比較する市町村</h2>
            <div class="table-wrap">
              <table class="table" id="compared-cities">
                <caption>市町村と{formatWarekiFiscalYear(c.fiscalYear)}の計画の承認の状況</caption>
                <thead>
                  <tr>
                    <th scope="col">市町村</th>
                    <th scope="col">都道府県</th>
                    <th scope="col" class="num">
                      人口
                    </th>
                    <th scope="col">類似団体区分</th>
                    <th scope="col">公開の状況</th>
                  </tr>
                </thead>
                <tbody>
                  {cities.map((x) => (
                    <tr data-city={x.city.code}>
                      <th scope="row">{x.city.name}</th>
                      <td>{x.city.prefecture || "—"}</td>
                      <td class="num">
                        {formatCount(x.city.population)}
                        {x.city.population !== null && x.city.populationYear !== null ? (
                          <span class="muted">（{x.city.populationYear}年）</span>
                        ) : null}
                      </td>
                      <td>{x.city.similarityGroup ?? "—"}</td>
                      <td class={x.complete ? "" : "approval-partial"}>{x.approvalText}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="hint">
              一部のみ承認済の市町村の数値は、承認済の事務事業・施策だけの合計です。金額は各事務事業の
              {formatWarekiFiscalYear(c.fiscalYear)}の投入指標（年度別事業費と財源内訳）です。
            </p>
          </section>
          <section aria-labelledby="funding">
            <h2 id="funding">財源別の事業費</h2>
            <Chart svg={charts.funding} what="財源別の事業費" />
            <CityTable
              id="compare-funding"
              caption="財源別の事業費（千円）"
              head="区分"
              cities={cities}
              rows={[
                ...INPUT_FIELDS.map((f) => ({
                  label: INPUT_LABELS[f],
                  strong: f === "total",
                  cell: (x: CityComparison) => <Money value={x.totals[f]} />,
                })),
                { label: "事務事業数", cell: (x: CityComparison) => formatCount(x.totals.projects) },
              ]}
            />
          </section>
          <section aria-labelledby="per-capita">
            <h2 id="per-capita">人口1人当たりの事業費</h2>
            <p class="hint">
              千円 × 1,000 ÷ 人口を円単位に四捨五入しています（JIS Z 8401
              規則B）。人口が登録されていない市町村は「—」です。
            </p>
            {charts.perCapita ? (
              <Chart svg={charts.perCapita} what="人口1人当たりの事業費" />
            ) : (
              <p class="muted">人口が登録されている市町村がないため、グラフはありません。</p>
            )}
            <CityTable
              id="compare-per-capita"
              caption="人口1人当たりの事業費（円）"
              head="区分"
              cities={cities}
              rows={INPUT_FIELDS.map((f) => ({
                label: INPUT_LABELS[f],
                strong: f === "total",
                cell: (x: CityComparison) => formatCount(x.perCapita[f]),
              }))}
            />
          </section>
          <section aria-labelledby="by-kan">
            <h2 id="by-kan">款別の事業費</h2>
            <p class="hint">一般会計の款は全国共通の名称（地方自治法施行規則の款の区分）でそろえています。</p>
            <Chart svg={charts.byKan} what="款別の事業費" />
            <CityTable
              id="compare-kan"
              caption="款別の事業費（千円）"
              head="会計・款"
              cities={cities}
              rows={c.kanGroups.map((g) => ({
                label: g.label,
                cell: (x: CityComparison) => (
                  <Money value={x.byKan.find((k) => k.key === g.key)?.totals.total ?? 0} />
                ),
              }))}
            />
          </section>
          <section aria-labelledby="by-policy">
            <h2 id="by-policy">政策別の事業費</h2>
            <p class="hint">政策は市町村ごとに異なるため、それぞれの計画の政策を並べています。</p>
            <div class="grid-2">
              {cities.map((x) => (
                <div class="table-wrap">
                  <table class="table" id={`compare-policies-${x.city.code}`}>
                    <caption>{x.city.name}の政策別（千円）</caption>
                    <thead>
                      <tr>
                        <th scope="col">政策</th>
                        <th scope="col" class="num">
                          事業費
                        </th>
                        <th scope="col" class="num">
                          事務事業数
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {x.byPolicy.length === 0 ? (
                        <tr>
                          <td colspan={3} class="muted">
                            {x.approvalText}
                          </td>
                        </tr>
                      ) : (
                        x.byPolicy.map((pol) => (
                          <tr>
                            <th scope="row">
                              政策{pol.code}　{pol.title}
                            </th>
                            <td class="num">
                              <Money value={pol.totals.total} />
                            </td>
                            <td class="num">{formatCount(pol.totals.projects)}</td>
                          </tr>
                        ))
                      )}
                    </tbody>
                  </table>
                </div>
              ))}
            </div>
          </section>
          <section aria-labelledby="achievement">
            <h2 id="achievement">成果指標の達成状況</h2>
            <p class="hint">
              {formatWarekiFiscalYear(c.fiscalYear)}
              の実績が承認された成果指標のうち、目標を達成した割合です（達成率 = 達成 ÷（達成 +
              未達成）。判定不能は除きます）。
            </p>
            <Chart svg={charts.achievement} what="成果指標の達成率" />
            <CityTable
              id="compare-achievement"
              caption="成果指標の達成状況（件）"
              head="区分"
              cities={cities}
              rows={[
                { label: "実績のある指標", cell: (x) => formatCount(x.achievement.withActual) },
                { label: ACHIEVEMENT_STATUS_LABELS.met, cell: (x) => formatCount(x.achievement.met) },
                {
                  label: ACHIEVEMENT_STATUS_LABELS["not-met"],
                  cell: (x) => formatCount(x.achievement.notMet),
                },
                {
                  label: ACHIEVEMENT_STATUS_LABELS["not-comparable"],
                  cell: (x) => formatCount(x.achievement.unjudged),
                },
                { label: "達成率", strong: true, cell: pct },
              ]}
            />
          </section>
          <section aria-labelledby="evaluations">
            <h2 id="evaluations">事務事業評価の結果</h2>
            <p class="hint">
              承認済の事務事業評価シートについて、二次評価があればそれを、なければ一次評価を数えています。
            </p>
            <Chart svg={charts.outlooks} what="今後の方向性" />
            <CityTable
              id="compare-outlooks"
              caption="今後の方向性（件）"
              head="方向性"
              cities={cities}
              rows={[
                {
                  label: "評価シート（承認済）",
                  strong: true,
                  cell: (x) => formatCount(x.evaluations.sheets),
                },
                ...OUTLOOKS.map((o) => ({
                  label: OUTLOOK_LABELS[o],
                  cell: (x: CityComparison) => formatCount(x.evaluations.outlooks[o]),
                })),
                { label: NO_OUTLOOK_LABEL, cell: (x) => formatCount(x.evaluations.outlooks.none) },
              ]}
            />
            <CityTable
              id="compare-ratings"
              caption="観点別の評価（件）"
              head="観点"
              cities={cities}
              rows={EVALUATION_ASPECTS.map((a) => ({
                label: ASPECT_LABELS[a],
                cell: (x: CityComparison) =>
                  [
                    ...RATINGS.map((r) => `${r} ${formatCount(x.evaluations.ratings[a][r])}`),
                    `${NO_RATING_LABEL} ${formatCount(x.evaluations.ratings[a].none)}`,
                  ].join("・"),
              }))}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
