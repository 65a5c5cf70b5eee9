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
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

/**
 * 市町村: one row per municipality of the instance, keyed by its 6-digit 全国地方公共団体コード (小諸市 202088);
 * name, reading and prefecture are copied from the master list (db/municipalities.ts) when the city is
 * created. Two municipalities may share a name (伊達市 in 北海道 and 福島県); the code tells them apart.
 */
export const cities = pgTable(
  "cities",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    nameKana: text("name_kana"),
    prefecture: text("prefecture").notNull(),
    /** 人口 (persons) for per-capita figures, entered by the city; null until entered. */
    population: integer("population"),
    /** The year the population figure is of (e.g. 2020 for the 国勢調査 of 令和2年); null with it. */
    populationYear: integer("population_year"),
    /** 類似団体区分 (総務省「類似団体別市町村財政指数表」), e.g. 都市Ⅰ-1, 町村Ⅳ-2; set per city, null until set. */
    similarityGroup: text("similarity_group"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    check("cities_code_check", sql`${t.code} ~ '^[0-9]{6}$'`),
    check("cities_population_check", sql`${t.population} is null or ${t.population} > 0`),
  ],
);

/**
 * One implementation-plan book (実施計画書) of a city for one fiscal year. Importing the same city and
 * fiscal year again replaces the row; everything below it is deleted by cascade.
 */
export const planVersions = pgTable(
  "plan_versions",
  {
    /** Unique in the table (an identity), but the key is (city_code, id): see「National scale」. */
    id: integer("id").generatedAlwaysAsIdentity(),
    /** The city's 全国地方公共団体コード: the distribution column of every city-owned table. */
    cityCode: text("city_code")
      .notNull()
      .references(() => cities.code),
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
    rolledFromId: integer("rolled_from_id"),
    /**
     * Bumped in the same transaction by every write that changes what a read of this version shows
     * (db/revision.ts `bumpRevision`), so a cached read model is fresh exactly when (id, revision) match.
     * A new version row (import, rollover) starts again at 1 under its new id.
     */
    revision: integer("revision").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "plan_versions_pkey", columns: [t.cityCode, t.id] }),
    unique("plan_versions_city_fiscal_year_key").on(t.cityCode, t.fiscalYear),
    // Lookups by id alone (the staff app's /plans/:id) stay one index probe.
    index("plan_versions_id_idx").on(t.id),
    // A rollover stays within its city. In the database the action is `ON DELETE SET NULL
    // ("rolled_from_id")` (migration 0007), which drizzle cannot express: a plain SET NULL would clear
    // city_code as well.
    foreignKey({
      name: "plan_versions_rolled_from_fk",
      columns: [t.cityCode, t.rolledFromId],
      foreignColumns: [t.cityCode, t.id],
    }).onDelete("set null"),
  ],
);
