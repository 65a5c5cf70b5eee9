import { type CommandArgs, parseYear, requireCity } from "../args.ts";
import type { Io } from "../cli-io.ts";
import { formatSummary } from "../format-summary.ts";
import { storage } from "../storage.ts";

/** hoshin summary: the rollups of a stored plan (by year, measure, department, budget head…). */
export async function summaryCommand({ values }: CommandArgs, io: Io): Promise<number> {
  const city = requireCity(values.city);
  const fiscalYear = parseYear(values.year, true) as number;
  const { openDatabase, summarizePlan } = await storage();
  const db = await openDatabase();
  try {
    const rollups = await summarizePlan({ db: db.db, city, fiscalYear });
    if (values.json) io.out(JSON.stringify({ city, fiscalYear, unit: "千円", rollups }, null, 2));
    else io.out(formatSummary({ city, fiscalYear, rollups }));
    return 0;
  } finally {
    await db.close();
  }
}
