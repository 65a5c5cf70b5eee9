import { insertAuditEvents } from "../../db/audit.ts";
import { type InstanceCity, listInstanceCities } from "../../db/cities.ts";
import type { Database } from "../../db/client.ts";
import { sqlState } from "../../db/errors.ts";
import {
  cityScopeOf,
  clearFailedAttempts,
  countUsers,
  deleteUserSessions,
  findUser,
  insertUser,
  listUsers,
  setUserCities,
  type UserRow,
  updateUser,
  userCityCodes,
  userCityScope,
} from "../../db/users.ts";
import {
  type Actor,
  type CityScope,
  coversCities,
  may,
  ROLE_LABELS,
  type Role,
} from "../../domain/access.ts";
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
  /** The cities the account works for (codes of the instance's cities), or "all" (システム管理者). */
  cities: CityScope;
}

/** An account as the pages show it, without its password hash, with the cities it works for. */
export type PublicUser = Omit<UserRow, "passwordHash"> & { cities: CityScope };

const LOGIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

function userProblems(u: Omit<NewUser, "password" | "cities"> & { password?: string }): FieldProblem[] {
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

/** The cities of an account: at least one, each a city of the instance (or "all"). */
async function citiesProblem(db: Database, cities: CityScope): Promise<FieldProblem | null> {
  if (cities === "all") return null;
  if (cities.length === 0) {
    return {
      field: "cities",
      message: "利用者が担当する市町村を1つ以上指定してください。",
    };
  }
  const known = new Set((await listInstanceCities(db)).map((c) => c.code));
  const unknown = cities.filter((code) => !known.has(code));
  if (unknown.length === 0) return null;
  return {
    field: "cities",
    message: `市町村「${unknown.slice(0, 5).join("、")}」はこのシステムに登録されていません。登録された市町村から選んでください。`,
  };
}

/** 「202088・202037」 or 「全市町村」: the cities of an account in the audit log. */
function citiesLabel(cities: CityScope): string {
  return cities === "all" ? "全市町村" : [...cities].sort().join("・");
}

/**
 * A 担当課 user's department must be one of the departments of the plans of its cities (所管課 of their
 * projects and measures): a typo would give a user who can edit nothing.
 */
async function departmentProblem(
  db: Database,
  role: Role,
  department: string | null,
  cities: CityScope,
): Promise<FieldProblem | null> {
  if (role !== "department" || !department) return null;
  const known = await listDepartments({ db, cities });
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

function publicUser({ passwordHash: _, ...u }: UserRow, cities: CityScope): PublicUser {
  return { ...u, cities };
}

/**
 * Adds a staff account (管理者 of every city given; only an all-cities administrator gives "all"; the
 * command line acts as one).
 */
export async function addUser(opts: { db: Database; actor: Actor; user: NewUser }): Promise<PublicUser> {
  const cities: CityScope = opts.user.cities === "all" ? "all" : [...new Set(opts.user.cities)].sort();
  authorize(opts.actor, "addUser", { cities });
  const u = {
    ...opts.user,
    cities,
    department: opts.user.role === "department" ? opts.user.department?.trim() || null : null,
  };
  const problems = userProblems(u);
  const cityProblem = await citiesProblem(opts.db, cities);
  if (cityProblem) problems.push(cityProblem);
  const department = cityProblem ? null : await departmentProblem(opts.db, u.role, u.department, cities);
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
        cities,
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
            { field: "cities", label: "市町村", before: null, after: citiesLabel(cities) },
          ],
        ),
      );
      return publicUser(row, cities);
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

/**
 * The accounts the administrator manages: those whose cities are all its own (every account for an
 * all-cities administrator). An account that also works for another city is not listed.
 */
export async function listStaff(opts: { db: Database; actor: Actor }): Promise<PublicUser[]> {
  authorize(opts.actor, "listUsers");
  const rows = await listUsers(opts.db);
  const codes = await userCityCodes(
    opts.db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => publicUser(r, cityScopeOf(r, codes.get(r.id) ?? [])))
    .filter((u) => coversCities(opts.actor, u.cities));
}

