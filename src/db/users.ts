import { and, asc, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Role } from "../domain/access.ts";
import type { Database } from "./client.ts";
import { loginAttempts, sessions, users } from "./schema/index.ts";

export type UserRow = typeof users.$inferSelect;
export type { Role };

export async function insertUser(
  db: Database,
  u: { loginName: string; displayName: string; passwordHash: string; role: Role; department: string | null },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(u).returning();
  if (!row) throw new Error("内部エラー: 利用者を登録できませんでした。");
  return row;
}

export async function findUserByLogin(db: Database, loginName: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.loginName, loginName));
  return row ?? null;
}

export async function findUser(db: Database, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export function listUsers(db: Database): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.loginName));
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function updateUser(
  db: Database,
  id: number,
  set: Partial<Pick<UserRow, "displayName" | "role" | "department" | "disabled" | "passwordHash">>,
): Promise<void> {
  await db.update(users).set(set).where(eq(users.id, id));
}

// Sessions

export async function insertSession(
  db: Database,
  s: { tokenHash: string; userId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(s);
}

/** The live session of a token hash with its (enabled) user, or null. */
export async function findSession(db: Database, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.disabled, false)));
  return row ?? null;
}

/** The live sessions of several token hashes in one query (the batched session lookup). */
export async function findSessions(db: Database, tokenHashes: string[], now: Date) {
  if (tokenHashes.length === 0) return new Map<string, SessionRow>();
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(inArray(sessions.tokenHash, tokenHashes), gt(sessions.expiresAt, now), eq(users.disabled, false)),
    );
  return new Map(rows.map((r) => [r.session.tokenHash, r]));
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(db: Database, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

// Login attempts

export async function recordLoginAttempt(
  db: Database,
  a: { loginName: string; address: string; succeeded: boolean },
): Promise<void> {
  await db.insert(loginAttempts).values(a);
}

/** Failed attempts since `since`, for a login name and for a client address. */
export async function countFailedAttempts(
  db: Database,
  where: { loginName: string; address: string; since: Date },
): Promise<{ byName: number; byAddress: number }> {
  const [row] = await db
    .select({
      byName: sql<number>`count(*) filter (where ${loginAttempts.loginName} = ${where.loginName})::int`,
      byAddress: sql<number>`count(*) filter (where ${loginAttempts.address} = ${where.address})::int`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.succeeded, false), gt(loginAttempts.at, where.since)));
  return { byName: row?.byName ?? 0, byAddress: row?.byAddress ?? 0 };
}
