// The login throttle's rules, worked by hand from THROTTLE_LIMITS: pair 5 free, name 10, address 20; every
// key waits 30 s after its first extra failure, doubling, capped at 15 min (900 s).
import { describe, expect, it } from "vitest";
import {
  delaySeconds,
  type LoginAttemptState,
  loginThrottle,
  THROTTLE_LIMITS,
  throttleMessage,
} from "../../src/domain/login-throttle.ts";

const T = new Date("2026-04-01T09:00:00Z");
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);
const none = { failures: 0, lastFailureAt: null };

function state(over: Partial<LoginAttemptState>): LoginAttemptState {
  return { pair: none, name: none, address: none, knownAddress: false, ...over };
}

describe("delaySeconds", () => {
  it.each([
    [0, 0],
    [5, 0],
    [6, 30],
    [7, 60],
    [8, 120],
    [9, 240],
    [10, 480],
    [11, 900],
    [40, 900],
    [10_000, 900],
  ])("pair after %i failures waits %i s", (failures, wait) => {
    expect(delaySeconds(THROTTLE_LIMITS.pair, failures)).toBe(wait);
  });

  it("gives the name 10 and the address 20 free failures", () => {
    expect(delaySeconds(THROTTLE_LIMITS.name, 10)).toBe(0);
    expect(delaySeconds(THROTTLE_LIMITS.name, 11)).toBe(30);
    expect(delaySeconds(THROTTLE_LIMITS.address, 20)).toBe(0);
    expect(delaySeconds(THROTTLE_LIMITS.address, 22)).toBe(60);
  });
});

describe("loginThrottle", () => {
  it.each([
    ["nothing failed", state({}), 0, null],
    ["5 failures of the pair: still free", state({ pair: { failures: 5, lastFailureAt: T } }), 1, null],
    ["6th failure, 10 s later", state({ pair: { failures: 6, lastFailureAt: T } }), 10, ["pair", 20]],
    ["6th failure, 30 s later: may try", state({ pair: { failures: 6, lastFailureAt: T } }), 30, null],
    ["7 failures, 59.5 s later", state({ pair: { failures: 7, lastFailureAt: T } }), 59.5, ["pair", 1]],
    ["11 name failures, new address", state({ name: { failures: 11, lastFailureAt: T } }), 0, ["name", 30]],
    ["21 address failures", state({ address: { failures: 21, lastFailureAt: T } }), 5, ["address", 25]],
  ] as const)("%s", (_, s, seconds, expected) => {
    const d = loginThrottle(s, at(seconds));
    expect(d && [d.key, d.waitSeconds]).toEqual(expected);
  });

  it("never holds the user back at an address they logged in from, whatever others failed", () => {
    const attacked = state({
      name: { failures: 5000, lastFailureAt: T },
      address: { failures: 5000, lastFailureAt: T },
      knownAddress: true,
    });
    expect(loginThrottle(attacked, at(1))).toBe(null);
    // Their own mistakes at that address still count.
    expect(loginThrottle({ ...attacked, pair: { failures: 6, lastFailureAt: T } }, at(1))?.key).toBe("pair");
  });

  it("takes the key whose wait ends last", () => {
    const d = loginThrottle(
      state({ pair: { failures: 7, lastFailureAt: T }, name: { failures: 12, lastFailureAt: at(5) } }),
      at(10),
    );
    // pair: T + 60 s; name: T + 5 s + 60 s = T + 65 s → 55 s from T + 10 s.
    expect(d).toEqual({ key: "name", waitSeconds: 55, until: at(65) });
  });
});

describe("throttleMessage", () => {
  it.each([
    [20, "20秒"],
    [89, "89秒"],
    [90, "2分"],
    [900, "15分"],
  ])("%i s reads 「%s」", (waitSeconds, wait) => {
    expect(throttleMessage({ key: "pair", waitSeconds, until: T })).toBe(
      `ログインの失敗が続いたため、${wait}ほど待ってからもう一度お試しください。急ぐ場合は管理者にロックの解除を依頼してください。`,
    );
  });
});
