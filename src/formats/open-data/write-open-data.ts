/**
 * A plan as open data: flat CSV files, a datapackage.json that describes them, and the plan itself.
 *
 * The descriptor is a Tabular Data Package (Data Package, Data Resource, Tabular Data Resource and Table
 * Schema 1.0-rc.2, CSV Dialect 1.2 of frictionlessdata) carrying the Fiscal Data Package modelling twice:
 *  - Fiscal Data Package 1.0-rc.1 (22 April 2018, with its Budget taxonomy 1.0-rc.1): every fiscal column of
 *    project-inputs.csv carries a `columnType`, the six amount columns are "denormalising measures"
 *    (`normalize` into the `extraFields` amount/funding_source/phase), and currency, factor and direction
 *    are constant extra fields;
 *  - the `model` (measures with currency, factor and phase, dimensions) of Fiscal Data Package 0.3, because
 *    the JSON Schema the 1.0-rc.1 specification links (fiscal-data-package.json in the Frictionless
 *    registry) still requires it, as do the OpenSpending tools that read fiscal data packages.
 * The package `profile` is "tabular-data-package": the Tabular Data Package specification requires it, and
 * the registry's fiscal-data-package.json only admits that value.
 *
 * Classification: the 款・項・目 of a Japanese municipal expenditure budget is its classification by
 * purpose (目的別分類, 地方自治法施行規則 第15条・別記), so it is mapped to the functional classification
 * (`functional-classification:generic:level1..3`, 0.3 `classificationType: "functional"`); the
 * administrative classification (who spends) is the department in charge, 所管課. The 会計 (一般会計 or a
 * special account) is the fund, 0.3's "account" entity; the 1.0 taxonomy has no type for it.
 *
 * Budget phases: 決算額 (`settled`) is a second measure of project-inputs.csv beside the five plan
 * amounts, distinguished by the budget phase, as the 1.0-rc.1 specification models "Approved 2015" and
 * "Executed 2015" columns: a reduced extra field `phase` (ColumnType `phase:id`) that every measure's
 * `normalize` names, and `phase` on each 0.3 measure.
 *  - The five plan amounts are "proposed": they are the executive's plan (the 実施計画 is drawn up by the
 *    city's executive and is not enacted by the assembly) for the plan year and the projections of the
 *    years after it; a year in `estimatedYears` is an estimate (見込み) carried over by a rollover. None of
 *    them is the enacted budget ("approved") or the budget after 補正 ("adjusted"), even where the plan
 *    year's figure equals the 当初予算, so those phases are not claimed. The `estimated` column tells the
 *    estimates apart; it is not a phase of its own: FDP has none for it, and the figures are still the
 *    executive's plan.
 *  - 決算額 is "executed": the money actually spent in the year, of the project as a whole, so its
 *    funding source is "total" (the settlement has no breakdown by source here).
 * So the denormalised form has one row per project, year, funding source and phase; a consumer must not
 * add the proposed and the executed amounts (nor "total" and the sources). 決算額 is a separate measure
 * and not a second row per year: the plan amounts and the settlement of one year sit side by side, which
 * is how the 事務事業評価 sheets compare them (執行率 = 決算額 ÷ 年度別事業費).
 *
 * Check data: the outcome and activity indicators carry their actuals (実績), their direction as the plan
 * holds it, and the achievement of each year (`domain/achievement.ts`: status, rate, trend, and the
 * direction the year was judged in). project-evaluations.csv and measure-evaluations.csv hold the
 * 事務事業評価 and 施策評価 (一次評価 and 二次評価) one row per object and fiscal year evaluated. The two
 * evaluation files are written only when the plan has an evaluation (of a project or a measure); then
 * both are, a kind without any evaluation as a header-only file. A plan without evaluations keeps the
 * shape it had before evaluations existed (four CSV files and four resources), which the command line
 * and the staff app's downloads rely on; a consumer finds out whether they are there from the resources
 * of datapackage.json (see `openDataFileNames`).
 *
 * Everything is written exactly as the plan holds it: amounts as stored (a project whose funding sources do
 * not add up to its total keeps both as printed), texts unchanged except that a free-text cell that
 * begins like a spreadsheet formula gets an apostrophe before it (`formats/spreadsheet-text.ts`, said per resource
 * in datapackage.json; plan.json has the text exactly), no
 * sums or derived amounts. The only derived values are ids, positions, 和暦 labels, the 款.項.目 code, the
 * Japanese labels of codes (新規・継続, 今後の方向性), the effective outlook of an evaluation
 * (`effectiveOutlook`), and the achievement columns of the indicators.
 */

import type { PlanDocument } from "../../domain/plan/model.ts";
import { packageDescriptor } from "./write/descriptor.ts";
import {
  MEASURE_EVALUATIONS,
  measureEvaluationRows,
  PROJECT_EVALUATIONS,
  projectEvaluationRows,
} from "./write/evaluations.ts";
import { hasEvaluations, OPEN_DATA_FILES, type OpenDataMeta } from "./write/files.ts";
import { ACTIVITIES, activityRows, OUTCOMES, outcomeRows } from "./write/indicators.ts";
import { INPUTS, inputRows } from "./write/project-inputs.ts";
import { PROJECTS, projectRows } from "./write/projects.ts";
import { table } from "./write/table.ts";

export {
  FDP_BUDGET_TAXONOMY,
  hasEvaluations,
  OPEN_DATA_FILES,
  type OpenDataMeta,
  openDataFileNames,
  VALUE_FACTOR,
} from "./write/files.ts";
export { achievementRateText } from "./write/indicators.ts";

/**
 * The open data of a plan, by file name (`openDataFileNames`): projects.csv, project-inputs.csv,
 * activity-indicators.csv, outcome-indicators.csv, and project-evaluations.csv and
 * measure-evaluations.csv when the plan has an evaluation (UTF-8 with BOM, CRLF), datapackage.json and
 * plan.json (hoshin-plan/1).
 * Throws RangeError when an amount is not an integer or a text cannot be written exactly.
 */
export function writeOpenData(plan: PlanDocument, meta: OpenDataMeta): Map<string, Uint8Array> {
  const projects = projectRows(plan);
  const tables = [
    table(PROJECTS, projects),
    table(INPUTS, inputRows(projects)),
    table(ACTIVITIES, activityRows(projects, meta.fiscalYear)),
    table(OUTCOMES, outcomeRows(plan, meta.fiscalYear)),
    ...(hasEvaluations(plan)
      ? [
          table(PROJECT_EVALUATIONS, projectEvaluationRows(projects)),
          table(MEASURE_EVALUATIONS, measureEvaluationRows(plan)),
        ]
      : []),
  ];
  const planJson = new TextEncoder().encode(`${JSON.stringify(plan, null, 2)}\n`);
  const descriptor = packageDescriptor(plan, meta, projects, tables);

  const files = new Map<string, Uint8Array>();
  for (const t of tables) files.set(t.file, t.bytes);
  files.set(OPEN_DATA_FILES.descriptor, new TextEncoder().encode(`${JSON.stringify(descriptor, null, 2)}\n`));
  files.set(OPEN_DATA_FILES.plan, planJson);
  return files;
}
