import type { Database } from "../../src/db/client.ts";
import type { Actor } from "../../src/domain/access.ts";
import { COMMAND_LINE } from "../../src/usecases/authorize.ts";
import { HoshinError } from "../../src/usecases/errors.ts";
import { addUser, type NewUser } from "../../src/usecases/staff/manage-users.ts";

/** The HoshinError a promise is rejected with; fails the test if it resolves or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<HoshinError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof HoshinError)) throw new Error(`expected a HoshinError, got ${String(e)}`);
  return e;
}

/** Adds a user (as the command line does) and returns the Actor the use cases see for them. */
export async function createActor(db: Database, user: NewUser): Promise<Actor> {
  const row = await addUser({ db, actor: COMMAND_LINE, user });
  return {
    userId: row.id,
    loginName: row.loginName,
    displayName: row.displayName,
    role: row.role,
    department: row.department,
    cities: row.cities,
  };
}
