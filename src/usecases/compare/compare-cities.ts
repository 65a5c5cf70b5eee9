import type { Database } from "../../db/client.ts";
import { listCityInfos, loadPublishedYears } from "../../db/comparison.ts";
import type { Actor } from "../../domain/access.ts";
import { type CitiesComparison, compareCityYears } from "../../domain/comparison/compare.ts";
import type { CityInfo, PublishedYear } from "../../domain/comparison/model.ts";
import { type PeerChoice, type PeerRule, pickPeers } from "../../domain/comparison/peers.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { hasApprovedContent } from "../../domain/publication/approval.ts";
import { authorize } from "../authorize.ts";
import { resolveCity } from "../cities/resolve-city.ts";
import { HoshinError } from "../errors.ts";
import { readPublishedCatalogue } from "../plan/read-published-plan.ts";

// Comparing cities of one fiscal year (issue 12「Comparison」): the peers picked by a rule, and for each
// the budget, achievement and evaluation outcomes of its PUBLISHED plan only, so that no city ever sees
// another city's drafts, whoever asks. Every logged-in role may (rule compareCities).

export interface CompareCitiesOptions {
  db: Database;
  actor: Actor;
  /** The fiscal year; default: the latest with a published plan. */
  fiscalYear?: number;
  /**
   * The city compared: its 全国地方公共団体コード or an unambiguous name (usecases/cities/resolve-city.ts);
   * default: the first city (in code order) with a published plan of the year.
   */
  city?: string;
  /** Default: the cities of the same prefecture. */
  peers?: PeerRule;
}

export interface CitiesComparisonView {
  /** The fiscal years that have a published plan of any city, in order (for the form). */
  years: number[];
  /** Every city of the instance (for the form). */
  cities: CityInfo[];
  /** Null when no city has a published plan at all. */
  fiscalYear: number | null;
  base: CityInfo | null;
  rule: PeerRule;
  choice: PeerChoice | null;
  comparison: CitiesComparison | null;
}

export async function compareCities(opts: CompareCitiesOptions): Promise<CitiesComparisonView> {
  authorize(opts.actor, "compareCities");
  const rule: PeerRule = opts.peers ?? { kind: "prefecture" };
  const { plans } = await readPublishedCatalogue({ db: opts.db });
  const cities = await listCityInfos(opts.db);
  const years = [...new Set(plans.map((p) => p.fiscalYear))].sort((a, b) => a - b);
  const empty = { years, cities, rule, choice: null, comparison: null };
  const fiscalYear = opts.fiscalYear ?? years.at(-1) ?? null;
  if (fiscalYear === null) return { ...empty, fiscalYear: null, base: null };
  if (!Number.isSafeInteger(fiscalYear)) {
    throw new HoshinError("invalid-input", "年度が正しくありません。", {
      fields: [{ field: "year", message: "年度は西暦の4桁で指定してください。" }],
    });
  }
  // The published plan version of each city in the year, by city code.
  const versionOf = new Map(plans.filter((p) => p.fiscalYear === fiscalYear).map((p) => [p.cityCode, p.id]));
  let base: CityInfo | undefined;
  if (opts.city === undefined) {
    base = cities.find((c) => versionOf.has(c.code)) ?? cities[0];
    if (!base) return { ...empty, fiscalYear, base: null };
  } else {
    const wanted = resolveCity(opts.city);
    base = cities.find((c) => c.code === wanted.code);
    if (!base) {
      const message = `${wanted.prefecture}${wanted.name}（${wanted.code}）はこのシステムに登録されていません。`;
      throw new HoshinError("not-found", message, { fields: [{ field: "city", message }] });
    }
  }
  const choice = pickPeers(
    base,
    cities.map((city) => ({ city, hasPlan: versionOf.has(city.code) })),
    rule,
  );
  const ids = choice.cities.flatMap((c) => versionOf.get(c.code) ?? []);
  const loaded = await opts.db.transaction(
    (tx) => loadPublishedYears(tx, { planVersionIds: ids, fiscalYear }),
    {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    },
  );
  const comparison = compareCityYears(
    String(fiscalYear),
    choice.cities.map((city) => {
      const id = versionOf.get(city.code);
      const published: PublishedYear | undefined = id === undefined ? undefined : loaded.get(id);
      // Approved between the catalogue and the load, or returned since: only what has approved content.
      return { city, published: published && hasApprovedContent(published.approval) ? published : null };
    }),
  );
  return { years, cities, fiscalYear, base, rule, choice, comparison };
}

/** 「令和6年度 小諸市ほか3団体の比較」 */
export function comparisonTitle(view: Pick<CitiesComparisonView, "fiscalYear" | "base" | "choice">): string {
  if (view.fiscalYear === null || !view.base) return "市町村の比較";
  const others = (view.choice?.cities.length ?? 1) - 1;
  const who = others > 0 ? `${view.base.name}ほか${others}団体` : view.base.name;
  return `${formatWarekiFiscalYear(view.fiscalYear)} ${who}の比較`;
}
