import type { PlanVersionSummary } from "../../../db/plans.ts";
import { REVIEW_STATES } from "../../../domain/editing/review.ts";
import { REVIEW_STATE_LABELS } from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { Diagnostic } from "../../../domain/plan/model.ts";
import { reviewCounts } from "../../../domain/presenters/tables.ts";
import type { PlanView, ProjectEntry } from "../../../usecases/plan/read-plan.ts";
import { planHref, projectHref } from "../paths.ts";
import { CityLine, planTitle, SeverityBadge, StateBadge } from "./components.tsx";

export { planTitle } from "./components.tsx";
export { Dashboard, type DashboardData, dashboardCharts } from "./dashboard-page.tsx";

export function PlansList(p: { versions: PlanVersionSummary[]; canDelete: boolean }) {
  return (
    <>
      <h1>実施計画の一覧</h1>
      {p.versions.length === 0 ? (
        <p>登録された計画はまだありません。管理者は「取り込み」から計画書を取り込めます。</p>
      ) : (
        <ul class="card-list">
          {p.versions.map((v) => (
            <li class="card">
              <a href={planHref(v)}>{planTitle(v)}</a>
              <CityLine version={v} />
              <p class="muted">
                {v.title ?? ""} {v.sourceName ? `（${v.sourceName}）` : ""}
              </p>
              {p.canDelete ? (
                <p>
                  <a
                    href={`/delete?city=${v.cityCode}&year=${v.fiscalYear}`}
                    aria-label={`${planTitle(v)}を削除する（確認の画面へ）`}
                  >
                    削除…
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Links a diagnostic to the project it names, when there is one by that name. */
function projectLink(view: PlanView, d: Diagnostic): ProjectEntry | undefined {
  return d.project ? view.projects.find((p) => p.project.name === d.project) : undefined;
}

function DiagnosticTable(p: { view: PlanView; list: Diagnostic[]; caption: string; id: string }) {
  if (p.list.length === 0) return <p>ありません。</p>;
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            <th scope="col">事務事業</th>
            <th scope="col">年度</th>
            <th scope="col">行</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {p.list.map((d) => {
            const target = projectLink(p.view, d);
            return (
              <tr>
                <td>
                  <SeverityBadge severity={d.severity} />
                </td>
                <td>
                  {target ? (
                    <a href={projectHref(target.planAddress, target.key)}>{d.project}</a>
                  ) : (
                    (d.project ?? "—")
                  )}
                </td>
                <td class="nowrap">{d.fiscalYear ? formatWarekiFiscalYear(d.fiscalYear) : "—"}</td>
                <td class="num">{d.line ?? "—"}</td>
                <td>{d.message}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function DiagnosticsPage(p: { view: PlanView }) {
  return (
    <>
      <h1>点検結果</h1>
      <p>
        取り込んだ計画書の点検結果と、編集後の今のデータの点検結果です。誤りは事務事業のページで直せます。
      </p>
      <h2>今のデータ</h2>
      <DiagnosticTable
        view={p.view}
        list={p.view.currentDiagnostics}
        caption="現在のデータの点検結果"
        id="current-diagnostics"
      />
      <h2>取り込み時（{p.view.version.sourceName ?? "計画書"}）</h2>
      <DiagnosticTable
        view={p.view}
        list={p.view.plan.diagnostics}
        caption="取り込み時の点検結果（行は計画書の行番号）"
        id="import-diagnostics"
      />
    </>
  );
}

export function ReviewPage(p: { view: PlanView; department: string | null }) {
  const { departments, count } = reviewCounts(
    p.view.projects.map((e) => ({ department: e.project.leadDepartment, state: e.reviewState })),
  );
  const shown = p.department
    ? p.view.projects.filter((e) => e.project.leadDepartment === p.department)
    : p.view.projects;
  return (
    <>
      <h1>提出・承認の進捗</h1>
      <div class="table-wrap">
        <table class="table" id="review-counts">
          <caption>所管課別の事業シートの状態（件）</caption>
          <thead>
            <tr>
              <th scope="col">所管課</th>
              {REVIEW_STATES.map((s) => (
                <th scope="col" class="num">
                  {REVIEW_STATE_LABELS[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr>
                <th scope="row">
                  <a href={`?department=${encodeURIComponent(d)}`}>{d}</a>
                </th>
                {REVIEW_STATES.map((s) => (
                  <td class="num">{count(d, s)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{p.department ? `${p.department}の事業シート` : "すべての事業シート"}</h2>
      <div class="table-wrap">
        <table class="table">
          <caption>事業シートの一覧</caption>
          <thead>
            <tr>
              <th scope="col">事務事業</th>
              <th scope="col">所管課</th>
              <th scope="col">状態</th>
              <th scope="col">差戻しコメント</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr>
                <td>
                  <a href={projectHref(e.planAddress, e.key)}>{e.project.name}</a>
                </td>
                <td>{e.project.leadDepartment}</td>
                <td>
                  <StateBadge state={e.reviewState} />
                </td>
                <td>{e.reviewComment ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
