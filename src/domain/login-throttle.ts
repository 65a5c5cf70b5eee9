/**
 * Login throttling (issue 11, finding 12): growing delays per key instead of a lock anyone can renew.
 * Pure; the attempts it reads are counted in the database (`login_attempts`, see db/users.ts), so every app
 * server shares them. The scheme is described in docs/ARCHITECTURE.md「Login throttling」.
 *
 * Three keys are counted, each with the failures since the later of its window start and its last success:
 * - the pair (login name, address): what one address tried against one name;
 * - the login name from any address — only for an address the user has NOT logged in from lately, so that
 *   failures from elsewhere never hold the real user back at an address they use;
 * - the address against any name — only for a pair that is not known either (the same reason: staff behind
 *   one office NAT keep logging in while someone there mistypes).
 * Past a key's free failures, the next attempt must wait `base × 2^(extra failures)` seconds after the last
 * failure, capped. An attempt refused for waiting is not counted, so waiting cannot be extended by trying.
 */

export interface ThrottleKeyState {
  /** Failures counted for the key (in its window, since its last success). */
  failures: number;
  /** When the last of them happened (null when none). */
  lastFailureAt: Date | null;
}

export interface LoginAttemptState {
  pair: ThrottleKeyState;
  name: ThrottleKeyState;
  address: ThrottleKeyState;
  /** Whether this name logged in successfully from this address within KNOWN_ADDRESS_DAYS. */
  knownAddress: boolean;
}

export interface ThrottleLimit {
  /** Failures allowed without any wait. */
  free: number;
  /** The wait after the first failure beyond `free`, in seconds; it doubles with each further one. */
  baseSeconds: number;
  capSeconds: number;
}

export type ThrottleKey = "pair" | "name" | "address";

export const THROTTLE_LIMITS: Record<ThrottleKey, ThrottleLimit> = {
  pair: { free: 5, baseSeconds: 30, capSeconds: 15 * 60 },
  name: { free: 10, baseSeconds: 30, capSeconds: 15 * 60 },
  address: { free: 20, baseSeconds: 30, capSeconds: 15 * 60 },
};

/** Failures older than this no longer count. */
export const THROTTLE_WINDOW_HOURS = 24;
/** An address the user logged in from within this many days is theirs: others' failures do not hold it. */
export const KNOWN_ADDRESS_DAYS = 90;

/** The wait in seconds a key imposes after `failures` failures (0 within its free failures). */
export function delaySeconds(limit: ThrottleLimit, failures: number): number {
  const extra = failures - limit.free;
  if (extra <= 0) return 0;
  // 2^(extra-1) overflows nothing: the cap is reached long before (extra is capped at 30 here).
  return Math.min(limit.capSeconds, limit.baseSeconds * 2 ** Math.min(extra - 1, 30));
}

export interface ThrottleDecision {
  key: ThrottleKey;
  /** Whole seconds to wait, at least 1. */
  waitSeconds: number;
  /** When the next attempt is allowed. */
  until: Date;
}

/** Whether an attempt at `now` must wait, and for which key; null when it may be tried. */
export function loginThrottle(
  state: LoginAttemptState,
  now: Date,
  limits: Record<ThrottleKey, ThrottleLimit> = THROTTLE_LIMITS,
): ThrottleDecision | null {
  const keys: ThrottleKey[] = state.knownAddress ? ["pair"] : ["pair", "name", "address"];
  let worst: ThrottleDecision | null = null;
  for (const key of keys) {
    const s = state[key];
    const delay = delaySeconds(limits[key], s.failures);
    if (delay === 0 || !s.lastFailureAt) continue;
    const until = new Date(s.lastFailureAt.getTime() + delay * 1000);
    const waitMs = until.getTime() - now.getTime();
    if (waitMs <= 0) continue;
    if (!worst || until > worst.until) worst = { key, waitSeconds: Math.ceil(waitMs / 1000), until };
  }
  return worst;
}

/** The Japanese message of a throttled attempt: how long to wait, in minutes or seconds. */
export function throttleMessage(d: ThrottleDecision): string {
  const wait = d.waitSeconds >= 90 ? `${Math.ceil(d.waitSeconds / 60)}分` : `${d.waitSeconds}秒`;
  return (
    `ログインの失敗が続いたため、${wait}ほど待ってからもう一度お試しください。` +
    "急ぐ場合は管理者にロックの解除を依頼してください。"
  );
}
