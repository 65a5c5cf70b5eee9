import type { AuditEventRow } from "../../../db/audit.ts";
import type { ProjectRights } from "../../../domain/access.ts";
import type { FieldChange } from "../../../domain/editing/changes.ts";
import { INPUT_LABELS } from "../../../domain/editing/changes.ts";
import { isEditable } from "../../../domain/editing/review.ts";
import { ACHIEVEMENT_LABELS, assessActivity, formatRate } from "../../../domain/evaluation/achievement.ts";
import { effectiveOutlook, OUTLOOK_LABELS } from "../../../domain/evaluation/evaluation.ts";
import { formatClassification } from "../../../domain/plan/classification.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { Diagnostic, FiscalYearKey } from "../../../domain/plan/model.ts";
import { INPUT_FIELDS, sortedYears } from "../../../domain/plan/model.ts";
import type { ProjectEntry } from "../../../usecases/plan/read-plan.ts";
import { activityRowCount, type FormValues } from "../forms.ts";
import {
  AchievementBadge,
  AuditTable,
  CellInput,
  DirectionSelect,
  Hidden,
  Money,
  SeverityBadge,
  StateBadge,
  TextArea,
  TextField,
} from "./components.tsx";
import { ErrorSummary } from "./layout.tsx";

const STATUS = { continuing: "継続", new: "新規" } as const;

function Prose(p: { text: string | null }) {
  if (!p.text) return <p class="muted">（記載なし）</p>;
  return (
    <>
      {p.text.split("\n").map((l) => (
        <p>{l}</p>
      ))}
    </>
  );
}

