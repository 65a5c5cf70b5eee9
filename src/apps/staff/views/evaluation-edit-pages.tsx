import { type EvaluationAccess, mayChangeEvaluationField } from "../../../domain/access.ts";
import { type EvaluationSide, evaluationKey } from "../../../domain/evaluation/evaluation-rules.ts";
import {
  ASPECT_LABELS,
  MEASURE_RATING_LABELS,
  NO_OUTLOOK_LABEL,
  NO_RATING_LABEL,
  OUTLOOK_LABELS,
  RATING_LABELS,
  RATING_MEANINGS,
  SIDE_LABELS,
} from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import {
  EVALUATION_ASPECTS,
  type FiscalYearKey,
  type MeasureEvaluation,
  OUTLOOKS,
  RATINGS,
  type Rating,
} from "../../../domain/plan/model.ts";
import { ratingText } from "../../../ui/evaluation.tsx";
import { NOT_WRITTEN, Prose } from "../../../ui/prose.tsx";
import type {
  MeasureEvaluationView,
  ProjectEvaluationView,
} from "../../../usecases/evaluation/list-evaluations.ts";
import type { FormValues } from "../forms.ts";
import { measureSheetHref, projectSheetHref } from "../paths.ts";
import { CellInput, Hidden, Money, TextArea } from "./components.tsx";
import { BaseFields, ConflictPanel, type ConflictProps } from "./conflict-panel.tsx";
import {
  ActivityActualsTable,
  BudgetTable,
  measureSheetUrl,
  projectSheetUrl,
  SecondaryEvaluation,
  SelfEvaluation,
} from "./evaluation-sheet-parts.tsx";
import { ErrorSummary, fieldId } from "./layout.tsx";

// The forms of the evaluation sheets. Every form works without JavaScript; ratings and outlooks are radio
// buttons.

// --- Form parts ---------------------------------------------------------------------------------------

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
  { value: "", label: NO_RATING_LABEL },
];

const OUTLOOK_OPTIONS = [
  ...OUTLOOKS.map((o) => ({ value: o as string, label: OUTLOOK_LABELS[o] })),
  { value: "", label: NO_OUTLOOK_LABEL },
];

function AspectInputs(p: {
  fy: FiscalYearKey;
  side: EvaluationSide;
  values: FormValues;
  errors: Record<string, string>;
}) {
  const side = SIDE_LABELS[p.side];
  return (
    <div class="table-wrap">
      <table class="table table--form" id={`${p.side}-aspects`}>
        <caption>
          {side}（{RATINGS.map((r) => `${r}: ${RATING_MEANINGS[r]}`).join("、")}。C の観点には理由が必要です）
        </caption>
        <thead>
          <tr>
            <th scope="col">観点</th>
            {RATINGS.map((r) => (
              <th scope="col">{r}</th>
            ))}
            <th scope="col">{NO_RATING_LABEL}</th>
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
                      aria-label={`${side} ${ASPECT_LABELS[a]}: ${r === "" ? NO_RATING_LABEL : RATING_LABELS[r as Rating]}`}
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
  csrf: string;
  values: FormValues;
  errors: Record<string, string>;
  version: number;
  access: EvaluationAccess;
  error?: { message: string; fields: { field: string; message: string }[] } | null;
  conflict?: Omit<ConflictProps, "form"> | null;
  /** The values the form was made from (its hidden base fields). */
  base: FormValues;
  /** Why nothing can be saved now (the sheet is no longer 作成中), or null. */
  closed: string | null;
  /** Whether the form shows what was typed (a refused save), rather than what is stored. */
  typed: boolean;
}

const locked = (p: EvaluationFormProps) => p.closed !== null && !p.typed; // opened afresh on a closed sheet

function FormHead(p: EvaluationFormProps & { title: string }) {
  return (
    <>
      <h1>{p.title}</h1>
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      {p.closed ? (
        <div class="notice notice--warning" id="closed-notice" role="alert">
          <p>{p.closed}</p>
          <p>
            {p.typed
              ? "保存できませんでした。あなたの入力は下に残っています（保存されていません）。必要ならコピーしてから、差し戻された後に入力してください。"
              : "入力欄は表示のみです。"}
          </p>
        </div>
      ) : null}
      {p.conflict ? <ConflictPanel {...p.conflict} form="edit-form" /> : null}
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

function FormButtons(p: { back: string; locked: boolean }) {
  return (
    <div class="actions">
      {p.locked ? null : (
        <button type="submit" class="button button--primary">
          保存する
        </button>
      )}
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
  const can = (key: string) => mayChangeEvaluationField(p.access, key);
  const settledKey = evaluationKey.settled(fy);
  return (
    <>
      <FormHead
        {...p}
        title={`事務事業評価シートの編集: ${data.entry.project.name}（${formatWarekiFiscalYear(fy)}）`}
      />
      <form method="post" action={url} class="edit-form" id="edit-form" data-unsaved-warning>
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="version" value={p.version} />
        <BaseFields values={p.base} />
        <fieldset class="fieldset-plain" disabled={locked(p)}>
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
        </fieldset>
        <FormButtons back={projectSheetHref(data.entry.planAddress, data.entry.key, fy)} locked={locked(p)} />
      </form>
    </>
  );
}

export function MeasureEvaluationEditPage(p: EvaluationFormProps & { data: MeasureEvaluationView }) {
  const { data } = p;
  const fy = data.fiscalYear;
  const m = data.entry.measure;
  const f = { values: p.values, errors: p.errors };
  const url = measureSheetUrl(data.entry.id, fy);
  const can = (key: string) => mayChangeEvaluationField(p.access, key);
  const options = ratingOptions(MEASURE_RATING_LABELS);
  return (
    <>
      <FormHead {...p} title={`施策評価シートの編集: 施策${m.code}（${formatWarekiFiscalYear(fy)}）`} />
      <form method="post" action={url} class="edit-form" id="edit-form" data-unsaved-warning>
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="version" value={p.version} />
        <BaseFields values={p.base} />
        <fieldset class="fieldset-plain" disabled={locked(p)}>
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
        </fieldset>
        <FormButtons back={measureSheetHref(data.entry.planAddress, m.code, fy)} locked={locked(p)} />
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
            <Prose text={p.e.self.assessment} missing={NOT_WRITTEN} />
          </td>
        </tr>
        <tr>
          <th scope="row">今後の取り組み</th>
          <td>
            <Prose text={p.e.self.nextSteps} missing={NOT_WRITTEN} />
          </td>
        </tr>
      </tbody>
    </table>
  );
}
