import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { cityCodeColumn } from "./city-key.ts";
import { planVersions } from "./plan-versions.ts";

/** 政策. `position` is the book order within the plan version. */
export const policies = pgTable(
  "policies",
  {
    cityCode: cityCodeColumn(),
    id: integer("id").generatedAlwaysAsIdentity(),
    planVersionId: integer("plan_version_id").notNull(),
    position: integer("position").notNull(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    leadDepartment: text("lead_department"),
    relatedDepartments: text("related_departments").array().notNull(),
    mission: text("mission"),
    missionPoints: text("mission_points").array().notNull(),
  },
  (t) => [
    primaryKey({ name: "policies_pkey", columns: [t.cityCode, t.id] }),
    foreignKey({
      name: "policies_plan_version_fk",
      columns: [t.cityCode, t.planVersionId],
      foreignColumns: [planVersions.cityCode, planVersions.id],
    }).onDelete("cascade"),
    unique("policies_plan_version_position_key").on(t.cityCode, t.planVersionId, t.position),
    // Target of the composite foreign key from measures, so a measure cannot sit in another version.
    unique("policies_id_plan_version_key").on(t.cityCode, t.id, t.planVersionId),
    index("policies_id_idx").on(t.id),
  ],
);

/** ◆方針 of a policy: each ◎ heading with its paragraph. */
export const policyDirections = pgTable(
  "policy_directions",
  {
    cityCode: cityCodeColumn(),
    policyId: integer("policy_id").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
  },
  (t) => [
    primaryKey({ name: "policy_directions_pkey", columns: [t.cityCode, t.policyId, t.position] }),
    foreignKey({
      name: "policy_directions_policy_fk",
      columns: [t.cityCode, t.policyId],
      foreignColumns: [policies.cityCode, policies.id],
    }).onDelete("cascade"),
  ],
);

/** 施策. `position` is the book order within the plan version (across policies). */
export const measures = pgTable(
  "measures",
  {
    cityCode: cityCodeColumn(),
    id: integer("id").generatedAlwaysAsIdentity(),
    planVersionId: integer("plan_version_id").notNull(),
    policyId: integer("policy_id").notNull(),
    position: integer("position").notNull(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    leadDepartment: text("lead_department"),
    relatedDepartments: text("related_departments").array().notNull(),
    currentIssues: text("current_issues"),
    purpose: text("purpose"),
    priorities: text("priorities").array().notNull(),
    goalStates: text("goal_states").array().notNull(),
    futureActions: text("future_actions"),
    sectoralPlans: text("sectoral_plans"),
    notes: text("notes"),
    /** Optimistic concurrency, as on projects. */
    version: integer("version").notNull().default(1),
    /**
     * 作成中 draft → 提出済 submitted → 承認済 approved, like the project sheets. Every save of the measure's
     * texts or outcome actuals sets it back to draft; only an approval makes the content public.
     */
    reviewState: text("review_state").notNull().default("draft").$type<"draft" | "submitted" | "approved">(),
    reviewComment: text("review_comment"),
    /**
     * The content as it was last approved (hoshin-plan/1 Measure without projects and evaluations), which
     * is what the public side shows; null until the measure is first approved.
     */
    approvedContent: jsonb("approved_content"),
  },
  (t) => [
    primaryKey({ name: "measures_pkey", columns: [t.cityCode, t.id] }),
    foreignKey({
      name: "measures_policy_fk",
      columns: [t.cityCode, t.policyId, t.planVersionId],
      foreignColumns: [policies.cityCode, policies.id, policies.planVersionId],
    }).onDelete("cascade"),
    index("measures_policy_id_idx").on(t.cityCode, t.policyId),
    unique("measures_plan_version_position_key").on(t.cityCode, t.planVersionId, t.position),
    unique("measures_id_plan_version_key").on(t.cityCode, t.id, t.planVersionId),
    index("measures_id_idx").on(t.id),
    check("measures_review_state_check", sql`${t.reviewState} in ('draft', 'submitted', 'approved')`),
  ],
);

/** ◆SDGsの取り組み of a measure. */
export const measureSdgs = pgTable(
  "measure_sdgs",
  {
    cityCode: cityCodeColumn(),
    measureId: integer("measure_id").notNull(),
    position: integer("position").notNull(),
    goal: integer("goal").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
  },
  (t) => [
    primaryKey({ name: "measure_sdgs_pkey", columns: [t.cityCode, t.measureId, t.position] }),
    foreignKey({
      name: "measure_sdgs_measure_fk",
      columns: [t.cityCode, t.measureId],
      foreignColumns: [measures.cityCode, measures.id],
    }).onDelete("cascade"),
  ],
);
