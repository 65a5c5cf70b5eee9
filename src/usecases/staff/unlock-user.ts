import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { clearFailedAttempts, findUserByLogin, userCityScope } from "../../db/users.ts";
import { type Actor, coversCities } from "../../domain/access.ts";
import { authorize } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import { auditRows } from "./audit-trail.ts";

/**
 * Lifts the login throttle of a user (管理者 only; the command line acts as one): forgets the failed
 * logins against their login name from every address, so the next correct password gets in at once.
 * Returns how many failures were forgotten.
 */
export async function unlockUser(opts: { db: Database; actor: Actor; loginName: string }): Promise<number> {
  // The role first (an account of no city is anyone's to check), then the account's cities.
  authorize(opts.actor, "unlockUser", { cities: [] });
  return opts.db.transaction(async (tx) => {
    const user = await findUserByLogin(tx, opts.loginName);
    // An account of another city is not found: its name is not confirmed to exist.
    if (!user || !coversCities(opts.actor, await userCityScope(tx, user))) {
      throw new HoshinError("not-found", `ログイン名「${opts.loginName}」の利用者は登録されていません。`, {
        fields: [
          { field: "loginName", message: `ログイン名「${opts.loginName}」の利用者は登録されていません。` },
        ],
      });
    }
    authorize(opts.actor, "unlockUser", { cities: await userCityScope(tx, user) });
    const cleared = await clearFailedAttempts(tx, user.loginName);
    await insertAuditEvents(
      tx,
      auditRows(opts.actor, "user-unlock", { kind: "user", id: user.id, label: user.loginName }, [
        { field: "failures", label: "ログインの失敗", before: String(cleared), after: "0" },
      ]),
    );
    return cleared;
  });
}
