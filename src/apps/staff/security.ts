import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { randomToken, resolveSession } from "../../usecases/staff/sessions.ts";
import type { AppEnv, FormFields } from "./env.ts";

export const SESSION_COOKIE = "hoshin_session";
export const LOGIN_CSRF_COOKIE = "hoshin_login_csrf";

export interface SecurityOptions {
  /** Send cookies with Secure (behind TLS). Default: when the request came over https. */
  secureCookies?: boolean | undefined;
  /**
   * The addresses of the reverse proxies in front of the app (HOSHIN_TRUSTED_PROXIES). Only a request
   * coming from one of them has its X-Forwarded-For believed; by default none is.
   */
  trustedProxies?: readonly string[] | undefined;
}

/** HOSHIN_TRUSTED_PROXIES: addresses separated by commas or spaces (an IPv4-mapped IPv6 form matches too). */
export function parseTrustedProxies(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * The client's address: the socket's, unless it is a trusted proxy; then X-Forwarded-For is read from the
 * right, skipping trusted proxies, and the first other address is the client (the left entries were written
 * by the client itself and prove nothing).
 */
export function clientAddressOf(
  remote: string,
  forwardedFor: string | undefined,
  trusted: readonly string[],
): string {
  const isTrusted = (a: string) => trusted.some((t) => plain(t) === plain(a));
  if (!isTrusted(remote) || !forwardedFor) return remote;
  const hops = forwardedFor
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!isTrusted(hop)) return hop.slice(0, 100);
  }
  return hops[0]?.slice(0, 100) ?? remote;
}

export function isSecure(c: Context, opts: SecurityOptions): boolean {
  if (opts.secureCookies !== undefined) return opts.secureCookies;
  return new URL(c.req.url).protocol === "https:";
}

export function setSessionCookie(c: Context, token: string, expires: Date, opts: SecurityOptions): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(c, opts),
    path: "/",
    expires,
  });
}

/** Loads the server-side session named by the cookie, if any. */
export function sessionLoader(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set("session", token ? await resolveSession({ db: c.var.db, token }) : null);
    await next();
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * CSRF protection for every state-changing request: a form must carry the session's synchronizer token
 * (`_csrf`), or before login the token of the login cookie (double submit). A request whose Origin
 * header names another site is refused as well. Reads the form once and keeps it in `c.var.form`.
 */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      c.set("form", new Map());
      return next();
    }
    const origin = c.req.header("origin");
    if (origin && origin !== "null" && origin !== new URL(c.req.url).origin) return refuse(c);
    const form: FormFields = new Map();
    const type = c.req.header("content-type") ?? "";
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      let data: FormData;
      try {
        data = await c.req.formData();
      } catch {
        return refuse(c, 400, "送信された内容を読み取れませんでした。");
      }
      for (const [k, v] of data.entries()) {
        const list = form.get(k) ?? [];
        list.push(v);
        form.set(k, list);
      }
    }
    c.set("form", form);
    const sent = form.get("_csrf")?.[0];
    const token = typeof sent === "string" ? sent : (c.req.header("x-csrf-token") ?? "");
    const session = c.var.session;
    const expected = session ? session.csrfToken : (getCookie(c, LOGIN_CSRF_COOKIE) ?? "");
    if (!same(token, expected)) return refuse(c);
    return next();
  };
}

function refuse(c: Context, status: 400 | 403 = 403, message?: string) {
  return c.html(
    `<!DOCTYPE html><html lang="ja"><meta charset="utf-8"><title>送信できませんでした</title><main><h1>送信できませんでした</h1><p>${
      message ??
      "フォームの有効期限が切れたか、別のサイトから送信されました。ページを読み込み直してから、もう一度操作してください。"
    }</p><p><a href="/">トップへ</a></p></main></html>`,
    status,
  );
}

/** The token for the login form: reused from its cookie, or made and set. */
export function loginCsrfToken(c: Context, opts: SecurityOptions): string {
  const existing = getCookie(c, LOGIN_CSRF_COOKIE);
  if (existing && existing.length >= 32 && existing.length <= 64) return existing;
  const token = randomToken();
  setCookie(c, LOGIN_CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(c, opts),
    path: "/",
  });
  return token;
}

/** Security headers for every response. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "same-origin");
    c.header("X-Frame-Options", "DENY");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  };
}