export function InputsTable(p: { entry: ProjectEntry; flagged: Set<string> }) {
  const inputs = p.entry.project.inputs;
  const settled = p.entry.project.settled;
  const estimated = new Set(p.entry.project.estimatedYears ?? []);
  const years = sortedYears(Object.keys(inputs));
  if (years.length === 0) return <p class="muted">投入指標の記載はありません。</p>;
  return (
    <div class="table-wrap">
      <table class="table" id="inputs">
        <caption>投入指標（千円）</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            {years.map((fy) => (
              <th scope="col" class={`num${p.flagged.has(fy) ? " cell--error" : ""}`}>
                {formatWarekiFiscalYear(fy)}
                {estimated.has(fy) ? <span class="badge badge--estimate">見込み</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {INPUT_FIELDS.map((k) => (
            <tr class={k === "total" ? "row-strong" : ""}>
              <th scope="row">
                {k === "total"
                  ? INPUT_LABELS.total
                  : k === "generalRevenue"
                    ? "一般財源"
                    : `特定財源 ${INPUT_LABELS[k]}`}
              </th>
              {years.map((fy) => (
                <td class={`num${p.flagged.has(fy) ? " cell--error" : ""}`} data-year={fy} data-field={k}>
                  <Money value={inputs[fy]?.[k]} />
                </td>
              ))}
            </tr>
          ))}
          {settled ? (
            <>
              <tr class="row-settled">
                <th scope="row">決算額</th>
                {years.map((fy) => (
                  <td class="num" data-year={fy} data-field="settled">
                    {settled[fy] === undefined ? "—" : <Money value={settled[fy]} />}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">執行率（決算額 ÷ 年度別事業費）</th>
                {years.map((fy) => {
                  const budget = inputs[fy]?.total;
                  const spent = settled[fy];
                  return (
                    <td class="num" data-year={fy} data-field="executionRate">
                      {spent === undefined || budget === undefined || budget === 0
                        ? "—"
                        : formatRate(spent / budget)}
                    </td>
                  );
                })}
              </tr>
            </>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

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
          <a class="button button--primary" href={`/projects/${entry.id}/edit`}>
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
              <a href={`/measures/${entry.measureId}`}>
                {entry.measure.code} {entry.measure.title}
              </a>
            </td>
            <th scope="row">所管課</th>
            <td>{pr.leadDepartment}</td>
          </tr>
          <tr>
            <th scope="row">新規・継続</th>
            <td>{STATUS[pr.status]}</td>
            <th scope="row">事業優先順位</th>
            <td>{pr.priority ?? "—"}</td>
          </tr>
          <tr>
            <th scope="row">会計・款・項・目</th>
            <td>{formatClassification(pr.classification)}</td>
            <th scope="row">市長公約事項</th>
            <td>{pr.mayoralPledge === null ? "—" : pr.mayoralPledge ? "有" : "無"}</td>
          </tr>
        </tbody>
      </table>
      {pr.budgetOnly ? <p class="muted">この事業は予算のみの掲載です（事業シートなし）。</p> : null}
      <h2>事業概要</h2>
      <Prose text={pr.summary} />
      <h2>投入指標</h2>
      <InputsTable entry={entry} flagged={flagged} />
      <h2>事業の目的</h2>
      <Prose text={pr.purpose} />
      <h2>年度目標</h2>
      <Prose text={pr.yearGoals} />
      <h2>活動指標</h2>
      <ActivityTable entry={entry} />
      <h2>特記事項</h2>
      <Prose text={pr.notes} />
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
  const years = sortedYears(
    new Set(list.flatMap((a) => [...Object.keys(a.targets), ...Object.keys(a.actual ?? {})])),
  );
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
            const hasActual = Object.keys(a.actual ?? {}).length > 0;
            const assessed = new Map(assessActivity(a).map((x) => [x.fiscalYear, x]));
            return (
              <>
                <tr>
                  <th scope="row" rowspan={hasActual ? 2 : 1}>
                    {a.name}
                    {a.direction ? (
                      <span class="muted">（{ACHIEVEMENT_LABELS.direction[a.direction]}）</span>
                    ) : null}
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
  const years = sortedYears([...Object.keys(pr.inputs), ...Object.keys(pr.evaluations ?? {})]);
  return (
    <ul class="evaluation-links" id="evaluation-links">
      {years.map((fy) => {
        const e = pr.evaluations?.[fy];
        const outlook = effectiveOutlook(e);
        return (
          <li>
            <a href={`/projects/${p.entry.id}/evaluations/${fy}`}>{formatWarekiFiscalYear(fy)}の評価シート</a>
            <span class="muted">
              {e
                ? `（今後の方向性: ${outlook ? OUTLOOK_LABELS[outlook] : "未記入"}${e.secondary ? "、二次評価あり" : ""}）`
                : "（未作成）"}
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

export interface ProjectFormProps {
  entry: ProjectEntry;
  rights: ProjectRights;
  csrf: string;
  values: FormValues;
  errors: Record<string, string>;
  version: number;
  years: FiscalYearKey[];
  error?: { message: string; fields: { field: string; message: string }[] } | null;
  conflict?: { differences: FieldChange[]; history: AuditEventRow[] } | null;
}

export function ProjectEditPage(p: ProjectFormProps) {
  const v = p.values;
  const e = p.errors;
  const rows = activityRowCount(v);
  const f = { values: v, errors: e };
  const adminOnly = !p.rights.changeLeadDepartment;
  return (
    <>
      <h1>事務事業の編集: {p.entry.project.name}</h1>
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      {p.conflict ? (
        <ConflictPanel differences={p.conflict.differences} history={p.conflict.history} />
      ) : null}
      <form method="post" action={`/projects/${p.entry.id}`} class="edit-form" data-unsaved-warning>
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="version" value={p.version} />
        <fieldset>
          <legend>基本情報</legend>
          <div class="grid-2">
            <TextField name="name" label="事務事業名" required {...f} />
            <TextField
              name="leadDepartment"
              label="所管課"
              required
              readonly={adminOnly}
              hint={adminOnly ? "所管課の変更は管理者に依頼してください。" : undefined}
              {...f}
            />
            <div class="field">
              <label for="f-status">新規・継続</label>
              <select id="f-status" name="status">
                <option value="continuing" selected={v.status === "continuing"}>
                  継続
                </option>
                <option value="new" selected={v.status === "new"}>
                  新規
                </option>
              </select>
            </div>
            <TextField name="priority" label="事業優先順位" hint="A、B、A(B) など" {...f} />
            <div class="field">
              <label for="f-mayoralPledge">市長公約事項</label>
              <select id="f-mayoralPledge" name="mayoralPledge">
                <option value="" selected={v.mayoralPledge === ""}>
                  記載なし
                </option>
                <option value="false" selected={v.mayoralPledge === "false"}>
                  1:無
                </option>
                <option value="true" selected={v.mayoralPledge === "true"}>
                  2:有
                </option>
              </select>
            </div>
          </div>
          <div class="grid-4">
            <TextField name="classification.account" label="会計" required {...f} />
            <TextField name="classification.kan" label="款" hint="例: 2総務費" {...f} />
            <TextField name="classification.kou" label="項" hint="例: 1総務管理費" {...f} />
            <TextField name="classification.moku" label="目" hint="例: 4企画費" {...f} />
          </div>
        </fieldset>
        <fieldset>
          <legend>投入指標（千円・整数）</legend>
          <p class="hint">
            特定財源（国・県支出金、地方債、その他）と一般財源の合計は、年度別事業費と一致させてください。
          </p>
          <div class="table-wrap">
            <table class="table table--form" data-funding-grid>
              <thead>
                <tr>
                  <th scope="col">区分</th>
                  {p.years.map((fy) => (
                    <th scope="col">{formatWarekiFiscalYear(fy)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {INPUT_FIELDS.map((k) => (
                  <tr>
                    <th scope="row">{INPUT_LABELS[k]}</th>
                    {p.years.map((fy) => (
                      <td>
                        <CellInput
                          name={`inputs.${fy}.${k}`}
                          label={`${formatWarekiFiscalYear(fy)} ${INPUT_LABELS[k]}`}
                          numeric
                          {...f}
                          extra={{ "data-year": fy, "data-field": k }}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
                <tr class="sum-row">
                  <th scope="row">財源の合計</th>
                  {p.years.map((fy) => (
                    <td class="num" data-sum-for={fy} aria-live="polite"></td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">見込み（予算未計上）</th>
                  {p.years.map((fy) => (
                    <td>
                      <input
                        type="checkbox"
                        name={`estimated.${fy}`}
                        aria-label={`${formatWarekiFiscalYear(fy)}は見込み`}
                        checked={v[`estimated.${fy}`] === "on"}
                      />
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          {p.years
            .flatMap((fy) => INPUT_FIELDS.map((k) => `inputs.${fy}.${k}`))
            .filter((k) => e[k])
            .map((k) => (
              <p class="error-text">{e[k]}</p>
            ))}
        </fieldset>
        <fieldset>
          <legend>事業の内容</legend>
          <TextArea name="summary" label="事業概要" rows={4} {...f} />
          <TextArea name="purpose" label="事業の目的" rows={3} {...f} />
          <TextArea name="yearGoals" label="年度目標" rows={3} {...f} />
          <TextArea name="notes" label="特記事項" rows={2} {...f} />
        </fieldset>
        <fieldset>
          <legend>活動指標と目標</legend>
          <p class="hint">
            目標は数値、「40以上」「150以下」のような数値と比較、または「実施する」のような文で入力します。評価の向きは、数値の目標を実績が上回れば達成か（高いほど良い）、下回れば達成か（低いほど良い）です。「目標から判断」では、以上・以下の目標はその向き、それ以外は高いほど良いとします。最後の行は追加用です。
          </p>
          <div class="table-wrap">
            <table class="table table--form">
              <thead>
                <tr>
                  <th scope="col">指標名</th>
                  <th scope="col">単位</th>
                  <th scope="col">評価の向き</th>
                  {p.years.map((fy) => (
                    <th scope="col">{formatWarekiFiscalYear(fy)}目標</th>
                  ))}
                  <th scope="col">削除</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: rows }, (_, n) => (
                  <tr>
                    <td>
                      <CellInput
                        name={`activityIndicators.${n}.name`}
                        label={`活動指標${n + 1} 指標名`}
                        {...f}
                      />
                    </td>
                    <td>
                      <CellInput
                        name={`activityIndicators.${n}.unit`}
                        label={`活動指標${n + 1} 単位`}
                        {...f}
                      />
                    </td>
                    <td>
                      <DirectionSelect
                        name={`activityIndicators.${n}.direction`}
                        label={`活動指標${n + 1} 評価の向き`}
                        value={v[`activityIndicators.${n}.direction`] ?? ""}
                      />
                    </td>
                    {p.years.map((fy) => (
                      <td>
                        <CellInput
                          name={`activityIndicators.${n}.targets.${fy}`}
                          label={`活動指標${n + 1} ${formatWarekiFiscalYear(fy)}目標`}
                          {...f}
                        />
                      </td>
                    ))}
                    <td>
                      <input
                        type="checkbox"
                        name={`activityIndicators.${n}.delete`}
                        aria-label={`活動指標${n + 1}を削除`}
                        checked={v[`activityIndicators.${n}.delete`] === "on"}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" class="button button--primary">
            保存する
          </button>
          <a class="button button--secondary" href={`/projects/${p.entry.id}`}>
            保存せずに戻る
          </a>
        </div>
      </form>
    </>
  );
}

export function ConflictPanel(p: { differences: FieldChange[]; history: AuditEventRow[] }) {
  const latest = p.history.filter((h) => h.action === "update").slice(0, 1)[0];
  return (
    <section class="notice notice--warning" id="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">他の人の変更</h2>
      {latest ? (
        <p>
          {latest.userName}{" "}
          さんが保存した内容と、あなたの入力が異なる項目です。下のフォームにはあなたの入力が残っています。
          そのまま「保存する」と、あなたの入力で上書きします。
        </p>
      ) : (
        <p>保存されている内容と、あなたの入力が異なる項目です。</p>
      )}
      <div class="table-wrap">
        <table class="table">
          <caption>保存されている内容とあなたの入力の違い</caption>
          <thead>
            <tr>
              <th scope="col">項目</th>
              <th scope="col">あなたの入力</th>
              <th scope="col">保存されている内容</th>
            </tr>
          </thead>
          <tbody>
            {p.differences.map((d) => (
              <tr>
                <th scope="row">{d.label}</th>
                <td class="change">{d.before ?? "（空欄）"}</td>
                <td class="change">{d.after ?? "（空欄）"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
