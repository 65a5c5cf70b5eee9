import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { deleteUserSessions, findUser, updateUser } from "../../db/users.ts";
import type { Actor } from "../../domain/access.ts";
import { authorize } from "../authorize.ts";
import { type FieldProblem, HoshinError } from "../errors.ts";
import { auditRows } from "./audit-trail.ts";
import { hashPassword, passwordProblems, verifyPassword } from "./passwords.ts";
import { hashToken } from "./sessions.ts";

/**
 * Changes the actor's own password (every role): the current password, and the new one typed twice.
 * Ends the user's other sessions; the one making the change (`keepSessionToken`) stays logged in.
 */
export async function changeOwnPassword(opts: {
  db: Database;
  actor: Actor;
  current: string;
  password: string;
  confirmation: string;
  keepSessionToken?: string | null;
}): Promise<void> {
  authorize(opts.actor, "changeOwnPassword");
  const userId = opts.actor.userId;
  const user = userId === null ? null : await findUser(opts.db, userId);
  if (!user || user.disabled) throw new HoshinError("unauthenticated", "ログインしてください。");
  const problems: FieldProblem[] = [];
  if (!(await verifyPassword(user.passwordHash, opts.current))) {
    problems.push({ field: "current", message: "現在のパスワードが違います。" });
  }
  for (const message of passwordProblems(opts.password, user.loginName)) {
    problems.push({ field: "password", message: `新しいパスワード: ${message}` });
  }
  if (opts.password !== opts.confirmation) {
    problems.push({ field: "confirmation", message: "新しいパスワード（確認）が一致しません。" });
  } else if (opts.password === opts.current && problems.length === 0) {
    problems.push({ field: "password", message: "新しいパスワードが現在のものと同じです。" });
  }
  if (problems.length > 0) {
    throw new HoshinError("invalid-input", "パスワードを変更できません。", { fields: problems });
  }
  const passwordHash = await hashPassword(opts.password);
  await opts.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await deleteUserSessions(tx, user.id, opts.keepSessionToken ? hashToken(opts.keepSessionToken) : null);
    await insertAuditEvents(
      tx,
      auditRows(opts.actor, "password-change", { kind: "user", id: user.id, label: user.loginName }, [
        { field: "password", label: "パスワード", before: null, after: "（変更）" },
      ]),
    );
  });
}
