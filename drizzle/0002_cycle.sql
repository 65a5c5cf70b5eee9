CREATE TABLE "measure_evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measure_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_version_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"self_rating" text,
	"self_assessment" text,
	"self_next_steps" text,
	"has_secondary" boolean DEFAULT false NOT NULL,
	"secondary_rating" text,
	"secondary_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"review_state" text DEFAULT 'draft' NOT NULL,
	"review_comment" text,
	CONSTRAINT "measure_evaluations_measure_fiscal_year_key" UNIQUE("measure_id","fiscal_year"),
	CONSTRAINT "measure_evaluations_self_rating_check" CHECK ("measure_evaluations"."self_rating" is null or "measure_evaluations"."self_rating" in ('A', 'B', 'C')),
	CONSTRAINT "measure_evaluations_secondary_rating_check" CHECK ("measure_evaluations"."secondary_rating" is null or "measure_evaluations"."secondary_rating" in ('A', 'B', 'C')),
	CONSTRAINT "measure_evaluations_review_state_check" CHECK ("measure_evaluations"."review_state" in ('draft', 'submitted', 'approved'))
);
--> statement-breakpoint
CREATE TABLE "project_evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_version_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"self_necessity" text,
	"self_necessity_reason" text,
	"self_effectiveness" text,
	"self_effectiveness_reason" text,
	"self_efficiency" text,
	"self_efficiency_reason" text,
	"self_equity" text,
	"self_equity_reason" text,
	"self_outlook" text,
	"self_changes" text,
	"has_secondary" boolean DEFAULT false NOT NULL,
	"secondary_necessity" text,
	"secondary_necessity_reason" text,
	"secondary_effectiveness" text,
	"secondary_effectiveness_reason" text,
	"secondary_efficiency" text,
	"secondary_efficiency_reason" text,
	"secondary_equity" text,
	"secondary_equity_reason" text,
	"secondary_outlook" text,
	"secondary_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"review_state" text DEFAULT 'draft' NOT NULL,
	"review_comment" text,
	CONSTRAINT "project_evaluations_project_fiscal_year_key" UNIQUE("project_id","fiscal_year"),
	CONSTRAINT "project_evaluations_self_necessity_check" CHECK ("project_evaluations"."self_necessity" is null or "project_evaluations"."self_necessity" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_self_effectiveness_check" CHECK ("project_evaluations"."self_effectiveness" is null or "project_evaluations"."self_effectiveness" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_self_efficiency_check" CHECK ("project_evaluations"."self_efficiency" is null or "project_evaluations"."self_efficiency" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_self_equity_check" CHECK ("project_evaluations"."self_equity" is null or "project_evaluations"."self_equity" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_secondary_necessity_check" CHECK ("project_evaluations"."secondary_necessity" is null or "project_evaluations"."secondary_necessity" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_secondary_effectiveness_check" CHECK ("project_evaluations"."secondary_effectiveness" is null or "project_evaluations"."secondary_effectiveness" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_secondary_efficiency_check" CHECK ("project_evaluations"."secondary_efficiency" is null or "project_evaluations"."secondary_efficiency" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_secondary_equity_check" CHECK ("project_evaluations"."secondary_equity" is null or "project_evaluations"."secondary_equity" in ('A', 'B', 'C')),
	CONSTRAINT "project_evaluations_self_outlook_check" CHECK ("project_evaluations"."self_outlook" is null or "project_evaluations"."self_outlook" in ('expand', 'continue', 'improve', 'reduce', 'abolish', 'complete')),
	CONSTRAINT "project_evaluations_secondary_outlook_check" CHECK ("project_evaluations"."secondary_outlook" is null or "project_evaluations"."secondary_outlook" in ('expand', 'continue', 'improve', 'reduce', 'abolish', 'complete')),
	CONSTRAINT "project_evaluations_review_state_check" CHECK ("project_evaluations"."review_state" in ('draft', 'submitted', 'approved'))
);
--> statement-breakpoint
CREATE TABLE "activity_indicator_actuals" (
	"activity_indicator_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"text" text NOT NULL,
	"value" numeric,
	"comparator" text NOT NULL,
	CONSTRAINT "activity_indicator_actuals_pkey" PRIMARY KEY("activity_indicator_id","fiscal_year"),
	CONSTRAINT "activity_indicator_actuals_comparator_check" CHECK ("activity_indicator_actuals"."comparator" in ('>=', '<=', '='))
);
--> statement-breakpoint
CREATE TABLE "project_settlements" (
	"project_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "project_settlements_pkey" PRIMARY KEY("project_id","fiscal_year"),
	CONSTRAINT "project_settlements_amount_check" CHECK ("project_settlements"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_entity_kind_check";--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD COLUMN "direction" text;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD COLUMN "source_plan" jsonb;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD COLUMN "rolled_from_id" integer;--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD COLUMN "direction" text;--> statement-breakpoint
ALTER TABLE "project_inputs" ADD COLUMN "estimated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "measure_evaluations" ADD CONSTRAINT "measure_evaluations_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evaluations" ADD CONSTRAINT "measure_evaluations_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evaluations" ADD CONSTRAINT "project_evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_indicator_actuals" ADD CONSTRAINT "activity_indicator_actuals_activity_indicator_id_activity_indicators_id_fk" FOREIGN KEY ("activity_indicator_id") REFERENCES "public"."activity_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_settlements" ADD CONSTRAINT "project_settlements_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_evaluations_plan_version_idx" ON "measure_evaluations" USING btree ("plan_version_id");--> statement-breakpoint
CREATE INDEX "project_evaluations_plan_version_idx" ON "project_evaluations" USING btree ("plan_version_id");--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_rolled_from_id_plan_versions_id_fk" FOREIGN KEY ("rolled_from_id") REFERENCES "public"."plan_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_indicators" ADD CONSTRAINT "outcome_indicators_direction_check" CHECK ("outcome_indicators"."direction" is null or "outcome_indicators"."direction" in ('higher', 'lower'));--> statement-breakpoint
ALTER TABLE "activity_indicators" ADD CONSTRAINT "activity_indicators_direction_check" CHECK ("activity_indicators"."direction" is null or "activity_indicators"."direction" in ('higher', 'lower'));--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_entity_kind_check" CHECK ("audit_events"."entity_kind" in ('project', 'measure', 'plan', 'user', 'project-evaluation', 'measure-evaluation'));