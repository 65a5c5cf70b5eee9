import { and, asc, count, eq, gt, inArray, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { CityScope, Role } from "../domain/access.ts";
import type { LoginAttemptState } from "../domain/login-throttle.ts";
import type { Database } from "./client.ts";
import { loginAttempts, sessions, userCities, users } from "./schema/index.ts";

export type UserRow = typeof users.$inferSelect;
export type { Role };

/** The cities an account works for: "all" with `all_cities`, else its rows of user_cities (code order). */
export function cityScopeOf(user: Pick<UserRow, "allCities">, codes: readonly string[]): CityScope {
  return user.allCities ? "all" : codes;
}

/** The city codes of user_cities for several users in one query (by user id; none for a user without). */
export async function userCityCodes(
  db: Database,
  userIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ userId: userCities.userId, cityCode: userCities.cityCode })
    .from(userCities)
    .where(inArray(userCities.userId, [...new Set(userIds)]))
    .orderBy(asc(userCities.cityCode));
  for (const r of rows) out.get(r.userId)?.push(r.cityCode);
  return out;
}

/** The cities of one account. */
export async function userCityScope(db: Database, user: UserRow): Promise<CityScope> {
  return cityScopeOf(user, (await userCityCodes(db, [user.id])).get(user.id) ?? []);
}

/** Sets the cities of an account: all_cities, and the rows of user_cities (none for "all"). */
export async function setUserCities(db: Database, userId: number, scope: CityScope): Promise<void> {
  await db
    .update(users)
    .set({ allCities: scope === "all" })
    .where(eq(users.id, userId));
  await db.delete(userCities).where(eq(userCities.userId, userId));
  if (scope !== "all" && scope.length > 0) {
    await db.insert(userCities).values([...new Set(scope)].map((cityCode) => ({ cityCode, userId })));
  }
}

export async function insertUser(
  db: Database,
  u: {
    loginName: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    department: string | null;
    cities: CityScope;
  },
): Promise<UserRow> {
  const { cities, ...columns } = u;
  const [row] = await db
    .insert(users)
    .values({ ...columns, allCities: cities === "all" })
    .returning();
  if (!row) throw new Error("内部エラー: 利用者を登録できませんでした。");
  if (cities !== "all" && cities.length > 0) {
    await db
      .insert(userCities)
      .values([...new Set(cities)].map((cityCode) => ({ cityCode, userId: row.id })));
  }
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

/** A live session with its (enabled) user and the cities the user works for. */
export interface SessionRow {
  session: typeof sessions.$inferSelect;
  user: UserRow;
  cities: CityScope;
}

/** The live session of a token hash with its (enabled) user and cities, or null. */
export async function findSession(db: Database, tokenHash: string, now: Date): Promise<SessionRow | null> {
  return (await findSessions(db, [tokenHash], now)).get(tokenHash) ?? null;
}

/**
 * The live sessions of several token hashes (the batched session lookup): one query for the sessions and
 * their users, one for the cities of all those users.
 */
export async function findSessions(
  db: Database,
  tokenHashes: string[],
  now: Date,
): Promise<Map<string, SessionRow>> {
  if (tokenHashes.length === 0) return new Map<string, SessionRow>();
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(inArray(sessions.tokenHash, tokenHashes), gt(sessions.expiresAt, now), eq(users.disabled, false)),
    );
  const codes = await userCityCodes(
    db,
    rows.filter((r) => !r.user.allCities).map((r) => r.user.id),
  );
  return new Map(
    rows.map((r) => [r.session.tokenHash, { ...r, cities: cityScopeOf(r.user, codes.get(r.user.id) ?? []) }]),
  );
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user, but the one of `exceptTokenHash` when given. */
export async function deleteUserSessions(
  db: Database,
  userId: number,
  exceptTokenHash: string | null = null,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        exceptTokenHash === null ? undefined : ne(sessions.tokenHash, exceptTokenHash),
      ),
    );
}

export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

// Login attempts

export async function recordLoginAttempt(
  db: Database,
  a: { loginName: string; address: string; succeeded: boolean; at: Date },
): Promise<void> {
  await db.insert(loginAttempts).values(a);
}

const epochMs = (x: SQL) => sql<number | null>`(extract(epoch from ${x}) * 1000)::float8`;
const stamp = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * What the throttle (domain/login-throttle.ts) needs to know about a login name and an address: the failures
 * per key since `since` and since the key's last success, and whether the name logged in from the address
 * since `knownSince`.
 */
export async function loginAttemptState(
  db: Database,
  q: { loginName: string; address: string; since: Date; knownSince: Date },
): Promise<LoginAttemptState> {
  const a = loginAttempts;
  const [ok] = await db
    .select({
      pair: epochMs(sql`max(${a.at}) filter (where ${a.address} = ${q.address})`),
      name: epochMs(sql`max(${a.at})`),
    })
    .from(a)
    .where(and(eq(a.succeeded, true), eq(a.loginName, q.loginName), gt(a.at, q.knownSince)));
  const after = (ms: number | null | undefined) =>
    stamp(ms != null && ms > q.since.getTime() ? new Date(ms) : q.since);
  const pairWhere = sql`${a.loginName} = ${q.loginName} and ${a.address} = ${q.address} and ${a.at} > ${after(ok?.pair)}`;
  const nameWhere = sql`${a.loginName} = ${q.loginName} and ${a.at} > ${after(ok?.name)}`;
  const addressWhere = sql`${a.address} = ${q.address}`;
  const [f] = await db
    .select({
      pair: sql<number>`count(*) filter (where ${pairWhere})::int`,
      pairAt: epochMs(sql`max(${a.at}) filter (where ${pairWhere})`),
      name: sql<number>`count(*) filter (where ${nameWhere})::int`,
      nameAt: epochMs(sql`max(${a.at}) filter (where ${nameWhere})`),
      address: sql<number>`count(*) filter (where ${addressWhere})::int`,
      addressAt: epochMs(sql`max(${a.at}) filter (where ${addressWhere})`),
    })
    .from(a)
    .where(
      and(
        eq(a.succeeded, false),
        gt(a.at, q.since),
        or(eq(a.loginName, q.loginName), eq(a.address, q.address)),
      ),
    );
  const key = (n: number | undefined, at: number | null | undefined) => ({
    failures: n ?? 0,
    lastFailureAt: at == null ? null : new Date(at),
  });
  return {
    pair: key(f?.pair, f?.pairAt),
    name: key(f?.name, f?.nameAt),
    address: key(f?.address, f?.addressAt),
    knownAddress: ok?.pair != null,
  };
}

/** The administrator's unlock: forgets the failed attempts against a login name (from every address). */
export async function clearFailedAttempts(db: Database, loginName: string): Promise<number> {
  const rows = await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.loginName, loginName), eq(loginAttempts.succeeded, false)))
    .returning({ id: loginAttempts.id });
  return rows.length;
}
