import { eq, sql } from "drizzle-orm";
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