/** One account the administrator manages, or not-found (also for an account of another city). */
export async function findStaff(opts: { db: Database; actor: Actor; userId: number }): Promise<PublicUser> {
  authorize(opts.actor, "listUsers");
  const row = await findUser(opts.db, opts.userId);
  const cities = row ? await userCityScope(opts.db, row) : [];
  if (!row || !coversCities(opts.actor, cities)) {
    throw new HoshinError("not-found", "指定の利用者は登録されていません。");
  }
  return publicUser(row, cities);
}

export interface UserChange {
  role: Role;
  department: string | null;
  disabled: boolean;
  /** A new password, or empty to keep the current one. */
  password: string;
  /** The cities the account works for from now on. */
  cities: CityScope;
}

/**
 * Changes a user's role, department, cities, enabled state or password (管理者 of every city the account
 * had and gets). Ends their sessions.
 */
export async function changeUser(opts: {
  db: Database;
  actor: Actor;
  userId: number;
  change: UserChange;
}): Promise<PublicUser> {
  const cities: CityScope = opts.change.cities === "all" ? "all" : [...new Set(opts.change.cities)].sort();
  authorize(opts.actor, "changeUser", { cities });
  const c = {
    ...opts.change,
    cities,
    department: opts.change.role === "department" ? opts.change.department?.trim() || null : null,
  };
  return opts.db.transaction(async (tx) => {
    const before = await findUser(tx, opts.userId);
    const beforeCities = before ? await userCityScope(tx, before) : [];
    // An account of another city is not found (as in the list): nothing of it is shown or changed.
    if (!before || !coversCities(opts.actor, beforeCities)) {
      throw new HoshinError("not-found", "指定の利用者は登録されていません。");
    }
    authorize(opts.actor, "changeUser", { cities: beforeCities });
    const citiesChanged = citiesLabel(beforeCities) !== citiesLabel(cities);
    const problems = userProblems({
      loginName: before.loginName,
      displayName: before.displayName,
      role: c.role,
      department: c.department,
      ...(c.password === "" ? {} : { password: c.password }),
    });
    const cityProblem = citiesChanged ? await citiesProblem(tx, cities) : null;
    if (cityProblem) problems.push(cityProblem);
    if (!cityProblem && (c.department !== before.department || citiesChanged)) {
      const department = await departmentProblem(tx, c.role, c.department, cities);
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
    if (citiesChanged) await setUserCities(tx, before.id, cities);
    if (
      passwordHash ||
      c.disabled ||
      c.role !== before.role ||
      c.department !== before.department ||
      citiesChanged
    ) {
      await deleteUserSessions(tx, before.id);
    }
    // A password set by the administrator is a reset: the failed logins against the name are forgotten.
    if (passwordHash) await clearFailedAttempts(tx, before.loginName);
    const changes = [
      { field: "role", label: "役割", before: ROLE_LABELS[before.role], after: ROLE_LABELS[c.role] },
      { field: "department", label: "所属課", before: before.department, after: c.department },
      { field: "cities", label: "市町村", before: citiesLabel(beforeCities), after: citiesLabel(cities) },
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
    return publicUser(after, cities);
  });
}

/** What the users page offers an administrator: the cities it may give, and whether it may give "all". */
export interface AccountChoices {
  cities: InstanceCity[];
  allCities: boolean;
}

export async function accountChoices(opts: { db: Database; actor: Actor }): Promise<AccountChoices> {
  authorize(opts.actor, "listUsers");
  const cities = (await listInstanceCities(opts.db)).filter((c) => coversCities(opts.actor, [c.code]));
  return {
    cities: cities.filter((c) => may(opts.actor, "addUser", { cities: [c.code] })),
    allCities: may(opts.actor, "addUser", { cities: "all" }),
  };
}

/** Whether any user exists (the first start of an empty database has none). */
export async function hasUsers(opts: { db: Database }): Promise<boolean> {
  return (await countUsers(opts.db)) > 0;
}
