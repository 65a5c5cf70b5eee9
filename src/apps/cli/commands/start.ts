import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { readBookDetailed } from "../../../formats/book-text/read-book.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import type { Io } from "../cli-io.ts";
import { formatSummary } from "../format-summary.ts";
import { storage } from "../storage.ts";

export const SAMPLE_BOOK = fileURLToPath(
  new URL("../../../../samples/komoro-2024-policy6.txt", import.meta.url),
);
export const SAMPLE_CITY = "小諸市";
export const SAMPLE_YEAR = 2024;

/**
 * Loads the sample book on first start, prints its summary, makes the first administrator on an empty
 * database, then serves the staff app until stopped (Ctrl+C).
 */
export async function start(io: Io, opts: { serve: boolean; port: number; host: string }): Promise<number> {
  const { openDatabase, importPlan, exportPlan, summarizePlan } = await storage();
  const db = await openDatabase();
  let serving = false;
  try {
    let loaded = false;
    try {
      await exportPlan({ db: db.db, city: SAMPLE_CITY, fiscalYear: SAMPLE_YEAR });
    } catch (e) {
      if (!(e instanceof HoshinError && e.code === "not-found")) throw e;
      const { plan, encoding } = readBookDetailed(await readFile(SAMPLE_BOOK));
      await importPlan({
        db: db.db,
        city: SAMPLE_CITY,
        fiscalYear: SAMPLE_YEAR,
        plan,
        sourceName: basename(SAMPLE_BOOK),
        sourceEncoding: encoding ?? undefined,
      });
      loaded = true;
    }
    if (loaded)
      io.out(
        `見本の実施計画書（${SAMPLE_CITY} ${formatWarekiFiscalYear(SAMPLE_YEAR)} 政策6）を読み込みました。\n`,
      );
    const rollups = await summarizePlan({ db: db.db, city: SAMPLE_CITY, fiscalYear: SAMPLE_YEAR });
    io.out(formatSummary({ city: SAMPLE_CITY, fiscalYear: SAMPLE_YEAR, rollups }));
    io.out(
      `\nデータベース: ${db.kind === "postgres" ? "PostgreSQL（DATABASE_URL）" : `組み込み PGlite（${process.env.HOSHIN_DATA_DIR || "./data"}）`}` +
        "\n次の操作: npx hoshin check <ファイル> / npx hoshin import <ファイル> --city 市町村名 --year 2024 / npx hoshin summary --city 小諸市 --year 2024",
    );
    if (!opts.serve) return 0;
    const { ensureFirstAdmin } = await import("../staff-commands.ts");
    const { serveApp } = await import("../../staff/server.ts");
    const password = await ensureFirstAdmin(db.db);
    const server = await serveApp({
      db: db.db,
      port: opts.port,
      hostname: opts.host,
      // Behind a TLS proxy the app sees http: HOSHIN_SECURE_COOKIES=1 marks the cookies Secure anyway.
      secureCookies: process.env.HOSHIN_SECURE_COOKIES === "1" ? true : undefined,
    });
    serving = true;
    io.out(`\n職員用の画面: ${server.url}/`);
    if (password) {
      io.out(
        `最初の管理者を作成しました。ログイン名: admin　パスワード: ${password}\n` +
          "（このパスワードは一度しか表示されません。ログイン後、「利用者」画面で変更するか、自分用の管理者を追加してください）",
      );
    } else {
      io.out(
        "登録済みの利用者でログインしてください。管理者の追加: npx hoshin user add --admin --login ログイン名",
      );
    }
    io.out("止めるには Ctrl+C を押します。");
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        void server.close().then(done, done);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    return 0;
  } finally {
    await db.close();
    if (serving) io.out("サーバーを停止しました。");
  }
}
