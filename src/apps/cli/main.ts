import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { OUTLOOK_LABELS } from "../../domain/evaluation/evaluation.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { mergePlans } from "../../domain/plan/merge.ts";
import { formatThousands } from "../../domain/plan/money.ts";
import { readPlanFile } from "../../formats/read-plan-file.ts";
import type { ComparedSide, PlanComparison } from "../../usecases/cycle/compare-plans.ts";
import type { RolloverPlanResult } from "../../usecases/cycle/rollover-plan.ts";
import { HoshinError } from "../../usecases/errors.ts";
import { type Io, UsageError } from "./cli-io.ts";
import { start } from "./commands/start.ts";
import { countLine, formatDiagnostics } from "./format-diagnostics.ts";
import { formatSummary } from "./format-summary.ts";
import { storage } from "./storage.ts";
import { renderTable } from "./table.ts";

export { SAMPLE_BOOK, SAMPLE_CITY, SAMPLE_YEAR } from "./commands/start.ts";

const USAGE = `使い方: hoshin <コマンド> [オプション]

  parse <ファイル>                          実施計画書（テキストまたは Excel ブック）を読み、hoshin-plan/1 の
                                           JSON を表示します
  check <ファイル>                          誤りや不審な点を行番号（ブックはシートとセル）つきで表示します
                                           （エラーがあれば終了コード 1）
  import <ファイル>… --city 市町村名 [--year 年度] [--replace]
                                           データベースに取り込みます。ファイルは実施計画書のテキストか、
                                           export --format xlsx で書き出して編集した Excel ブック（ブックなら
                                           --city と --year は省略可）。政策ごとのファイルは一度に指定します。
                                           同じ市町村・年度は置き換えます（登録済みの政策が失われる場合は
                                           --replace がなければ取り込みません）
  export --city 市町村名 --year 年度 [--format json|html|pdf|xlsx|csv] [--out ファイルまたはフォルダ]
                                           取り込んだ計画を JSON、実施計画書の HTML・PDF（A4）、Excel ブック、
                                           オープンデータ（CSV と datapackage.json、--out にフォルダを指定）で
                                           出力します
  summary --city 市町村名 --year 年度 [--json]     年度別・施策別・所管課別・款別などの集計を表示します
  rollover --city 市町村名 --from 年度 [--replace] [--json]
                                           次年度の実施計画を作成します（計画期間を1年進め、最終年度は前年度の
                                           額を見込みとして複写。評価が廃止・完了の事務事業は除外して一覧表示）。
                                           次年度の計画が登録済みなら --replace がなければ作成しません
  diff --city 市町村名 --from 年度 --to 年度 [--json]
  diff --city 市町村名 --year 年度 --imported [--json]
                                           2つの年度の計画、または取り込み時（繰越時）と現在の計画を比べ、追加・
                                           削除・変更された事務事業と項目ごとの変更前 → 変更後を表示します
  list                                     取り込んだ市町村と年度の一覧を表示します
  start [--port 3000] [--no-server]        見本の実施計画書（小諸市 令和6年度）を初回に読み込み、集計を表示して
                                           職員用の画面を http://localhost:3000 で開きます（--no-server なら表示のみ）
  user add --login ログイン名 [--name 氏名] [--admin | --role department --department 課名 | --role viewer]
           [--password-stdin]              利用者を追加します（パスワードは入力を求めるか、標準入力から読みます）

  年度は西暦（2024）でも和暦（令和6年度）でも指定できます。
  データベース: 既定は ./data の組み込み PostgreSQL（PGlite）。HOSHIN_DATA_DIR で場所を、
  DATABASE_URL で PostgreSQL サーバーを指定できます。`;

function parseYear(value: string | undefined, required: boolean): number | null {
  if (value === undefined) {
    if (required)
      throw new UsageError("--year で年度を指定してください（例: --year 2024 または --year 令和6年度）。");
    return null;
  }
  if (/^\d{4}$/.test(value)) return Number(value);
  const m = /^(令和|平成)(元|\d{1,2})年度?$/.exec(value.replace(/\s/g, ""));
  if (m) return (m[1] === "令和" ? 2018 : 1988) + (m[2] === "元" ? 1 : Number(m[2]));
  throw new UsageError(`年度「${value}」を読めません（例: 2024 または 令和6年度）。`);
}

