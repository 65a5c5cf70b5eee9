import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { mergePlans } from "../../../domain/plan/merge.ts";
import { readPlanFile } from "../../../formats/read-plan-file.ts";
import { type CommandArgs, parseYear, readInput, requireCity } from "../args.ts";
import { type Io, UsageError } from "../cli-io.ts";
import { countLine, formatDiagnostics } from "../format-diagnostics.ts";
import { storage } from "../storage.ts";

/** hoshin import: reads one or more books (policies of one plan) and stores them as the city's plan. */
export async function importCommand({ values, positionals }: CommandArgs, io: Io): Promise<number> {
  if (positionals.length === 0) throw new UsageError("読み込むファイルを指定してください。");
  const inputs = await Promise.all(positionals.map((p) => readInput(p)));
  const readings = await Promise.all(
    inputs.map(async (input) => ({ name: input.name, reading: await readPlanFile(input.bytes) })),
  );
  let refused = false;
  for (const { name, reading } of readings) {
    if (reading.plan.diagnostics.length > 0) io.out(formatDiagnostics(name, reading.plan.diagnostics));
    if (reading.plan.policies.length === 0) {
      io.err(`${name}: 政策が1つも読み取れませんでした。`);
      refused = true;
    }
  }
  if (refused) {
    io.err("取り込みませんでした。データベースは変更していません。");
    return 1;
  }
  // A workbook names its city; a text book does not, so --city is needed for text (and wins if given).
  const cities = [...new Set(readings.map((r) => r.reading.city))];
  const city = requireCity(values.city ?? (cities.length === 1 ? (cities[0] ?? undefined) : undefined));
  const years = [...new Set(readings.map((r) => r.reading.fiscalYear).filter((y) => y !== null))];
  const fiscalYear = parseYear(values.year, false) ?? (years.length === 1 ? (years[0] ?? null) : null);
  if (fiscalYear === null) {
    throw new UsageError(
      years.length > 1
        ? `ファイルごとに年度が異なります（${years.map((y) => formatWarekiFiscalYear(y ?? 0)).join("、")}）。--year で指定してください。`
        : "年度を本文から判別できません。--year で指定してください。",
    );
  }
  const { plan, duplicates } = mergePlans(readings.map((r) => ({ name: r.name, plan: r.reading.plan })));
  for (const d of duplicates) io.err(`政策 ${d.code} が複数のファイルにあります: ${d.books.join("、")}`);
  if (duplicates.length > 0) {
    io.err("取り込みませんでした。データベースは変更していません。");
    return 1;
  }
  const { openDatabase, importPlan } = await storage();
  const db = await openDatabase();
  try {
    const result = await importPlan({
      db: db.db,
      city,
      fiscalYear,
      plan,
      sourceName: readings.map((r) => r.name).join(", "),
      sourceEncoding: [...new Set(readings.map((r) => r.reading.encoding ?? "text"))].join(", "),
      replace: values.replace === true,
    });
    io.out(
      `${city} ${formatWarekiFiscalYear(fiscalYear)}の実施計画を${result.replaced ? "置き換えて" : ""}取り込みました` +
        `（${db.kind === "postgres" ? "PostgreSQL" : "組み込みデータベース"}）: ` +
        `政策 ${result.counts.policies}、施策 ${result.counts.measures}、事務事業 ${result.counts.projects}。`,
    );
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
