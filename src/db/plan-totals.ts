import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { planKanTotals } from "./schema/index.ts";

/**
 * Rebuilds the summary of one plan version's 投入指標 by fiscal year and 会計・款 (schema/plan-totals.ts) from
 * its inputs and projects: two statements over one city's rows. Called in the same transaction as every
 * write of inputs or classification (savePlan, updateProjectContent), so the summary is never stale; a
 * deleted version takes its rows with it (cascade). The 会計・款 key is the rollups' (domain/rollups kanKey).
 */
export async function refreshPlanTotals(
  db: Database,
  key: { cityCode: string; planVersionId: number },
): Promise<void> {
  await db
    .delete(planKanTotals)
    .where(and(eq(planKanTotals.cityCode, key.cityCode), eq(planKanTotals.planVersionId, key.planVersionId)));
  await db.execute(sql`
    insert into plan_kan_totals (city_code, plan_version_id, fiscal_year, kan, kan_number, projects,
      total, national_prefectural, local_bonds, other_earmarked, general_revenue)
    select i.city_code, i.plan_version_id, i.fiscal_year,
      p.account || '・' || (case when p.kan_name is null then '' else coalesce(p.kan_number::text, '') || p.kan_name end),
      min(p.kan_number), count(*)::int, sum(i.total), sum(i.national_prefectural), sum(i.local_bonds),
      sum(i.other_earmarked), sum(i.general_revenue)
    from project_inputs i join projects p on p.city_code = i.city_code and p.id = i.project_id
    where i.city_code = ${key.cityCode} and i.plan_version_id = ${key.planVersionId}
      and p.city_code = ${key.cityCode} and p.plan_version_id = ${key.planVersionId}
    group by 1, 2, 3, 4`);
}
