import type { AuditEventRow } from "../../../db/audit.ts";
import type { ProjectRights } from "../../../domain/access.ts";
import { isEditable } from "../../../domain/editing/review.ts";
import { effectiveOutlook } from "../../../domain/evaluation/evaluation.ts";
import {
  DIRECTION_LABELS,
  MISSING_SHEET_LABEL,
  NOT_ENTERED_LABEL,
  PLEDGE_LABELS,
  PROJECT_STATUS_LABELS,
} from "../../../domain/labels.ts";
import { formatClassification } from "../../../domain/plan/classification.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { Diagnostic } from "../../../domain/plan/model.ts";
import {
  activityAchievements,
  activityYears,
  evaluationYears,
  hasActuals,
} from "../../../domain/presenters/project-figures.ts";
import { outlookText } from "../../../ui/evaluation.tsx";
import { InputsTable } from "../../../ui/inputs-table.tsx";
import { NOT_WRITTEN, Prose } from "../../../ui/prose.tsx";
import type { ProjectEntry } from "../../../usecases/plan/read-plan.ts";
import { measureHref, projectHref, projectSheetHref } from "../paths.ts";
import { AchievementBadge, AuditTable, Hidden, SeverityBadge, StateBadge } from "./components.tsx";

export { ConflictPanel, ProjectEditPage, type ProjectFormProps } from "./project-edit-page.tsx";

