import { bigint, foreignKey, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { cityCodeColumn } from "./city-key.ts";
import { planVersions } from "./plan-versions.ts";

/**
 * The 投入指標 of a plan version summed by fiscal year and 会計・款, with its funding sources, integer 千円: a
 * summary kept in the same transaction as every write of inputs or classification (db/plan-totals.ts), so
 * a national rollup or a comparison of cities sums a few rows per city instead of joining every project.
 * Derived data: it can be rebuilt from project_inputs and projects at any time.
 */
export const planKanTotals = pgTable(
  "plan_kan_totals",
  {
    cityCode: cityCodeColumn(),
    planVersionId: integer("plan_version_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    /** 「一般会計・2総務費」: the 会計・款 key the rollups group by (「一般会計・」 without a 款). */
    kan: text("kan").notNull(),
    /** The smallest 款 number of the group, for ordering; null without one. */
    kanNumber: integer("kan_number"),
    projects: integer("projects").notNull(),
    total: bigint("total", { mode: "number" }).notNull(),
    nationalPrefectural: bigint("national_prefectural", { mode: "number" }).notNull(),
    localBonds: bigint("local_bonds", { mode: "number" }).notNull(),
    otherEarmarked: bigint("other_earmarked", { mode: "number" }).notNull(),
    generalRevenue: bigint("general_revenue", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "plan_kan_totals_pkey", columns: [t.cityCode, t.planVersionId, t.fiscalYear, t.kan] }),
    foreignKey({
      name: "plan_kan_totals_plan_version_fk",
      columns: [t.cityCode, t.planVersionId],
      foreignColumns: [planVersions.cityCode, planVersions.id],
    }).onDelete("cascade"),
  ],
);
