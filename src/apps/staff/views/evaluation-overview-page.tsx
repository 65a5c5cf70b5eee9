import { MEASURE_RATING_LABELS, MISSING_SHEET_LABEL, REVIEW_STATE_LABELS } from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { columnTotals } from "../../../domain/presenters/tables.ts";
import { type EvaluationOverview, PROGRESS_COLUMNS } from "../../../usecases/evaluation/list-evaluations.ts";
import { measureSheetHref, planHref } from "../paths.ts";
import { StateBadge } from "./components.tsx";
import { ProjectSheetsTable } from "./evaluation-sheet-parts.tsx";

// The progress of a plan year's evaluation sheets, per department.

const PROGRESS_LABELS = { missing: MISSING_SHEET_LABEL, ...REVIEW_STATE_LABELS } as const;

export function EvaluationOverviewPage(p: { overview: EvaluationOverview; department: string | null }) {
  const o = p.overview;
  const base = `${planHref(o.version, "evaluations")}?year=${o.fiscalYear}`;
  const shown = p.department ? o.projects.filter((e) => e.department === p.department) : o.projects;
  const totals = columnTotals(PROGRESS_COLUMNS, o.departments);
  return (
    <>
      <h1>評価の進捗（{formatWarekiFiscalYear(o.fiscalYear)}）</h1>
      <nav aria-label="評価する年度" class="breadcrumbs">
        <ol>
          {o.years.map((fy) => (
            <li>
              {fy === o.fiscalYear ? (
                <strong aria-current="page">{formatWarekiFiscalYear(fy)}</strong>
              ) : (
                <a href={`${planHref(o.version, "evaluations")}?year=${fy}`}>{formatWarekiFiscalYear(fy)}</a>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div class="table-wrap">
        <table class="table" id="evaluation-counts">
          <caption>所管課別の事務事業評価シートの状態（件）</caption>
          <thead>
            <tr>
              <th scope="col">所管課</th>
              {PROGRESS_COLUMNS.map((s) => (
                <th scope="col" class="num">
                  {PROGRESS_LABELS[s]}
                </th>
              ))}
              <th scope="col" class="num">
                計
              </th>
            </tr>
          </thead>
          <tbody>
            {o.departments.map((d) => (
              <tr>
                <th scope="row">
                  <a href={`${base}&department=${encodeURIComponent(d.department)}`}>{d.department}</a>
                </th>
                {PROGRESS_COLUMNS.map((s) => (
                  <td class="num">{d[s]}</td>
                ))}
                <td class="num">{d.total}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">合計</th>
              {PROGRESS_COLUMNS.map((s) => (
                <td class="num">{totals[s]}</td>
              ))}
              <td class="num">{o.projects.length}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {o.budgetOnlyCount > 0 ? (
        <p class="muted">
          予算のみの掲載の事業（{o.budgetOnlyCount}件）は事業シートがないため、評価の対象に含めていません。
        </p>
      ) : null}
      <h2>{p.department ? `${p.department}の事務事業評価` : "すべての事務事業評価"}</h2>
      {p.department ? (
        <p>
          <a href={base}>すべての所管課を表示する</a>
        </p>
      ) : null}
      <ProjectSheetsTable
        projects={shown}
        fy={o.fiscalYear}
        caption="事務事業評価シートの一覧"
        id="evaluation-list"
      />
      <h2>施策評価</h2>
      <div class="table-wrap">
        <table class="table" id="measure-evaluation-list">
          <caption>施策評価シートの一覧</caption>
          <thead>
            <tr>
              <th scope="col">施策</th>
              <th scope="col">主管課</th>
              <th scope="col">状態</th>
              <th scope="col">施策の進捗</th>
            </tr>
          </thead>
          <tbody>
            {o.measures.map((m) => (
              <tr>
                <td>
                  <a href={measureSheetHref(o.version, m.code, o.fiscalYear)}>
                    {m.code} {m.title}
                  </a>
                </td>
                <td>{m.department ?? "—"}</td>
                <td>
                  {m.state === null ? (
                    <span class="badge badge--draft">{MISSING_SHEET_LABEL}</span>
                  ) : (
                    <StateBadge state={m.state} />
                  )}
                </td>
                <td>{m.rating === null ? "—" : MEASURE_RATING_LABELS[m.rating]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
