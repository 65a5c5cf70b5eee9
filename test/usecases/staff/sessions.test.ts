// logIn, resolveSession, logOut: passwords, sessions, disabled users (throttling: login-throttle.test.ts).
// Each test starts from a fresh copy of the seeded template (test/support/staff-fixture.ts): a test that
// needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import { addUser, changeUser } from "../../../src/usecases/staff/manage-users.ts";
import { logIn, logOut, resolveSession, SESSION_HOURS } from "../../../src/usecases/staff/sessions.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import { admin, kikaku, PASSWORDS, soumu, t, viewer } from "../../support/staff-fixture.ts";

describe(`staff use cases (${testBackend})`, () => {
  describe("logIn, resolveSession, logOut", () => {
    it("refuses a wrong password and an unknown login name (unauthenticated)", async () => {
      for (const [loginName, password] of [
        ["soumu01", "wrong-password-1"],
        ["nobody01", PASSWORDS.soumu],
      ] as const) {
        const e = await failure(logIn({ db: t.db, loginName, password, address: "192.0.2.1" }));
        expect(e.code).toBe("unauthenticated");
        expect(e.message).toBe("ログイン名またはパスワードが違います。");
      }
    });

    it("gives a session whose token resolves to the actor, until logOut", async () => {
      const now = new Date();
      const { token, session } = await logIn({
        db: t.db,
        loginName: " soumu01 ",
        password: PASSWORDS.soumu,
        address: "192.0.2.2",
        now,
      });
      expect(session.actor).toEqual(soumu);
      expect(session.expiresAt.getTime()).toBe(now.getTime() + SESSION_HOURS * 3_600_000);
      const resolved = await resolveSession({ db: t.db, token });
      expect(resolved).toEqual(session);
      expect(await resolveSession({ db: t.db, token: `${token}x` })).toBe(null);
      expect(await resolveSession({ db: t.db, token: "" })).toBe(null);
      expect(await resolveSession({ db: t.db, token, now: new Date(session.expiresAt.getTime() + 1) })).toBe(
        null,
      );
      await logOut({ db: t.db, token });
      expect(await resolveSession({ db: t.db, token })).toBe(null);

      for (const [actor, password] of [
        [admin, PASSWORDS.admin],
        [kikaku, PASSWORDS.kikaku],
        [viewer, PASSWORDS.viewer],
      ] as const) {
        const r = await logIn({ db: t.db, loginName: actor.loginName, password, address: "192.0.2.2" });
        expect((await resolveSession({ db: t.db, token: r.token }))?.actor).toEqual(actor);
      }
    });

    it("refuses a disabled user, and ends their sessions when disabled", async () => {
      const row = await addUser({
        db: t.db,
        actor: admin,
        user: {
          loginName: "taishoku01",
          displayName: "退職 六郎",
          password: "taishoku-pass-01",
          role: "department",
          department: "総務課",
          cities: ["202088"],
        },
      });
      const { token } = await logIn({
        db: t.db,
        loginName: "taishoku01",
        password: "taishoku-pass-01",
        address: "203.0.113.1",
      });
      expect((await resolveSession({ db: t.db, token }))?.actor.userId).toBe(row.id);
      const disabled = await changeUser({
        db: t.db,
        actor: admin,
        userId: row.id,
        change: {
          role: "department",
          department: "総務課",
          disabled: true,
          password: "",
          cities: ["202088"],
        },
      });
      expect(disabled.disabled).toBe(true);
      expect(await resolveSession({ db: t.db, token })).toBe(null);
      const e = await failure(
        logIn({ db: t.db, loginName: "taishoku01", password: "taishoku-pass-01", address: "203.0.113.1" }),
      );
      expect(e.code).toBe("unauthenticated");
      expect(e.message).toBe("ログイン名またはパスワードが違います。");
    });
  });
});
