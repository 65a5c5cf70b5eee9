import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Database } from "./client.ts";
import { auditEvents } from "./schema/index.ts";

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

export async function insertAuditEvents(db: Database, events: NewAuditEvent[]): Promise<void> {
  if (events.length > 0) await db.insert(auditEvents).values(events);
}

export interface AuditFilter {
  userId?: number | undefined;
  department?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  entity?: { kind: AuditEventRow["entityKind"]; id: number } | undefined;
  limit?: number;
}

/** Audit events, newest first. */
export function listAuditEvents(db: Database, f: AuditFilter): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (f.userId !== undefined) where.push(eq(auditEvents.userId, f.userId));
  if (f.department !== undefined) where.push(eq(auditEvents.department, f.department));
  if (f.from !== undefined) where.push(gte(auditEvents.at, f.from));
  if (f.to !== undefined) where.push(lt(auditEvents.at, f.to));
  if (f.entity !== undefined) {
    where.push(eq(auditEvents.entityKind, f.entity.kind), eq(auditEvents.entityId, f.entity.id));
  }
  return db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(f.limit ?? 500);
}
