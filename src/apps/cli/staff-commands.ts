import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Database } from "../../db/client.ts";
import { type CityScope, ROLE_LABELS, type Role } from "../../domain/access.ts";
import { COMMAND_LINE } from "../../usecases/authorize.ts";
import { resolveCity } from "../../usecases/cities/resolve-city.ts";
import { HoshinError } from "../../usecases/errors.ts";
import { addUser, hasUsers } from "../../usecases/staff/manage-users.ts";
import { resetPassword } from "../../usecases/staff/reset-password.ts";
import { unlockUser } from "../../usecases/staff/unlock-user.ts";

/** How the command line names each field of a user. */
const FIELD_OPTIONS: Record<string, string> = {
  loginName: "--login",
  displayName: "--name",
  role: "--role",
  department: "--department",
  cities: "--city",
  password: "パスワード",
};

/** A use case's form error with every problem naming the option it is about. */
function namingOptions(e: unknown, what: string): unknown {
  if (!(e instanceof HoshinError) || e.fields.length === 0) return e;
  const named = e.fields.map((f) => ({
    ...f,
    message: `${FIELD_OPTIONS[f.field] ?? f.field}: ${f.message}`,
  }));
  const options = [...new Set(e.fields.map((f) => FIELD_OPTIONS[f.field] ?? f.field))].join("、");
  return new HoshinError(e.code, `${what}できません。${options} を確かめてください。`, {
    cause: e,
    fields: named,
  });
}

export interface UserAddArgs {
  admin: boolean;
  role: string | undefined;
  login: string | undefined;
  name: string | undefined;
  department: string | undefined;
  /** `--city 202088[,202037]`: the cities of the account (codes or unambiguous names). */
  city: string | undefined;
  /** `--all-cities`: a システム管理者 of every city of the instance. */
  allCities: boolean;
  passwordStdin: boolean;
}

/** The cities of `--city` (codes or unambiguous names, comma separated) or `--all-cities`. */
function accountCities(a: UserAddArgs): CityScope {
  if (a.allCities) {
    if (a.city) throw new HoshinError("invalid-input", "--city と --all-cities は同時に指定できません。");
    return "all";
  }
  // None given: the use case refuses it with the other problems, named --city (namingOptions).
  const typed = (a.city ?? "")
    .split(/[,、，]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return typed.map((t) => {
    try {
      return resolveCity(t).code;
    } catch (e) {
      throw e instanceof HoshinError ? new HoshinError(e.code, `--city: ${e.message}`, { cause: e }) : e;
    }
  });
}

/** Reads a password: from stdin when piped (`--password-stdin`), else asked twice without echo. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  const ask = (q: string) =>
    new Promise<string>((done) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const r = rl as unknown as { _writeToOutput: (s: string) => void };
      let asked = false;
      r._writeToOutput = (s: string) => {
        if (!asked) {
          process.stdout.write(s);
          asked = true;
        }
      };
      rl.question(q, (a) => {
        rl.close();
        process.stdout.write("\n");
        done(a);
      });
    });
  const first = await ask("パスワード: ");
  const second = await ask("パスワード（確認）: ");
  if (first !== second) throw new HoshinError("invalid-input", "確認のパスワードが一致しません。");
  return first;
}

/** `hoshin user add`: adds a staff account from the command line (acts as an administrator). */
export async function userAdd(db: Database, a: UserAddArgs, out: (s: string) => void): Promise<void> {
  const role: Role = a.admin ? "admin" : ((a.role ?? "viewer") as Role);
  if (!(role in ROLE_LABELS)) {
    throw new HoshinError("invalid-input", "--role は admin・department・viewer のどれかです。");
  }
  if (!a.login)
    throw new HoshinError(
      "invalid-input",
      "--login でログイン名を指定してください（例: --login kikaku01）。",
    );
  const cities = accountCities(a);
  const password = await readPassword(a.passwordStdin);
  const user = await addUser({
    db,
    actor: COMMAND_LINE,
    user: {
      loginName: a.login,
      displayName: a.name ?? a.login,
      password,
      role,
      department: a.department ?? null,
      cities,
    },
  }).catch((e: unknown) => {
    throw namingOptions(e, "利用者を追加");
  });
  const where = user.cities === "all" ? "全市町村" : user.cities.join("・");
  out(
    `利用者「${user.loginName}」（${ROLE_LABELS[user.role]}${user.department ? `・${user.department}` : ""}、${where}）を追加しました。`,
  );
}

/**
 * On the first start of an empty database, makes an administrator `admin` of every city (システム管理者, who
 * then adds the accounts of each city) with a random password and returns the password to print once; null
 * when users exist.
 */
export async function ensureFirstAdmin(db: Database): Promise<string | null> {
  if (await hasUsers({ db })) return null;
  const password = randomBytes(12).toString("base64url");
  await addUser({
    db,
    actor: COMMAND_LINE,
    user: {
      loginName: "admin",
      displayName: "管理者",
      password,
      role: "admin",
      department: null,
      cities: "all",
    },
  });
  return password;
}

/** `hoshin user unlock NAME`: lifts the login throttle of a user. */
export async function userUnlock(db: Database, loginName: string, out: (s: string) => void): Promise<void> {
  const cleared = await unlockUser({ db, actor: COMMAND_LINE, loginName });
  out(`利用者「${loginName}」のログインの制限を解除しました（失敗の記録 ${cleared} 件を消しました）。`);
}

/** `hoshin user reset-password NAME`: sets a new password (asked for, or read from standard input). */
export async function userResetPassword(
  db: Database,
  loginName: string,
  passwordStdin: boolean,
  out: (s: string) => void,
): Promise<void> {
  const password = await readPassword(passwordStdin);
  await resetPassword({ db, actor: COMMAND_LINE, loginName, password }).catch((e: unknown) => {
    throw namingOptions(e, "パスワードを再設定");
  });
  out(
    `利用者「${loginName}」のパスワードを再設定しました。その利用者のログイン中の画面はログアウトされました。`,
  );
}
