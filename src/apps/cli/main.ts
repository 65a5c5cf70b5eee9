import { parseArgs } from "node:util";
import { HoshinError } from "../../usecases/errors.ts";
import { type CommandArgs, OPTIONS, parsePort } from "./args.ts";
import { type Io, UsageError } from "./cli-io.ts";
import { cityCommand } from "./commands/city.ts";
import { deleteCommand } from "./commands/delete.ts";
import { diffCommand } from "./commands/diff.ts";
import { exportCommand } from "./commands/export.ts";
import { importCommand } from "./commands/import.ts";
import { listCommand } from "./commands/list.ts";
import { checkCommand, parseCommand } from "./commands/read.ts";
import { rolloverCommand } from "./commands/rollover.ts";
import { start } from "./commands/start.ts";
import { summaryCommand } from "./commands/summary.ts";
import { userCommand } from "./commands/user.ts";

export { SAMPLE_BOOK, SAMPLE_CITY, SAMPLE_YEAR } from "./commands/start.ts";

const USAGE = `使い方: hoshin <コマンド> [オプション]
  （--city の市町村は全国地方公共団体コード（小諸市は 202088）か、同じ名前の市町村が一つだけの名前です）

  parse <ファイル>                          実施計画書（テキストまたは Excel ブック）を読み、hoshin-plan/1 の
                                           JSON を表示します
  check <ファイル>                          誤りや不審な点を行番号（ブックはシートとセル）つきで表示します
                                           （エラーがあれば終了コード 1）
  import <ファイル>… --city 市町村 [--year 年度] [--replace]
                                           データベースに取り込みます。ファイルは実施計画書のテキストか、
                                           export --format xlsx で書き出して編集した Excel ブック（ブックなら
                                           --city と --year は省略可）。政策ごとのファイルは一度に指定します。
                                           同じ市町村・年度は置き換えます（登録済みの政策・施策・事務事業が
                                           失われる場合は --replace がなければ取り込みません）。読み取れない
                                           箇所のある計画書や、年度・市町村が計画書の記載と異なる場合は
                                           取り込みません
  export --city 市町村 --year 年度 [--format json|html|pdf|xlsx|csv] [--out ファイルまたはフォルダ]
                                           取り込んだ計画を JSON、実施計画書の HTML・PDF（A4）、Excel ブック、
                                           オープンデータ（CSV と datapackage.json、--out にフォルダを指定）で
                                           出力します
  summary --city 市町村 --year 年度 [--json]     年度別・施策別・所管課別・款別などの集計を表示します
  rollover --city 市町村 --from 年度 [--replace] [--json]
                                           次年度の実施計画を作成します（計画期間を1年進め、最終年度は前年度の
                                           額を見込みとして複写。評価が廃止・完了の事務事業は除外して一覧表示）。
                                           次年度の計画が登録済みなら --replace がなければ作成しません
  diff --city 市町村 --from 年度 --to 年度 [--json]
  diff --city 市町村 --year 年度 --imported [--json]
                                           2つの年度の計画、または取り込み時（繰越時）と現在の計画を比べ、追加・
                                           削除・変更された事務事業と項目ごとの変更前 → 変更後を表示します
  list                                     取り込んだ市町村と年度の一覧を表示します
  city list | city show --city 市町村       登録された市町村（コード、人口、類似団体区分）を表示します
  city set --city 市町村 [--population 人口] [--population-year 年] [--group 類似団体区分]
                                           市町村の人口（一人当たりの比較に使います）と類似団体区分
                                           （例: 都市Ⅰ-2、町村Ⅳ-1、中核市）を登録します。空の値で消します
  delete --city 市町村 [--year 年度] [--yes]
                                           試しに取り込んだ年度（--year を省くと市町村ごと）を削除します。
                                           --yes がなければ削除される政策・施策・事務事業・評価の件数を表示する
                                           だけで、何も変更しません
  start [--port 3000] [--no-server]        見本の実施計画書（小諸市 令和6年度）を初回に読み込み、集計を表示して
                                           職員用の画面を http://localhost:3000 で開きます（--no-server なら表示のみ）
  user add --login ログイン名 [--name 氏名] [--admin | --role department --department 課名 | --role viewer]
           (--city 202088[,202037] | --all-cities) [--password-stdin]
                                           利用者を追加します。--city はその利用者が担当する市町村（コードか名前）、
                                           --all-cities は全市町村のシステム管理者（パスワードは入力を求めるか、
                                           標準入力から読みます）
  user unlock ログイン名                   ログインの失敗が続いて待たされている利用者の制限を解除します
  user reset-password ログイン名 [--password-stdin]
                                           パスワードを再設定します（その利用者のログイン中の画面は終了）

  --debug をつけると、誤りの詳しい情報（スタックトレース）も表示します。

  年度は西暦（2024）でも和暦（令和6年度）でも指定できます。
  データベース: 既定は ./data の組み込み PostgreSQL（PGlite）。HOSHIN_DATA_DIR で場所を、
  DATABASE_URL で PostgreSQL サーバーを指定できます。`;

