import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { HoshinError } from "../../../usecases/errors.ts";
import { logIn, logOut } from "../../../usecases/staff/sessions.ts";
import { type AppEnv, formString } from "../env.ts";
import { page } from "../render.tsx";
import {
  clientAddressOf,
  loginCsrfToken,
  SESSION_COOKIE,
  type SecurityOptions,
  setSessionCookie,
} from "../security.ts";
import { LoginPage } from "../views/admin-pages.tsx";

/** Only local paths are followed after login (no open redirect). */
export function safeNext(raw: string | undefined): string {
  return raw && /^\/(?![/\\])[\x21-\x7e]*$/.test(raw) ? raw : "/";
}

function clientAddress(c: Parameters<typeof getConnInfo>[0], opts: SecurityOptions): string {
  let remote: string;
  try {
    remote = getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket: all such requests share one address.
    remote = "local";
  }
  return clientAddressOf(remote, c.req.header("x-forwarded-for"), opts.trustedProxies ?? []);
}

export function authRoutes(opts: SecurityOptions) {
  const app = new Hono<AppEnv>();
  app.get("/login", (c) => {
    if (c.var.session) return c.redirect(safeNext(c.req.query("next")));
    const csrf = loginCsrfToken(c, opts);
    return page(
      c,
      { title: "ログイン" },
      <LoginPage csrf={csrf} loginName="" error={null} next={safeNext(c.req.query("next"))} />,
    );
  });

  app.post("/login", async (c) => {
    const form = c.var.form;
    const loginName = formString(form, "loginName");
    const next = safeNext(formString(form, "next"));
    try {
      const { token, session } = await logIn({
        db: c.var.db,
        loginName,
        password: formString(form, "password"),
        address: clientAddress(c, opts),
      });
      setSessionCookie(c, token, session.expiresAt, opts);
      return c.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof HoshinError)) throw e;
      const csrf = loginCsrfToken(c, opts);
      return page(
        c,
        { title: "ログイン" },
        <LoginPage csrf={csrf} loginName={loginName.slice(0, 200)} error={e.message} next={next} />,
        e.code === "too-many-requests" ? 429 : e.code === "invalid-input" ? 400 : 401,
      );
    }
  });

  app.post("/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await logOut({ db: c.var.db, token });
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });
  return app;
}
