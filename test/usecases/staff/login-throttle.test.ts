// Login throttling (issue 11, finding 12) against a real database: failures from elsewhere never hold the
// real user back at an address they use; waits grow and are not extended by trying during them; the
// administrator's unlock lifts them. Waits are worked by hand from domain/login-throttle.ts THROTTLE_LIMITS.
import { describe, expect, it } from "vitest";
import { addUser } from "../../../src/usecases/staff/manage-users.ts";
import { logIn } from "../../../src/usecases/staff/sessions.ts";
import { unlockUser } from "../../../src/usecases/staff/unlock-user.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import { admin, kikaku, PASSWORDS, soumu, t, viewer } from "../../support/staff-fixture.ts";

const T = new Date(Date.now() - 3_600_000);
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);

function attempt(loginName: string, password: string, address: string, seconds: number) {
  return logIn({ db: t.db, loginName, password, address, now: at(seconds) });
}

describe(`login throttling (${testBackend})`, () => {
  it("lets the administrator in from their own address after 50 failures against their name elsewhere", async () => {
    // The administrator has logged in from 192.0.2.10 before.
    await attempt(admin.loginName, PASSWORDS.admin, "192.0.2.10", 0);
    for (let i = 0; i < 50; i++) {
      const e = await failure(attempt(admin.loginName, `guess-${i}-password`, `198.51.100.${i}`, 1 + i));
      expect(["unauthenticated", "too-many-requests"]).toContain(e.code);
    }
    // The name is throttled for addresses it never logged in from …
    const elsewhere = await failure(attempt(admin.loginName, PASSWORDS.admin, "203.0.113.9", 60));
    expect(elsewhere.code).toBe("too-many-requests");
    // … but not at the administrator's own.
    const r = await attempt(admin.loginName, PASSWORDS.admin, "192.0.2.10", 80);
    expect(r.session.actor).toEqual(admin);
  });

  it("lets the staff behind one address in after 25 failures from it against other names", async () => {
    await attempt(kikaku.loginName, PASSWORDS.kikaku, "10.0.0.1", 0);
    for (let i = 0; i < 25; i++) await failure(attempt(`nobody${i}`, "wrong-password-x", "10.0.0.1", 1 + i));
    expect((await attempt(kikaku.loginName, PASSWORDS.kikaku, "10.0.0.1", 30)).session.actor).toEqual(kikaku);
    // A name never used from there waits for the address: the 21st failure (T + 21 s) is the first beyond the
    // 20 free ones, so the 22nd–25th tries were refused unrecorded, and the wait is 30 s from T + 21 s.
    const e = await failure(attempt(soumu.loginName, PASSWORDS.soumu, "10.0.0.1", 30));
    expect(e.code).toBe("too-many-requests");
    expect(e.message).toBe(
      "ログインの失敗が続いたため、21秒ほど待ってからもう一度お試しください。急ぐ場合は管理者にロックの解除を依頼してください。",
    );
  });

  it("makes one address wait 30 s after its 6th failure on a name, then 60 s, and a success starts afresh", async () => {
    const v = viewer.loginName;
    for (let i = 0; i < 6; i++) {
      expect((await failure(attempt(v, `wrong-${i}-password`, "192.0.2.20", i))).code).toBe(
        "unauthenticated",
      );
    }
    // 6 failures, the last at T + 5 s: wait until T + 35 s. Tries while waiting are refused and not counted.
    for (const s of [6, 20, 34]) {
      const e = await failure(attempt(v, PASSWORDS.viewer, "192.0.2.20", s));
      expect(e.code).toBe("too-many-requests");
      expect(e.message).toContain(`${35 - s}秒ほど待って`);
    }
    // The 7th failure at T + 35 s: the wait doubles to 60 s.
    expect((await failure(attempt(v, "wrong-7-password", "192.0.2.20", 35))).code).toBe("unauthenticated");
    expect((await failure(attempt(v, PASSWORDS.viewer, "192.0.2.20", 94))).message).toContain(
      "1秒ほど待って",
    );
    expect((await attempt(v, PASSWORDS.viewer, "192.0.2.20", 95)).session.actor).toEqual(viewer);
    // After the success the pair starts again with 5 free failures.
    for (let i = 0; i < 5; i++) {
      expect((await failure(attempt(v, `wrong-${i}-again`, "192.0.2.20", 96 + i))).code).toBe(
        "unauthenticated",
      );
    }
  });

  it("makes a new address wait after 11 failures against one name from 11 addresses", async () => {
    await addUser({
      db: t.db,
      actor: admin,
      user: {
        loginName: "shisetsu01",
        displayName: "施設 五郎",
        password: "shisetsu-pass-01",
        role: "viewer",
        department: null,
        cities: ["202088"],
      },
    });
    for (let i = 0; i < 11; i++)
      await failure(attempt("shisetsu01", `wrong-${i}-password`, `198.51.100.${i}`, i));
    const e = await failure(attempt("shisetsu01", "shisetsu-pass-01", "198.51.100.200", 12));
    expect(e.code).toBe("too-many-requests");
    // 11 failures, 10 free → 30 s from T + 10 s.
    expect(e.message).toContain("28秒ほど待って");
    // The administrator's unlock lifts it at once, and is audited.
    expect(await unlockUser({ db: t.db, actor: admin, loginName: "shisetsu01" })).toBe(11);
    const r = await attempt("shisetsu01", "shisetsu-pass-01", "198.51.100.200", 13);
    expect(r.session.actor.loginName).toBe("shisetsu01");
  });

  it("refuses unlocking for anyone but an administrator, and an unknown name", async () => {
    for (const actor of [soumu, viewer]) {
      const e = await failure(unlockUser({ db: t.db, actor, loginName: "etsuran01" }));
      expect(e.code).toBe("forbidden");
      expect(e.message).toBe("ログインのロックの解除は管理者だけが行えます。");
    }
    const e = await failure(unlockUser({ db: t.db, actor: admin, loginName: "nobody01" }));
    expect(e.code).toBe("not-found");
    expect(e.message).toBe("ログイン名「nobody01」の利用者は登録されていません。");
  });

  it("answers a login name with a NUL byte or a lone surrogate with a form message", async () => {
    for (const loginName of ["admin\u0000", "a\uD800b", "\uDC00"]) {
      const e = await failure(attempt(loginName, "whatever-password", "192.0.2.30", 0));
      expect(e.code).toBe("invalid-input");
      expect(e.message).toBe("ログイン名に使えない文字が含まれています。");
    }
  });
});
