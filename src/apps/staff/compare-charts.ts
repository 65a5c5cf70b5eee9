import type { CitiesComparison } from "../../domain/comparison/compare.ts";
import { achievementRatio } from "../../domain/comparison/outcomes.ts";
import { INPUT_LABELS, NO_OUTLOOK_LABEL, OUTLOOK_LABELS } from "../../domain/labels.ts";
import { FUNDING_SOURCES, OUTLOOKS } from "../../domain/plan/model.ts";
import { FONT, renderChart, SOURCE_COLORS } from "./charts.ts";

// The charts of the comparison of cities (views/compare-page.tsx): one horizontal bar per city, stacked
// by the series, drawn on the server like the dashboard's (charts.ts). Every chart has the table of the
// same figures under it on the page; the charts only draw what the tables print.

/** The funding colours of charts.ts first, then distinct ones for 款 and outlooks. */
const PALETTE = [
  ...SOURCE_COLORS,
  "#fb5b01",
  "#8843e1",
  "#ffc700",
  "#00a3bf",
  "#c16800",
  "#e0248a",
  "#51b883",
  "#3460fb",
  "#767676",
  "#b78f00",
  "#9e9e9e",
];

export interface ChartSeries {
  name: string;
  /** One value per city, in the order of the cities; null draws nothing. */
  values: (number | null)[];
}

/** How the value axis is labelled: 千円 shown as 百万円, 円 as they are, or a percentage. */
export type AxisUnit = "thousands" | "yen" | "percent" | "count";

const AXIS: Record<AxisUnit, { name: string; format: (v: number) => string }> = {
  thousands: { name: "百万円", format: (v) => (v / 1000).toLocaleString("ja-JP") },
  yen: { name: "円", format: (v) => v.toLocaleString("ja-JP") },
  percent: { name: "%", format: (v) => `${v}` },
  count: { name: "件", format: (v) => v.toLocaleString("ja-JP") },
};

/** Horizontal bars, one per city (the first city at the top), stacked by `series`. */
export function cityBarsChart(p: {
  title: string;
  cities: string[];
  series: ChartSeries[];
  unit: AxisUnit;
  /** The largest value of the axis (100 for percentages); default: as the data needs. */
  max?: number;
}): string {
  const axis = AXIS[p.unit];
  const label = (name: string) => (name.length > 10 ? `${name.slice(0, 9)}…` : name);
  const legend = p.series.length > 1;
  // Categories bottom-up in ECharts: reversed, so the city compared comes first from the top.
  const cities = [...p.cities].reverse().map(label);
  return renderChart(
    {
      title: { text: p.title, left: 0, textStyle: { fontSize: 14, fontFamily: FONT } },
      ...(legend
        ? { legend: { bottom: 0, type: "plain", textStyle: { fontFamily: FONT, fontSize: 11 } } }
        : {}),
      grid: { left: 100, right: 24, top: 40, bottom: legend ? 24 + 22 * Math.ceil(p.series.length / 4) : 24 },
      xAxis: {
        type: "value",
        name: axis.name,
        splitNumber: 4,
        ...(p.max === undefined ? {} : { max: p.max }),
        // Counts have no fractions: ticks at whole numbers only.
        ...(p.unit === "count" ? { minInterval: 1 } : {}),
        axisLabel: { formatter: axis.format },
      },
      yAxis: { type: "category", data: cities, axisLabel: { fontFamily: FONT } },
      series: p.series.map((s, i) => ({
        name: s.name,
        type: "bar",
        stack: "total",
        data: [...s.values].reverse(),
        itemStyle: { color: PALETTE[i % PALETTE.length] },
      })),
    },
    560,
    Math.max(140, 70 + p.cities.length * 30 + (legend ? 22 * Math.ceil(p.series.length / 4) : 0)),
  );
}

/** The charts of the comparison page, each drawing the figures of the table under it. */
export interface ComparisonCharts {
  funding: string;
  /** Null when no city compared has a population registered (the table says 「—」 for each). */
  perCapita: string | null;
  byKan: string;
  achievement: string;
  outlooks: string;
}

export function comparisonCharts(c: CitiesComparison): ComparisonCharts {
  const names = c.cities.map((x) => x.city.name);
  const sources = FUNDING_SOURCES.map((f) => ({ name: INPUT_LABELS[f], field: f }));
  return {
    funding: cityBarsChart({
      title: "財源別の事業費（千円）",
      cities: names,
      unit: "thousands",
      series: sources.map((s) => ({
        name: s.name,
        values: c.cities.map((x) => (x.published ? x.totals[s.field] : null)),
      })),
    }),
    perCapita: c.cities.some((x) => x.perCapita.total !== null)
      ? cityBarsChart({
          title: "人口1人当たりの事業費（円）",
          cities: names,
          unit: "yen",
          series: sources.map((s) => ({ name: s.name, values: c.cities.map((x) => x.perCapita[s.field]) })),
        })
      : null,
    byKan: cityBarsChart({
      title: "款別の事業費（千円）",
      cities: names,
      unit: "thousands",
      series: c.kanGroups.map((g) => ({
        name: g.label,
        values: c.cities.map((x) => x.byKan.find((k) => k.key === g.key)?.totals.total ?? null),
      })),
    }),
    achievement: cityBarsChart({
      title: "成果指標の達成率（%）",
      cities: names,
      unit: "percent",
      max: 100,
      // The bar is the rate of the table, rounded to a tenth as the table prints it (formatRate).
      series: [
        {
          name: "達成率",
          values: c.cities.map((x) => {
            const r = achievementRatio(x.achievement);
            return r === null ? null : Math.round(r * 1000) / 10;
          }),
        },
      ],
    }),
    outlooks: cityBarsChart({
      title: "事務事業評価の今後の方向性（件）",
      cities: names,
      unit: "count",
      series: [
        ...OUTLOOKS.map((o) => ({
          name: OUTLOOK_LABELS[o],
          values: c.cities.map((x) => x.evaluations.outlooks[o]),
        })),
        { name: NO_OUTLOOK_LABEL, values: c.cities.map((x) => x.evaluations.outlooks.none) },
      ],
    }),
  };
}
