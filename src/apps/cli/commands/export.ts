import { HoshinError } from "../../../usecases/errors.ts";
import { type CommandArgs, parseYear, requireCity } from "../args.ts";
import { type Io, UsageError } from "../cli-io.ts";
import { storage } from "../storage.ts";

/** hoshin export: a stored plan as JSON, HTML, PDF, an Excel workbook or CSV open data. */
export async function exportCommand({ values }: CommandArgs, io: Io): Promise<number> {
  const typed = requireCity(values.city);
  const fiscalYear = parseYear(values.year, true) as number;
  const { resolveCity } = await import("../../../usecases/cities/resolve-city.ts");
  const resolved = resolveCity(typed);
  const city = resolved.code;
  const format = values.format ?? "json";
  const { exportFormat, isExportFormat, EXPORT_FORMATS } = await import("../../../formats/publish.ts");
  if (!isExportFormat(format)) {
    throw new UsageError(
      `形式「${format}」には対応していません（${EXPORT_FORMATS.join("・")} のどれかです）。`,
    );
  }
  const { openDatabase, exportPlan } = await storage();
  const db = await openDatabase();
  let plan: Awaited<ReturnType<typeof exportPlan>>;
  try {
    plan = await exportPlan({ db: db.db, city, fiscalYear });
  } finally {
    await db.close();
  }
  if (format === "json" && !values.out) {
    const { withCurrentDiagnostics } = await import("../../../domain/checks/current-diagnostics.ts");
    io.out(JSON.stringify(withCurrentDiagnostics(plan), null, values.compact ? undefined : 2));
    return 0;
  }
  let files: Map<string, Uint8Array>;
  try {
    files = await exportFormat(format, plan, { city: resolved.name, cityCode: resolved.code, fiscalYear });
  } catch (e) {
    const { ChromiumUnavailable } = await import("../../../formats/book/chromium.ts");
    // A missing Chromium is one line saying what to install, not a stack trace.
    if (e instanceof ChromiumUnavailable) throw new HoshinError("not-found", e.message, { cause: e });
    throw e;
  } finally {
    if (format === "pdf") await (await import("../../../formats/book/chromium.ts")).closeSharedBrowser();
  }
  await writeExport(files, values.out, format, io);
  return 0;
}

/**
 * Writes exported files: one file to `--out` (or to standard output when it is not a terminal, or for
 * text formats), several (CSV open data) into the `--out` folder.
 */
async function writeExport(files: Map<string, Uint8Array>, out: string | undefined, format: string, io: Io) {
  const { mkdir, writeFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  if (files.size === 1 && !(out && format === "csv")) {
    const [[, bytes]] = [...files] as [[string, Uint8Array]];
    if (out) {
      await writeFile(out, bytes);
      io.err(`${out} に書き出しました（${bytes.length.toLocaleString("ja-JP")} バイト）。`);
      return;
    }
    if ((format === "pdf" || format === "xlsx") && process.stdout.isTTY) {
      throw new UsageError(
        `${format} は --out で書き出し先のファイルを指定してください（例: --out book.${format}）。`,
      );
    }
    process.stdout.write(bytes);
    return;
  }
  if (!out)
    throw new UsageError("CSV は複数のファイルになるため、--out で書き出し先のフォルダを指定してください。");
  await mkdir(out, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(out, name), bytes);
  io.err(`${out} に ${files.size} 個のファイルを書き出しました: ${[...files.keys()].join("、")}`);
}
