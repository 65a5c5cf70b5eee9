import type { AuditEventRow } from "../../../db/audit.ts";
import type { FieldChange } from "../../../domain/editing/changes.ts";
import { REVIEW_STATE_LABELS } from "../../../domain/editing/review.ts";
import {
  ACHIEVEMENT_LABELS,
  type Achievement,
  assessActivity,
  assessOutcome,
  formatRate,
} from "../../../domain/evaluation/achievement.ts";
import {
  ASPECT_LABELS,
  MEASURE_RATING_LABELS,
  OUTLOOK_LABELS,
  RATING_LABELS,
} from "../../../domain/evaluation/evaluation.ts";
import {
  type EvaluationSide,
  evaluationKey,
  formatExecutionRate,
} from "../../../domain/evaluation/evaluation-rules.ts";
import { formatClassification } from "../../../domain/plan/classification.ts";
import { formatFiscalYearBoth, formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import {
  type AspectRatings,
  EVALUATION_ASPECTS,
  type FiscalYearKey,
  type MeasureEvaluation,
  OUTLOOKS,
  type Outlook,
  type ProjectEvaluation,
  RATINGS,
  type Rating,
} from "../../../domain/plan/model.ts";
import type { Actor } from "../../../usecases/actor.ts";
import {
  type EvaluationOverview,
  type MeasureEvaluationView,
  PROGRESS_COLUMNS,
  type ProjectEvaluationView,
  type ProjectSheetSummary,
  type SheetState,
} from "../../../usecases/evaluation/list-evaluations.ts";
import { measureEvaluationAccess } from "../../../usecases/evaluation/save-measure-evaluation.ts";
import {
  type EvaluationAccess,
  mayEvaluate,
  projectEvaluationAccess,
} from "../../../usecases/evaluation/save-project-evaluation.ts";
import { mayChangeField } from "../evaluation-forms.ts";
import type { FormValues } from "../forms.ts";
import { AuditTable, CellInput, Hidden, Money, StateBadge, TextArea } from "./components.tsx";
import { ErrorSummary, fieldId } from "./layout.tsx";
import { ConflictPanel } from "./project-pages.tsx";

// The evaluation sheets (事務事業評価シート, 施策評価シート) and the progress of a plan year's sheets. Every
// form works without JavaScript; ratings and outlooks are radio buttons.

const PROGRESS_LABELS = { missing: "未作成", ...REVIEW_STATE_LABELS } as const;

export function projectSheetUrl(projectId: number, fy: FiscalYearKey | number): string {
  return `/projects/${projectId}/evaluations/${fy}`;
}

export function measureSheetUrl(measureId: number, fy: FiscalYearKey | number): string {
  return `/measures/${measureId}/evaluations/${fy}`;
}

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

function SheetBadge(p: { state: SheetState }) {
  return p.state.id === null ? (
    <span class="badge badge--draft">未作成</span>
  ) : (
    <StateBadge state={p.state.reviewState} />
  );
}

function YearLinks(p: {
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

function ReviewComment(p: { state: SheetState }) {
  return p.state.reviewComment ? (
    <div class="notice notice--warning" id="review-comment">
      <p>
        <strong>差戻しコメント:</strong> {p.state.reviewComment}
      </p>
    </div>
  ) : null;
}

/** Submit / approve / return buttons, as the actor's role and the sheet's state allow. */
function ReviewButtons(p: {
  url: string;
  state: SheetState;
  maySubmit: boolean;
  mayDecide: boolean;
  csrf: string;
}) {
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
      {s === "draft" && p.maySubmit ? form("submit", "提出する", "button--secondary") : null}
      {s === "submitted" && p.mayDecide ? form("approve", "承認する", "button--primary") : null}
      {s !== "draft" && p.mayDecide ? (
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

const EDIT_LABEL: Record<EvaluationAccess, string> = {
  none: "",
  self: "評価と実績を入力する",
  secondary: "二次評価を入力する",
  all: "評価シートを編集する",
};

// ---------------------------------------------------------------------------------------------------------
// Read-only parts of a project sheet

function BudgetTable(p: { data: ProjectEvaluationView }) {
  const { budget, settled, fiscalYear: fy } = p.data;
  const rate = budget !== null && settled !== null ? formatExecutionRate(budget.total, settled) : "—";
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
  if (!a) return null;
  return assessActivity(a).find((x) => x.fiscalYear === data.fiscalYear) ?? null;
}

function ActivityActualsTable(p: {
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
                    <td>{achievement ? ACHIEVEMENT_LABELS.status[achievement.status] : "—"}</td>
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

function ratingText(r: Rating | null, labels: Record<Rating, string> = RATING_LABELS): string {
  return r === null ? "未評価" : labels[r];
}

function outlookText(o: Outlook | null): string {
  return o === null ? "未選択" : OUTLOOK_LABELS[o];
}

function AspectsTable(p: { aspects: AspectRatings; caption: string; id: string }) {
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">観点</th>
            <th scope="col">評価</th>
            <th scope="col">理由</th>
          </tr>
        </thead>
        <tbody>
          {EVALUATION_ASPECTS.map((a) => (
            <tr>
              <th scope="row">{ASPECT_LABELS[a]}</th>
              <td class="nowrap">{ratingText(p.aspects[a].rating)}</td>
              <td class="change">{p.aspects[a].reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SelfEvaluation(p: { e: ProjectEvaluation }) {
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
              <Prose text={p.e.self.changes} />
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

function SecondaryEvaluation(p: { e: ProjectEvaluation }) {
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
              <Prose text={s.comment} />
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

function ProjectHeader(p: { data: ProjectEvaluationView }) {
  const { entry } = p.data;
  const pr = entry.project;
  return (
    <table class="table table--sheet" id="project-header">
      <caption>事業の基本情報</caption>
      <tbody>
        <tr>
          <th scope="row">事務事業</th>
          <td>
            <a href={`/projects/${entry.id}`}>{pr.name}</a>
          </td>
          <th scope="row">所管課</th>
          <td>{pr.leadDepartment}</td>
        </tr>
        <tr>
          <th scope="row">施策</th>
          <td>
            <a href={measureSheetUrl(entry.measureId, p.data.fiscalYear)}>
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

// ---------------------------------------------------------------------------------------------------------
// Project sheet

export function ProjectEvaluationPage(p: { data: ProjectEvaluationView; actor: Actor; csrf: string }) {
  const { data, actor } = p;
  const { entry, state, fiscalYear: fy } = data;
  const access = projectEvaluationAccess(actor, entry.project, state.reviewState);
  const url = projectSheetUrl(entry.id, fy);
  return (
    <>
      <div class="page-head">
        <h1>事務事業評価シート: {entry.project.name}</h1>
        <SheetBadge state={state} />
      </div>
      <p class="lead">{formatFiscalYearBoth(fy)}の評価</p>
      <YearLinks years={data.years} current={fy} url={(y) => projectSheetUrl(entry.id, y)} />
      <ReviewComment state={state} />
      <div class="actions">
        {access !== "none" ? (
          <a class="button button--primary" href={`${url}/edit`}>
            {EDIT_LABEL[access]}
          </a>
        ) : null}
        <ReviewButtons
          url={`${url}/review`}
          state={state}
          maySubmit={mayEvaluate.submitProject(actor, entry.project)}
          mayDecide={mayEvaluate.decide(actor)}
          csrf={p.csrf}
        />
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
// Form parts

function RadioRow(p: {
  name: string;
  label: string;
  values: FormValues;
  errors: Record<string, string>;
  options: { value: string; label: string }[];
}) {
  const id = fieldId(p.name);
  const err = p.errors[p.name];
  const current = p.values[p.name] ?? "";
  return (
    <div
      class={`field radio-field${err ? " field--error" : ""}`}
      role="radiogroup"
      aria-labelledby={`l-${id}`}
      aria-describedby={err ? `e-${id}` : undefined}
    >
      <span class="radio-field__label" id={`l-${id}`}>
        <strong>{p.label}</strong>
      </span>
      {err ? (
        <p class="error-text" id={`e-${id}`}>
          {err}
        </p>
      ) : null}
      <div class="radio-field__options">
        {p.options.map((o, i) => (
          <label class="radio-option">
            <input
              type="radio"
              name={p.name}
              value={o.value}
              checked={current === o.value}
              id={i === 0 ? `f-${id}` : undefined}
            />
            {`\u00a0${o.label}`}
          </label>
        ))}
      </div>
    </div>
  );
}

const ratingOptions = (labels: Record<Rating, string>) => [
  ...RATINGS.map((r) => ({ value: r as string, label: labels[r] })),
  { value: "", label: "未評価" },
];

const OUTLOOK_OPTIONS = [
  ...OUTLOOKS.map((o) => ({ value: o as string, label: OUTLOOK_LABELS[o] })),
  { value: "", label: "未選択" },
];

function AspectInputs(p: {
  fy: FiscalYearKey;
  side: EvaluationSide;
  values: FormValues;
  errors: Record<string, string>;
}) {
  const side = p.side === "self" ? "一次評価" : "二次評価";
  return (
    <div class="table-wrap">
      <table class="table table--form" id={`${p.side}-aspects`}>
        <caption>
          {side}（A: 高い・適切、B: 概ね適切、C: 低い・見直しが必要。C の観点には理由が必要です）
        </caption>
        <thead>
          <tr>
            <th scope="col">観点</th>
            {RATINGS.map((r) => (
              <th scope="col">{r}</th>
            ))}
            <th scope="col">未評価</th>
            <th scope="col">理由</th>
          </tr>
        </thead>
        <tbody>
          {EVALUATION_ASPECTS.map((a) => {
            const key = evaluationKey.rating(p.fy, p.side, a);
            const reasonKey = evaluationKey.reason(p.fy, p.side, a);
            const current = p.values[key] ?? "";
            const err = p.errors[key] ?? p.errors[reasonKey];
            return (
              <tr class={err ? "cell--error" : ""}>
                <th scope="row">{ASPECT_LABELS[a]}</th>
                {[...RATINGS, ""].map((r, i) => (
                  <td class="radio-cell">
                    <input
                      type="radio"
                      name={key}
                      value={r}
                      checked={current === r}
                      id={i === 0 ? `f-${fieldId(key)}` : undefined}
                      aria-label={`${side} ${ASPECT_LABELS[a]}: ${r === "" ? "未評価" : RATING_LABELS[r as Rating]}`}
                    />
                  </td>
                ))}
                <td>
                  <textarea
                    id={`f-${fieldId(reasonKey)}`}
                    name={reasonKey}
                    rows={2}
                    aria-label={`${side} ${ASPECT_LABELS[a]}の理由`}
                    aria-invalid={p.errors[reasonKey] ? "true" : undefined}
                    class={p.errors[reasonKey] ? "input--error" : undefined}
                  >
                    {p.values[reasonKey] ?? ""}
                  </textarea>
                  {err ? <p class="error-text">{err}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface EvaluationFormProps {
  actor: Actor;
  csrf: string;
  values: FormValues;
  errors: Record<string, string>;
  version: number;
  access: EvaluationAccess;
  error?: { message: string; fields: { field: string; message: string }[] } | null;
  conflict?: { differences: FieldChange[]; history: AuditEventRow[] } | null;
}

function FormHead(p: EvaluationFormProps & { title: string }) {
  return (
    <>
      <h1>{p.title}</h1>
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      {p.conflict ? (
        <ConflictPanel differences={p.conflict.differences} history={p.conflict.history} />
      ) : null}
      {p.access === "secondary" ? (
        <div class="notice notice--warning">
          <p>
            この評価シートは提出済です。入力できるのは二次評価だけです。一次評価・実績・決算額を直すには差し戻してください。
          </p>
        </div>
      ) : null}
    </>
  );
}

function FormButtons(p: { back: string }) {
  return (
    <div class="actions">
      <button type="submit" class="button button--primary">
        保存する
      </button>
      <a class="button button--secondary" href={p.back}>
        保存せずに戻る
      </a>
    </div>
  );
}

export function ProjectEvaluationEditPage(p: EvaluationFormProps & { data: ProjectEvaluationView }) {
  const { data } = p;
  const fy = data.fiscalYear;
  const f = { values: p.values, errors: p.errors };
  const url = projectSheetUrl(data.entry.id, fy);
  const can = (key: string) => mayChangeField(p.access, key);
  const settledKey = evaluationKey.settled(fy);
  return (
    <>
      <FormHead
        {...p}
        title={`事務事業評価シートの編集: ${data.entry.project.name}（${formatWarekiFiscalYear(fy)}）`}
      />
      <form method="post" action={url} class="edit-form" data-unsaved-warning>
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="version" value={p.version} />
        <fieldset>
          <legend>予算と決算（千円・整数）</legend>
          {can(settledKey) ? (
            <div class="table-wrap">
              <table class="table table--form" id="budget">
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      年度別事業費（予算）
                    </th>
                    <th scope="col" class="num">
                      うち一般財源
                    </th>
                    <th scope="col">決算額</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td class="num">
                      <Money value={data.budget?.total} />
                    </td>
                    <td class="num">
                      <Money value={data.budget?.generalRevenue} />
                    </td>
                    <td>
                      <CellInput
                        name={settledKey}
                        label={`${formatWarekiFiscalYear(fy)}の決算額（千円）`}
                        numeric
                        {...f}
                      />
                    </td>
                  </tr>
                </tbody>
              </table>
              {p.errors[settledKey] ? <p class="error-text">{p.errors[settledKey]}</p> : null}
              <p class="hint">
                決算が確定していない場合は空欄のままにしてください。執行率は保存後に表示されます。
              </p>
            </div>
          ) : (
            <BudgetTable data={data} />
          )}
        </fieldset>
        <fieldset>
          <legend>活動指標の実績</legend>
          {data.entry.project.activityIndicators.length > 0 && can(evaluationKey.actual(fy, 0)) ? (
            <p class="hint">
              数値（例:
              350,000）か、「実施する」のような目標には「実施」「未実施」のように入力します。実績がない場合は空欄のままにしてください。
            </p>
          ) : null}
          <ActivityActualsTable data={data} input={can(evaluationKey.actual(fy, 0)) ? f : null} />
        </fieldset>
        <fieldset>
          <legend>一次評価（担当課）</legend>
          {can(evaluationKey.outlook(fy, "self")) ? (
            <>
              <AspectInputs fy={fy} side="self" {...f} />
              <RadioRow
                name={evaluationKey.outlook(fy, "self")}
                label="今後の方向性"
                options={OUTLOOK_OPTIONS}
                {...f}
              />
              <TextArea
                name={evaluationKey.changes(fy)}
                label="改善内容（今後の方向性が改善・縮小・廃止のときは必須）"
                rows={3}
                {...f}
              />
            </>
          ) : (
            <SelfEvaluation e={data.evaluation} />
          )}
        </fieldset>
        <fieldset>
          <legend>二次評価（企画・財政担当）</legend>
          {can(evaluationKey.outlook(fy, "secondary")) ? (
            <>
              <p class="hint">
                一次評価と異なる評価にしてかまいません。すべて空欄のままにすると、二次評価なしとして保存します。
              </p>
              <AspectInputs fy={fy} side="secondary" {...f} />
              <RadioRow
                name={evaluationKey.outlook(fy, "secondary")}
                label="今後の方向性"
                options={OUTLOOK_OPTIONS}
                {...f}
              />
              <TextArea
                name={evaluationKey.comment(fy)}
                label="コメント（今後の方向性が改善・縮小・廃止のときは必須）"
                rows={3}
                {...f}
              />
            </>
          ) : (
            <>
              <p class="hint">二次評価は管理者（企画・財政担当）が入力します。</p>
              <SecondaryEvaluation e={data.evaluation} />
            </>
          )}
        </fieldset>
        <FormButtons back={url} />
      </form>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Measure sheet

function ProjectSheetsTable(p: {
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
                <a href={projectSheetUrl(e.id, p.fy)}>{e.name}</a>
              </td>
              <td>{e.department}</td>
              <td class="nowrap">{e.measureCode}</td>
              <td>
                {e.state === null ? (
                  <span class="badge badge--draft">未作成</span>
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
              <Prose text={self.assessment} />
            </td>
          </tr>
          <tr>
            <th scope="row">今後の取り組み</th>
            <td>
              <Prose text={self.nextSteps} />
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
                <Prose text={secondary.comment} />
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
            const a = assessOutcome(o).find((x) => x.fiscalYear === fy) ?? null;
            return (
              <tr>
                <th scope="row">{o.name ?? "（指標名なし）"}</th>
                <td>{o.unit ?? ""}</td>
                <td class="num">{o.baseline?.text ?? "—"}</td>
                <td class="num">{o.planned[fy]?.text ?? "—"}</td>
                <td class="num">{o.actual[fy]?.text ?? "—"}</td>
                <td>{a ? ACHIEVEMENT_LABELS.status[a.status] : "—"}</td>
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

export function MeasureEvaluationPage(p: { data: MeasureEvaluationView; actor: Actor; csrf: string }) {
  const { data, actor } = p;
  const { entry, state, fiscalYear: fy } = data;
  const m = entry.measure;
  const access = measureEvaluationAccess(actor, m, state.reviewState);
  const url = measureSheetUrl(entry.id, fy);
  return (
    <>
      <div class="page-head">
        <h1>
          施策評価シート: 施策{m.code}　{m.title}
        </h1>
        <SheetBadge state={state} />
      </div>
      <p class="lead">{formatFiscalYearBoth(fy)}の評価</p>
      <YearLinks years={data.years} current={fy} url={(y) => measureSheetUrl(entry.id, y)} />
      <p class="muted">
        主管課: {m.leadDepartment ?? "—"}　<a href={`/measures/${entry.id}`}>施策のページ</a>
      </p>
      <ReviewComment state={state} />
      <div class="actions">
        {access !== "none" ? (
          <a class="button button--primary" href={`${url}/edit`}>
            {EDIT_LABEL[access]}
          </a>
        ) : null}
        <ReviewButtons
          url={`${url}/review`}
          state={state}
          maySubmit={mayEvaluate.submitMeasure(actor, m)}
          mayDecide={mayEvaluate.decide(actor)}
          csrf={p.csrf}
        />
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

export function MeasureEvaluationEditPage(p: EvaluationFormProps & { data: MeasureEvaluationView }) {
  const { data } = p;
  const fy = data.fiscalYear;
  const m = data.entry.measure;
  const f = { values: p.values, errors: p.errors };
  const url = measureSheetUrl(data.entry.id, fy);
  const can = (key: string) => mayChangeField(p.access, key);
  const options = ratingOptions(MEASURE_RATING_LABELS);
  return (
    <>
      <FormHead {...p} title={`施策評価シートの編集: 施策${m.code}（${formatWarekiFiscalYear(fy)}）`} />
      <form method="post" action={url} class="edit-form" data-unsaved-warning>
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="version" value={p.version} />
        <fieldset>
          <legend>一次評価（主管課: {m.leadDepartment ?? "—"}）</legend>
          {can(evaluationKey.measureRating(fy, "self")) ? (
            <>
              <RadioRow
                name={evaluationKey.measureRating(fy, "self")}
                label="施策の進捗"
                options={options}
                {...f}
              />
              <TextArea
                name={evaluationKey.assessment(fy)}
                label="成果と課題（進捗が C のときは必須）"
                rows={5}
                {...f}
              />
              <TextArea name={evaluationKey.nextSteps(fy)} label="今後の取り組み" rows={4} {...f} />
            </>
          ) : (
            <MeasureSelfReadOnly e={data.evaluation} />
          )}
        </fieldset>
        <fieldset>
          <legend>二次評価（企画・財政担当）</legend>
          {can(evaluationKey.measureRating(fy, "secondary")) ? (
            <>
              <RadioRow
                name={evaluationKey.measureRating(fy, "secondary")}
                label="施策の進捗"
                options={options}
                {...f}
              />
              <TextArea
                name={evaluationKey.comment(fy)}
                label="コメント（進捗が C のときは必須）"
                rows={4}
                {...f}
              />
            </>
          ) : (
            <p class="hint">
              二次評価は管理者（企画・財政担当）が入力します。現在の二次評価:{" "}
              {data.evaluation.secondary
                ? ratingText(data.evaluation.secondary.rating, MEASURE_RATING_LABELS)
                : "なし"}
            </p>
          )}
        </fieldset>
        <FormButtons back={url} />
      </form>
    </>
  );
}

function MeasureSelfReadOnly(p: { e: MeasureEvaluation }) {
  return (
    <table class="table table--sheet">
      <tbody>
        <tr>
          <th scope="row">施策の進捗</th>
          <td>{ratingText(p.e.self.rating, MEASURE_RATING_LABELS)}</td>
        </tr>
        <tr>
          <th scope="row">成果と課題</th>
          <td>
            <Prose text={p.e.self.assessment} />
          </td>
        </tr>
        <tr>
          <th scope="row">今後の取り組み</th>
          <td>
            <Prose text={p.e.self.nextSteps} />
          </td>
        </tr>
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Progress of a plan year

export function EvaluationOverviewPage(p: { overview: EvaluationOverview; department: string | null }) {
  const o = p.overview;
  const base = `/plans/${o.version.id}/evaluations?year=${o.fiscalYear}`;
  const shown = p.department ? o.projects.filter((e) => e.department === p.department) : o.projects;
  const totals = Object.fromEntries(
    PROGRESS_COLUMNS.map((s) => [s, o.departments.reduce((n, d) => n + d[s], 0)]),
  ) as Record<(typeof PROGRESS_COLUMNS)[number], number>;
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
                <a href={`/plans/${o.version.id}/evaluations?year=${fy}`}>{formatWarekiFiscalYear(fy)}</a>
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
                  <a href={measureSheetUrl(m.id, o.fiscalYear)}>
                    {m.code} {m.title}
                  </a>
                </td>
                <td>{m.department ?? "—"}</td>
                <td>
                  {m.state === null ? (
                    <span class="badge badge--draft">未作成</span>
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
