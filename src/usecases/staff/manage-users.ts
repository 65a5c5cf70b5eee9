import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { sqlState } from "../../db/errors.ts";
import {
  clearFailedAttempts,
  countUsers,
  deleteUserSessions,
  findUser,
  insertUser,
  listUsers,
  type UserRow,
  updateUser,
} from "../../db/users.ts";
import { type Actor, ROLE_LABELS, type Role } from "../../domain/access.ts";
import { authorize } from "../authorize.ts";
import { type FieldProblem, fromDatabaseError, HoshinError } from "../errors.ts";
import { listDepartments } from "../plan/list-plans.ts";
import { auditRows } from "./audit-trail.ts";
import { hashPassword, passwordProblems } from "./passwords.ts";

export interface NewUser {
  loginName: string;
  displayName: string;
  password: string;
  role: Role;
  department: string | null;
}

export type PublicUser = Omit<UserRow, "passwordHash">;

const LOGIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

function userProblems(u: Omit<NewUser, "password"> & { password?: string }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!LOGIN_NAME.test(u.loginName)) {
    out.push({
      field: "loginName",
      message: "ログイン名は半角英数字と . _ - で、2〜64文字にしてください（先頭は英数字）。",
    });
  }
  if (u.displayName.trim() === "" || u.displayName.length > 100) {
    out.push({ field: "displayName", message: "氏名を100文字以内で入力してください。" });
  }
  if (!(u.role in ROLE_LABELS)) out.push({ field: "role", message: "役割を選んでください。" });
  if (u.role === "department" && (u.department ?? "").trim() === "") {
    out.push({ field: "department", message: "担当課の利用者には所属課を入力してください。" });
  }
  if (u.password !== undefined) {
    for (const m of passwordProblems(u.password, u.loginName)) out.push({ field: "password", message: m });
  }
  return out;
}

/**
 * A 担当課 user's department must be one of the departments of the plans (所管課 of their projects and
 * measures): a typo would give a user who can edit nothing.
 */
async function departmentProblem(
  db: Database,
  role: Role,
  department: string | null,
): Promise<FieldProblem | null> {
  if (role !== "department" || !department) return null;
  const known = await listDepartments({ db });
  if (known.includes(department)) return null;
  const choose =
    known.length === 0
      ? "計画が登録されていないため、担当課の利用者はまだ追加できません。先に計画書を取り込んでください。"
      : `次のどれかを選んでください: ${known.slice(0, 30).join("、")}${known.length > 30 ? " ほか" : ""}。`;
  return {
    field: "department",
    message: `所属課「${department}」は登録された計画の所管課にありません。${choose}`,
  };
}

function publicUser({ passwordHash: _, ...u }: UserRow): PublicUser {
  return u;
}

/** Adds a staff account (管理者 only; the command line acts as one). */
export async function addUser(opts: { db: Database; actor: Actor; user: NewUser }): Promise<PublicUser> {
  authorize(opts.actor, "addUser");
  const u = {
    ...opts.user,
    department: opts.user.role === "department" ? opts.user.department?.trim() || null : null,
  };
  const problems = userProblems(u);
  const department = await departmentProblem(opts.db, u.role, u.department);
  if (department) problems.push(department);
  if (problems.length > 0) {
    throw new HoshinError("invalid-input", "利用者を追加できません。入力を確かめてください。", {
      fields: problems,
    });
  }
  const passwordHash = await hashPassword(u.password);
  try {
    return await opts.db.transaction(async (tx) => {
      const row = await insertUser(tx, {
        loginName: u.loginName,
        displayName: u.displayName.trim(),
        passwordHash,
        role: u.role,
        department: u.department,
      });
      await insertAuditEvents(
        tx,
        auditRows(
          opts.actor,
          "user-add",
          { kind: "user", id: row.id, label: row.loginName, department: row.department },
          [
            { field: "role", label: "役割", before: null, after: ROLE_LABELS[row.role] },
            ...(row.department
              ? [{ field: "department", label: "所属課", before: null, after: row.department }]
              : []),
          ],
        ),
      );
      return publicUser(row);
    });
  } catch (e) {
    if (sqlState(e) === "23505") {
      throw new HoshinError("conflict", `ログイン名「${u.loginName}」は既に使われています。`, {
        fields: [{ field: "loginName", message: `ログイン名「${u.loginName}」は既に使われています。` }],
      });
    }
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}

export async function listStaff(opts: { db: Database; actor: Actor }): Promise<PublicUser[]> {
  authorize(opts.actor, "listUsers");
  return (await listUsers(opts.db)).map(publicUser);
}

export interface UserChange {
  role: Role;
  department: string | null;
  disabled: boolean;
  /** A new password, or empty to keep the current one. */
  password: string;
}

/** Changes a user's role, department, enabled state or password (管理者 only). Ends their sessions. */
export async function changeUser(opts: {
  db: Database;
  actor: Actor;
  userId: number;
  change: UserChange;
}): Promise<PublicUser> {
  authorize(opts.actor, "changeUser");
  const c = {
    ...opts.change,
    department: opts.change.role === "department" ? opts.change.department?.trim() || null : null,
  };
  return opts.db.transaction(async (tx) => {
    const before = await findUser(tx, opts.userId);
    if (!before) throw new HoshinError("not-found", "指定の利用者は登録されていません。");
    const problems = userProblems({
      loginName: before.loginName,
      displayName: before.displayName,
      role: c.role,
      department: c.department,
      ...(c.password === "" ? {} : { password: c.password }),
    });
    if (c.department !== before.department) {
      const department = await departmentProblem(tx, c.role, c.department);
      if (department) problems.push(department);
    }
    if (opts.actor.userId === before.id && (c.disabled || c.role !== "admin")) {
      problems.push({ field: "role", message: "自分自身の管理者権限を外したり、無効にしたりはできません。" });
    }
    if (problems.length > 0) {
      throw new HoshinError("invalid-input", "利用者を変更できません。入力を確かめてください。", {
        fields: problems,
      });
    }
    const passwordHash = c.password === "" ? undefined : await hashPassword(c.password);
    await updateUser(tx, before.id, {
      role: c.role,
      department: c.department,
      disabled: c.disabled,
      ...(passwordHash ? { passwordHash } : {}),
    });
    if (passwordHash || c.disabled || c.role !== before.role || c.department !== before.department) {
      await deleteUserSessions(tx, before.id);
    }
    // A password set by the administrator is a reset: the failed logins against the name are forgotten.
    if (passwordHash) await clearFailedAttempts(tx, before.loginName);
    const changes = [
      { field: "role", label: "役割", before: ROLE_LABELS[before.role], after: ROLE_LABELS[c.role] },
      { field: "department", label: "所属課", before: before.department, after: c.department },
      {
        field: "disabled",
        label: "状態",
        before: before.disabled ? "無効" : "有効",
        after: c.disabled ? "無効" : "有効",
      },
      ...(passwordHash
        ? [{ field: "password", label: "パスワード", before: null, after: "（再設定）" }]
        : []),
    ].filter((x) => x.before !== x.after);
    await insertAuditEvents(
      tx,
      auditRows(
        opts.actor,
        "user-change",
        { kind: "user", id: before.id, label: before.loginName, department: c.department },
        changes,
      ),
    );
    const after = await findUser(tx, before.id);
    if (!after) throw new Error("内部エラー: 利用者が消えました。");
    return publicUser(after);
  });
}

/** Whether any user exists (the first start of an empty database has none). */
export async function hasUsers(opts: { db: Database }): Promise<boolean> {
  return (await countUsers(opts.db)) > 0;
}
