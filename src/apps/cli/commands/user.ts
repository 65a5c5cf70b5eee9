import type { CommandArgs } from "../args.ts";
import { type Io, UsageError } from "../cli-io.ts";
import { storage } from "../storage.ts";

/** hoshin user add: adds a staff user (the password asked for, or read from standard input). */
export async function userCommand({ values, positionals }: CommandArgs, io: Io): Promise<number> {
  if (positionals[0] !== "add") throw new UsageError("利用者の追加は hoshin user add です。");
  const { openDatabase } = await storage();
  const { userAdd } = await import("../staff-commands.ts");
  const db = await openDatabase();
  try {
    await userAdd(
      db.db,
      {
        admin: values.admin ?? false,
        role: values.role,
        login: values.login,
        name: values.name,
        department: values.department,
        passwordStdin: values["password-stdin"] ?? false,
      },
      io.out,
    );
    return 0;
  } finally {
    await db.close();
  }
}
