import type { CommandArgs } from "../args.ts";
import { type Io, UsageError } from "../cli-io.ts";
import { storage } from "../storage.ts";

const USER_USAGE =
  "利用者の操作は hoshin user add / hoshin user unlock ログイン名 / hoshin user reset-password ログイン名 です。";

/**
 * hoshin user add | unlock NAME | reset-password NAME: adds a staff user, lifts a user's login throttle,
 * or sets a new password (asked for, or read from standard input).
 */
export async function userCommand({ values, positionals }: CommandArgs, io: Io): Promise<number> {
  const [action, name, ...extra] = positionals;
  if (action !== "add" && action !== "unlock" && action !== "reset-password")
    throw new UsageError(USER_USAGE);
  if (action !== "add" && (!name || extra.length > 0)) {
    throw new UsageError(`ログイン名を一つ指定してください（例: hoshin user ${action} kikaku01）。`);
  }
  const { openDatabase } = await storage();
  const commands = await import("../staff-commands.ts");
  const db = await openDatabase();
  try {
    if (action === "unlock") await commands.userUnlock(db.db, name as string, io.out);
    else if (action === "reset-password") {
      await commands.userResetPassword(db.db, name as string, values["password-stdin"] ?? false, io.out);
    } else {
      await commands.userAdd(
        db.db,
        {
          admin: values.admin ?? false,
          role: values.role,
          login: values.login,
          name: values.name,
          department: values.department,
          city: values.city,
          allCities: values["all-cities"] ?? false,
          passwordStdin: values["password-stdin"] ?? false,
        },
        io.out,
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}
