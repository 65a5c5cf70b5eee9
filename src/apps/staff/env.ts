import type { Database } from "../../db/client.ts";
import type { Actor } from "../../domain/access.ts";
import type { Session } from "../../usecases/staff/sessions.ts";

/** What every request of the staff app carries. */
export interface AppEnv {
  Variables: {
    db: Database;
    session: Session | null;
    /** The decoded form of a POST, read once by the CSRF check. */
    form: FormFields;
    /** Set by requireLogin. */
    actor: Actor;
  };
}

/** A submitted form: each name with its values (strings; files for uploads). */
export type FormFields = Map<string, (string | File)[]>;

export function formString(form: FormFields, name: string): string {
  const v = form.get(name)?.[0];
  return typeof v === "string" ? v : "";
}

export function formStrings(form: FormFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, vs] of form) {
    const v = vs[0];
    if (typeof v === "string") out[k] = v;
  }
  return out;
}
