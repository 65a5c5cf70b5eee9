import type { ProjectTotals, YearTotals } from "../../../domain/cycle/plan-diff.ts";
import type { FieldChange } from "../../../domain/editing/changes.ts";
import { OUTLOOK_LABELS } from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { formatThousands } from "../../../domain/plan/money.ts";
import { diffIsEmpty, yearsOf } from "../../../domain/presenters/tables.ts";
import type { CompareChoices, PlanComparison } from "../../../usecases/cycle/compare-plans.ts";
import type { RolloverPreview } from "../../../usecases/cycle/rollover-plan.ts";
import { planHref } from "../paths.ts";
import { Hidden, Money } from "./components.tsx";
import { planTitle } from "./plan-pages.tsx";

/** +1,234 / -9,562 / 0 */
function Signed(p: { value: number }) {
  return <span class="num">{p.value > 0 ? `+${formatThousands(p.value)}` : formatThousands(p.value)}</span>;
}

/** Totals per fiscal year of two plans, side by side, with the difference (千円). */
function TotalsTable(p: { rows: YearTotals[]; caption: string; before: string; after: string; id: string }) {
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col" class="num">
              事業費（{p.before}）
            </th>
            <th scope="col" class="num">
              事業費（{p.after}）
            </th>
            <th scope="col" class="num">
              差
            </th>
            <th scope="col" class="num">
              一般財源（{p.before}）
            </th>
            <th scope="col" class="num">
              一般財源（{p.after}）
            </th>
            <th scope="col" class="num">
              差
            </th>
            <th scope="col" class="num">
              事務事業数
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((t) => (
            <tr data-year={t.fiscalYear}>
              <th scope="row" class="nowrap">
                {formatWarekiFiscalYear(t.fiscalYear)}
              </th>
              <td class="num" data-field="before.total">
                <Money value={t.before.total} />
              </td>
              <td class="num" data-field="after.total">
                <Money value={t.after.total} />
              </td>
              <td class="num" data-field="difference.total">
                <Signed value={t.difference.total} />
              </td>
              <td class="num" data-field="before.generalRevenue">
                <Money value={t.before.generalRevenue} />
              </td>
              <td class="num" data-field="after.generalRevenue">
                <Money value={t.after.generalRevenue} />
              </td>
              <td class="num" data-field="difference.generalRevenue">
                <Signed value={t.difference.generalRevenue} />
              </td>
              <td class="num">
                {t.before.projects} → {t.after.projects}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function yearSpan(years: string[]): string {
  const first = years[0];
  const last = years.at(-1);
  return first && last ? `${formatWarekiFiscalYear(first)}〜${formatWarekiFiscalYear(last)}` : "—";
}

// Rollover

export function RolloverPage(p: {
  preview: RolloverPreview;
  csrf: string;
  error?: string | null;
  replace?: boolean;
}) {
  const { from, existing, rollover: r } = p.preview;
  const last = r.window.at(-1) ?? "";
  const previousLast = String(Number(last) - 1);
  const dropped = formatWarekiFiscalYear(r.fromYear);
  const errors = r.plan.diagnostics.filter((d) => d.severity === "error").length;
  return (
    <>
      <h1>次年度計画の作成（繰越）</h1>
      {p.error ? (
        <div class="notice notice--error" role="alert" id="error-summary" tabindex={-1}>
          <p>
            <strong>{p.error}</strong>
          </p>
        </div>
      ) : null}
      <p>
        {planTitle(from)}から、{from.city} {formatWarekiFiscalYear(r.toYear)}
        の実施計画を作成します。まだ何も保存していません。{planTitle(from)}はそのまま残ります。
      </p>
      <ul id="rollover-counts">
        <li>
          計画期間: {yearSpan(r.window)}（{dropped}を外し、{formatWarekiFiscalYear(last)}を加えます）
        </li>
        <li>
          繰り越す事務事業: {r.carried} 件（うち{formatWarekiFiscalYear(last)}の額を
          {formatWarekiFiscalYear(previousLast)}から見込みとして複写: {r.estimated.length} 件）
        </li>
        <li>
          {formatWarekiFiscalYear(previousLast)}の額がないため{formatWarekiFiscalYear(last)}もない事務事業:{" "}
          {r.withoutLastYear.length} 件
        </li>
        <li>
          評価が廃止・完了のため除外する事務事業: {r.leftOut.length} 件（承認済の評価シートだけを数えます）
        </li>
        <li>
          新しい計画の点検結果: {r.plan.diagnostics.length} 件（うち誤り {errors} 件）
        </li>
      </ul>
      <p class="hint">
        事業シートと評価はすべて作成中から始まり、評価は引き継ぎません。成果指標、活動指標の実績と決算額は引き継ぎます。
        計画書の表題や「{dropped}の目標」など、文中の年度はそのまま残るため、各課で書き直してください。
      </p>
      <h2>除外する事務事業</h2>
      {r.leftOut.length === 0 ? (
        <p>ありません（{dropped}の承認済の評価で今後の方向性が廃止・完了の事務事業はありません）。</p>
      ) : (
        <div class="table-wrap">
          <table class="table" id="left-out">
            <caption>{dropped}の承認済の評価で今後の方向性が廃止・完了の事務事業</caption>
            <thead>
              <tr>
                <th scope="col">施策</th>
                <th scope="col">事務事業</th>
                <th scope="col">所管課</th>
                <th scope="col">今後の方向性</th>
              </tr>
            </thead>
            <tbody>
              {r.leftOut.map((l) => (
                <tr>
                  <td class="nowrap">{l.measureCode}</td>
                  <td>{l.name}</td>
                  <td>{l.leadDepartment}</td>
                  <td>{OUTLOOK_LABELS[l.outlook]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.withoutLastYear.length > 0 ? (
        <>
          <h2>
            {formatWarekiFiscalYear(last)}の額がない事務事業（{formatWarekiFiscalYear(previousLast)}
            の額がないため）
          </h2>
          <ul id="without-last-year">
            {r.withoutLastYear.map((w) => (
              <li>
                施策{w.measureCode} {w.name}（{w.leadDepartment}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>年度別の合計</h2>
      <TotalsTable
        rows={p.preview.totals}
        caption="年度別の合計（千円）"
        before={formatWarekiFiscalYear(r.fromYear)}
        after={formatWarekiFiscalYear(r.toYear)}
        id="rollover-totals"
      />
      <form method="post" action={`/plans/${from.id}/rollover`} class="actions">
        <Hidden name="_csrf" value={p.csrf} />
        {existing ? (
          <div class="notice notice--warning">
            <p>
              {from.city} {formatWarekiFiscalYear(r.toYear)}の計画は既に登録されています（
              {existing.sourceName ?? "—"}
              ）。作成すると置き換わり、その年度の編集内容と提出・承認の状態は失われます（監査ログは残ります）。
            </p>
            <p>
              <label>
                <input type="checkbox" name="replace" value="on" checked={p.replace === true} /> 登録済みの
                {formatWarekiFiscalYear(r.toYear)}の計画を置き換える
              </label>
            </p>
          </div>
        ) : null}
        <button type="submit" class="button button--primary">
          {formatWarekiFiscalYear(r.toYear)}の計画を作成する
        </button>
        <a class="button button--secondary" href={planHref(from)}>
          やめる
        </a>
      </form>
    </>
  );
}

// Comparison

export function CompareChoicesPage(p: { choices: CompareChoices }) {
  const { version, hasSource, rolledFrom, others } = p.choices;
  const base = planHref(version, "compare");
  return (
    <>
      <h1>変更点の比較</h1>
      <p>{planTitle(version)}を、次のどれと比べるか選んでください。</p>
      <ul class="card-list" id="compare-choices">
        {hasSource ? (
          <li class="card">
            <a href={`${base}?with=source`}>
              {rolledFrom ? "繰越時" : "取り込み時"}の内容と比べる（画面での編集内容）
            </a>
          </li>
        ) : null}
        {rolledFrom ? (
          <li class="card">
            <a href={`${base}?with=${rolledFrom.id}`}>繰越元の{planTitle(rolledFrom)}と比べる</a>
          </li>
        ) : null}
        {others
          .filter((o) => o.id !== rolledFrom?.id)
          .map((o) => (
            <li class="card">
              <a href={`${base}?with=${o.id}`}>{planTitle(o)}と比べる</a>
            </li>
          ))}
      </ul>
      {!hasSource && others.length === 0 ? <p>比べられる計画がありません。</p> : null}
    </>
  );
}

/** A changed value as shown: amounts with separators (1,453), empty as （なし）. */
function changeValue(field: string, v: string | null): string {
  if (v === null) return "（なし）";
  return /^(inputs|settled)\./.test(field) && /^-?\d+$/.test(v) ? formatThousands(Number(v)) : v;
}

function ChangesTable(p: { changes: FieldChange[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">変更前</th>
            <th scope="col">変更後</th>
          </tr>
        </thead>
        <tbody>
          {p.changes.map((ch) => (
            <tr data-field={ch.field}>
              <th scope="row">{ch.label}</th>
              <td class="change">{changeValue(ch.field, ch.before)}</td>
              <td class="change">{changeValue(ch.field, ch.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProjectTotalsTable(p: { projects: ProjectTotals[]; caption: string; id: string }) {
  const years = yearsOf(p.projects);
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">施策</th>
            <th scope="col">事務事業</th>
            <th scope="col">所管課</th>
            {years.map((fy) => (
              <th scope="col" class="num">
                {formatWarekiFiscalYear(fy)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.projects.map((x) => (
            <tr>
              <td class="nowrap">{x.measureCode}</td>
              <td>{x.name}</td>
              <td>{x.leadDepartment}</td>
              {years.map((fy) => (
                <td class="num">
                  <Money value={x.totals[fy]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ComparePage(p: { comparison: PlanComparison }) {
  const { before, after, diff: d } = p.comparison;
  const crossYear = before.version.fiscalYear !== after.version.fiscalYear;
  const nothing = diffIsEmpty(d);
  return (
    <>
      <h1>変更点の比較</h1>
      <p class="lead">
        {before.label} → {after.label}
      </p>
      {crossYear && d.comparedYears.length > 0 ? (
        <p class="hint">
          事業費と活動指標の目標は、両方の計画期間にある{yearSpan(d.comparedYears)}
          で比べています。それ以外の年度は年度別の合計に示します。
        </p>
      ) : null}
      <ul id="compare-counts">
        <li>追加された事務事業: {d.projectsAdded.length} 件</li>
        <li>削除された事務事業: {d.projectsRemoved.length} 件</li>
        <li>変更された事務事業: {d.projectsChanged.length} 件</li>
        <li>変更のない事務事業: {d.projectsUnchanged} 件</li>
        <li>
          施策: 追加 {d.measuresAdded.length} 件、削除 {d.measuresRemoved.length} 件、変更{" "}
          {d.measuresChanged.length} 件
        </li>
      </ul>
      <h2>年度別の合計</h2>
      <TotalsTable
        rows={d.totals}
        caption="年度別の合計（千円）"
        before="変更前"
        after="変更後"
        id="compare-totals"
      />
      {nothing ? <p>事務事業と施策に変更はありません。</p> : null}
      {d.projectsAdded.length > 0 ? (
        <section aria-labelledby="projects-added">
          <h2 id="projects-added">追加された事務事業</h2>
          <ProjectTotalsTable
            projects={d.projectsAdded}
            caption="追加された事務事業と年度別事業費（千円）"
            id="added"
          />
        </section>
      ) : null}
      {d.projectsRemoved.length > 0 ? (
        <section aria-labelledby="projects-removed">
          <h2 id="projects-removed">削除された事務事業</h2>
          <ProjectTotalsTable
            projects={d.projectsRemoved}
            caption="削除された事務事業と年度別事業費（千円）"
            id="removed"
          />
        </section>
      ) : null}
      {d.projectsChanged.length > 0 ? (
        <section aria-labelledby="projects-changed" id="changed">
          <h2 id="projects-changed">変更された事務事業</h2>
          {d.projectsChanged.map((x) => (
            <>
              <h3>
                施策{x.measureCode} {x.name}（{x.leadDepartment}）
              </h3>
              <ChangesTable changes={x.changes} caption={`${x.name}の変更された項目`} />
            </>
          ))}
        </section>
      ) : null}
      {d.measuresAdded.length + d.measuresRemoved.length > 0 ? (
        <section aria-labelledby="measures-added-removed">
          <h2 id="measures-added-removed">追加・削除された施策</h2>
          <ul>
            {d.measuresAdded.map((m) => (
              <li>
                追加: 施策{m.code} {m.title}
              </li>
            ))}
            {d.measuresRemoved.map((m) => (
              <li>
                削除: 施策{m.code} {m.title}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.measuresChanged.length > 0 ? (
        <section aria-labelledby="measures-changed">
          <h2 id="measures-changed">変更された施策</h2>
          {d.measuresChanged.map((m) => (
            <>
              <h3>
                施策{m.code} {m.title}
              </h3>
              <ChangesTable changes={m.changes} caption={`施策${m.code}の変更された項目`} />
            </>
          ))}
        </section>
      ) : null}
      <p>
        <a href={planHref(after.version, "compare")}>ほかの計画と比べる</a>
      </p>
    </>
  );
}
