import { and, eq, type SQL, sql } from "drizzle-orm";
import type { RollupDimension, RollupRow } from "../domain/rollups/rollups.ts";
import type { Database } from "./client.ts";
import { findPlanVersion } from "./plan-versions.ts";
import { measures, projectInputs, projects } from "./schema/index.ts";
import { exactInteger, fiscalYearKey } from "./values.ts";

/** 「2総務費」: a classification level as the domain's formatLevel prints it ('' when the level is absent). */
function level(num: SQL | unknown, name: SQL | unknown): SQL {
  return sql`(case when ${name} is null then '' else coalesce(${num}::text, '') || ${name} end)`;
}

const kan = level(projects.kanNumber, projects.kanName);
const kou = level(projects.kouNumber, projects.kouName);
const moku = level(projects.mokuNumber, projects.mokuName);

/**
 * The group key and label of a project in each dimension, in SQL, equal to what the domain's rollup()
 * computes (kanKey, kouKey, mokuKey, pledgeLabel, priorityLabel in src/domain/rollups.ts).
 */
function groupKey(dimension: RollupDimension): { key: SQL; label: SQL } {
  switch (dimension) {
    case "all":
      return { key: sql`'all'::text`, label: sql`'合計'::text` };
    case "measure":
      return { key: sql`${measures.code}`, label: sql`${measures.code} || ' ' || ${measures.title}` };
    case "department":
      return same(sql`${projects.leadDepartment}`);
    case "account":
      return same(sql`${projects.account}`);
    case "kan":
      return same(sql`${projects.account} || '・' || ${kan}`);
    case "kou":
      return same(sql`${projects.account} || '・' || ${kan} || '・' || ${kou}`);
    case "moku":
      return same(sql`${projects.account} || '・' || ${kan} || '・' || ${kou} || '・' || ${moku}`);
    case "pledge":
      return same(
        sql`(case ${projects.mayoralPledge} when true then '有' when false then '無' else '記載なし' end)`,
      );
    case "priority":
      return same(sql`coalesce(${projects.priority}, '記載なし')`);
  }
}

function same(key: SQL): { key: SQL; label: SQL } {
  return { key, label: key };
}

/**
 * Totals per fiscal year of one plan version by a dimension, grouped and summed in SQL; the same rows,
 * in the same order, as the pure rollup() of the domain: groups by first appearance in book order (a
 * group appears with its first project, whether or not that project prints money), then fiscal years.
 */
export async function rollupPlanVersion(
  db: Database,
  planVersionId: number,
  dimension: RollupDimension,
): Promise<RollupRow[]> {
  const { key, label } = groupKey(dimension);
  const grouped = db.$with("grouped").as(
    db
      .select({
        // Aliases of a CTE are rendered unqualified, so they must not clash with project_inputs columns.
        projectId: sql<number>`${projects.id}`.as("grouped_project_id"),
        key: sql<string>`${key}`.as("group_key"),
        label: sql<string>`first_value(${label}) over (partition by ${key} order by ${projects.position})`.as(
          "group_label",
        ),
        first: sql<number>`min(${projects.position}) over (partition by ${key})`.as("group_first"),
      })
      .from(projects)
      .innerJoin(measures, eq(measures.id, projects.measureId))
      .where(eq(projects.planVersionId, planVersionId)),
  );
  const rows = await db
    .with(grouped)
    .select({
      key: grouped.key,
      label: grouped.label,
      fiscalYear: projectInputs.fiscalYear,
      projects: sql<number>`count(*)::integer`,
      total: sql`sum(${projectInputs.total})`.mapWith(exactInteger),
      nationalPrefectural: sql`sum(${projectInputs.nationalPrefectural})`.mapWith(exactInteger),
      localBonds: sql`sum(${projectInputs.localBonds})`.mapWith(exactInteger),
      otherEarmarked: sql`sum(${projectInputs.otherEarmarked})`.mapWith(exactInteger),
      generalRevenue: sql`sum(${projectInputs.generalRevenue})`.mapWith(exactInteger),
    })
    .from(grouped)
    .innerJoin(
      projectInputs,
      and(eq(projectInputs.projectId, grouped.projectId), eq(projectInputs.planVersionId, planVersionId)),
    )
    .groupBy(grouped.key, grouped.label, grouped.first, projectInputs.fiscalYear)
    .orderBy(grouped.first, projectInputs.fiscalYear);

  return rows.map((r) => ({
    dimension,
    key: r.key,
    label: r.label,
    fiscalYear: fiscalYearKey(r.fiscalYear),
    projects: r.projects,
    total: r.total,
    nationalPrefectural: r.nationalPrefectural,
    localBonds: r.localBonds,
    otherEarmarked: r.otherEarmarked,
    generalRevenue: r.generalRevenue,
  }));
}

/** SQL rollup of the plan of a city for a fiscal year; null when there is no such plan. */
export async function sqlRollup(
  db: Database,
  opts: { cityCode: string; fiscalYear: number; dimension: RollupDimension },
): Promise<RollupRow[] | null> {
  const version = await findPlanVersion(db, opts);
  if (!version) return null;
  return rollupPlanVersion(db, version.id, opts.dimension);
}
