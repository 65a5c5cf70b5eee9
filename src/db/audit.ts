import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { auditEvents, userCities, users } from "./schema/index.ts";

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
  /**
   * Only the events of these cities (audit_events.city_code) and those about the accounts whose cities are
   * all among them (user management events carry no city); "all" or undefined: every event.
   */
  cities?: readonly string[] | "all" | undefined;
  limit?: number;
}

/** The events of the cities, and those about accounts whose every city is one of them (not all-cities). */
function withinCities(codes: readonly string[]): SQL {
  if (codes.length === 0) return sql`false`;
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  const accounts = sql`select ${users.id} from ${users} where not ${users.allCities} and not exists (
    select 1 from ${userCities} where ${userCities.userId} = ${users.id} and ${userCities.cityCode} not in (${list}))`;
  return or(
    inArray(auditEvents.cityCode, [...codes]),
    and(eq(auditEvents.entityKind, "user"), sql`${auditEvents.entityId} in (${accounts})`),
  ) as SQL;
}

/** Audit events, newest first. */
export function listAuditEvents(db: Database, f: AuditFilter): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (f.userId !== undefined) where.push(eq(auditEvents.userId, f.userId));
  if (f.department !== undefined) where.push(eq(auditEvents.department, f.department));
  if (f.from !== undefined) where.push(gte(auditEvents.at, f.from));
  if (f.to !== undefined) where.push(lt(auditEvents.at, f.to));
  if (f.cities !== undefined && f.cities !== "all") where.push(withinCities(f.cities));
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
