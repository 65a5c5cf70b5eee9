import type { NewAuditEvent } from "../../db/audit.ts";
import type { Actor } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/editing/changes.ts";

/** What an audit event is about: a project, a measure, a plan or a user, with the names copied. */
export interface AuditTarget {
  kind: NewAuditEvent["entityKind"];
  id: number | null;
  label: string;
  planVersionId?: number | null;
  /** The city's name (as it is now: the log keeps it after the city is renamed or deleted) and code. */
  city?: string | null;
  cityCode?: string | null;
  fiscalYear?: number | null;
  department?: string | null;
}

/** Audit rows for an action: one per changed field, or a single row when nothing field-like changed. */
export function auditRows(
  actor: Actor,
  action: string,
  target: AuditTarget,
  changes: FieldChange[] = [],
  comment: string | null = null,
): NewAuditEvent[] {
  const base = {
    userId: actor.userId,
    userName: `${actor.displayName}（${actor.loginName}）`,
    action,
    planVersionId: target.planVersionId ?? null,
    city: target.city ?? null,
    cityCode: target.cityCode ?? null,
    fiscalYear: target.fiscalYear ?? null,
    entityKind: target.kind,
    entityId: target.id,
    entityLabel: target.label,
    department: target.department ?? null,
    comment,
  };
  if (changes.length === 0) return [{ ...base, field: null, before: null, after: null }];
  return changes.map((c) => ({ ...base, field: c.label, before: c.before, after: c.after }));
}
