import { describeRemovals } from "../../../domain/checks/import-removals.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { readImportFiles } from "../../../usecases/plan/import-files.ts";
import { type CommandArgs, parseYear, readInput } from "../args.ts";
import { type Io, UsageError } from "../cli-io.ts";
import { countLine, formatDiagnostics } from "../format-diagnostics.ts";
import { storage } from "../storage.ts";

const NOTHING_WRITTEN = "取り込みませんでした。データベースは変更していません。";

/** Where the command line takes what a form field names. */
const FLAGS: Record<string, string> = { city: "--city", fiscalYear: "--year" };

/**
 * hoshin import: reads one or more books (policies of one plan), checks them against --city and --year,
 * and stores them as the city's plan. Refused, with nothing written, when a book could not be read (its
 * reasons listed), and, without --replace, when stored policies, measures or projects would go.
 */
export async function importCommand({ values, positionals }: CommandArgs, io: Io): Promise<number> {
  if (positionals.length === 0) throw new UsageError("読み込むファイルを指定してください。");
  const files = await Promise.all(positionals.map((p) => readInput(p)));
  let reading: Awaited<ReturnType<typeof readImportFiles>>;
  try {
    reading = await readImportFiles({
      files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
      city: values.city ?? "",
      fiscalYear: parseYear(values.year, false),
    });
  } catch (e) {
    if (!(e instanceof HoshinError)) throw e;
    io.err(e.message);
    const flag = e.fields.map((f) => FLAGS[f.field]).find((x) => x !== undefined);
    if (flag) io.err(`${flag} で指定してください。`);
    io.err(NOTHING_WRITTEN);
    return 1;
  }
  for (const f of reading.files) {
    if (f.diagnostics.length > 0) io.out(formatDiagnostics(f.name, f.diagnostics));
  }
  if (reading.blockers.length > 0) {
    io.err(`読み取れない箇所が ${reading.blockers.length} 件あります（記載どおりに取り込めません）:`);
    for (const b of reading.blockers) {
      io.err(`  ${b.file ?? files[0]?.name ?? ""}${b.line !== null ? `:${b.line}` : ""}: ${b.message}`);
    }
    io.err(NOTHING_WRITTEN);
    return 1;
  }
  const { city, fiscalYear, plan } = reading;
  const { openDatabase, importPlan } = await storage();
  const db = await openDatabase();
  try {
    const result = await importPlan({
      db: db.db,
      city: city.code,
      fiscalYear,
      plan,
      sourceName: reading.files.map((f) => f.name).join(", "),
      sourceEncoding: [...new Set(reading.files.map((f) => f.encoding ?? "text"))].join(", "),
      replace: values.replace === true,
    });
    io.out(
      `${city.name}（${city.code}） ${formatWarekiFiscalYear(fiscalYear)}の実施計画を${result.replaced ? "置き換えて" : ""}取り込みました` +
        `（${db.kind === "postgres" ? "PostgreSQL" : "組み込みデータベース"}）: ` +
        `政策 ${result.counts.policies}、施策 ${result.counts.measures}、事務事業 ${result.counts.projects}。`,
    );
    if (result.removed.length > 0) {
      io.out("--replace により次のものを削除しました:");
      for (const line of describeRemovals(result.removed)) io.out(`  ${line}`);
    }
    if (plan.diagnostics.length > 0) {
      io.out(`指摘 ${plan.diagnostics.length} 件は計画とともに保存しました（数値は記載どおりに保存）。`);
    } else {
      io.out(countLine(plan.diagnostics));
    }
    return 0;
  } finally {
    await db.close();
  }
}
