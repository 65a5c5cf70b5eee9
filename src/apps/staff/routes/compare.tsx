import { type Context, Hono } from "hono";
import { cityCodeProblem, normaliseCityCode } from "../../../domain/city/city-code.ts";
import {
  DEFAULT_SIMILAR_COUNT,
  MAX_PEERS,
  PEER_RULES,
  type PeerRule,
} from "../../../domain/comparison/peers.ts";
import { comparisonCsv } from "../../../formats/comparison/comparison-csv.ts";
import {
  type CitiesComparisonView,
  compareCities,
  comparisonTitle,
} from "../../../usecases/compare/compare-cities.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { comparisonCharts } from "../compare-charts.ts";
import type { AppEnv } from "../env.ts";
import { page } from "../render.tsx";
import { ComparePage } from "../views/compare-page.tsx";

// The comparison of cities: GET /compare?year=2024&city=…&peers=prefecture|similar|group|list&list=…&count=5
// (a plain GET form), and the same tables as CSV at /compare.csv with the same query. Every logged-in
// role may read it (rule compareCities); it shows approved data only.

/** Codes accepted in one list (the page compares at most MAX_PEERS of them). */
const MAX_LIST = 100;

interface CompareQuery {
  fiscalYear: number | undefined;
  city: string | undefined;
  peers: PeerRule;
  /** As typed, to show the form again. */
  form: { list: string; count: string };
}

function invalid(field: string, message: string): HoshinError {
  return new HoshinError("invalid-input", message, { fields: [{ field, message }] });
}

/** The query of the page, checked; a bad value is refused naming its field. */
export function parseCompareQuery(q: Record<string, string | undefined>): CompareQuery {
  const year = q.year?.trim() || undefined;
  if (year !== undefined && !/^\d{4}$/.test(year)) {
    throw invalid("year", "年度は 2024 のように西暦4桁で指定してください。");
  }
  const city = q.city?.trim() || undefined;
  if (city !== undefined && city.length > 100) throw invalid("city", "市町村の指定が長すぎます。");
  const kind = q.peers?.trim() || "prefecture";
  if (!(PEER_RULES as readonly string[]).includes(kind)) {
    throw invalid(
      "peers",
      "比較対象は「同じ都道府県」「人口の近い市町村」「同じ類似団体区分」「指定した市町村」から選んでください。",
    );
  }
  const countText = q.count?.trim() || String(DEFAULT_SIMILAR_COUNT);
  const count = /^\d{1,3}$/.test(countText) ? Number(countText) : Number.NaN;
  if (!(count >= 1 && count <= MAX_PEERS)) {
    throw invalid("count", `人口の近い市町村の数は 1 から ${MAX_PEERS} までの整数で指定してください。`);
  }
  const listText = (q.list ?? "").slice(0, 10_000);
  const codes = listText
    .split(/[,、，\s]+/)
    .map((s) => normaliseCityCode(s))
    .filter((s) => s !== "");
  if (codes.length > MAX_LIST) throw invalid("list", `指定する市町村は ${MAX_LIST} 件までにしてください。`);
  // Every code typed is checked (six digits, its check digit: domain/city/city-code.ts).
  for (const code of codes) {
    const problem = cityCodeProblem(code);
    if (problem) throw invalid("list", `指定する市町村: ${problem}`);
  }
  const peers: PeerRule =
    kind === "list"
      ? { kind: "list", codes }
      : kind === "similar"
        ? { kind: "similar", count }
        : { kind: kind as "prefecture" | "group" };
  return {
    fiscalYear: year === undefined ? undefined : Number(year),
    city,
    peers,
    form: { list: codes.join(","), count: String(count) },
  };
}

/** The query of what was compared, for the CSV link: the resolved year and city, the rule as sent. */
function queryOf(view: CitiesComparisonView, q: CompareQuery): string {
  const s = new URLSearchParams();
  if (view.fiscalYear !== null) s.set("year", String(view.fiscalYear));
  if (view.base) s.set("city", view.base.code);
  s.set("peers", q.peers.kind);
  if (q.peers.kind === "similar") s.set("count", q.form.count);
  if (q.peers.kind === "list") s.set("list", q.form.list);
  return s.toString();
}

async function comparison(c: Context<AppEnv>) {
  const q = parseCompareQuery(c.req.query());
  const view = await compareCities({
    db: c.var.db,
    actor: c.var.actor,
    peers: q.peers,
    ...(q.fiscalYear === undefined ? {} : { fiscalYear: q.fiscalYear }),
    ...(q.city === undefined ? {} : { city: q.city }),
  });
  return { q, view };
}

export function compareRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/compare", async (c) => {
    const { q, view } = await comparison(c);
    const charts = view.comparison ? comparisonCharts(view.comparison) : null;
    return page(
      c,
      { title: comparisonTitle(view) },
      <ComparePage
        view={view}
        form={q.form}
        charts={charts}
        csvHref={view.comparison ? `/compare.csv?${queryOf(view, q)}` : null}
      />,
    );
  });

  app.get("/compare.csv", async (c) => {
    const { view } = await comparison(c);
    if (!view.comparison || !view.base)
      throw new HoshinError("not-found", "公開された実施計画がないため、比較できません。");
    const name = `comparison-${view.comparison.fiscalYear}-${view.base.code}.csv`;
    return c.body(comparisonCsv(view.comparison) as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  return app;
}
