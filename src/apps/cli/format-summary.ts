import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { sortedYears } from "../../domain/plan/model.ts";
import { formatThousands } from "../../domain/plan/money.ts";
import { DIMENSION_LABELS, type RollupDimension, type RollupRow } from "../../domain/rollups/rollups.ts";
import { renderTable, truncate } from "./table.ts";

/** The dimensions printed in the text summary, in order (the JSON has them all). */
export const TEXT_DIMENSIONS: RollupDimension[] = [
  "measure",
  "department",
  "account",
  "kan",
  "kou",
  "pledge",
  "priority",
];

const FUNDING_ROWS = [
  ["年度別事業費", "total"],
  ["　うち国・県支出金", "nationalPrefectural"],
  ["　うち地方債", "localBonds"],
  ["　うちその他", "otherEarmarked"],
  ["　うち一般財源", "generalRevenue"],
] as const;

/** A readable Japanese summary: totals per fiscal year by funding source, then by each dimension. */
export function formatSummary(opts: {
  city: string;
  fiscalYear: number;
  rollups: Partial<Record<RollupDimension, RollupRow[]>>;
  dimensions?: RollupDimension[];
}): string {
  const all = opts.rollups.all ?? [];
  const years = sortedYears(all.map((r) => r.fiscalYear));
  const yearHeads = years.map((y) => formatWarekiFiscalYear(y));
  const out: string[] = [];
  out.push(`${opts.city} ${formatWarekiFiscalYear(opts.fiscalYear)} 実施計画 集計（単位: 千円）`);
  out.push("");
  out.push(`■ ${DIMENSION_LABELS.all}（財源別）`);
  const byYear = new Map(all.map((r) => [r.fiscalYear, r]));
  const fundingRows = FUNDING_ROWS.map(([labelText, field]) => [
    labelText,
    ...years.map((y) => formatThousands(byYear.get(y)?.[field] ?? 0)),
  ]);
  fundingRows.push(["事業数", ...years.map((y) => String(byYear.get(y)?.projects ?? 0))]);
  out.push(renderTable(["", ...yearHeads], fundingRows));
  for (const d of opts.dimensions ?? TEXT_DIMENSIONS) {
    const rows = opts.rollups[d];
    if (!rows) continue;
    out.push("");
    out.push(`■ ${DIMENSION_LABELS[d]}（年度別事業費）`);
    const groups = new Map<string, { label: string; byYear: Map<string, RollupRow> }>();
    for (const r of rows) {
      let g = groups.get(r.key);
      if (!g) {
        g = { label: r.label, byYear: new Map() };
        groups.set(r.key, g);
      }
      g.byYear.set(r.fiscalYear, r);
    }
    const body = [...groups.values()].map((g) => [
      truncate(g.label, 44),
      ...years.map((y) => {
        const r = g.byYear.get(y);
        return r ? formatThousands(r.total) : "—";
      }),
    ]);
    body.push(["合計", ...years.map((y) => formatThousands(byYear.get(y)?.total ?? 0))]);
    out.push(renderTable(["", ...yearHeads], body));
  }
  return out.join("\n");
}
