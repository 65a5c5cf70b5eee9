import { type AuditEventRow, type AuditFilter, listAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import type { Actor } from "../../domain/access.ts";
import { authorize } from "../authorize.ts";

/** The whole audit log, filtered by user, department and date (管理者 only). */
export async function readAuditLog(opts: {
  db: Database;
  actor: Actor;
  filter: AuditFilter;
}): Promise<AuditEventRow[]> {
  authorize(opts.actor, "readAuditLog");
  const { entity: _, ...filter } = opts.filter;
  return listAuditEvents(opts.db, filter);
}

/** The history of one project or measure: every logged-in role may read what it may read. */
export async function readHistory(opts: {
  db: Database;
  actor: Actor;
  kind: "project" | "measure";
  id: number;
}): Promise<AuditEventRow[]> {
  return listAuditEvents(opts.db, { entity: { kind: opts.kind, id: opts.id }, limit: 200 });
}
