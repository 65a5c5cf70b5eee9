// Accounts (issue 11, finding 8): every role changes its own password; the administrator resets one;
// a 担当課 user's department must be one of the plans' departments.
import { describe, expect, it } from "vitest";
import { listDepartments } from "../../../src/usecases/plan/list-plans.ts";
import { readAuditLog } from "../../../src/usecases/staff/audit-log.ts";
import { changeOwnPassword } from "../../../src/usecases/staff/change-own-password.ts";
import { addUser, changeUser } from "../../../src/usecases/staff/manage-users.ts";
import { resetPassword } from "../../../src/usecases/staff/reset-password.ts";
import { logIn, resolveSession } from "../../../src/usecases/staff/sessions.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import { admin, kikaku, PASSWORDS, soumu, t, viewer } from "../../support/staff-fixture.ts";

const login = (loginName: string, password: string, address = "192.0.2.1") =>
  logIn({ db: t.db, loginName, password, address });

describe(`accounts (${testBackend})`, () => {
  it("lets a 担当課 and a 閲覧者 change their own password; their other sessions end, this one stays", async () => {
    for (const [actor, old] of [
      [soumu, PASSWORDS.soumu],
      [viewer, PASSWORDS.viewer],
    ] as const) {
      const here = await login(actor.loginName, old);
      const elsewhere = await login(actor.loginName, old, "192.0.2.2");
      await changeOwnPassword({
        db: t.db,
        actor,
        current: old,
        password: "brand-new-pass-77",
        confirmation: "brand-new-pass-77",
        keepSessionToken: here.token,
      });
      expect((await resolveSession({ db: t.db, token: here.token }))?.actor).toEqual(actor);
      expect(await resolveSession({ db: t.db, token: elsewhere.token })).toBe(null);
      expect((await failure(login(actor.loginName, old))).code).toBe("unauthenticated");
      expect((await login(actor.loginName, "brand-new-pass-77")).session.actor).toEqual(actor);
    }
    const audit = await readAuditLog({
      db: t.db,
      actor: admin,
      filter: { userId: soumu.userId ?? undefined },
    });
    expect(audit.map((r) => [r.action, r.entityLabel, r.field, r.after])).toEqual([
      ["password-change", "soumu01", "パスワード", "（変更）"],
    ]);
  });

  it("refuses a wrong current password, a short one and a mismatched confirmation, naming each field", async () => {
    const e = await failure(
      changeOwnPassword({
        db: t.db,
        actor: kikaku,
        current: "not-my-password",
        password: "short",
        confirmation: "shorter",
      }),
    );
    expect(e.code).toBe("invalid-input");
    expect(e.message).toBe("パスワードを変更できません。");
    expect(e.fields).toEqual([
      { field: "current", message: "現在のパスワードが違います。" },
      { field: "password", message: "新しいパスワード: パスワードは10文字以上にしてください。" },
      { field: "confirmation", message: "新しいパスワード（確認）が一致しません。" },
    ]);
    // Nothing changed.
    expect((await login(kikaku.loginName, PASSWORDS.kikaku)).session.actor).toEqual(kikaku);
  });

  it("lets only the administrator reset a password, which ends the user's sessions", async () => {
    const before = await login(kikaku.loginName, PASSWORDS.kikaku);
    for (const actor of [soumu, viewer]) {
      const e = await failure(
        resetPassword({ db: t.db, actor, loginName: "kikaku01", password: "reset-pass-0001" }),
      );
      expect(e.code).toBe("forbidden");
      expect(e.message).toBe("パスワードの再設定は管理者だけが行えます。");
    }
    await resetPassword({ db: t.db, actor: admin, loginName: "kikaku01", password: "reset-pass-0001" });
    expect(await resolveSession({ db: t.db, token: before.token })).toBe(null);
    expect((await login(kikaku.loginName, "reset-pass-0001")).session.actor).toEqual(kikaku);
    const e = await failure(
      resetPassword({ db: t.db, actor: admin, loginName: "kikaku01", password: "kikaku01" }),
    );
    expect(e.fields).toEqual([
      { field: "password", message: "新しいパスワード: パスワードは10文字以上にしてください。" },
      { field: "password", message: "新しいパスワード: パスワードにログイン名は使えません。" },
    ]);
  });

  it("refuses a department that is not one of the plans', on adding and on changing a user", async () => {
    const known = await listDepartments({ db: t.db, cities: ["202088"] });
    expect(known).toContain("総務課");
    expect(known).not.toContain("総務");
    const user = {
      loginName: "zaimu01",
      displayName: "財務 七子",
      password: "zaimu-pass-0001",
      role: "department" as const,
      department: "総務",
      cities: ["202088"],
    };
    const e = await failure(addUser({ db: t.db, actor: admin, user }));
    expect(e.code).toBe("invalid-input");
    expect(e.fields).toHaveLength(1);
    expect(e.fields[0]?.field).toBe("department");
    expect(e.fields[0]?.message).toMatch(
      /^所属課「総務」は登録された計画の所管課にありません。次のどれかを選んでください: .*総務課/,
    );
    const added = await addUser({ db: t.db, actor: admin, user: { ...user, department: "総務課" } });
    const changed = await failure(
      changeUser({
        db: t.db,
        actor: admin,
        userId: added.id,
        change: {
          role: "department",
          department: "存在しない課",
          disabled: false,
          password: "",
          cities: ["202088"],
        },
      }),
    );
    expect(changed.fields.map((f) => f.field)).toEqual(["department"]);
  });
});