export function ProjectPage(p: {
  entry: ProjectEntry;
  rights: ProjectRights;
  csrf: string;
  diagnostics: Diagnostic[];
  history: AuditEventRow[];
}) {
  const { entry, rights } = p;
  const pr = entry.project;
  const flagged = new Set(
    p.diagnostics
      .filter((d) => d.code === "funding-sum-mismatch" && d.fiscalYear)
      .map((d) => String(d.fiscalYear)),
  );
  const canEdit = rights.edit && isEditable(entry.reviewState);
  return (
    <>
      <div class="page-head">
        <h1>{pr.name}</h1>
        <StateBadge state={entry.reviewState} />
      </div>
      {entry.reviewComment ? (
        <div class="notice notice--warning" id="review-comment">
          <p>
            <strong>差戻しコメント:</strong> {entry.reviewComment}
          </p>
        </div>
      ) : null}
      {p.diagnostics.length > 0 ? (
        <div class="notice notice--error" id="project-diagnostics">
          <p>
            <strong>この事務事業の点検結果</strong>
          </p>
          <ul>
            {p.diagnostics.map((d) => (
              <li>
                <SeverityBadge severity={d.severity} /> {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="actions">
        {canEdit ? (
          <a class="button button--primary" href={projectHref(entry.planAddress, entry.key, "edit")}>
            編集する
          </a>
        ) : null}
        <ReviewButtons entry={entry} rights={rights} csrf={p.csrf} />
      </div>
      <table class="table table--sheet" id="project-header">
        <caption>事業の基本情報</caption>
        <tbody>
          <tr>
            <th scope="row">施策</th>
            <td>
              <a href={measureHref(entry.planAddress, entry.measure.code)}>
                {entry.measure.code} {entry.measure.title}
              </a>
            </td>
            <th scope="row">所管課</th>
            <td>{pr.leadDepartment}</td>
          </tr>
          <tr>
            <th scope="row">新規・継続</th>
            <td>{PROJECT_STATUS_LABELS[pr.status]}</td>
            <th scope="row">事業優先順位</th>
            <td>{pr.priority ?? "—"}</td>
          </tr>
          <tr>
            <th scope="row">会計・款・項・目</th>
            <td>{formatClassification(pr.classification)}</td>
            <th scope="row">市長公約事項</th>
            <td>
              {pr.mayoralPledge === null ? "—" : pr.mayoralPledge ? PLEDGE_LABELS.yes : PLEDGE_LABELS.no}
            </td>
          </tr>
        </tbody>
      </table>
      {pr.budgetOnly ? <p class="muted">この事業は予算のみの掲載です（事業シートなし）。</p> : null}
      <h2>事業概要</h2>
      <Prose text={pr.summary} missing={NOT_WRITTEN} />
      <h2>投入指標</h2>
      <InputsTable project={pr} flagged={flagged} />
      <h2>事業の目的</h2>
      <Prose text={pr.purpose} missing={NOT_WRITTEN} />
      <h2>年度目標</h2>
      <Prose text={pr.yearGoals} missing={NOT_WRITTEN} />
      <h2>活動指標</h2>
      <ActivityTable entry={entry} />
      <h2>特記事項</h2>
      <Prose text={pr.notes} missing={NOT_WRITTEN} />
      {pr.budgetOnly ? null : (
        <>
          <h2>事務事業評価</h2>
          <EvaluationLinks entry={entry} />
        </>
      )}
      <h2>変更履歴</h2>
      <AuditTable events={p.history} caption="この事務事業の変更履歴（新しい順）" />
    </>
  );
}

function ActivityTable(p: { entry: ProjectEntry }) {
  const list = p.entry.project.activityIndicators;
  if (list.length === 0) return <p class="muted">活動指標はありません。</p>;
  const years = activityYears(list);
  return (
    <div class="table-wrap">
      <table class="table" id="activity">
        <caption>活動指標の目標と実績</caption>
        <thead>
          <tr>
            <th scope="col">指標名</th>
            <th scope="col">単位</th>
            <th scope="col">区分</th>
            {years.map((fy) => (
              <th scope="col" class="num">
                {formatWarekiFiscalYear(fy)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.map((a) => {
            const hasActual = hasActuals(a);
            const assessed = activityAchievements(a);
            return (
              <>
                <tr>
                  <th scope="row" rowspan={hasActual ? 2 : 1}>
                    {a.name}
                    {a.direction ? <span class="muted">（{DIRECTION_LABELS[a.direction]}）</span> : null}
                  </th>
                  <td rowspan={hasActual ? 2 : 1}>{a.unit ?? ""}</td>
                  <td>目標</td>
                  {years.map((fy) => (
                    <td class="num">{a.targets[fy]?.text ?? "—"}</td>
                  ))}
                </tr>
                {hasActual ? (
                  <tr>
                    <td>実績</td>
                    {years.map((fy) => {
                      const x = assessed.get(fy);
                      const actual = a.actual?.[fy];
                      return (
                        <td class="num">
                          {actual ? actual.text : "—"}
                          {actual && x ? (
                            <>
                              <br />
                              <AchievementBadge a={x} />
                            </>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ) : null}
              </>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The evaluation sheet of each fiscal year of the project, with what it says so far. */
function EvaluationLinks(p: { entry: ProjectEntry }) {
  const pr = p.entry.project;
  const years = evaluationYears(pr);
  return (
    <ul class="evaluation-links" id="evaluation-links">
      {years.map((fy) => {
        const e = pr.evaluations?.[fy];
        const outlook = effectiveOutlook(e);
        return (
          <li>
            <a href={projectSheetHref(p.entry.planAddress, p.entry.key, fy)}>
              {formatWarekiFiscalYear(fy)}の評価シート
            </a>
            <span class="muted">
              {e
                ? `（今後の方向性: ${outlookText(outlook, NOT_ENTERED_LABEL)}${e.secondary ? "、二次評価あり" : ""}）`
                : `（${MISSING_SHEET_LABEL}）`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function ReviewButtons(p: { entry: ProjectEntry; rights: ProjectRights; csrf: string }) {
  const { entry, rights } = p;
  const s = entry.reviewState;
  const url = `/projects/${entry.id}/review`;
  const form = (action: string, label: string, cls: string) => (
    <form method="post" action={url} class="inline-form">
      <Hidden name="_csrf" value={p.csrf} />
      <Hidden name="action" value={action} />
      <button type="submit" class={`button ${cls}`}>
        {label}
      </button>
    </form>
  );
  return (
    <>
      {s === "draft" && rights.submit ? form("submit", "提出する", "button--secondary") : null}
      {s === "submitted" && rights.approve ? form("approve", "承認する", "button--primary") : null}
      {s !== "draft" && rights.return ? (
        <form method="post" action={url} class="return-form">
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
