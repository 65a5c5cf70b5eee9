import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../../db/client.ts";
import {
  countFailedAttempts,
  deleteExpiredSessions,
  deleteSession,
  findSession,
  findSessions,
  findUserByLogin,
  insertSession,
  recordLoginAttempt,
  type SessionRow,
} from "../../db/users.ts";
import type { Actor } from "../../domain/access.ts";
import { type BatchFetch, batchedRead } from "../batched-read.ts";
import { HoshinError } from "../errors.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";

/** A session lasts a working day and a half; then the user logs in again. */
export const SESSION_HOURS = 12;
/** Failed logins allowed per login name, and per client address, within the window. */
export const MAX_FAILED_PER_NAME = 5;
export const MAX_FAILED_PER_ADDRESS = 20;
export const ATTEMPT_WINDOW_MINUTES = 15;

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

/**
 * Logs a user in: rate limited per login name and per address (failed attempts in the last 15 minutes,
 * counted in the database so that any number of app servers share them), argon2id verification, a new
 * server-side session. Returns the cookie token (only its hash is stored).
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
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000);
  const failed = await countFailedAttempts(opts.db, { loginName, address: opts.address, since });
  if (failed.byName >= MAX_FAILED_PER_NAME || failed.byAddress >= MAX_FAILED_PER_ADDRESS) {
    throw new HoshinError(
      "too-many-requests",
      `ログインの失敗が続いたため、しばらくログインできません。${ATTEMPT_WINDOW_MINUTES}分ほど待ってからもう一度お試しください。`,
    );
  }
  const user = await findUserByLogin(opts.db, loginName);
  const ok = user
    ? await verifyPassword(user.passwordHash, opts.password)
    : (await verifyPassword(await dummyHash(), opts.password)) && false;
  if (!user || !ok || user.disabled) {
    await recordLoginAttempt(opts.db, { loginName, address: opts.address, succeeded: false });
    throw new HoshinError("unauthenticated", "ログイン名またはパスワードが違います。");
  }
  await recordLoginAttempt(opts.db, { loginName, address: opts.address, succeeded: true });
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
  const { user, session } = row;
  return {
    actor: {
      userId: user.id,
      loginName: user.loginName,
      displayName: user.displayName,
      role: user.role,
      department: user.department,
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
