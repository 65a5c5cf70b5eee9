import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Database } from "../../db/client.ts";
import { HoshinError } from "../../usecases/errors.ts";
import { createApi } from "../api/app.ts";
import type { AppEnv } from "./env.ts";
import { errorPage, page } from "./render.tsx";
import { adminRoutes } from "./routes/admin.tsx";
import { authRoutes } from "./routes/auth.tsx";
import { cityRoutes } from "./routes/city.tsx";
import { compareRoutes } from "./routes/compare.tsx";
import { cycleRoutes } from "./routes/cycle.tsx";
import { deleteRoutes } from "./routes/delete.tsx";
import { downloadRoutes } from "./routes/downloads.tsx";
import { evaluationRoutes } from "./routes/evaluation.tsx";
import { importRoutes } from "./routes/import.tsx";
import { planRoutes } from "./routes/plan.tsx";
import { reviewRoutes } from "./routes/review.tsx";
import { userRoutes } from "./routes/users.tsx";
import { csrfGuard, type SecurityOptions, securityHeaders, sessionLoader } from "./security.ts";
import { numericRedirects, requestedPath, stablePaths } from "./stable-paths.ts";
import { ErrorPage } from "./views/admin-pages.tsx";

export interface AppOptions extends SecurityOptions {
  db: Database;
}

/** Largest form accepted, except book uploads: a project's longest text is a few thousand characters. */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const require = createRequire(import.meta.url);

/** The staff stylesheet, kept in static/css/ by concern and served as one file in the order of their names. */
function appCss(): string {
  const dir = new URL("./static/css/", import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".css"))
    .sort()
    .map((f) => readFileSync(new URL(f, dir), "utf8"))
    .join("");
}

function staticFiles(): Map<string, { body: string; type: string }> {
  const own = (name: string) => readFileSync(new URL(`./static/${name}`, import.meta.url), "utf8");
  return new Map([
    [
      "tokens.css",
      {
        body: readFileSync(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css"), "utf8"),
        type: "text/css; charset=utf-8",
      },
    ],
    ["app.css", { body: appCss(), type: "text/css; charset=utf-8" }],
    ["app.js", { body: own("app.js"), type: "text/javascript; charset=utf-8" }],
  ]);
}

const tooLarge = async (c: Context<AppEnv>) =>
  page(
    c,
    { title: "送信できませんでした" },
    <ErrorPage
      title="送信できませんでした"
      message="送信された内容が大きすぎます。入力した文章が長すぎないか確かめてください。何も保存していません。"
    />,
    413,
  );

/** The staff web app: every page server-rendered, every form working without JavaScript. */
export function createApp(opts: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const files = staticFiles();

  app.use("*", securityHeaders());
  app.use("*", async (c, next) => {
    c.set("db", opts.db);
    await next();
  });

  app.get("/static/:name", (c) => {
    const f = files.get(c.req.param("name"));
    if (!f) return c.text("見つかりません", 404);
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(f.body, 200, { "Content-Type": f.type });
  });
  app.get("/healthz", (c) => c.text("ok"));

  // Stable addresses (/cities/202088/plans/2024/…) go to today's routes by row id (stable-paths.ts),
  // dispatched as a request of their own before the body limit, the session and the CSRF check.
  app.use("/cities/*", stablePaths(app));

  app.use("/import", bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: tooLarge }));
  app.use("/import/confirm", bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: tooLarge }));
  app.use("*", async (c, next) => {
    if (c.req.path === "/import" || c.req.path === "/import/confirm") return next();
    return bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tooLarge })(c, next);
  });

  // The public API: read-only, no session, only published (承認済) data; it lives apart from the staff code.
  app.route("/api", createApi(opts.db));

  app.use("*", sessionLoader());
  app.use("*", csrfGuard());

  app.route("/", authRoutes(opts));

  // Everything below needs a logged-in user.
  app.use("*", async (c, next) => {
    const session = c.var.session;
    if (!session) {
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        return c.redirect(`/login?next=${encodeURIComponent(requestedPath(c))}`);
      }
      return errorPage(c, new HoshinError("unauthenticated", "ログインしてください。"));
    }
    c.set("actor", session.actor);
    await next();
  });
  // Old numeric addresses (/plans/12, /projects/345, /measures/6 …): 308 to the stable address.
  app.use("*", numericRedirects());

  app.route("/", planRoutes());
  app.route("/", downloadRoutes());
  app.route("/", evaluationRoutes());
  app.route("/", cycleRoutes());
  app.route("/", compareRoutes());
  app.route("/", adminRoutes());
  app.route("/", importRoutes());
  app.route("/", deleteRoutes());
  app.route("/", reviewRoutes());
  app.route("/", userRoutes());
  app.route("/", cityRoutes());

  app.notFound((c) =>
    page(
      c,
      { title: "見つかりません" },
      <ErrorPage title="見つかりません" message="指定のページは見つかりません。" />,
      404,
    ),
  );
  app.onError((e, c) => {
    if (e instanceof HoshinError) return errorPage(c, e);
    console.error(e);
    return page(
      c,
      { title: "エラー" },
      <ErrorPage
        title="エラーが発生しました"
        message="処理中に想定外のエラーが発生しました。何も変更していない可能性があります。管理者に連絡してください。"
      />,
      500,
    );
  });
  return app;
}
