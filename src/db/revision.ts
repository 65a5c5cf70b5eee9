import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { planVersions, projects } from "./schema/index.ts";

/**
 * Marks a plan version as changed: its `revision` goes up by one in the caller's transaction, so the
 * change and the bump commit (or roll back) together and every reader, in this process or another,
 * sees a new (id, revision) exactly when it can see the new rows. Every write of `edit-*.ts` calls it.
 */
export async function bumpRevision(db: Database, planVersionId: number): Promise<void> {
  await db
    .update(planVersions)
    .set({ revision: sql`${planVersions.revision} + 1` })
    .where(eq(planVersions.id, planVersionId));
}

/** The same for the plan version a project belongs to (for the writes that know only the project). */
export async function bumpRevisionOfProject(db: Database, projectId: number): Promise<void> {
  await db
    .update(planVersions)
    .set({ revision: sql`${planVersions.revision} + 1` })
    .where(
      eq(
        planVersions.id,
        db.select({ id: projects.planVersionId }).from(projects).where(eq(projects.id, projectId)),
      ),
    );
}

/** The (id, revision) of a plan version, or null when there is none: one indexed lookup. */
export async function planRevision(
  db: Database,
  planVersionId: number,
): Promise<{ id: number; revision: number } | null> {
  const [row] = await db
    .select({ id: planVersions.id, revision: planVersions.revision })
    .from(planVersions)
    .where(eq(planVersions.id, planVersionId));
  return row ?? null;
}

/** The revisions of several plan versions in one query (the batched probe of the read model). */
export async function planRevisions(db: Database, planVersionIds: number[]): Promise<Map<number, number>> {
  if (planVersionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: planVersions.id, revision: planVersions.revision })
    .from(planVersions)
    .where(inArray(planVersions.id, planVersionIds));
  return new Map(rows.map((r) => [r.id, r.revision]));
}

/**
 * A stamp of every plan version and its revision: it changes whenever a version is added, removed or
 * changed, so whatever lists plan versions is current exactly while the stamp is the same.
 */
export async function planCatalogueStamp(db: Database): Promise<string> {
  const [row] = await db
    .select({
      stamp: sql<string>`count(*)::text || ':' || coalesce(md5(string_agg(${planVersions.id}::text || '@' || ${planVersions.revision}::text, ',' order by ${planVersions.id})), '')`,
    })
    .from(planVersions);
  return row?.stamp ?? "0:";
}
