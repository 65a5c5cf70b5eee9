import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../../db/client.ts";
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  findSessions,
  findUserByLogin,
  insertSession,
  loginAttemptState,
  recordLoginAttempt,
  type SessionRow,
  userCityScope,
} from "../../db/users.ts";
import type { Actor } from "../../domain/access.ts";
import {
  KNOWN_ADDRESS_DAYS,
  loginThrottle,
  THROTTLE_WINDOW_HOURS,
  throttleMessage,
} from "../../domain/login-throttle.ts";
import { type BatchFetch, batchedRead } from "../batched-read.ts";
import { HoshinError } from "../errors.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";

/** A session lasts a working day and a half; then the user logs in again. */
export const SESSION_HOURS = 12;
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface Session {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text can be stored and compared as typed: no NUL, no lone surrogate (PostgreSQL refuses both). */
export function isStorableText(s: string): boolean {
  return !s.includes("\0") && !LONE_SURROGATE.test(s);
}

/**
 * Logs a user in: throttled with growing delays per login name and address (domain/login-throttle.ts; the
 * attempts are counted in the database, so any number of app servers share them), argon2id verification,
 * a new server-side session. Returns the cookie token (only its hash is stored).
 */
export async function logIn(opts: {
  db: Database;
  loginName: string;
  password: string;
  address: string;
  now?: Date;
}): Promise<{ token: string; session: Session }> {
  const now = opts.now ?? new Date();
  const loginName = opts.loginName.trim().slice(0, 200);
  if (!isStorableText(loginName) || !isStorableText(opts.address)) {
    throw new HoshinError("invalid-input", "ログイン名に使えない文字が含まれています。", {
      fields: [{ field: "loginName", message: "ログイン名に使えない文字が含まれています。" }],
    });
  }
  const address = opts.address.slice(0, 200);
  const state = await loginAttemptState(opts.db, {
    loginName,
    address,
    since: new Date(now.getTime() - THROTTLE_WINDOW_HOURS * 3_600_000),
    knownSince: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000),
  });
  const wait = loginThrottle(state, now);
  if (wait) throw new HoshinError("too-many-requests", throttleMessage(wait));
  const user = await findUserByLogin(opts.db, loginName);
  const ok = user
    ? await verifyPassword(user.passwordHash, opts.password)
    : (await verifyPassword(await dummyHash(), opts.password)) && false;
  if (!user || !ok || user.disabled) {
    await recordLoginAttempt(opts.db, { loginName, address, succeeded: false, at: now });
    throw new HoshinError("unauthenticated", "ログイン名またはパスワードが違います。");
  }
  await recordLoginAttempt(opts.db, { loginName, address, succeeded: true, at: now });
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await deleteExpiredSessions(opts.db, now);
  await insertSession(opts.db, { tokenHash: hashToken(token), userId: user.id, csrfToken, expiresAt });
  return {
    token,
    session: {
      actor: {
        userId: user.id,
        loginName: user.loginName,
        displayName: user.displayName,
        role: user.role,
        department: user.department,
        cities: await userCityScope(opts.db, user),
      },
      csrfToken,
      expiresAt,
    },
  };
}

/** The session of a cookie token, or null when it is unknown, expired or its user is disabled. */
export async function resolveSession(opts: {
  db: Database;
  token: string;
  now?: Date;
}): Promise<Session | null> {
  if (opts.token.length === 0 || opts.token.length > 200) return null;
  // A given clock (the tests') asks on its own; the server's requests share batched lookups.
  const hash = hashToken(opts.token);
  const row = opts.now
    ? await findSession(opts.db, hash, opts.now)
    : await batchedRead(opts.db, liveSessions, hash);
  if (!row) return null;
  const { user, session, cities } = row;
  return {
    actor: {
      userId: user.id,
      loginName: user.loginName,
      displayName: user.displayName,
      role: user.role,
      department: user.department,
      cities,
    },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/** The batched lookup: the sessions of the tokens asked for at once, live at the moment the query starts. */
const liveSessions: BatchFetch<string, SessionRow> = (db, hashes) => findSessions(db, hashes, new Date());

export async function logOut(opts: { db: Database; token: string }): Promise<void> {
  await deleteSession(opts.db, hashToken(opts.token));
}
