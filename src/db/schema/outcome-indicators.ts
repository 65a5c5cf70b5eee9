import { sql } from "drizzle-orm";
import {
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
import { measures } from "./policies.ts";

/** 成果指標(アウトカム) of a measure, with its 計画策定時 (baseline) value, which may be absent. */
export const outcomeIndicators = pgTable(
  "outcome_indicators",
  {
    cityCode: cityCodeColumn(),
    id: integer("id").generatedAlwaysAsIdentity(),
    measureId: integer("measure_id").notNull(),
    position: integer("position").notNull(),
    name: text("name"),
    rationale: text("rationale"),
    formula: text("formula"),
    unit: text("unit"),
    baselineText: text("baseline_text"),
    baselineValue: numeric("baseline_value", { mode: "number" }),
    baselineComparator: text("baseline_comparator"),
    /** 高いほど良い / 低いほど良い as set by the user; null: judged from the targets. */
    direction: text("direction").$type<"higher" | "lower">(),
  },
  (t) => [
    primaryKey({ name: "outcome_indicators_pkey", columns: [t.cityCode, t.id] }),
    foreignKey({
      name: "outcome_indicators_measure_fk",
      columns: [t.cityCode, t.measureId],
      foreignColumns: [measures.cityCode, measures.id],
    }).onDelete("cascade"),
    index("outcome_indicators_id_idx").on(t.id),
    directionCheck("outcome_indicators_direction_check", t.direction),
    unique("outcome_indicators_measure_position_key").on(t.cityCode, t.measureId, t.position),
    comparatorCheck("outcome_indicators_baseline_comparator_check", t.baselineComparator),
    // Either no baseline at all, or at least its text and comparator.
    check(
      "outcome_indicators_baseline_check",
      sql`(${t.baselineText} is null and ${t.baselineValue} is null and ${t.baselineComparator} is null)
        or (${t.baselineText} is not null and ${t.baselineComparator} is not null)`,
    ),
  ],
);

/** 計画 (planned) and 実績 (actual) values of an outcome indicator per fiscal year. */
export const outcomeIndicatorValues = pgTable(
  "outcome_indicator_values",
  {
    cityCode: cityCodeColumn(),
    outcomeIndicatorId: integer("outcome_indicator_id").notNull(),
    kind: text("kind").notNull().$type<"planned" | "actual">(),
    fiscalYear: integer("fiscal_year").notNull(),
    text: text("text").notNull(),
    value: numeric("value", { mode: "number" }),
    comparator: text("comparator").notNull(),
  },
  (t) => [
    primaryKey({
      name: "outcome_indicator_values_pkey",
      columns: [t.cityCode, t.outcomeIndicatorId, t.kind, t.fiscalYear],
    }),
    foreignKey({
      name: "outcome_indicator_values_indicator_fk",
      columns: [t.cityCode, t.outcomeIndicatorId],
      foreignColumns: [outcomeIndicators.cityCode, outcomeIndicators.id],
    }).onDelete("cascade"),
    check("outcome_indicator_values_kind_check", sql`${t.kind} in ('planned', 'actual')`),
    comparatorCheck("outcome_indicator_values_comparator_check", t.comparator),
  ],
);
