import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { cityCodeColumn } from "./city-key.ts";
import { comparatorCheck, directionCheck } from "./indicator-value.ts";
import { planVersions } from "./plan-versions.ts";
import { measures } from "./policies.ts";

/**
 * 事務事業. `position` is the book order within the plan version (across measures), which is also the
 * order rollups use for "first appearance". The classification 会計・款・項・目 is split into columns; a
 * level is absent when its name is null, and a present level may have no number.
 */
export const projects = pgTable(
  "projects",
  {
    cityCode: cityCodeColumn(),
    id: integer("id").generatedAlwaysAsIdentity(),
    planVersionId: integer("plan_version_id").notNull(),
    measureId: integer("measure_id").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    status: text("status").notNull().$type<"continuing" | "new">(),
    priority: text("priority"),
    account: text("account").notNull(),
    kanNumber: integer("kan_number"),
    kanName: text("kan_name"),
    kouNumber: integer("kou_number"),
    kouName: text("kou_name"),
    mokuNumber: integer("moku_number"),
    mokuName: text("moku_name"),
    leadDepartment: text("lead_department").notNull(),
    mayoralPledge: boolean("mayoral_pledge"),
    summary: text("summary"),
    purpose: text("purpose"),
    yearGoals: text("year_goals"),
    notes: text("notes"),
    budgetOnly: boolean("budget_only").notNull(),
    /** Optimistic concurrency: bumped by every save; a save naming an older version is refused. */
    version: integer("version").notNull().default(1),
    /** Review state of the project sheet: 作成中 draft → 提出済 submitted → 承認済 approved. */
    reviewState: text("review_state").notNull().default("draft").$type<"draft" | "submitted" | "approved">(),
    /** The comment of the last 差戻し (return), shown to the department until the next submission. */
    reviewComment: text("review_comment"),
  },
  (t) => [
    primaryKey({ name: "projects_pkey", columns: [t.cityCode, t.id] }),
    foreignKey({
      name: "projects_plan_version_fk",
      columns: [t.cityCode, t.planVersionId],
      foreignColumns: [planVersions.cityCode, planVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "projects_measure_fk",
      columns: [t.cityCode, t.measureId, t.planVersionId],
      foreignColumns: [measures.cityCode, measures.id, measures.planVersionId],
    }).onDelete("cascade"),
    index("projects_measure_id_idx").on(t.cityCode, t.measureId),
    unique("projects_plan_version_position_key").on(t.cityCode, t.planVersionId, t.position),
    unique("projects_id_plan_version_key").on(t.cityCode, t.id, t.planVersionId),
    index("projects_id_idx").on(t.id),
    check("projects_status_check", sql`${t.status} in ('continuing', 'new')`),
    check("projects_review_state_check", sql`${t.reviewState} in ('draft', 'submitted', 'approved')`),
    index("projects_plan_version_department_idx").on(t.cityCode, t.planVersionId, t.leadDepartment),
    check("projects_kan_check", sql`${t.kanName} is not null or ${t.kanNumber} is null`),
    check("projects_kou_check", sql`${t.kouName} is not null or ${t.kouNumber} is null`),
    check("projects_moku_check", sql`${t.mokuName} is not null or ${t.mokuNumber} is null`),
  ],
);

/**
 * 投入指標 of a project for one fiscal year, integer 千円 (bigint, read back as JS numbers). Carries the
 * plan version so rollups select by (plan_version_id, fiscal_year) without walking the hierarchy; the
 * composite foreign key keeps it equal to the project's.
 */
export const projectInputs = pgTable(
  "project_inputs",
  {
    cityCode: cityCodeColumn(),
    projectId: integer("project_id").notNull(),
    planVersionId: integer("plan_version_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    total: bigint("total", { mode: "number" }).notNull(),
    nationalPrefectural: bigint("national_prefectural", { mode: "number" }).notNull(),
    localBonds: bigint("local_bonds", { mode: "number" }).notNull(),
    otherEarmarked: bigint("other_earmarked", { mode: "number" }).notNull(),
    generalRevenue: bigint("general_revenue", { mode: "number" }).notNull(),
    /** An estimate (見込み) carried over by a rollover from the previous last year, not yet budgeted. */
    estimated: boolean("estimated").notNull().default(false),
  },
  (t) => [
    primaryKey({ name: "project_inputs_pkey", columns: [t.cityCode, t.projectId, t.fiscalYear] }),
    foreignKey({
      name: "project_inputs_project_fk",
      columns: [t.cityCode, t.projectId, t.planVersionId],
      foreignColumns: [projects.cityCode, projects.id, projects.planVersionId],
    }).onDelete("cascade"),
    index("project_inputs_plan_version_fiscal_year_idx").on(t.cityCode, t.planVersionId, t.fiscalYear),
  ],
);

/** 活動目標 / 活動指標 of a project. */
export const activityIndicators = pgTable(
  "activity_indicators",
  {
    cityCode: cityCodeColumn(),
    id: integer("id").generatedAlwaysAsIdentity(),
    projectId: integer("project_id").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    unit: text("unit"),
    /** 高いほど良い / 低いほど良い as set by the user; null: judged from the targets. */
    direction: text("direction").$type<"higher" | "lower">(),
  },
  (t) => [
    primaryKey({ name: "activity_indicators_pkey", columns: [t.cityCode, t.id] }),
    foreignKey({
      name: "activity_indicators_project_fk",
      columns: [t.cityCode, t.projectId],
      foreignColumns: [projects.cityCode, projects.id],
    }).onDelete("cascade"),
    unique("activity_indicators_project_position_key").on(t.cityCode, t.projectId, t.position),
    index("activity_indicators_id_idx").on(t.id),
    directionCheck("activity_indicators_direction_check", t.direction),
  ],
);

/** Targets of an activity indicator per fiscal year (a number or a text such as 「実施する」). */
export const activityIndicatorTargets = pgTable(
  "activity_indicator_targets",
  {
    cityCode: cityCodeColumn(),
    activityIndicatorId: integer("activity_indicator_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    text: text("text").notNull(),
    value: numeric("value", { mode: "number" }),
    comparator: text("comparator").notNull(),
  },
  (t) => [
    primaryKey({
      name: "activity_indicator_targets_pkey",
      columns: [t.cityCode, t.activityIndicatorId, t.fiscalYear],
    }),
    foreignKey({
      name: "activity_indicator_targets_indicator_fk",
      columns: [t.cityCode, t.activityIndicatorId],
      foreignColumns: [activityIndicators.cityCode, activityIndicators.id],
    }).onDelete("cascade"),
    comparatorCheck("activity_indicator_targets_comparator_check", t.comparator),
  ],
);

/** 実績 of an activity indicator per fiscal year, entered with the evaluation of that year. */
export const activityIndicatorActuals = pgTable(
  "activity_indicator_actuals",
  {
    cityCode: cityCodeColumn(),
    activityIndicatorId: integer("activity_indicator_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    text: text("text").notNull(),
    value: numeric("value", { mode: "number" }),
    comparator: text("comparator").notNull(),
  },
  (t) => [
    primaryKey({
      name: "activity_indicator_actuals_pkey",
      columns: [t.cityCode, t.activityIndicatorId, t.fiscalYear],
    }),
    foreignKey({
      name: "activity_indicator_actuals_indicator_fk",
      columns: [t.cityCode, t.activityIndicatorId],
      foreignColumns: [activityIndicators.cityCode, activityIndicators.id],
    }).onDelete("cascade"),
    comparatorCheck("activity_indicator_actuals_comparator_check", t.comparator),
  ],
);

/** 決算額 of a project per fiscal year, integer 千円. */
export const projectSettlements = pgTable(
  "project_settlements",
  {
    cityCode: cityCodeColumn(),
    projectId: integer("project_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "project_settlements_pkey", columns: [t.cityCode, t.projectId, t.fiscalYear] }),
    foreignKey({
      name: "project_settlements_project_fk",
      columns: [t.cityCode, t.projectId],
      foreignColumns: [projects.cityCode, projects.id],
    }).onDelete("cascade"),
    check("project_settlements_amount_check", sql`${t.amount} >= 0`),
  ],
);
