import {
  type Action,
  type Actor,
  type CityScope,
  citiesWhere,
  may,
  maySomewhere,
  type RowArgs,
  refusalFor,
  roleRefusal,
} from "../domain/access.ts";
import { HoshinError } from "./errors.ts";

// The use cases' side of domain/access.ts: one check that throws the table's refusal.

/** The command line acts as an administrator of every city: whoever runs it can read the database anyway. */
export const COMMAND_LINE: Actor = {
  userId: null,
  loginName: "cli",
  displayName: "コマンドライン",
  role: "admin",
  department: null,
  cities: "all",
};

function forbidden(message: string): HoshinError {
  return new HoshinError("forbidden", message);
}

/**
 * Checks a rule of domain/access.ts for the row just loaded (FormSG's getFormAfterPermissionChecks):
 * returns when `actor` may take `action`, else throws the `forbidden` error with the rule's reason.
 */
export function authorize<A extends Action>(actor: Actor, action: A, ...row: RowArgs<A>): void {
  if (!may(actor, action, ...row)) throw forbidden(refusalFor(actor, action, ...row));
}

/**
 * For an action on a city taken over every city the actor works for (a list of plans, the audit log):
 * the cities where the actor may take it; refused with the role's reason when there are none.
 */
export function authorizedCities(actor: Actor, action: Action): CityScope {
  if (!maySomewhere(actor, action)) throw forbidden(roleRefusal(action));
  return citiesWhere(actor, action);
}

/** The error of a field refusal of domain/access.ts (a role's `forbidden`, a review state's `conflict`). */
export function refused(r: { code: "forbidden" | "conflict"; message: string }): HoshinError {
  return new HoshinError(r.code, r.message);
}
