import type { AuditEventRow } from "../../../db/audit.ts";
import type { MeasureRights } from "../../../domain/access.ts";
import { indicatorDirection } from "../../../domain/evaluation/achievement.ts";
import {
  DIRECTION_AUTO_LABEL,
  DIRECTION_LABELS,
  MISSING_SHEET_LABEL,
  NOT_ENTERED_LABEL,
  TREND_LABELS,
} from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { FiscalYearKey } from "../../../domain/plan/model.ts";
import {
  inputYearsOf,
  measureEvaluationYears,
  outcomeAchievements,
  outcomeYears as outcomeYearsOf,
} from "../../../domain/presenters/project-figures.ts";
import { NOT_WRITTEN, Prose } from "../../../ui/prose.tsx";
import type { MeasureEntry } from "../../../usecases/plan/read-plan.ts";
import { type FormValues, MEASURE_TEXT_FIELDS } from "../forms.ts";
import { measureHref, measureSheetHref, projectHref } from "../paths.ts";
import {
  AchievementBadge,
  AuditTable,
  CellInput,
  DirectionSelect,
  Hidden,
  Money,
  StateBadge,
  TextArea,
} from "./components.tsx";
import { BaseFields, ConflictPanel, type ConflictProps } from "./conflict-panel.tsx";
import { ErrorSummary } from "./layout.tsx";
import { MeasureReview } from "./measure-review.tsx";

export function outcomeYears(entry: MeasureEntry): FiscalYearKey[] {
  return outcomeYearsOf(entry.measure.outcomeIndicators);
}

