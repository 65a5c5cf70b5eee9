import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { cityCodeColumn } from "./city-key.ts";
import { planVersions } from "./plan-versions.ts";

/**
 * What the reader found wrong or odd in the book, kept with the plan in its order. A hand-written plan may
 * leave out `message` and `line`; null `message` and `has_line = false` remember that, so the plan
 * exports exactly as it was imported.
 */
export const planDiagnostics = pgTable(
  "plan_diagnostics",
  {
    cityCode: cityCodeColumn(),
    planVersionId: integer("plan_version_id").notNull(),
    position: integer("position").notNull(),
    severity: text("severity").notNull().$type<"error" | "warning" | "info">(),
    code: text("code").notNull(),
    message: text("message"),
    line: integer("line"),
    hasLine: boolean("has_line").notNull(),
    project: text("project"),
    fiscalYear: integer("fiscal_year"),
  },
  (t) => [
    primaryKey({ name: "plan_diagnostics_pkey", columns: [t.cityCode, t.planVersionId, t.position] }),
    foreignKey({
      name: "plan_diagnostics_plan_version_fk",
      columns: [t.cityCode, t.planVersionId],
      foreignColumns: [planVersions.cityCode, planVersions.id],
    }).onDelete("cascade"),
    check("plan_diagnostics_severity_check", sql`${t.severity} in ('error', 'warning', 'info')`),
    check("plan_diagnostics_line_check", sql`${t.hasLine} or ${t.line} is null`),
  ],
);
