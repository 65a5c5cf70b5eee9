import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { exactInteger } from "./values.ts";

/** The 款 totals of one fiscal year by funding source (財源内訳), integer 千円, of one city or of all asked. */
export interface KanSourceTotal {
  /** The city's 全国地方公共団体コード; null in a total over every city asked. */
  cityCode: string | null;
  /** 会計・款 as the rollups print it: 「一般会計・2総務費」; 「一般会計・」 for a project without a 款. */
  kan: string;
  projects: number;
  total: number;
  nationalPrefectural: number;
  localBonds: number;
  otherEarmarked: number;
  generalRevenue: number;
}

/**
 * Totals by 会計・款 and funding source of the plans of one fiscal year: each city's plan of that year
 * (plan_versions.fiscal_year) and its 投入指標 of that same year. The columns are the book's 投入指標:
 * 事業費 (total) and its 財源内訳 国県支出金・地方債・その他特定財源・一般財源 (PLAN_FORMAT.md, 投入指標), summed
 * exactly. `cityCodes` limits it to those cities (a peer comparison: one shard each on Citus); without it
 * the total runs over every city of the instance (a national rollup: every shard). `byCity` keeps one row
 * per city and 款 instead of one per 款. Rows in 款 order (then city code).
 */
export async function totalsByKanAndSource(
  db: Database,
  opts: { fiscalYear: number; cityCodes?: readonly string[]; byCity?: boolean },
): Promise<KanSourceTotal[]> {
  const codes = opts.cityCodes ? [...opts.cityCodes] : null;
  // Both tables name the cities (the planner does not carry `= any(…)` across a join), so each scan is a
  // range of the city-led keys. The sums come from the per-version summary (db/plan-totals.ts): a few rows
  // per city and year instead of a join of every project with its inputs.
  const onCities = (alias: string) =>
    codes === null ? sql`true` : sql`${sql.raw(alias)}.city_code = any(${sql.param(codes)}::text[])`;
  const city = opts.byCity ? sql`t.city_code` : sql`null::text`;
  const result = (await db.execute(sql`
    select ${city} as city_code, t.kan, min(t.kan_number) as kan_number, sum(t.projects)::int as projects,
      sum(t.total) as total, sum(t.national_prefectural) as national_prefectural,
      sum(t.local_bonds) as local_bonds, sum(t.other_earmarked) as other_earmarked,
      sum(t.general_revenue) as general_revenue
    from plan_versions v
    join plan_kan_totals t
      on t.city_code = v.city_code and t.plan_version_id = v.id and t.fiscal_year = v.fiscal_year
    where v.fiscal_year = ${opts.fiscalYear} and ${onCities("v")} and ${onCities("t")}
    group by 1, 2
    order by 3 nulls last, 2, 1`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((r) => ({
    cityCode: (r.city_code as string | null) ?? null,
    kan: String(r.kan),
    projects: Number(r.projects),
    total: exactInteger(r.total),
    nationalPrefectural: exactInteger(r.national_prefectural),
    localBonds: exactInteger(r.local_bonds),
    otherEarmarked: exactInteger(r.other_earmarked),
    generalRevenue: exactInteger(r.general_revenue),
  }));
}
