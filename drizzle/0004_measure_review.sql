ALTER TABLE "measures" ADD COLUMN "review_state" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "approved_content" jsonb;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_review_state_check" CHECK ("measures"."review_state" in ('draft', 'submitted', 'approved'));