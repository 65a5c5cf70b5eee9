import type { AuditEventRow } from "../../../db/audit.ts";
import type { PlanVersionSummary } from "../../../db/plans.ts";
import { populationLabel } from "../../../domain/city/city.ts";
import type { ReviewState } from "../../../domain/editing/review.ts";
import {
  AUDIT_ACTION_LABELS,
  DIRECTION_AUTO_LABEL,
  DIRECTION_LABELS,
  REVIEW_STATE_LABELS,
  SEVERITY_LABELS,
} from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { Diagnostic } from "../../../domain/plan/model.ts";
import { rollupGrid } from "../../../domain/presenters/tables.ts";
import type { RollupRow } from "../../../domain/rollups/rollups.ts";
import { Money } from "../../../ui/money.tsx";
import { fieldId } from "./layout.tsx";

export { AchievementBadge } from "../../../ui/achievement.tsx";
export { Money };

/** 「小諸市 令和6年度 実施計画」 */
export function planTitle(v: PlanVersionSummary): string {
  return `${v.city} ${formatWarekiFiscalYear(v.fiscalYear)} 実施計画`;
}

/** The city a plan belongs to: 「長野県 小諸市（202088）・人口: 未登録」. */
export function CityLine(p: { version: PlanVersionSummary }) {
  const v = p.version;
  return (
    <p class="city-line">
      {v.prefecture} {v.city}（{v.cityCode}）・{populationLabel(v.population)}・
      <a href={`/cities/${v.cityCode}/profile`}>市町村の情報</a>
    </p>
  );
}

export function StateBadge(p: { state: ReviewState }) {
  return <span class={`badge badge--${p.state}`}>{REVIEW_STATE_LABELS[p.state]}</span>;
}

export function SeverityBadge(p: { severity: Diagnostic["severity"] }) {
  return <span class={`badge badge--${p.severity}`}>{SEVERITY_LABELS[p.severity]}</span>;
}

export interface FieldProps {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  hint?: string;
  readonly?: boolean;
  required?: boolean;
}

