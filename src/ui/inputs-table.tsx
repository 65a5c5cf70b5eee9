import {
  EARMARKED_LABEL,
  ESTIMATED_LABEL,
  EXECUTION_RATE_LABEL,
  INPUT_LABELS,
  INPUT_ROW_LABELS,
  SETTLED_LABEL,
} from "../domain/labels.ts";
import { formatWarekiFiscalYear } from "../domain/plan/fiscal-year.ts";
import type { FiscalYearKey, Project } from "../domain/plan/model.ts";
import { INPUT_FIELDS } from "../domain/plan/model.ts";
import { inputYears, projectExecutionRate } from "../domain/presenters/project-figures.ts";
import { formatYen, Money } from "./money.tsx";

// The 投入指標 of a project: 年度別事業費 and its funding sources per fiscal year, and, when the project has
// 決算額, the 決算額 and the 執行率 (from the domain's formatExecutionRate) of each year.

/** The book's layout: 特定財源 spanning its three sources, amounts with 「千円」. */
export function BookInputsTable(p: { project: Project; years: FiscalYearKey[] }) {
  const { project, years } = p;
  const i = (fy: FiscalYearKey) => project.inputs[fy];
  const settled = project.settled;
  const estimated = new Set(project.estimatedYears ?? []);
  return (
    <table class="grid inputs">
      <thead>
        <tr>
          <th scope="col" colspan={2}>
            投入指標
          </th>
          {years.map((fy) => (
            <th scope="col">
              {formatWarekiFiscalYear(fy)}
              {estimated.has(fy) ? `（${ESTIMATED_LABEL}）` : ""}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row" colspan={2}>
            {INPUT_LABELS.total}
          </th>
          {years.map((fy) => (
            <td class="num">{formatYen(i(fy)?.total)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row" rowspan={3}>
            {EARMARKED_LABEL}
          </th>
          <th scope="row">{INPUT_LABELS.nationalPrefectural}</th>
          {years.map((fy) => (
            <td class="num">{formatYen(i(fy)?.nationalPrefectural)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row">{INPUT_LABELS.localBonds}</th>
          {years.map((fy) => (
            <td class="num">{formatYen(i(fy)?.localBonds)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row">{INPUT_LABELS.otherEarmarked}</th>
          {years.map((fy) => (
            <td class="num">{formatYen(i(fy)?.otherEarmarked)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row" colspan={2}>
            {INPUT_LABELS.generalRevenue}
          </th>
          {years.map((fy) => (
            <td class="num">{formatYen(i(fy)?.generalRevenue)}</td>
          ))}
        </tr>
        {settled ? (
          <>
            <tr>
              <th scope="row" colspan={2}>
                {SETTLED_LABEL}
              </th>
              {years.map((fy) => (
                <td class="num">{formatYen(settled[fy])}</td>
              ))}
            </tr>
            <tr>
              <th scope="row" colspan={2}>
                {EXECUTION_RATE_LABEL}
              </th>
              {years.map((fy) => (
                <td class="num">{projectExecutionRate(project, fy)}</td>
              ))}
            </tr>
          </>
        ) : null}
      </tbody>
    </table>
  );
}

/** The staff pages' layout: one row per field, amounts in 千円 without the unit, years with errors marked. */
export function InputsTable(p: { project: Project; flagged: ReadonlySet<string> }) {
  const { project } = p;
  const inputs = project.inputs;
  const settled = project.settled;
  const estimated = new Set(project.estimatedYears ?? []);
  const years = inputYears(project);
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
                {estimated.has(fy) ? <span class="badge badge--estimate">{ESTIMATED_LABEL}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {INPUT_FIELDS.map((k) => (
            <tr class={k === "total" ? "row-strong" : ""}>
              <th scope="row">{INPUT_ROW_LABELS[k]}</th>
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
                <th scope="row">{SETTLED_LABEL}</th>
                {years.map((fy) => (
                  <td class="num" data-year={fy} data-field="settled">
                    {settled[fy] === undefined ? "—" : <Money value={settled[fy]} />}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">
                  {EXECUTION_RATE_LABEL}（{SETTLED_LABEL} ÷ {INPUT_LABELS.total}）
                </th>
                {years.map((fy) => (
                  <td class="num" data-year={fy} data-field="executionRate">
                    {projectExecutionRate(project, fy)}
                  </td>
                ))}
              </tr>
            </>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
