import { sql } from "drizzle-orm";
import { check, type PgColumn } from "drizzle-orm/pg-core";

/**
 * An IndicatorValue ({text, value, comparator}) is stored as three columns: `text` exactly as printed,
 * `value` as numeric (mode "number": a printed 18.5, -15, 0.52 or 350000 comes back as the same JS
 * number; null for text targets such as 「実施する」), and `comparator`.
 */
export function comparatorCheck(name: string, column: PgColumn) {
  return check(name, sql`${column} in ('>=', '<=', '=')`);
}

/** 高いほど良い / 低いほど良い, or null (judged from the targets). */
export function directionCheck(name: string, column: PgColumn) {
  return check(name, sql`${column} is null or ${column} in ('higher', 'lower')`);
}
