import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Database } from "../../db/client.ts";
import { ROLE_LABELS, type Role } from "../../domain/access.ts";
import { COMMAND_LINE } from "../../usecases/authorize.ts";
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
  passwordStdin: boolean;
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
    },
  }).catch((e: unknown) => {
    throw namingOptions(e, "利用者を追加");
  });
  out(
    `利用者「${user.loginName}」（${ROLE_LABELS[user.role]}${user.department ? `・${user.department}` : ""}）を追加しました。`,
  );
}

/**
 * On the first start of an empty database, makes an administrator `admin` with a random password and
 * returns the password to print once; null when users exist.
 */
export async function ensureFirstAdmin(db: Database): Promise<string | null> {
  if (await hasUsers({ db })) return null;
  const password = randomBytes(12).toString("base64url");
  await addUser({
    db,
    actor: COMMAND_LINE,
    user: { loginName: "admin", displayName: "管理者", password, role: "admin", department: null },
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
