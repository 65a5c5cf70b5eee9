import { and, eq, ne } from "drizzle-orm";
import type { Database } from "./client.ts";
import { measures, projects } from "./schema/index.ts";

/** The other projects of a measure (name and 所管課), with the measure's code, for the name rule. */
export async function siblingProjects(
  db: Database,
  measureId: number,
  exceptProjectId: number,
): Promise<{ code: string; siblings: { name: string; leadDepartment: string }[] }> {
  const [m] = await db.select({ code: measures.code }).from(measures).where(eq(measures.id, measureId));
  const siblings = await db
    .select({ name: projects.name, leadDepartment: projects.leadDepartment })
    .from(projects)
    .where(and(eq(projects.measureId, measureId), ne(projects.id, exceptProjectId)))
    .orderBy(projects.position);
  return { code: m?.code ?? "", siblings };
}
