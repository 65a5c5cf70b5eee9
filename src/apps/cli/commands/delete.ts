import { type CommandArgs, parseYear, requireCity } from "../args.ts";
import type { Io } from "../cli-io.ts";
import { storage } from "../storage.ts";

/**
 * hoshin delete --city X [--year Y] [--yes]: deletes a plan year of a city, or without --year the city
 * with all its years. Without --yes it only says what would go (exit 1, nothing changed).
 */
export async function deleteCommand({ values }: CommandArgs, io: Io): Promise<number> {
  const city = requireCity(values.city);
  const fiscalYear = parseYear(values.year, false);
  const { openDatabase } = await storage();
  const { countsLabel, deletePlan, deletionLabel, previewPlanDeletion } = await import(
    "../../../usecases/plan/delete-plan.ts"
  );
  const { COMMAND_LINE } = await import("../../../usecases/authorize.ts");
  const db = await openDatabase();
  try {
    const target = { city, fiscalYear };
    if (!values.yes) {
      const preview = await previewPlanDeletion({ db: db.db, actor: COMMAND_LINE, ...target });
      io.out(
        `${deletionLabel(target)}を削除すると、${countsLabel(preview.counts)}が失われます（年度: ${preview.counts.fiscalYears.join("・") || "なし"}）。`,
      );
      io.out("削除するには --yes を付けて、もう一度実行してください。何も変更していません。");
      return 1;
    }
    const done = await deletePlan({ db: db.db, actor: COMMAND_LINE, ...target, confirmed: true });
    io.out(`${deletionLabel(target)}を削除しました（${countsLabel(done.counts)}）。`);
    return 0;
  } finally {
    await db.close();
  }
}
