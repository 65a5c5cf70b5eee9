import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import type { Actor } from "../../domain/access.ts";
import type { FieldChange } from "../../domain/editing/changes.ts";
import { HoshinError } from "../errors.ts";
import { type AuditTarget, auditRows } from "../staff/audit-trail.ts";

// A field the actor's role may not change, sent anyway (a forged form: the page shows it read-only or not
// at all), is refused with 403 and recorded (issue 11, finding 9): one audit row per refused field, naming
// the user, the field and the target, written after the refused transaction has rolled back.

/** The audit action of a refused forged field. */
export const REFUSED_CHANGE = "refused-change";

/** A `forbidden` refusal of fields the actor's role may not change, with what to audit. */
export class ForgedFieldRefusal extends HoshinError {
  constructor(
    message: string,
    readonly actor: Actor,
    readonly target: AuditTarget,
    readonly refused: FieldChange[],
    field?: string,
  ) {
    super("forbidden", message, field ? { fields: [{ field, message }] } : {});
  }
}

/** Records a forged-field refusal in the audit log (outside the rolled-back transaction); returns it. */
export async function auditForgedFields(db: Database, e: unknown): Promise<unknown> {
  if (!(e instanceof ForgedFieldRefusal)) return e;
  await insertAuditEvents(db, auditRows(e.actor, REFUSED_CHANGE, e.target, e.refused, e.message));
  return e;
}
