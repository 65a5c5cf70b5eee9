import type { EvaluationAccess, EvaluationRights } from "../../../domain/access.ts";
import { type Achievement, formatRate } from "../../../domain/evaluation/achievement.ts";
import { evaluationKey } from "../../../domain/evaluation/evaluation-rules.ts";
import { formatExecutionRate } from "../../../domain/evaluation/execution-rate.ts";
import { ACHIEVEMENT_STATUS_LABELS, MISSING_SHEET_LABEL, OUTLOOK_LABELS } from "../../../domain/labels.ts";
import { formatClassification } from "../../../domain/plan/classification.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { FiscalYearKey, ProjectEvaluation } from "../../../domain/plan/model.ts";
import { activityAchievements } from "../../../domain/presenters/project-figures.ts";
import { AspectsTable, outlookText } from "../../../ui/evaluation.tsx";
import { NOT_WRITTEN, Prose } from "../../../ui/prose.tsx";
import type {
  ProjectEvaluationView,
  ProjectSheetSummary,
  SheetState,
} from "../../../usecases/evaluation/list-evaluations.ts";
import type { FormValues } from "../forms.ts";
import { measureSheetHref, projectHref, projectSheetHref } from "../paths.ts";
import { CellInput, Hidden, Money, StateBadge } from "./components.tsx";

// The parts of the evaluation sheets (事務事業評価シート, 施策評価シート) shared by the sheet pages, their
// forms and the progress page: addresses, state badges, review buttons, the read-only tables of a sheet.

// The numeric addresses below are the form actions (forms post to the row they were opened for); links
// use the stable addresses of paths.ts.

export function projectSheetUrl(projectId: number, fy: FiscalYearKey | number): string {
  return `/projects/${projectId}/evaluations/${fy}`;
}

export function measureSheetUrl(measureId: number, fy: FiscalYearKey | number): string {
  return `/measures/${measureId}/evaluations/${fy}`;
}

export function SheetBadge(p: { state: SheetState }) {
  return p.state.id === null ? (
    <span class="badge badge--draft">{MISSING_SHEET_LABEL}</span>
  ) : (
    <StateBadge state={p.state.reviewState} />
  );
}

