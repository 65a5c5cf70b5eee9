-- Issue 12, national scale: every table owned by a city carries the city's 全国地方公共団体コード, and its
-- primary key and every foreign key between city-owned tables lead with it, so the schema can be distributed
-- by city on Citus (create_distributed_table(<table>, 'city_code')) with a city's rows co-located. Written by
-- hand from drizzle-kit's diff (which cannot fill a new NOT NULL column): the columns are added, filled in
-- place from the plan version down the hierarchy, then made NOT NULL, and the keys are rebuilt. Every row
-- stays. The `id` identity columns stay (unique per table by their sequence) with a plain index each, so
-- lookups by id remain one index probe.--> statement-breakpoint
ALTER TABLE "plan_diagnostics" DROP CONSTRAINT "plan_diagnostics_plan_version_id_plan_versions_id_fk";--> statement-breakpoint
ALTER TABLE "measure_evaluations" DROP CONSTRAINT "measure_evaluations_plan_version_id_plan_versions_id_fk";--> statement-breakpoint
ALTER TABLE "measure_evaluations" DROP CONSTRAINT "measure_evaluations_measure_id_measures_id_fk";--> statement-breakpoint
ALTER TABLE "project_evaluations" DROP CONSTRAINT "project_evaluations_plan_version_id_plan_versions_id_fk";--> statement-breakpoint
ALTER TABLE "project_evaluations" DROP CONSTRAINT "project_evaluations_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "outcome_indicator_values" DROP CONSTRAINT "outcome_indicator_values_outcome_indicator_id_outcome_indicators_id_fk";--> statement-breakpoint
ALTER TABLE "outcome_indicators" DROP CONSTRAINT "outcome_indicators_measure_id_measures_id_fk";--> statement-breakpoint
ALTER TABLE "plan_versions" DROP CONSTRAINT "plan_versions_rolled_from_id_plan_versions_id_fk";--> statement-breakpoint
ALTER TABLE "measure_sdgs" DROP CONSTRAINT "measure_sdgs_measure_id_measures_id_fk";--> statement-breakpoint
ALTER TABLE "measures" DROP CONSTRAINT "measures_policy_fk";--> statement-breakpoint
ALTER TABLE "policies" DROP CONSTRAINT "policies_plan_version_id_plan_versions_id_fk";--> statement-breakpoint
ALTER TABLE "policy_directions" DROP CONSTRAINT "policy_directions_policy_id_policies_id_fk";--> statement-breakpoint
ALTER TABLE "activity_indicator_actuals" DROP CONSTRAINT "activity_indicator_actuals_activity_indicator_id_activity_indicators_id_fk";--> statement-breakpoint
ALTER TABLE "activity_indicator_targets" DROP CONSTRAINT "activity_indicator_targets_activity_indicator_id_activity_indicators_id_fk";--> statement-breakpoint
ALTER TABLE "activity_indicators" DROP CONSTRAINT "activity_indicators_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "project_inputs" DROP CONSTRAINT "project_inputs_project_fk";--> statement-breakpoint
ALTER TABLE "project_settlements" DROP CONSTRAINT "project_settlements_project_id_projects_id_fk";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_plan_version_id_plan_versions_id_fk";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_measure_fk";--> statement-breakpoint
ALTER TABLE "measure_evaluations" DROP CONSTRAINT "measure_evaluations_measure_fiscal_year_key";--> statement-breakpoint
ALTER TABLE "project_evaluations" DROP CONSTRAINT "project_evaluations_project_fiscal_year_key";--> statement-breakpoint
ALTER TABLE "outcome_indicators" DROP CONSTRAINT "outcome_indicators_measure_position_key";--> statement-breakpoint
ALTER TABLE "measures" DROP CONSTRAINT "measures_plan_version_position_key";--> statement-breakpoint
ALTER TABLE "measures" DROP CONSTRAINT "measures_id_plan_version_key";--> statement-breakpoint
ALTER TABLE "policies" DROP CONSTRAINT "policies_plan_version_position_key";--> statement-breakpoint
ALTER TABLE "policies" DROP CONSTRAINT "policies_id_plan_version_key";--> statement-breakpoint
ALTER TABLE "activity_indicators" DROP CONSTRAINT "activity_indicators_project_position_key";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_plan_version_position_key";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_id_plan_version_key";--> statement-breakpoint
DROP INDEX "measure_evaluations_plan_version_idx";--> statement-breakpoint
DROP INDEX "project_evaluations_plan_version_idx";--> statement-breakpoint
DROP INDEX "measures_policy_id_idx";--> statement-breakpoint
DROP INDEX "project_inputs_plan_version_fiscal_year_idx";--> statement-breakpoint
DROP INDEX "projects_measure_id_idx";--> statement-breakpoint
DROP INDEX "projects_plan_version_department_idx";--> statement-breakpoint
ALTER TABLE "plan_diagnostics" DROP CONSTRAINT "plan_diagnostics_pkey";--> statement-breakpoint
ALTER TABLE "outcome_indicator_values" DROP CONSTRAINT "outcome_indicator_values_pkey";--> statement-breakpoint
ALTER TABLE "measure_sdgs" DROP CONSTRAINT "measure_sdgs_pkey";--> statement-breakpoint
ALTER TABLE "policy_directions" DROP CONSTRAINT "policy_directions_pkey";--> statement-breakpoint
ALTER TABLE "activity_indicator_actuals" DROP CONSTRAINT "activity_indicator_actuals_pkey";--> statement-breakpoint
ALTER TABLE "activity_indicator_targets" DROP CONSTRAINT "activity_indicator_targets_pkey";--> statement-breakpoint
ALTER TABLE "project_inputs" DROP CONSTRAINT "project_inputs_pkey";--> statement-breakpoint
ALTER TABLE "project_settlements" DROP CONSTRAINT "project_settlements_pkey";--> statement-breakpoint
ALTER TABLE "measure_evaluations" DROP CONSTRAINT "measure_evaluations_pkey";--> statement-breakpoint
ALTER TABLE "project_evaluations" DROP CONSTRAINT "project_evaluations_pkey";--> statement-breakpoint
ALTER TABLE "outcome_indicators" DROP CONSTRAINT "outcome_indicators_pkey";--> statement-breakpoint
ALTER TABLE "plan_versions" DROP CONSTRAINT "plan_versions_pkey";--> statement-breakpoint
ALTER TABLE "measures" DROP CONSTRAINT "measures_pkey";--> statement-breakpoint
ALTER TABLE "policies" DROP CONSTRAINT "policies_pkey";--> statement-breakpoint
ALTER TABLE "activity_indicators" DROP CONSTRAINT "activity_indicators_pkey";--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_pkey";--> statement-breakpoint
ALTER TABLE "plan_diagnostics" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "measure_evaluations" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "outcome_indicator_values" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "measure_sdgs" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "policy_directions" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "activity_indicator_actuals" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "activity_indicator_targets" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "project_inputs" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "project_settlements" ADD COLUMN "city_code" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "city_code" text;--> statement-breakpoint
UPDATE "policies" c SET "city_code" = p."city_code" FROM "plan_versions" p WHERE p."id" = c."plan_version_id";--> statement-breakpoint
UPDATE "measures" c SET "city_code" = p."city_code" FROM "plan_versions" p WHERE p."id" = c."plan_version_id";--> statement-breakpoint
UPDATE "projects" c SET "city_code" = p."city_code" FROM "plan_versions" p WHERE p."id" = c."plan_version_id";--> statement-breakpoint
UPDATE "project_inputs" c SET "city_code" = p."city_code" FROM "plan_versions" p WHERE p."id" = c."plan_version_id";--> statement-breakpoint
UPDATE "project_evaluations" c SET "city_code" = p."city_code" FROM "plan_versions" p WHERE p."id" = c."plan_version_id";--> statement-breakpoint
UPDATE "measure_evaluations" c SET "city_code" = p."city_code" FROM "plan_versions" p WHERE p."id" = c."plan_version_id";--> statement-breakpoint
UPDATE "plan_diagnostics" c SET "city_code" = p."city_code" FROM "plan_versions" p WHERE p."id" = c."plan_version_id";--> statement-breakpoint
UPDATE "policy_directions" c SET "city_code" = p."city_code" FROM "policies" p WHERE p."id" = c."policy_id";--> statement-breakpoint
UPDATE "measure_sdgs" c SET "city_code" = p."city_code" FROM "measures" p WHERE p."id" = c."measure_id";--> statement-breakpoint
UPDATE "outcome_indicators" c SET "city_code" = p."city_code" FROM "measures" p WHERE p."id" = c."measure_id";--> statement-breakpoint
UPDATE "outcome_indicator_values" c SET "city_code" = p."city_code" FROM "outcome_indicators" p WHERE p."id" = c."outcome_indicator_id";--> statement-breakpoint
UPDATE "activity_indicators" c SET "city_code" = p."city_code" FROM "projects" p WHERE p."id" = c."project_id";--> statement-breakpoint
UPDATE "project_settlements" c SET "city_code" = p."city_code" FROM "projects" p WHERE p."id" = c."project_id";--> statement-breakpoint
UPDATE "activity_indicator_targets" c SET "city_code" = p."city_code" FROM "activity_indicators" p WHERE p."id" = c."activity_indicator_id";--> statement-breakpoint
UPDATE "activity_indicator_actuals" c SET "city_code" = p."city_code" FROM "activity_indicators" p WHERE p."id" = c."activity_indicator_id";--> statement-breakpoint
ALTER TABLE "policies" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "project_inputs" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "project_evaluations" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "measure_evaluations" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_diagnostics" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_directions" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "measure_sdgs" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outcome_indicator_values" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_indicators" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "project_settlements" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_indicator_targets" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_indicator_actuals" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "measure_evaluations" ADD CONSTRAINT "measure_evaluations_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD CONSTRAINT "activity_indicators_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_pkey" PRIMARY KEY("city_code","id");--> statement-breakpoint
ALTER TABLE "plan_diagnostics" ADD CONSTRAINT "plan_diagnostics_pkey" PRIMARY KEY("city_code","plan_version_id","position");--> statement-breakpoint
ALTER TABLE "outcome_indicator_values" ADD CONSTRAINT "outcome_indicator_values_pkey" PRIMARY KEY("city_code","outcome_indicator_id","kind","fiscal_year");--> statement-breakpoint
ALTER TABLE "measure_sdgs" ADD CONSTRAINT "measure_sdgs_pkey" PRIMARY KEY("city_code","measure_id","position");--> statement-breakpoint
ALTER TABLE "policy_directions" ADD CONSTRAINT "policy_directions_pkey" PRIMARY KEY("city_code","policy_id","position");--> statement-breakpoint
ALTER TABLE "activity_indicator_actuals" ADD CONSTRAINT "activity_indicator_actuals_pkey" PRIMARY KEY("city_code","activity_indicator_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "activity_indicator_targets" ADD CONSTRAINT "activity_indicator_targets_pkey" PRIMARY KEY("city_code","activity_indicator_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "project_inputs" ADD CONSTRAINT "project_inputs_pkey" PRIMARY KEY("city_code","project_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "project_settlements" ADD CONSTRAINT "project_settlements_pkey" PRIMARY KEY("city_code","project_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "measure_evaluations" ADD CONSTRAINT "measure_evaluations_measure_fiscal_year_key" UNIQUE("city_code","measure_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_project_fiscal_year_key" UNIQUE("city_code","project_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_measure_position_key" UNIQUE("city_code","measure_id","position");--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_plan_version_position_key" UNIQUE("city_code","plan_version_id","position");--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_id_plan_version_key" UNIQUE("city_code","id","plan_version_id");--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_plan_version_position_key" UNIQUE("city_code","plan_version_id","position");--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_id_plan_version_key" UNIQUE("city_code","id","plan_version_id");--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD CONSTRAINT "activity_indicators_project_position_key" UNIQUE("city_code","project_id","position");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_plan_version_position_key" UNIQUE("city_code","plan_version_id","position");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_id_plan_version_key" UNIQUE("city_code","id","plan_version_id");--> statement-breakpoint
ALTER TABLE "plan_diagnostics" ADD CONSTRAINT "plan_diagnostics_plan_version_fk" FOREIGN KEY ("city_code","plan_version_id") REFERENCES "public"."plan_versions"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evaluations" ADD CONSTRAINT "measure_evaluations_plan_version_fk" FOREIGN KEY ("city_code","plan_version_id") REFERENCES "public"."plan_versions"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evaluations" ADD CONSTRAINT "measure_evaluations_measure_fk" FOREIGN KEY ("city_code","measure_id") REFERENCES "public"."measures"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_plan_version_fk" FOREIGN KEY ("city_code","plan_version_id") REFERENCES "public"."plan_versions"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_project_fk" FOREIGN KEY ("city_code","project_id") REFERENCES "public"."projects"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicator_values" ADD CONSTRAINT "outcome_indicator_values_indicator_fk" FOREIGN KEY ("city_code","outcome_indicator_id") REFERENCES "public"."outcome_indicators"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_measure_fk" FOREIGN KEY ("city_code","measure_id") REFERENCES "public"."measures"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_rolled_from_fk" FOREIGN KEY ("city_code","rolled_from_id") REFERENCES "public"."plan_versions"("city_code","id") ON DELETE SET NULL ("rolled_from_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_sdgs" ADD CONSTRAINT "measure_sdgs_measure_fk" FOREIGN KEY ("city_code","measure_id") REFERENCES "public"."measures"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_policy_fk" FOREIGN KEY ("city_code","policy_id","plan_version_id") REFERENCES "public"."policies"("city_code","id","plan_version_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_plan_version_fk" FOREIGN KEY ("city_code","plan_version_id") REFERENCES "public"."plan_versions"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_directions" ADD CONSTRAINT "policy_directions_policy_fk" FOREIGN KEY ("city_code","policy_id") REFERENCES "public"."policies"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_indicator_actuals" ADD CONSTRAINT "activity_indicator_actuals_indicator_fk" FOREIGN KEY ("city_code","activity_indicator_id") REFERENCES "public"."activity_indicators"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_indicator_targets" ADD CONSTRAINT "activity_indicator_targets_indicator_fk" FOREIGN KEY ("city_code","activity_indicator_id") REFERENCES "public"."activity_indicators"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD CONSTRAINT "activity_indicators_project_fk" FOREIGN KEY ("city_code","project_id") REFERENCES "public"."projects"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_inputs" ADD CONSTRAINT "project_inputs_project_fk" FOREIGN KEY ("city_code","project_id","plan_version_id") REFERENCES "public"."projects"("city_code","id","plan_version_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_settlements" ADD CONSTRAINT "project_settlements_project_fk" FOREIGN KEY ("city_code","project_id") REFERENCES "public"."projects"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_plan_version_fk" FOREIGN KEY ("city_code","plan_version_id") REFERENCES "public"."plan_versions"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_measure_fk" FOREIGN KEY ("city_code","measure_id","plan_version_id") REFERENCES "public"."measures"("city_code","id","plan_version_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_evaluations_id_idx" ON "measure_evaluations" USING btree ("id");--> statement-breakpoint
CREATE INDEX "project_evaluations_id_idx" ON "project_evaluations" USING btree ("id");--> statement-breakpoint
CREATE INDEX "outcome_indicators_id_idx" ON "outcome_indicators" USING btree ("id");--> statement-breakpoint
CREATE INDEX "plan_versions_id_idx" ON "plan_versions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "measures_id_idx" ON "measures" USING btree ("id");--> statement-breakpoint
CREATE INDEX "policies_id_idx" ON "policies" USING btree ("id");--> statement-breakpoint
CREATE INDEX "activity_indicators_id_idx" ON "activity_indicators" USING btree ("id");--> statement-breakpoint
CREATE INDEX "projects_id_idx" ON "projects" USING btree ("id");--> statement-breakpoint
CREATE INDEX "measure_evaluations_plan_version_idx" ON "measure_evaluations" USING btree ("city_code","plan_version_id");--> statement-breakpoint
CREATE INDEX "project_evaluations_plan_version_idx" ON "project_evaluations" USING btree ("city_code","plan_version_id");--> statement-breakpoint
CREATE INDEX "measures_policy_id_idx" ON "measures" USING btree ("city_code","policy_id");--> statement-breakpoint
CREATE INDEX "project_inputs_plan_version_fiscal_year_idx" ON "project_inputs" USING btree ("city_code","plan_version_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "projects_measure_id_idx" ON "projects" USING btree ("city_code","measure_id");--> statement-breakpoint
CREATE INDEX "projects_plan_version_department_idx" ON "projects" USING btree ("city_code","plan_version_id","lead_department");--> statement-breakpoint
CREATE TABLE "plan_kan_totals" (
	"city_code" text NOT NULL,
	"plan_version_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kan" text NOT NULL,
	"kan_number" integer,
	"projects" integer NOT NULL,
	"total" bigint NOT NULL,
	"national_prefectural" bigint NOT NULL,
	"local_bonds" bigint NOT NULL,
	"other_earmarked" bigint NOT NULL,
	"general_revenue" bigint NOT NULL,
	CONSTRAINT "plan_kan_totals_pkey" PRIMARY KEY("city_code","plan_version_id","fiscal_year","kan")
);--> statement-breakpoint
ALTER TABLE "plan_kan_totals" ADD CONSTRAINT "plan_kan_totals_plan_version_fk" FOREIGN KEY ("city_code","plan_version_id") REFERENCES "public"."plan_versions"("city_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The summary of inputs by fiscal year and 会計・款 (db/plan-totals.ts), filled for every stored version.
INSERT INTO "plan_kan_totals" ("city_code", "plan_version_id", "fiscal_year", "kan", "kan_number", "projects",
	"total", "national_prefectural", "local_bonds", "other_earmarked", "general_revenue")
	SELECT i."city_code", i."plan_version_id", i."fiscal_year",
		p."account" || '・' || (CASE WHEN p."kan_name" IS NULL THEN '' ELSE coalesce(p."kan_number"::text, '') || p."kan_name" END),
		min(p."kan_number"), count(*)::int, sum(i."total"), sum(i."national_prefectural"), sum(i."local_bonds"),
		sum(i."other_earmarked"), sum(i."general_revenue")
	FROM "project_inputs" i JOIN "projects" p ON p."city_code" = i."city_code" AND p."id" = i."project_id"
	GROUP BY 1, 2, 3, 4;