function describedBy(p: FieldProps): string | undefined {
  const ids = [
    p.hint ? `h-${fieldId(p.name)}` : null,
    p.errors[p.name] ? `e-${fieldId(p.name)}` : null,
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldFrame(p: FieldProps & { children: unknown }) {
  const id = fieldId(p.name);
  return (
    <div class={`field${p.errors[p.name] ? " field--error" : ""}`}>
      <label for={`f-${id}`}>
        {p.label}
        {p.required ? <span class="required">必須</span> : null}
      </label>
      {p.hint ? (
        <p class="hint" id={`h-${id}`}>
          {p.hint}
        </p>
      ) : null}
      {p.errors[p.name] ? (
        <p class="error-text" id={`e-${id}`}>
          {p.errors[p.name]}
        </p>
      ) : null}
      {p.children}
    </div>
  );
}

export function TextField(p: FieldProps & { maxlength?: number }) {
  return (
    <FieldFrame {...p}>
      <input
        type="text"
        id={`f-${fieldId(p.name)}`}
        name={p.name}
        value={p.values[p.name] ?? ""}
        readonly={p.readonly}
        required={p.required}
        aria-invalid={p.errors[p.name] ? "true" : undefined}
        aria-describedby={describedBy(p)}
      />
    </FieldFrame>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  return (
    <FieldFrame {...p}>
      <textarea
        id={`f-${fieldId(p.name)}`}
        name={p.name}
        rows={p.rows ?? 4}
        readonly={p.readonly}
        aria-invalid={p.errors[p.name] ? "true" : undefined}
        aria-describedby={describedBy(p)}
      >
        {p.values[p.name] ?? ""}
      </textarea>
    </FieldFrame>
  );
}

/** A bare input inside a table cell, labelled by aria-label. */
export function CellInput(p: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  numeric?: boolean;
  readonly?: boolean;
  extra?: Record<string, string>;
}) {
  const err = p.errors[p.name];
  return (
    <input
      type="text"
      id={`f-${fieldId(p.name)}`}
      name={p.name}
      value={p.values[p.name] ?? ""}
      aria-label={p.label}
      aria-invalid={err ? "true" : undefined}
      title={err}
      inputmode={p.numeric ? "numeric" : undefined}
      class={`${p.numeric ? "num-input" : "cell-input"}${err ? " input--error" : ""}`}
      readonly={p.readonly}
      {...(p.extra ?? {})}
    />
  );
}

/** A rollup as a table: one row per group, one column per fiscal year (年度別事業費 千円). */
export function RollupTable(p: {
  rows: RollupRow[];
  caption: string;
  keyLabel: string;
  links?: Map<string, string>;
}) {
  const { years, keys, label, cell, totals } = rollupGrid(p.rows);
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.keyLabel}</th>
            {years.map((fy) => (
              <th scope="col" class="num">
                {formatWarekiFiscalYear(fy)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr>
              <th scope="row">{p.links?.get(k) ? <a href={p.links.get(k)}>{label(k)}</a> : label(k)}</th>
              {years.map((fy) => (
                <td class="num">
                  <Money value={cell(k, fy)?.total} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合計</th>
            {totals.map((t) => (
              <td class="num">
                <Money value={t} />
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function actionLabel(a: string): string {
  return AUDIT_ACTION_LABELS[a] ?? a;
}

const TIME = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export function formatTime(d: Date): string {
  return TIME.format(d);
}

/** Audit events as a table (history of one project, or the whole log with the target column). */
export function AuditTable(p: { events: AuditEventRow[]; caption: string; showTarget?: boolean }) {
  if (p.events.length === 0) return <p>記録はまだありません。</p>;
  return (
    <div class="table-wrap">
      <table class="table table--audit">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">利用者</th>
            <th scope="col">操作</th>
            {p.showTarget ? <th scope="col">対象</th> : null}
            <th scope="col">項目</th>
            <th scope="col">変更前</th>
            <th scope="col">変更後</th>
            <th scope="col">コメント</th>
          </tr>
        </thead>
        <tbody>
          {p.events.map((e) => (
            <tr>
              <td class="nowrap">{formatTime(e.at)}</td>
              <td>{e.userName}</td>
              <td class="nowrap">{actionLabel(e.action)}</td>
              {p.showTarget ? (
                <td>
                  {e.entityKind === "project" && e.entityId !== null ? (
                    <a href={`/projects/${e.entityId}`}>{e.entityLabel}</a>
                  ) : e.entityKind === "measure" && e.entityId !== null ? (
                    <a href={`/measures/${e.entityId}`}>{e.entityLabel}</a>
                  ) : e.entityKind === "project-evaluation" && e.entityId !== null ? (
                    <a href={`/project-evaluations/${e.entityId}`}>{e.entityLabel}</a>
                  ) : e.entityKind === "measure-evaluation" && e.entityId !== null ? (
                    <a href={`/measure-evaluations/${e.entityId}`}>{e.entityLabel}</a>
                  ) : (
                    e.entityLabel
                  )}
                  {e.department ? <span class="muted">（{e.department}）</span> : null}
                </td>
              ) : null}
              <td>{e.field ?? "—"}</td>
              <td class="change">{e.before ?? ""}</td>
              <td class="change">{e.after ?? ""}</td>
              <td>{e.comment ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Hidden(p: { name: string; value: string | number }) {
  return <input type="hidden" name={p.name} value={String(p.value)} />;
}

/** 評価の向き of an indicator: judged from its targets (""), higher is better, lower is better. */
export function DirectionSelect(p: { name: string; label: string; value: string }) {
  return (
    <select name={p.name} aria-label={p.label}>
      <option value="" selected={p.value === ""}>
        {DIRECTION_AUTO_LABEL}
      </option>
      <option value="higher" selected={p.value === "higher"}>
        {DIRECTION_LABELS.higher}
      </option>
      <option value="lower" selected={p.value === "lower"}>
        {DIRECTION_LABELS.lower}
      </option>
    </select>
  );
}
