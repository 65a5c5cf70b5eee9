import type { ProjectRights } from "../../../domain/access.ts";
import {
  INPUT_LABELS,
  PLEDGE_BOOK_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
} from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { FiscalYearKey } from "../../../domain/plan/model.ts";
import { INPUT_FIELDS } from "../../../domain/plan/model.ts";
import type { ProjectEntry } from "../../../usecases/plan/read-plan.ts";
import { activityRowCount, type FormValues } from "../forms.ts";
import { projectHref } from "../paths.ts";
import { CellInput, DirectionSelect, Hidden, TextArea, TextField } from "./components.tsx";
import { BaseFields, ConflictPanel, type ConflictProps } from "./conflict-panel.tsx";
import { ErrorSummary } from "./layout.tsx";

// The form of a project sheet, and the panel that shows what someone else saved meanwhile.

export interface ProjectFormProps {
  entry: ProjectEntry;
  rights: ProjectRights;
  csrf: string;
  values: FormValues;
  errors: Record<string, string>;
  version: number;
  years: FiscalYearKey[];
  error?: { message: string; fields: { field: string; message: string }[] } | null;
  /** The values the form was made from (its hidden base fields). */
  base: FormValues;
  conflict?: Omit<ConflictProps, "form"> | null;
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
      {p.conflict ? <ConflictPanel {...p.conflict} form="edit-form" /> : null}
      <form
        method="post"
        action={`/projects/${p.entry.id}`}
        class="edit-form"
        id="edit-form"
        data-unsaved-warning
      >
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="version" value={p.version} />
        <BaseFields values={p.base} />
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
                {PROJECT_STATUSES.map((s) => (
                  <option value={s} selected={v.status === s}>
                    {PROJECT_STATUS_LABELS[s]}
                  </option>
                ))}
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
                  {PLEDGE_BOOK_LABELS.no}
                </option>
                <option value="true" selected={v.mayoralPledge === "true"}>
                  {PLEDGE_BOOK_LABELS.yes}
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
          <a class="button button--secondary" href={projectHref(p.entry.planAddress, p.entry.key)}>
            保存せずに戻る
          </a>
        </div>
      </form>
    </>
  );
}

export { ConflictPanel };
