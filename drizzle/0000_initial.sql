CREATE TABLE "plan_diagnostics" (
	"plan_version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"severity" text NOT NULL,
	"code" text NOT NULL,
	"message" text,
	"line" integer,
	"has_line" boolean NOT NULL,
	"project" text,
	"fiscal_year" integer,
	CONSTRAINT "plan_diagnostics_pkey" PRIMARY KEY("plan_version_id","position"),
	CONSTRAINT "plan_diagnostics_severity_check" CHECK ("plan_diagnostics"."severity" in ('error', 'warning', 'info')),
	CONSTRAINT "plan_diagnostics_line_check" CHECK ("plan_diagnostics"."has_line" or "plan_diagnostics"."line" is null)
);
--> statement-breakpoint
CREATE TABLE "outcome_indicator_values" (
	"outcome_indicator_id" integer NOT NULL,
	"kind" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"text" text NOT NULL,
	"value" numeric,
	"comparator" text NOT NULL,
	CONSTRAINT "outcome_indicator_values_pkey" PRIMARY KEY("outcome_indicator_id","kind","fiscal_year"),
	CONSTRAINT "outcome_indicator_values_kind_check" CHECK ("outcome_indicator_values"."kind" in ('planned', 'actual')),
	CONSTRAINT "outcome_indicator_values_comparator_check" CHECK ("outcome_indicator_values"."comparator" in ('>=', '<=', '='))
);
--> statement-breakpoint
CREATE TABLE "outcome_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outcome_indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"measure_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text,
	"rationale" text,
	"formula" text,
	"unit" text,
	"baseline_text" text,
	"baseline_value" numeric,
	"baseline_comparator" text,
	CONSTRAINT "outcome_indicators_measure_position_key" UNIQUE("measure_id","position"),
	CONSTRAINT "outcome_indicators_baseline_comparator_check" CHECK ("outcome_indicators"."baseline_comparator" in ('>=', '<=', '=')),
	CONSTRAINT "outcome_indicators_baseline_check" CHECK (("outcome_indicators"."baseline_text" is null and "outcome_indicators"."baseline_value" is null and "outcome_indicators"."baseline_comparator" is null)
        or ("outcome_indicators"."baseline_text" is not null and "outcome_indicators"."baseline_comparator" is not null))
);
--> statement-breakpoint
CREATE TABLE "cities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cities_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"city_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title" text,
	"source_name" text,
	"source_encoding" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_city_fiscal_year_key" UNIQUE("city_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "measure_sdgs" (
	"measure_id" integer NOT NULL,
	"position" integer NOT NULL,
	"goal" integer NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "measure_sdgs_pkey" PRIMARY KEY("measure_id","position")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_version_id" integer NOT NULL,
	"policy_id" integer NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"lead_department" text,
	"related_departments" text[] NOT NULL,
	"current_issues" text,
	"purpose" text,
	"priorities" text[] NOT NULL,
	"goal_states" text[] NOT NULL,
	"future_actions" text,
	"sectoral_plans" text,
	"notes" text,
	CONSTRAINT "measures_plan_version_position_key" UNIQUE("plan_version_id","position"),
	CONSTRAINT "measures_id_plan_version_key" UNIQUE("id","plan_version_id")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "policies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"lead_department" text,
	"related_departments" text[] NOT NULL,
	"mission" text,
	"mission_points" text[] NOT NULL,
	CONSTRAINT "policies_plan_version_position_key" UNIQUE("plan_version_id","position"),
	CONSTRAINT "policies_id_plan_version_key" UNIQUE("id","plan_version_id")
);
--> statement-breakpoint
CREATE TABLE "policy_directions" (
	"policy_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "policy_directions_pkey" PRIMARY KEY("policy_id","position")
);
--> statement-breakpoint
CREATE TABLE "activity_indicator_targets" (
	"activity_indicator_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"text" text NOT NULL,
	"value" numeric,
	"comparator" text NOT NULL,
	CONSTRAINT "activity_indicator_targets_pkey" PRIMARY KEY("activity_indicator_id","fiscal_year"),
	CONSTRAINT "activity_indicator_targets_comparator_check" CHECK ("activity_indicator_targets"."comparator" in ('>=', '<=', '='))
);
--> statement-breakpoint
CREATE TABLE "activity_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	CONSTRAINT "activity_indicators_project_position_key" UNIQUE("project_id","position")
);
--> statement-breakpoint
CREATE TABLE "project_inputs" (
	"project_id" integer NOT NULL,
	"plan_version_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"total" bigint NOT NULL,
	"national_prefectural" bigint NOT NULL,
	"local_bonds" bigint NOT NULL,
	"other_earmarked" bigint NOT NULL,
	"general_revenue" bigint NOT NULL,
	CONSTRAINT "project_inputs_pkey" PRIMARY KEY("project_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_version_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"priority" text,
	"account" text NOT NULL,
	"kan_number" integer,
	"kan_name" text,
	"kou_number" integer,
	"kou_name" text,
	"moku_number" integer,
	"moku_name" text,
	"lead_department" text NOT NULL,
	"mayoral_pledge" boolean,
	"summary" text,
	"purpose" text,
	"year_goals" text,
	"notes" text,
	"budget_only" boolean NOT NULL,
	CONSTRAINT "projects_plan_version_position_key" UNIQUE("plan_version_id","position"),
	CONSTRAINT "projects_id_plan_version_key" UNIQUE("id","plan_version_id"),
	CONSTRAINT "projects_status_check" CHECK ("projects"."status" in ('continuing', 'new')),
	CONSTRAINT "projects_kan_check" CHECK ("projects"."kan_name" is not null or "projects"."kan_number" is null),
	CONSTRAINT "projects_kou_check" CHECK ("projects"."kou_name" is not null or "projects"."kou_number" is null),
	CONSTRAINT "projects_moku_check" CHECK ("projects"."moku_name" is not null or "projects"."moku_number" is null)
);
--> statement-breakpoint
ALTER TABLE "plan_diagnostics" ADD CONSTRAINT "plan_diagnostics_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicator_values" ADD CONSTRAINT "outcome_indicator_values_outcome_indicator_id_outcome_indicators_id_fk" FOREIGN KEY ("outcome_indicator_id") REFERENCES "public"."outcome_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_sdgs" ADD CONSTRAINT "measure_sdgs_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_policy_fk" FOREIGN KEY ("policy_id","plan_version_id") REFERENCES "public"."policies"("id","plan_version_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_directions" ADD CONSTRAINT "policy_directions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_indicator_targets" ADD CONSTRAINT "activity_indicator_targets_activity_indicator_id_activity_indicators_id_fk" FOREIGN KEY ("activity_indicator_id") REFERENCES "public"."activity_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD CONSTRAINT "activity_indicators_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_inputs" ADD CONSTRAINT "project_inputs_project_fk" FOREIGN KEY ("project_id","plan_version_id") REFERENCES "public"."projects"("id","plan_version_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_measure_fk" FOREIGN KEY ("measure_id","plan_version_id") REFERENCES "public"."measures"("id","plan_version_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measures_policy_id_idx" ON "measures" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "project_inputs_plan_version_fiscal_year_idx" ON "project_inputs" USING btree ("plan_version_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "projects_measure_id_idx" ON "projects" USING btree ("measure_id");