export function MeasurePage(p: {
  entry: MeasureEntry;
  rights: MeasureRights;
  years: FiscalYearKey[];
  history: AuditEventRow[];
  csrf: string;
}) {
  const m = p.entry.measure;
  const canEdit = p.rights.editTexts || p.rights.enterActuals;
  const projects = p.entry.projects.map((e) => e.project);
  const projectYears = inputYearsOf(projects);
  return (
    <>
      <h1>
        施策{m.code}　{m.title}
      </h1>
      <p class="muted">
        所管: {m.leadDepartment ?? "—"}　関連:{" "}
        {m.relatedDepartments.length > 0 ? m.relatedDepartments.join("、") : "—"}
      </p>
      <MeasureReview
        id={p.entry.id}
        state={p.entry.reviewState}
        comment={p.entry.reviewComment}
        rights={p.rights}
        csrf={p.csrf}
      />
      {canEdit ? (
        <div class="actions">
          <a
            class="button button--primary"
            href={measureHref(p.entry.planAddress, p.entry.measure.code, "edit")}
          >
            {p.rights.editTexts ? "施策を編集する" : "成果指標の実績を入力する"}
          </a>
        </div>
      ) : null}
      <h2>成果指標（アウトカム）</h2>
      {m.outcomeIndicators.length === 0 ? (
        <p class="muted">成果指標はありません。</p>
      ) : (
        <div class="table-wrap">
          <table class="table" id="outcomes">
            <caption>成果指標の計画と実績</caption>
            <thead>
              <tr>
                <th scope="col" rowspan={2}>
                  指標名
                </th>
                <th scope="col" rowspan={2}>
                  単位
                </th>
                <th scope="col" rowspan={2} class="num">
                  計画策定時
                </th>
                {p.years.map((fy) => (
                  <th scope="colgroup" colspan={2} class="num">
                    {formatWarekiFiscalYear(fy)}
                  </th>
                ))}
              </tr>
              <tr>
                {p.years.map(() => (
                  <>
                    <th scope="col" class="num">
                      計画
                    </th>
                    <th scope="col" class="num">
                      実績
                    </th>
                  </>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.outcomeIndicators.map((o) => {
                const assessed = outcomeAchievements(o);
                return (
                  <tr>
                    <th scope="row">
                      {o.name ?? "—"}
                      <span class="muted">（{DIRECTION_LABELS[o.direction ?? indicatorDirection(o)]}）</span>
                    </th>
                    <td class="nowrap">{o.unit ?? ""}</td>
                    <td class="num">{o.baseline?.text ?? "—"}</td>
                    {p.years.map((fy) => {
                      const x = assessed.get(fy);
                      const actual = o.actual[fy];
                      return (
                        <>
                          <td class="num">{o.planned[fy]?.text ?? "—"}</td>
                          <td class="num" data-year={fy}>
                            {actual ? actual.text : "—"}
                            {actual && x ? (
                              <>
                                <br />
                                <AchievementBadge a={x} />
                                {x.trend ? (
                                  <span class="trend">計画策定時比 {TREND_LABELS[x.trend]}</span>
                                ) : null}
                              </>
                            ) : null}
                          </td>
                        </>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>施策評価</h2>
      <ul class="evaluation-links" id="measure-evaluation-links">
        {measureEvaluationYears(m, projects).map((fy) => {
          const e = m.evaluations?.[fy];
          return (
            <li>
              <a href={measureSheetHref(p.entry.planAddress, p.entry.measure.code, fy)}>
                {formatWarekiFiscalYear(fy)}の施策評価
              </a>
              <span class="muted">
                {e
                  ? `（一次評価: ${e.self.rating ?? NOT_ENTERED_LABEL}${e.secondary ? `、二次評価: ${e.secondary.rating ?? NOT_ENTERED_LABEL}` : ""}）`
                  : `（${MISSING_SHEET_LABEL}）`}
              </span>
            </li>
          );
        })}
      </ul>
      <h2>事務事業</h2>
      <div class="table-wrap">
        <table class="table" id="projects">
          <caption>この施策の事務事業（年度別事業費 千円）</caption>
          <thead>
            <tr>
              <th scope="col">事務事業</th>
              <th scope="col">所管課</th>
              <th scope="col">状態</th>
              {projectYears.map((fy) => (
                <th scope="col" class="num">
                  {formatWarekiFiscalYear(fy)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.entry.projects.map((e) => {
              return (
                <tr>
                  <td>
                    <a href={projectHref(e.planAddress, e.key)}>{e.project.name}</a>
                    {e.project.budgetOnly ? <span class="muted">（予算のみ）</span> : null}
                  </td>
                  <td>{e.project.leadDepartment}</td>
                  <td>
                    <StateBadge state={e.reviewState} />
                  </td>
                  {projectYears.map((fy) => (
                    <td class="num">
                      <Money value={e.project.inputs[fy]?.total} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>現状と課題</h2>
      <Prose text={m.currentIssues} missing={NOT_WRITTEN} />
      <h2>方針・目的</h2>
      <Prose text={m.purpose} missing={NOT_WRITTEN} />
      <h2>重点方針と目標</h2>
      <Prose lines={m.priorities} missing={NOT_WRITTEN} />
      <h2>目標(計画)</h2>
      <Prose lines={m.goalStates} missing={NOT_WRITTEN} />
      <h2>今後の取り組み</h2>
      <Prose text={m.futureActions} missing={NOT_WRITTEN} />
      <h2>SDGsの取り組み</h2>
      {m.sdgs.length === 0 ? (
        <p class="muted">{NOT_WRITTEN}</p>
      ) : (
        <ul>
          {m.sdgs.map((s) => (
            <li>
              目標{s.goal} {s.title}: {s.text}
            </li>
          ))}
        </ul>
      )}
      <h2>個別計画</h2>
      <Prose text={m.sectoralPlans} missing={NOT_WRITTEN} />
      <h2>特記事項</h2>
      <Prose text={m.notes} missing={NOT_WRITTEN} />
      <h2>変更履歴</h2>
      <AuditTable events={p.history} caption="この施策の変更履歴（新しい順）" />
    </>
  );
}

function directionText(v: string): string {
  return v === "higher" || v === "lower" ? DIRECTION_LABELS[v] : DIRECTION_AUTO_LABEL;
}

export function MeasureEditPage(p: {
  entry: MeasureEntry;
  rights: MeasureRights;
  csrf: string;
  values: FormValues;
  errors: Record<string, string>;
  version: number;
  years: FiscalYearKey[];
  error?: { message: string; fields: { field: string; message: string }[] } | null;
  /** The values the form was made from (its hidden base fields). */
  base: FormValues;
  conflict?: Omit<ConflictProps, "form"> | null;
}) {
  const m = p.entry.measure;
  const full = p.rights.editTexts;
  const f = { values: p.values, errors: p.errors, readonly: !full };
  return (
    <>
      <h1>
        施策{m.code}の{full ? "編集" : "実績入力"}
      </h1>
      {full ? null : <p>担当課は成果指標の実績だけを入力できます。ほかの項目は表示のみです。</p>}
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      {p.conflict ? <ConflictPanel {...p.conflict} form="edit-form" /> : null}
      <form
        method="post"
        action={`/measures/${p.entry.id}`}
        class="edit-form"
        id="edit-form"
        data-unsaved-warning
      >
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="version" value={p.version} />
        <BaseFields values={p.base} />
        <fieldset>
          <legend>成果指標（アウトカム）</legend>
          {m.outcomeIndicators.map((_, n) => (
            <div class="outcome-edit">
              <div class="grid-2">
                <div class="field">
                  <label for={`f-outcomeIndicators-${n}-name`}>成果指標{n + 1} 指標名</label>
                  <CellInput name={`outcomeIndicators.${n}.name`} label={`成果指標${n + 1} 指標名`} {...f} />
                </div>
                <div class="field">
                  <label for={`f-outcomeIndicators-${n}-unit`}>単位</label>
                  <CellInput name={`outcomeIndicators.${n}.unit`} label={`成果指標${n + 1} 単位`} {...f} />
                </div>
                <div class="field">
                  <span class="label">評価の向き</span>
                  {full ? (
                    <DirectionSelect
                      name={`outcomeIndicators.${n}.direction`}
                      label={`成果指標${n + 1} 評価の向き`}
                      value={p.values[`outcomeIndicators.${n}.direction`] ?? ""}
                    />
                  ) : (
                    <>
                      <Hidden
                        name={`outcomeIndicators.${n}.direction`}
                        value={p.values[`outcomeIndicators.${n}.direction`] ?? ""}
                      />
                      <span>{directionText(p.values[`outcomeIndicators.${n}.direction`] ?? "")}</span>
                    </>
                  )}
                </div>
              </div>
              <div class="table-wrap">
                <table class="table table--form">
                  <thead>
                    <tr>
                      <th scope="col">区分</th>
                      <th scope="col">計画策定時</th>
                      {p.years.map((fy) => (
                        <th scope="col">{formatWarekiFiscalYear(fy)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">計画</th>
                      <td>
                        <CellInput
                          name={`outcomeIndicators.${n}.baseline`}
                          label={`成果指標${n + 1} 計画策定時`}
                          {...f}
                        />
                      </td>
                      {p.years.map((fy) => (
                        <td>
                          <CellInput
                            name={`outcomeIndicators.${n}.planned.${fy}`}
                            label={`成果指標${n + 1} ${formatWarekiFiscalYear(fy)}計画`}
                            {...f}
                          />
                        </td>
                      ))}
                    </tr>
                    <tr>
                      <th scope="row">実績</th>
                      <td></td>
                      {p.years.map((fy) => (
                        <td>
                          <CellInput
                            name={`outcomeIndicators.${n}.actual.${fy}`}
                            label={`成果指標${n + 1} ${formatWarekiFiscalYear(fy)}実績`}
                            values={p.values}
                            errors={p.errors}
                          />
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
              <input
                type="hidden"
                name={`outcomeIndicators.${n}.rationale`}
                value={p.values[`outcomeIndicators.${n}.rationale`] ?? ""}
              />
              <input
                type="hidden"
                name={`outcomeIndicators.${n}.formula`}
                value={p.values[`outcomeIndicators.${n}.formula`] ?? ""}
              />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>施策の内容</legend>
          {MEASURE_TEXT_FIELDS.map(([name, label]) => (
            <TextArea name={name} label={label} rows={4} {...f} />
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="button button--primary">
            保存する
          </button>
          <a class="button button--secondary" href={measureHref(p.entry.planAddress, p.entry.measure.code)}>
            保存せずに戻る
          </a>
        </div>
      </form>
    </>
  );
}
