import { type AnyPgColumn, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/** 市町村: one row per municipality that has imported a plan. */
export const cities = pgTable("cities", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull().unique("cities_name_key"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * One implementation-plan book (実施計画書) of a city for one fiscal year. Importing the same city and
 * fiscal year again replaces the row; everything below it is deleted by cascade.
 */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id),
    /** Western fiscal year of the book: 令和6年度 → 2024. */
    fiscalYear: integer("fiscal_year").notNull(),
    /** PlanDocument.title, e.g. 実施計画書 兼 事業説明書. */
    title: text("title"),
    /** The file the plan was read from, e.g. komoro-2024-policy6.txt. */
    sourceName: text("source_name"),
    /** The encoding the reader detected, e.g. utf-8 or shift_jis. */
    sourceEncoding: text("source_encoding"),
    importedAt: timestamp("imported_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /**
     * The plan as it was imported or rolled over (hoshin-plan/1), kept so that the edits made since can
     * be compared with it. Null for versions stored before this column existed.
     */
    sourcePlan: jsonb("source_plan"),
    /**
     * The version this one was rolled over from (the previous fiscal year), if any; cleared when that
     * version is replaced, so a plan never points at one that no longer exists.
     */
    rolledFromId: integer("rolled_from_id").references((): AnyPgColumn => planVersions.id, {
      onDelete: "set null",
    }),
    /**
     * Bumped in the same transaction by every write that changes what a read of this version shows
     * (db/revision.ts `bumpRevision`), so a cached read model is fresh exactly when (id, revision) match.
     * A new version row (import, rollover) starts again at 1 under its new id.
     */
    revision: integer("revision").notNull().default(1),
  },
  // The unique constraint also indexes city_id.
  (t) => [unique("plan_versions_city_fiscal_year_key").on(t.cityId, t.fiscalYear)],
);