/** A year given with another option than --year (--from, --to). */
function yearOption(value: string | undefined, flag: string): number {
  if (value === undefined)
    throw new UsageError(`${flag} で年度を指定してください（例: ${flag} 2024 または ${flag} 令和6年度）。`);
  return parseYear(value, true) as number;
}

function requireCity(value: string | undefined): string {
  if (!value || value.trim() === "")
    throw new UsageError("--city で市町村名を指定してください（例: --city 小諸市）。");
  return value.trim();
}

async function readInput(path: string | undefined): Promise<{ bytes: Uint8Array; name: string }> {
  if (!path) throw new UsageError("読み込むファイルを指定してください。");
  try {
    return { bytes: await readFile(path), name: basename(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "見つかりません"
        : code === "EISDIR"
          ? "フォルダです"
          : `読めません（${code ?? String(e)}）`;
    throw new UsageError(`ファイル「${path}」が${why}。`);
  }
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

/** Runs one command; returns the process exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      city: { type: "string" },
      year: { type: "string" },
      format: { type: "string" },
      json: { type: "boolean" },
      from: { type: "string" },
      to: { type: "string" },
      imported: { type: "boolean" },
      compact: { type: "boolean" },
      replace: { type: "boolean" },
      port: { type: "string" },
      host: { type: "string" },
      "no-server": { type: "boolean" },
      admin: { type: "boolean" },
      role: { type: "string" },
      login: { type: "string" },
      name: { type: "string" },
      department: { type: "string" },
      "password-stdin": { type: "boolean" },
      out: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (!command || command === "help" || values.help) {
    io.out(USAGE);
    return command ? 0 : 2;
  }

  switch (command) {
    case "parse": {
      const input = await readInput(positionals[0]);
      const { plan } = await readPlanFile(input.bytes);
      io.out(JSON.stringify(plan, null, values.compact ? undefined : 2));
      return 0;
    }
    case "check": {
      const input = await readInput(positionals[0]);
      const { plan } = await readPlanFile(input.bytes);
      io.out(formatDiagnostics(input.name, plan.diagnostics));
      return plan.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
    }
    case "import": {
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
    case "export": {
      const city = requireCity(values.city);
      const fiscalYear = parseYear(values.year, true) as number;
      const format = values.format ?? "json";
      const { exportFormat, isExportFormat, EXPORT_FORMATS } = await import("../../formats/publish.ts");
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
        const { withCurrentDiagnostics } = await import("../../domain/checks/current-diagnostics.ts");
        io.out(JSON.stringify(withCurrentDiagnostics(plan), null, values.compact ? undefined : 2));
        return 0;
      }
      const files = await exportFormat(format, plan, { city, fiscalYear });
      await writeExport(files, values.out, format, io);
      return 0;
    }
    case "summary": {
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
    case "rollover": {
      const city = requireCity(values.city);
      const fromYear = yearOption(values.from, "--from");
      const { openDatabase } = await storage();
      const { rollOverPlan } = await import("../../usecases/cycle/rollover-plan.ts");
      const { COMMAND_LINE } = await import("../../usecases/actor.ts");
      const db = await openDatabase();
      try {
        const result = await rollOverPlan({
          db: db.db,
          actor: COMMAND_LINE,
          city,
          fromYear,
          replace: values.replace === true,
        });
        io.out(values.json ? JSON.stringify(result, null, 2) : formatRollover(result));
        return 0;
      } finally {
        await db.close();
      }
    }
    case "diff": {
      const city = requireCity(values.city);
      let plan: { city: string; fiscalYear: number };
      let against: { city: string; fiscalYear: number } | "source";
      if (values.imported) {
        if (values.from !== undefined || values.to !== undefined)
          throw new UsageError("--imported は --year と使います（--from・--to とは一緒に使えません）。");
        plan = { city, fiscalYear: parseYear(values.year, true) as number };
        against = "source";
      } else {
        if (values.year !== undefined)
          throw new UsageError(
            "2つの年度を比べるときは --from と --to を、取り込み時と比べるときは --year と --imported を指定してください。",
          );
        against = { city, fiscalYear: yearOption(values.from, "--from") };
        plan = { city, fiscalYear: yearOption(values.to, "--to") };
      }
      const { openDatabase } = await storage();
      const { comparePlans } = await import("../../usecases/cycle/compare-plans.ts");
      const { COMMAND_LINE } = await import("../../usecases/actor.ts");
      const db = await openDatabase();
      try {
        const comparison = await comparePlans({ db: db.db, actor: COMMAND_LINE, plan, against });
        io.out(
          values.json
            ? JSON.stringify(
                {
                  before: sideJson(comparison.before),
                  after: sideJson(comparison.after),
                  unit: "千円",
                  ...comparison.diff,
                },
                null,
                2,
              )
            : formatComparison(comparison),
        );
        return 0;
      } finally {
        await db.close();
      }
    }
    case "list": {
      const { openDatabase, listPlans } = await storage();
      const db = await openDatabase();
      try {
        const versions = await listPlans({ db: db.db });
        if (versions.length === 0) {
          io.out(
            "取り込まれた実施計画はまだありません。hoshin import <ファイル> --city 市町村名 で取り込めます。",
          );
          return 0;
        }
        io.out(
          renderTable(
            ["市町村", "年度", "計画書", "取込日時"],
            versions.map((v) => [
              v.city,
              `${formatWarekiFiscalYear(v.fiscalYear)}（${v.fiscalYear}）`,
              v.sourceName ?? "—",
              v.importedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" }),
            ]),
            { leftColumns: 4 },
          ),
        );
        return 0;
      } finally {
        await db.close();
      }
    }
    case "start":
      return start(io, {
        serve: !values["no-server"],
        port: parsePort(values.port ?? process.env.PORT),
        host: values.host ?? process.env.HOST ?? "127.0.0.1",
      });
    case "user": {
      if (positionals[0] !== "add") throw new UsageError("利用者の追加は hoshin user add です。");
      const { openDatabase } = await storage();
      const { userAdd } = await import("./staff-commands.ts");
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
    default:
      throw new UsageError(`「${command}」というコマンドはありません。`);
  }
}

function formatRollover(r: RolloverPlanResult): string {
  const first = r.window[0] ?? String(r.toYear);
  const last = r.window.at(-1) ?? String(r.toYear + 2);
  const previousLast = String(Number(last) - 1);
  const out = [
    `${r.city} ${formatWarekiFiscalYear(r.toYear)}の実施計画を${formatWarekiFiscalYear(r.fromYear)}の計画から` +
      `${r.replaced ? "作成し、登録済みの計画と置き換えました" : "作成しました"}。`,
    `  計画期間: ${formatWarekiFiscalYear(first)}〜${formatWarekiFiscalYear(last)}`,
    `  政策 ${r.counts.policies}、施策 ${r.counts.measures}、事務事業 ${r.counts.projects}（点検結果 ${r.counts.diagnostics} 件）`,
    `  ${formatWarekiFiscalYear(last)}の額を${formatWarekiFiscalYear(previousLast)}から見込みとして複写: ${r.estimated.length} 件`,
  ];
  if (r.withoutLastYear.length > 0) {
    out.push(
      `  ${formatWarekiFiscalYear(previousLast)}の額がないため${formatWarekiFiscalYear(last)}もない事務事業: ` +
        `${r.withoutLastYear.length} 件（${r.withoutLastYear.map((p) => p.name).join("、")}）`,
    );
  }
  out.push(
    `  ${formatWarekiFiscalYear(r.fromYear)}の計画（版 ${r.fromPlanVersionId}）はそのまま残っています。`,
  );
  out.push("");
  if (r.leftOut.length === 0) {
    out.push("評価が廃止・完了のため除外した事務事業はありません。");
  } else {
    out.push(`評価が廃止・完了のため除外した事務事業: ${r.leftOut.length} 件`);
    out.push(
      renderTable(
        ["施策", "事務事業", "所管課", "今後の方向性"],
        r.leftOut.map((l) => [l.measureCode, l.name, l.leadDepartment, OUTLOOK_LABELS[l.outlook]]),
        { leftColumns: 4 },
      ),
    );
  }
  return out.join("\n");
}

function sideJson(s: ComparedSide) {
  return {
    planVersionId: s.version.id,
    city: s.version.city,
    fiscalYear: s.version.fiscalYear,
    state: s.state,
    label: s.label,
  };
}

/** +1,234 / -9,562 / 0 */
function signed(n: number): string {
  return n > 0 ? `+${formatThousands(n)}` : formatThousands(n);
}

/** A changed value for the terminal: amounts with separators, texts on one line, empty as （なし）. */
function changeValue(field: string, v: string | null): string {
  if (v === null) return "（なし）";
  if (/^(inputs|settled)\./.test(field) && /^-?\d+$/.test(v)) return formatThousands(Number(v));
  return v.replace(/\s*\n\s*/g, " ");
}

function formatComparison(c: PlanComparison): string {
  const d = c.diff;
  const out: string[] = [`${c.before.label} → ${c.after.label} の変更点（金額の単位: 千円）`];
  const years = d.comparedYears;
  if (years.length > 0 && c.before.version.fiscalYear !== c.after.version.fiscalYear) {
    out.push(
      `金額と活動指標の目標は、両方の計画期間にある${formatWarekiFiscalYear(years[0] ?? "")}〜` +
        `${formatWarekiFiscalYear(years.at(-1) ?? "")}で比べています。`,
    );
  }
  out.push("", "■ 年度別の合計");
  out.push(
    renderTable(
      ["年度", "事業費 変更前", "変更後", "差", "一般財源 変更前", "変更後", "差"],
      d.totals.map((t) => [
        formatWarekiFiscalYear(t.fiscalYear),
        formatThousands(t.before.total),
        formatThousands(t.after.total),
        signed(t.difference.total),
        formatThousands(t.before.generalRevenue),
        formatThousands(t.after.generalRevenue),
        signed(t.difference.generalRevenue),
      ]),
    ),
  );
  const projectLine = (p: { measureCode: string; name: string; leadDepartment: string }) =>
    `  施策${p.measureCode}  ${p.name}（${p.leadDepartment}）`;
  const amounts = (totals: Record<string, number>) =>
    Object.entries(totals)
      .map(([fy, v]) => `${formatWarekiFiscalYear(fy)} ${formatThousands(v)}`)
      .join("、") || "事業費なし";
  const changeLines = (
    changes: { field: string; label: string; before: string | null; after: string | null }[],
  ) =>
    changes.map(
      (ch) => `      ${ch.label}: ${changeValue(ch.field, ch.before)} → ${changeValue(ch.field, ch.after)}`,
    );
  const sections: [string, number, string[]][] = [
    ["追加された施策", d.measuresAdded.length, d.measuresAdded.map((m) => `  施策${m.code}  ${m.title}`)],
    ["削除された施策", d.measuresRemoved.length, d.measuresRemoved.map((m) => `  施策${m.code}  ${m.title}`)],
    [
      "追加された事務事業",
      d.projectsAdded.length,
      d.projectsAdded.map((p) => `${projectLine(p)}  ${amounts(p.totals)}`),
    ],
    [
      "削除された事務事業",
      d.projectsRemoved.length,
      d.projectsRemoved.map((p) => `${projectLine(p)}  ${amounts(p.totals)}`),
    ],
    [
      "変更された事務事業",
      d.projectsChanged.length,
      d.projectsChanged.flatMap((p) => [projectLine(p), ...changeLines(p.changes)]),
    ],
    [
      "変更された施策",
      d.measuresChanged.length,
      d.measuresChanged.flatMap((m) => [`  施策${m.code}  ${m.title}`, ...changeLines(m.changes)]),
    ],
  ];
  for (const [title, count, lines] of sections) {
    if (count > 0) out.push("", `■ ${title}（${count} 件）`, ...lines);
  }
  if (sections.every(([, count]) => count === 0)) out.push("", "事務事業と施策に変更はありません。");
  out.push("", `変更のない事務事業: ${d.projectsUnchanged} 件`);
  return out.join("\n");
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 3000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`ポート番号「${raw}」が正しくありません。`);
  return n;
}

/** Entry point for bin/hoshin.js: maps errors to Japanese messages and exit codes. */
export async function main(argv: string[]): Promise<void> {
  // `hoshin parse book.txt | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  const io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };
  try {
    process.exitCode = await run(argv, io);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.err(`hoshin: ${e.message}`);
      io.err("使い方は hoshin help で表示されます。");
      process.exitCode = 2;
    } else if (e instanceof HoshinError) {
      io.err(`hoshin: ${e.message}`);
      process.exitCode = 1;
    } else {
      io.err(`hoshin: 想定外の誤りです: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 70;
    }
  }
}
