import { formatRate } from "../../../domain/evaluation/achievement.ts";
import { ACHIEVEMENT_STATUS_LABELS, MEASURE_RATING_LABELS } from "../../../domain/labels.ts";
import { formatFiscalYearBoth, formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { MeasureEvaluation } from "../../../domain/plan/model.ts";
import { outcomeAchievements } from "../../../domain/presenters/project-figures.ts";
import { ratingText } from "../../../ui/evaluation.tsx";
import { NOT_WRITTEN, Prose } from "../../../ui/prose.tsx";
import type {
  MeasureEvaluationView,
  ProjectEvaluationView,
} from "../../../usecases/evaluation/list-evaluations.ts";
import { measureHref, measureSheetHref, projectSheetHref } from "../paths.ts";
import { AuditTable } from "./components.tsx";
import {
  ActivityActualsTable,
  BudgetTable,
  EDIT_LABEL,
  measureSheetUrl,
  ProjectHeader,
  ProjectSheetsTable,
  projectSheetUrl,
  ReviewButtons,
  ReviewComment,
  SecondaryEvaluation,
  SelfEvaluation,
  SheetBadge,
  YearLinks,
} from "./evaluation-sheet-parts.tsx";

export { MeasureEvaluationEditPage, ProjectEvaluationEditPage } from "./evaluation-edit-pages.tsx";
export { EvaluationOverviewPage } from "./evaluation-overview-page.tsx";
export { measureSheetUrl, projectSheetUrl } from "./evaluation-sheet-parts.tsx";

// The evaluation sheets (事務事業評価シート, 施策評価シート) as read. The forms are in evaluation-edit-pages.tsx,
// the progress of a plan year in evaluation-overview-page.tsx; this module exports all the pages.

// ---------------------------------------------------------------------------------------------------------
// Project sheet

export function ProjectEvaluationPage(p: { data: ProjectEvaluationView; csrf: string }) {
  const { data } = p;
  const { entry, state, fiscalYear: fy } = data;
  const { access } = data.rights;
  const url = projectSheetUrl(entry.id, fy);
  const href = projectSheetHref(entry.planAddress, entry.key, fy);
  return (
    <>
      <div class="page-head">
        <h1>事務事業評価シート: {entry.project.name}</h1>
        <SheetBadge state={state} />
      </div>
      <p class="lead">{formatFiscalYearBoth(fy)}の評価</p>
      <YearLinks
        years={data.years}
        current={fy}
        url={(y) => projectSheetHref(entry.planAddress, entry.key, y)}
      />
      <ReviewComment state={state} />
      <div class="actions">
        {access !== "none" ? (
          <a class="button button--primary" href={`${href}/edit`}>
            {EDIT_LABEL[access]}
          </a>
        ) : null}
        <ReviewButtons url={`${url}/review`} state={state} rights={data.rights} csrf={p.csrf} />
      </div>
      <ProjectHeader data={data} />
      <h2>予算と決算</h2>
      <BudgetTable data={data} />
      <h2>活動指標の実績</h2>
      <ActivityActualsTable data={data} />
      <h2>一次評価</h2>
      <SelfEvaluation e={data.evaluation} />
      <h2>二次評価</h2>
      <SecondaryEvaluation e={data.evaluation} />
      <h2>変更履歴</h2>
      <AuditTable events={data.history} caption="この評価シートの変更履歴（新しい順）" />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Measure sheet

function MeasureEvaluationTables(p: { e: MeasureEvaluation }) {
  const { self, secondary } = p.e;
  return (
    <>
      <table class="table table--sheet" id="measure-self-evaluation">
        <caption>一次評価（主管課による評価）</caption>
        <tbody>
          <tr>
            <th scope="row">施策の進捗</th>
            <td>{ratingText(self.rating, MEASURE_RATING_LABELS)}</td>
          </tr>
          <tr>
            <th scope="row">成果と課題</th>
            <td>
              <Prose text={self.assessment} missing={NOT_WRITTEN} />
            </td>
          </tr>
          <tr>
            <th scope="row">今後の取り組み</th>
            <td>
              <Prose text={self.nextSteps} missing={NOT_WRITTEN} />
            </td>
          </tr>
        </tbody>
      </table>
      <h2>二次評価</h2>
      {secondary ? (
        <table class="table table--sheet" id="measure-secondary-evaluation">
          <caption>二次評価（企画・財政担当による評価）</caption>
          <tbody>
            <tr>
              <th scope="row">施策の進捗</th>
              <td>{ratingText(secondary.rating, MEASURE_RATING_LABELS)}</td>
            </tr>
            <tr>
              <th scope="row">コメント</th>
              <td>
                <Prose text={secondary.comment} missing={NOT_WRITTEN} />
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p class="muted">二次評価はまだありません。</p>
      )}
    </>
  );
}

function OutcomeTable(p: { data: MeasureEvaluationView }) {
  const fy = p.data.fiscalYear;
  const list = p.data.entry.measure.outcomeIndicators;
  if (list.length === 0) return <p class="muted">この施策には成果指標がありません。</p>;
  return (
    <div class="table-wrap">
      <table class="table" id="outcome-achievements">
        <caption>{formatWarekiFiscalYear(fy)}の成果指標の計画と実績</caption>
        <thead>
          <tr>
            <th scope="col">指標名</th>
            <th scope="col">単位</th>
            <th scope="col" class="num">
              計画策定時
            </th>
            <th scope="col" class="num">
              計画
            </th>
            <th scope="col" class="num">
              実績
            </th>
            <th scope="col">達成状況</th>
            <th scope="col" class="num">
              達成率
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => {
            const a = outcomeAchievements(o).get(fy) ?? null;
            return (
              <tr>
                <th scope="row">{o.name ?? "（指標名なし）"}</th>
                <td>{o.unit ?? ""}</td>
                <td class="num">{o.baseline?.text ?? "—"}</td>
                <td class="num">{o.planned[fy]?.text ?? "—"}</td>
                <td class="num">{o.actual[fy]?.text ?? "—"}</td>
                <td>{a ? ACHIEVEMENT_STATUS_LABELS[a.status] : "—"}</td>
                <td class="num">{formatRate(a?.rate ?? null)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="hint">成果指標の実績は施策のページで入力します。</p>
    </div>
  );
}

export function MeasureEvaluationPage(p: { data: MeasureEvaluationView; csrf: string }) {
  const { data } = p;
  const { entry, state, fiscalYear: fy } = data;
  const m = entry.measure;
  const { access } = data.rights;
  const url = measureSheetUrl(entry.id, fy);
  const href = measureSheetHref(entry.planAddress, m.code, fy);
  return (
    <>
      <div class="page-head">
        <h1>
          施策評価シート: 施策{m.code}　{m.title}
        </h1>
        <SheetBadge state={state} />
      </div>
      <p class="lead">{formatFiscalYearBoth(fy)}の評価</p>
      <YearLinks
        years={data.years}
        current={fy}
        url={(y) => measureSheetHref(entry.planAddress, m.code, y)}
      />
      <p class="muted">
        主管課: {m.leadDepartment ?? "—"}　<a href={measureHref(entry.planAddress, m.code)}>施策のページ</a>
      </p>
      <ReviewComment state={state} />
      <div class="actions">
        {access !== "none" ? (
          <a class="button button--primary" href={`${href}/edit`}>
            {EDIT_LABEL[access]}
          </a>
        ) : null}
        <ReviewButtons url={`${url}/review`} state={state} rights={data.rights} csrf={p.csrf} />
      </div>
      <h2>成果指標</h2>
      <OutcomeTable data={data} />
      <h2>一次評価</h2>
      <MeasureEvaluationTables e={data.evaluation} />
      <h2>事務事業の評価</h2>
      <ProjectSheetsTable
        projects={data.projects}
        fy={fy}
        caption={`この施策の事務事業の${formatWarekiFiscalYear(fy)}評価`}
        id="measure-projects"
      />
      <h2>変更履歴</h2>
      <AuditTable events={data.history} caption="この評価シートの変更履歴（新しい順）" />
    </>
  );
}
