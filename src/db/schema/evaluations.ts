import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { cityCodeColumn } from "./city-key.ts";
import { planVersions } from "./plan-versions.ts";
import { measures } from "./policies.ts";
import { projects } from "./projects.ts";

const ratingCheck = (name: string, column: { name: string }) =>
  check(name, sql`${column} is null or ${column} in ('A', 'B', 'C')`);

const outlookCheck = (name: string, column: { name: string }) =>
  check(
    name,
    sql`${column} is null or ${column} in ('expand', 'continue', 'improve', 'reduce', 'abolish', 'complete')`,
  );

const reviewColumns = () => ({
  /** Optimistic concurrency: bumped by every save; a save naming an older version is refused. */
  version: integer("version").notNull().default(1),
  /** 作成中 draft → 提出済 submitted → 承認済 approved, like the plan's project sheets. */
  reviewState: text("review_state").notNull().default("draft").$type<"draft" | "submitted" | "approved">(),
  reviewComment: text("review_comment"),
});

/**
 * 事務事業評価 of a project for one fiscal year: 一次評価 (self_*) by the department and 二次評価
 * (secondary_*) by the planning division, each rating 必要性・有効性・効率性・公平性 A/B/C with a reason, and
 * 今後の方向性. `has_secondary` tells a written 二次評価 from none.
 */
export const projectEvaluations = pgTable(
  "project_evaluations",
  {
    cityCode: cityCodeColumn(),
    id: integer("id").generatedAlwaysAsIdentity(),
    planVersionId: integer("plan_version_id").notNull(),
    projectId: integer("project_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    selfNecessity: text("self_necessity"),
    selfNecessityReason: text("self_necessity_reason"),
    selfEffectiveness: text("self_effectiveness"),
    selfEffectivenessReason: text("self_effectiveness_reason"),
    selfEfficiency: text("self_efficiency"),
    selfEfficiencyReason: text("self_efficiency_reason"),
    selfEquity: text("self_equity"),
    selfEquityReason: text("self_equity_reason"),
    selfOutlook: text("self_outlook"),
    selfChanges: text("self_changes"),
    hasSecondary: boolean("has_secondary").notNull().default(false),
    secondaryNecessity: text("secondary_necessity"),
    secondaryNecessityReason: text("secondary_necessity_reason"),
    secondaryEffectiveness: text("secondary_effectiveness"),
    secondaryEffectivenessReason: text("secondary_effectiveness_reason"),
    secondaryEfficiency: text("secondary_efficiency"),
    secondaryEfficiencyReason: text("secondary_efficiency_reason"),
    secondaryEquity: text("secondary_equity"),
    secondaryEquityReason: text("secondary_equity_reason"),
    secondaryOutlook: text("secondary_outlook"),
    secondaryComment: text("secondary_comment"),
    ...reviewColumns(),
  },
  (t) => [
    primaryKey({ name: "project_evaluations_pkey", columns: [t.cityCode, t.id] }),
    foreignKey({
      name: "project_evaluations_plan_version_fk",
      columns: [t.cityCode, t.planVersionId],
      foreignColumns: [planVersions.cityCode, planVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "project_evaluations_project_fk",
      columns: [t.cityCode, t.projectId],
      foreignColumns: [projects.cityCode, projects.id],
    }).onDelete("cascade"),
    unique("project_evaluations_project_fiscal_year_key").on(t.cityCode, t.projectId, t.fiscalYear),
    index("project_evaluations_plan_version_idx").on(t.cityCode, t.planVersionId),
    index("project_evaluations_id_idx").on(t.id),
    ratingCheck("project_evaluations_self_necessity_check", t.selfNecessity),
    ratingCheck("project_evaluations_self_effectiveness_check", t.selfEffectiveness),
    ratingCheck("project_evaluations_self_efficiency_check", t.selfEfficiency),
    ratingCheck("project_evaluations_self_equity_check", t.selfEquity),
    ratingCheck("project_evaluations_secondary_necessity_check", t.secondaryNecessity),
    ratingCheck("project_evaluations_secondary_effectiveness_check", t.secondaryEffectiveness),
    ratingCheck("project_evaluations_secondary_efficiency_check", t.secondaryEfficiency),
    ratingCheck("project_evaluations_secondary_equity_check", t.secondaryEquity),
    outlookCheck("project_evaluations_self_outlook_check", t.selfOutlook),
    outlookCheck("project_evaluations_secondary_outlook_check", t.secondaryOutlook),
    check(
      "project_evaluations_review_state_check",
      sql`${t.reviewState} in ('draft', 'submitted', 'approved')`,
    ),
  ],
);

/** 施策評価 of a measure for one fiscal year by its lead department, with the planning division's view. */
export const measureEvaluations = pgTable(
  "measure_evaluations",
  {
    cityCode: cityCodeColumn(),
    id: integer("id").generatedAlwaysAsIdentity(),
    planVersionId: integer("plan_version_id").notNull(),
    measureId: integer("measure_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    selfRating: text("self_rating"),
    selfAssessment: text("self_assessment"),
    selfNextSteps: text("self_next_steps"),
    hasSecondary: boolean("has_secondary").notNull().default(false),
    secondaryRating: text("secondary_rating"),
    secondaryComment: text("secondary_comment"),
    ...reviewColumns(),
  },
  (t) => [
    primaryKey({ name: "measure_evaluations_pkey", columns: [t.cityCode, t.id] }),
    foreignKey({
      name: "measure_evaluations_plan_version_fk",
      columns: [t.cityCode, t.planVersionId],
      foreignColumns: [planVersions.cityCode, planVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "measure_evaluations_measure_fk",
      columns: [t.cityCode, t.measureId],
      foreignColumns: [measures.cityCode, measures.id],
    }).onDelete("cascade"),
    unique("measure_evaluations_measure_fiscal_year_key").on(t.cityCode, t.measureId, t.fiscalYear),
    index("measure_evaluations_plan_version_idx").on(t.cityCode, t.planVersionId),
    index("measure_evaluations_id_idx").on(t.id),
    ratingCheck("measure_evaluations_self_rating_check", t.selfRating),
    ratingCheck("measure_evaluations_secondary_rating_check", t.secondaryRating),
    check(
      "measure_evaluations_review_state_check",
      sql`${t.reviewState} in ('draft', 'submitted', 'approved')`,
    ),
  ],
);