const COMMANDS: Record<string, (args: CommandArgs, io: Io) => Promise<number>> = {
  parse: parseCommand,
  check: checkCommand,
  import: importCommand,
  export: exportCommand,
  summary: summaryCommand,
  rollover: rolloverCommand,
  diff: diffCommand,
  list: listCommand,
  delete: deleteCommand,
  start: ({ values }, io) =>
    start(io, {
      serve: !values["no-server"],
      port: parsePort(values.port ?? process.env.PORT),
      host: values.host ?? process.env.HOST ?? "127.0.0.1",
    }),
  user: userCommand,
  city: cityCommand,
};

/** Runs one command; returns the process exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
  });
  if (!command || command === "help" || values.help) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) throw new UsageError(`「${command}」というコマンドはありません。`);
  return handler({ values, positionals }, io);
}

/**
 * Exit codes, one per cause (README「終了コード」): a fault of the surroundings gets its own, so a script or
 * a service manager can tell them apart.
 */
export const EXIT_CODES = {
  ok: 0,
  /** The input or the data: a HoshinError (a file with errors, a plan not found, a refused value). */
  input: 1,
  usage: 2,
  dataDirInUse: 3,
  portInUse: 4,
  chromiumMissing: 5,
  internal: 70,
} as const;

/** A fault of the surroundings as one Japanese line and its exit code; null for any other error. */
export function describeFault(e: unknown, port?: number): { message: string; code: number } | null {
  if (!(e instanceof Error)) return null;
  if (e.name === "DataDirInUse") return { message: e.message, code: EXIT_CODES.dataDirInUse };
  const errno = (e as NodeJS.ErrnoException).code;
  if (errno === "EADDRINUSE" || errno === "EACCES") {
    const p = (e as { port?: number }).port ?? port;
    const which = p === undefined ? "指定のポート" : `ポート ${p} `;
    return {
      message:
        errno === "EADDRINUSE"
          ? `${which}は別のプロセスが使用中です。そのプロセスを止めるか、--port で別のポートを指定してください（例: --port 3001）。`
          : `${which}を開く権限がありません。1024 以上のポートを --port で指定してください（例: --port 3000）。`,
      code: EXIT_CODES.portInUse,
    };
  }
  if (e.name === "ChromiumMissing" || e.message.startsWith("Chromium が見つかりません")) {
    return { message: e.message.replace(/\s*\n\s*/g, " "), code: EXIT_CODES.chromiumMissing };
  }
  return null;
}

/** Entry point for bin/hoshin.js: maps errors to Japanese messages and exit codes. */
export async function main(argv: string[]): Promise<void> {
  // `hoshin parse book.txt | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  const io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };
  const debug = argv.includes("--debug");
  const trace = (e: unknown) => {
    if (debug && e instanceof Error && e.stack) io.err(e.stack);
  };
  try {
    process.exitCode = await run(argv, io);
  } catch (e) {
    const fault = describeFault(e);
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.err(`hoshin: ${e.message}`);
      io.err("使い方は hoshin help で表示されます。");
      process.exitCode = EXIT_CODES.usage;
    } else if (e instanceof HoshinError) {
      io.err(`hoshin: ${e.message}`);
      // Problems located by field (a form's): each on a line, naming the field.
      for (const f of e.fields) if (f.message !== e.message) io.err(`  ${f.message}`);
      trace(e);
      process.exitCode = EXIT_CODES.input;
    } else if (fault) {
      io.err(`hoshin: ${fault.message}`);
      trace(e);
      process.exitCode = fault.code;
    } else {
      const first = e instanceof Error ? e.message.split("\n")[0] : String(e);
      io.err(`hoshin: 想定外の誤りです（${first}）。詳しい情報は --debug をつけて実行すると表示されます。`);
      trace(e);
      process.exitCode = EXIT_CODES.internal;
    }
  }
}
