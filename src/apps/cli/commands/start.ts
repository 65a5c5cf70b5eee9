import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { SAMPLE_CITY, SAMPLE_YEAR } from "../../../usecases/plan/sample-book.ts";
import type { Io } from "../cli-io.ts";
import { formatSummary } from "../format-summary.ts";

export { SAMPLE_BOOK, SAMPLE_CITY, SAMPLE_YEAR } from "../../../usecases/plan/sample-book.ts";

/**
 * Loads the sample book on first start, prints its summary, makes the first administrator on an empty
 * database, then serves the staff app until stopped (Ctrl+C).
 */
export async function start(io: Io, opts: { serve: boolean; port: number; host: string }): Promise<number> {
  // The staff app's modules load (tsx transpiles them on its own thread) while the database opens.
  const serving$ = opts.serve ? loadServing() : null;
  const [{ openDatabase }, { seedSample }, { summarizePlan }] = await Promise.all([
    import("../../../db/client.ts"),
    import("../../../usecases/plan/seed-sample.ts"),
    import("../../../usecases/plan/summarize-plan.ts"),
  ]);
  const db = await openDatabase();
  let serving = false;
  try {
    const { loaded } = await seedSample({ db: db.db });
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
    if (!serving$) return 0;
    const { ensureFirstAdmin, serveApp, parseTrustedProxies } = await serving$;
    const password = await ensureFirstAdmin(db.db);
    const server = await serveApp({
      db: db.db,
      port: opts.port,
      hostname: opts.host,
      // Behind a TLS proxy the app sees http: HOSHIN_SECURE_COOKIES=1 marks the cookies Secure anyway.
      secureCookies: process.env.HOSHIN_SECURE_COOKIES === "1" ? true : undefined,
      // Behind a reverse proxy: its addresses, whose X-Forwarded-For gives the client's (login throttling).
      trustedProxies: parseTrustedProxies(process.env.HOSHIN_TRUSTED_PROXIES),
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
        // The PDF browser (formats/book/chromium.ts), if one was started, goes with the server.
        const closeBrowser = () =>
          import("../../../formats/book/chromium.ts").then((m) => m.closeSharedBrowser());
        void server.close().then(closeBrowser).then(done, done);
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

/**
 * Starts loading what serving needs. The promise is awaited only once the sample is loaded, and a failed
 * load is thrown there; it is marked handled here so that, when opening the database fails first, that
 * failure is the one reported rather than the process dying of an unhandled rejection.
 */
function loadServing() {
  const loading = Promise.all([
    import("../staff-commands.ts"),
    import("../../staff/server.ts"),
    import("../../staff/security.ts"),
  ]).then(([{ ensureFirstAdmin }, { serveApp }, { parseTrustedProxies }]) => ({
    ensureFirstAdmin,
    serveApp,
    parseTrustedProxies,
  }));
  loading.catch(() => undefined);
  return loading;
}
