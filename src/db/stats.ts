import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client.ts";
import * as schema from "./schema/index.ts";

const TABLES = {
  cities: schema.cities,
  planVersions: schema.planVersions,
  policies: schema.policies,
  policyDirections: schema.policyDirections,
  measures: schema.measures,
  measureSdgs: schema.measureSdgs,
  outcomeIndicators: schema.outcomeIndicators,
  outcomeIndicatorValues: schema.outcomeIndicatorValues,
  projects: schema.projects,
  projectInputs: schema.projectInputs,
  activityIndicators: schema.activityIndicators,
  activityIndicatorTargets: schema.activityIndicatorTargets,
  planDiagnostics: schema.planDiagnostics,
} satisfies Record<string, PgTable>;

export type TableName = keyof typeof TABLES;

/** Rows in every table, for operators and tests (a replaced plan must not leave rows behind). */
export async function countRows(db: Database): Promise<Record<TableName, number>> {
  const out = {} as Record<TableName, number>;
  for (const [name, table] of Object.entries(TABLES) as [TableName, PgTable][]) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row?.n ?? 0;
  }
  return out;
}