export function YearLinks(p: {
  years: FiscalYearKey[];
  current: FiscalYearKey;
  url: (fy: FiscalYearKey) => string;
}) {
  return (
    <nav aria-label="評価する年度" class="breadcrumbs">
      <ol>
        {p.years.map((fy) => (
          <li>
            {fy === p.current ? (
              <strong aria-current="page">{formatWarekiFiscalYear(fy)}</strong>
            ) : (
              <a href={p.url(fy)}>{formatWarekiFiscalYear(fy)}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function ReviewComment(p: { state: SheetState }) {
  return p.state.reviewComment ? (
    <div class="notice notice--warning" id="review-comment">
      <p>
        <strong>差戻しコメント:</strong> {p.state.reviewComment}
      </p>
    </div>
  ) : null;
}

/** Submit / approve / return buttons, as the actor's role and the sheet's state allow. */
export function ReviewButtons(p: { url: string; state: SheetState; rights: EvaluationRights; csrf: string }) {
  const s = p.state.reviewState;
  const form = (action: string, label: string, cls: string) => (
    <form method="post" action={p.url} class="inline-form">
      <Hidden name="_csrf" value={p.csrf} />
      <Hidden name="action" value={action} />
      <button type="submit" class={`button ${cls}`}>
        {label}
      </button>
    </form>
  );
  return (
    <>
      {s === "draft" && p.rights.submit ? form("submit", "提出する", "button--secondary") : null}
      {s === "submitted" && p.rights.approve ? form("approve", "承認する", "button--primary") : null}
      {s !== "draft" && p.rights.return ? (
        <form method="post" action={p.url} class="return-form">
          <Hidden name="_csrf" value={p.csrf} />
          <Hidden name="action" value="return" />
          <label for="return-comment">差戻しの理由</label>
          <textarea id="return-comment" name="comment" rows={2} required></textarea>
          <button type="submit" class="button button--danger">
            差し戻す
          </button>
        </form>
      ) : null}
    </>
  );
}

export const EDIT_LABEL: Record<EvaluationAccess, string> = {
  none: "",
  self: "評価と実績を入力する",
  secondary: "二次評価を入力する",
  all: "評価シートを編集する",
};

// ---------------------------------------------------------------------------------------------------------
// Read-only parts of a project sheet

export function BudgetTable(p: { data: ProjectEvaluationView }) {
  const { budget, settled, fiscalYear: fy } = p.data;
  const rate = formatExecutionRate(budget?.total, settled);
  return (
    <div class="table-wrap">
      <table class="table" id="budget">
        <caption>{formatWarekiFiscalYear(fy)}の予算と決算（千円）</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              年度別事業費（予算）
            </th>
            <th scope="col" class="num">
              うち一般財源
            </th>
            <th scope="col" class="num">
              決算額
            </th>
            <th scope="col" class="num">
              執行率
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="num" data-field="total">
              <Money value={budget?.total} />
            </td>
            <td class="num" data-field="generalRevenue">
              <Money value={budget?.generalRevenue} />
            </td>
            <td class="num" data-field="settled">
              <Money value={settled} />
            </td>
            <td class="num" data-field="executionRate">
              {rate}
            </td>
          </tr>
        </tbody>
      </table>
      {budget === null ? (
        <p class="muted">この事業は{formatWarekiFiscalYear(fy)}の投入指標（予算）を記載していません。</p>
      ) : null}
    </div>
  );
}

function achievementOf(data: ProjectEvaluationView, n: number): Achievement | null {
  const a = data.entry.project.activityIndicators[n];
  return a ? (activityAchievements(a).get(data.fiscalYear) ?? null) : null;
}

export function ActivityActualsTable(p: {
  data: ProjectEvaluationView;
  input?: { values: FormValues; errors: Record<string, string> } | null;
}) {
  const { data } = p;
  const fy = data.fiscalYear;
  const list = data.entry.project.activityIndicators;
  if (list.length === 0) return <p class="muted">この事業には活動指標がありません。</p>;
  return (
    <div class="table-wrap">
      <table class={`table${p.input ? " table--form" : ""}`} id="activity-actuals">
        <caption>{formatWarekiFiscalYear(fy)}の活動指標の目標と実績</caption>
        <thead>
          <tr>
            <th scope="col">指標名</th>
            <th scope="col">単位</th>
            <th scope="col" class="num">
              目標
            </th>
            <th scope="col" class="num">
              実績
            </th>
            {p.input ? null : (
              <>
                <th scope="col">達成状況</th>
                <th scope="col" class="num">
                  達成率
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {list.map((a, n) => {
            const achievement = p.input ? null : achievementOf(data, n);
            return (
              <tr>
                <th scope="row">{a.name}</th>
                <td>{a.unit ?? ""}</td>
                <td class="num">{a.targets[fy]?.text ?? "—"}</td>
                <td class={p.input ? "" : "num"}>
                  {p.input ? (
                    <CellInput
                      name={evaluationKey.actual(fy, n)}
                      label={`活動指標${n + 1}「${a.name}」の${formatWarekiFiscalYear(fy)}実績`}
                      values={p.input.values}
                      errors={p.input.errors}
                    />
                  ) : (
                    (data.actuals[n]?.text ?? "—")
                  )}
                </td>
                {p.input ? null : (
                  <>
                    <td>{achievement ? ACHIEVEMENT_STATUS_LABELS[achievement.status] : "—"}</td>
                    <td class="num">{formatRate(achievement?.rate ?? null)}</td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {p.input
        ? list
            .map((_, n) => p.input?.errors[evaluationKey.actual(fy, n)])
            .filter((m): m is string => Boolean(m))
            .map((m) => <p class="error-text">{m}</p>)
        : null}
    </div>
  );
}

export function SelfEvaluation(p: { e: ProjectEvaluation }) {
  return (
    <>
      <AspectsTable aspects={p.e.self.aspects} caption="一次評価（担当課による評価）" id="self-evaluation" />
      <table class="table table--sheet">
        <tbody>
          <tr>
            <th scope="row">今後の方向性</th>
            <td id="self-outlook">{outlookText(p.e.self.outlook)}</td>
          </tr>
          <tr>
            <th scope="row">改善内容</th>
            <td>
              <Prose text={p.e.self.changes} missing={NOT_WRITTEN} />
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

export function SecondaryEvaluation(p: { e: ProjectEvaluation }) {
  const s = p.e.secondary;
  if (!s) return <p class="muted">二次評価はまだありません。</p>;
  return (
    <>
      <AspectsTable
        aspects={s.aspects}
        caption="二次評価（企画・財政担当による評価）"
        id="secondary-evaluation"
      />
      <table class="table table--sheet">
        <tbody>
          <tr>
            <th scope="row">今後の方向性</th>
            <td id="secondary-outlook">{outlookText(s.outlook)}</td>
          </tr>
          <tr>
            <th scope="row">コメント</th>
            <td>
              <Prose text={s.comment} missing={NOT_WRITTEN} />
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

export function ProjectHeader(p: { data: ProjectEvaluationView }) {
  const { entry } = p.data;
  const pr = entry.project;
  return (
    <table class="table table--sheet" id="project-header">
      <caption>事業の基本情報</caption>
      <tbody>
        <tr>
          <th scope="row">事務事業</th>
          <td>
            <a href={projectHref(entry.planAddress, entry.key)}>{pr.name}</a>
          </td>
          <th scope="row">所管課</th>
          <td>{pr.leadDepartment}</td>
        </tr>
        <tr>
          <th scope="row">施策</th>
          <td>
            <a href={measureSheetHref(entry.planAddress, entry.measure.code, p.data.fiscalYear)}>
              {entry.measure.code} {entry.measure.title}
            </a>
          </td>
          <th scope="row">会計・款・項・目</th>
          <td>{formatClassification(pr.classification)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function ProjectSheetsTable(p: {
  projects: ProjectSheetSummary[];
  fy: FiscalYearKey;
  caption: string;
  id: string;
}) {
  if (p.projects.length === 0) return <p class="muted">評価シートのある事務事業はありません。</p>;
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">事務事業</th>
            <th scope="col">所管課</th>
            <th scope="col">施策</th>
            <th scope="col">状態</th>
            <th scope="col">今後の方向性</th>
          </tr>
        </thead>
        <tbody>
          {p.projects.map((e) => (
            <tr>
              <td>
                <a href={projectSheetHref(e.planAddress, e.key, p.fy)}>{e.name}</a>
              </td>
              <td>{e.department}</td>
              <td class="nowrap">{e.measureCode}</td>
              <td>
                {e.state === null ? (
                  <span class="badge badge--draft">{MISSING_SHEET_LABEL}</span>
                ) : (
                  <StateBadge state={e.state} />
                )}
              </td>
              <td>
                {e.outlook === null ? "—" : OUTLOOK_LABELS[e.outlook]}
                {e.hasSecondary && e.outlook !== null ? <span class="muted">（二次評価）</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
