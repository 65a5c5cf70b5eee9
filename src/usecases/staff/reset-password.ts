import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  clearFailedAttempts,
  deleteUserSessions,
  findUserByLogin,
  updateUser,
  userCityScope,
} from "../../db/users.ts";
import { type Actor, coversCities } from "../../domain/access.ts";
import { authorize } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import { auditRows } from "./audit-trail.ts";
import { hashPassword, passwordProblems } from "./passwords.ts";

/**
 * Sets a new password for a user who lost theirs (管理者 only; the command line acts as one): ends all
 * their sessions and lifts the login throttle of their name.
 */
export async function resetPassword(opts: {
  db: Database;
  actor: Actor;
  loginName: string;
  password: string;
}): Promise<void> {
  authorize(opts.actor, "resetPassword", { cities: [] });
  const user = await findUserByLogin(opts.db, opts.loginName);
  const cities = user ? await userCityScope(opts.db, user) : [];
  // An account of another city is not found: its name is not confirmed to exist.
  if (!user || !coversCities(opts.actor, cities)) {
    const message = `ログイン名「${opts.loginName}」の利用者は登録されていません。`;
    throw new HoshinError("not-found", message, { fields: [{ field: "loginName", message }] });
  }
  authorize(opts.actor, "resetPassword", { cities });
  const problems = passwordProblems(opts.password, user.loginName);
  if (problems.length > 0) {
    throw new HoshinError("invalid-input", `新しいパスワード: ${problems.join("")}`, {
      fields: problems.map((message) => ({ field: "password", message: `新しいパスワード: ${message}` })),
    });
  }
  const passwordHash = await hashPassword(opts.password);
  await opts.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await deleteUserSessions(tx, user.id);
    await clearFailedAttempts(tx, user.loginName);
    await insertAuditEvents(
      tx,
      auditRows(opts.actor, "user-reset-password", { kind: "user", id: user.id, label: user.loginName }, [
        { field: "password", label: "パスワード", before: null, after: "（再設定）" },
      ]),
    );
  });
}
