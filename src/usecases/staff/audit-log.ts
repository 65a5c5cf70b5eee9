import { type AuditEventRow, type AuditFilter, listAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import type { Actor } from "../../domain/access.ts";
import { authorizedCities } from "../authorize.ts";

/**
 * The audit log of the administrator's cities, filtered by user, department and date (管理者 only): the
 * events of those cities and those about the accounts it manages; nothing of another city.
 */
export async function readAuditLog(opts: {
  db: Database;
  actor: Actor;
  filter: AuditFilter;
}): Promise<AuditEventRow[]> {
  const cities = authorizedCities(opts.actor, "readAuditLog");
  const { entity: _, cities: __, ...filter } = opts.filter;
  return listAuditEvents(opts.db, { ...filter, cities });
}

/**
 * The history of one project or measure: every logged-in role may read what it may read. The caller has
 * read the row through readProjectEntry / readMeasureEntry (which refuse another city's) first.
 */
export async function readHistory(opts: {
  db: Database;
  actor: Actor;
  kind: "project" | "measure";
  id: number;
}): Promise<AuditEventRow[]> {
  return listAuditEvents(opts.db, { entity: { kind: opts.kind, id: opts.id }, limit: 200 });
}
