CREATE TABLE "user_cities" (
	"city_code" text NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "user_cities_pkey" PRIMARY KEY("city_code","user_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "all_cities" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_cities" ADD CONSTRAINT "user_cities_city_code_cities_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."cities"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_cities" ADD CONSTRAINT "user_cities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_cities_user_id_idx" ON "user_cities" USING btree ("user_id");--> statement-breakpoint
-- Issue 12: staff accounts belong to cities. An account works for the cities of user_cities, or, with
-- users.all_cities, for every city of the instance (システム管理者 of a prefecture or a shared-service centre).
-- Existing accounts keep seeing what they saw: each gets every city that exists now (an instance before this
-- migration had one city in practice). None becomes all_cities: `hoshin user add --admin --all-cities` makes such
-- an administrator, who may then grant it on the users page (the first administrator that `hoshin start` makes
-- on an empty database has it).
INSERT INTO "user_cities" ("city_code", "user_id") SELECT c."code", u."id" FROM "cities" c CROSS JOIN "users" u;
