import { createRequire } from "node:module";
import type * as Echarts from "echarts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { RollupRow } from "../../domain/rollups/rollups.ts";

// Charts rendered on the server by Apache ECharts as SVG strings: no client JavaScript, and the same
// picture on screen, in print and in a PDF. Colours are DADS primitives.

export const FONT = "'Noto Sans JP', 'Noto Sans CJK JP', sans-serif";
export const SOURCE_COLORS = ["#0017c1", "#7096f8", "#c5d7fb", "#1d8b56"];

// ECharts is loaded on the first chart, not with the app: its ES modules are hundreds of files, and the
// server should answer its first page without them. Its CommonJS build is one file and draws the same SVG.
let echarts: typeof Echarts | undefined;
function library(): typeof Echarts {
  echarts ??= createRequire(import.meta.url)("echarts") as typeof Echarts;
  return echarts;
}

export function renderChart(option: Echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = library().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Stacked bars per fiscal year: 国・県支出金, 地方債, その他, 一般財源 (千円). */
export function fundingChart(rows: RollupRow[], title: string): string {
  const years = rows.map((r) => formatWarekiFiscalYear(r.fiscalYear));
  const series = (
    [
      ["国・県支出金", "nationalPrefectural"],
      ["地方債", "localBonds"],
      ["その他特定財源", "otherEarmarked"],
      ["一般財源", "generalRevenue"],
    ] as const
  ).map(([name, key], i) => ({
    name,
    type: "bar",
    stack: "total",
    data: rows.map((r) => r[key]),
    itemStyle: { color: SOURCE_COLORS[i] },
  }));
  return renderChart(
    {
      title: { text: title, left: 0, textStyle: { fontSize: 14, fontFamily: FONT } },
      legend: { bottom: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 70, right: 16, top: 48, bottom: 48 },
      xAxis: { type: "category", data: years },
      yAxis: {
        type: "value",
        name: "百万円",
        axisLabel: { formatter: (v: number) => (v / 1000).toLocaleString("ja-JP") },
      },
      series,
    },
    560,
    320,
  );
}

/** Horizontal bars of one fiscal year's 年度別事業費 by a dimension (measures, departments, 款). */
export function breakdownChart(rows: RollupRow[], title: string): string {
  const sorted = [...rows]
    .sort((a, b) => b.total - a.total)
    .slice(0, 12)
    .reverse();
  return renderChart(
    {
      title: { text: title, left: 0, textStyle: { fontSize: 14, fontFamily: FONT } },
      grid: { left: 200, right: 110, top: 36, bottom: 24 },
      // Axis in 百万円 so that its labels do not collide; the bars are labelled with exact 千円.
      xAxis: {
        type: "value",
        name: "百万円",
        splitNumber: 4,
        axisLabel: { formatter: (v: number) => (v / 1000).toLocaleString("ja-JP") },
      },
      yAxis: {
        type: "category",
        data: sorted.map((r) => (r.key.length > 14 ? `${r.key.slice(0, 13)}…` : r.key)),
        axisLabel: { fontFamily: FONT },
      },
      series: [
        {
          type: "bar",
          data: sorted.map((r) => r.total),
          itemStyle: { color: "#0017c1" },
          label: {
            show: true,
            position: "right",
            formatter: (p: { value: number }) => p.value.toLocaleString("ja-JP"),
          },
        },
      ],
    },
    560,
    Math.max(160, 60 + sorted.length * 28),
  );
}
