import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { CommandArgs } from "../args.ts";
import type { Io } from "../cli-io.ts";
import { storage } from "../storage.ts";
import { renderTable } from "../table.ts";

/** hoshin list: the cities and years imported. */
export async function listCommand(_args: CommandArgs, io: Io): Promise<number> {
  const { openDatabase, listPlans } = await storage();
  const db = await openDatabase();
  try {
    const { COMMAND_LINE } = await import("../../../usecases/authorize.ts");
    const versions = await listPlans({ db: db.db, actor: COMMAND_LINE });
    if (versions.length === 0) {
      io.out("取り込まれた実施計画はまだありません。hoshin import <ファイル> --city 市町村 で取り込めます。");
      return 0;
    }
    io.out(
      renderTable(
        ["コード", "市町村", "年度", "計画書", "取込日時"],
        versions.map((v) => [
          v.cityCode,
          `${v.prefecture}${v.city}`,
          `${formatWarekiFiscalYear(v.fiscalYear)}（${v.fiscalYear}）`,
          v.sourceName ?? "—",
          v.importedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" }),
        ]),
        { leftColumns: 5 },
      ),
    );
    return 0;
  } finally {
    await db.close();
  }
}
