// addUser, changeUser, listStaff: who may manage the staff, and how a change is audited.
// Each test starts from a fresh copy of the seeded template (test/support/staff-fixture.ts): a test that
// needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import { addUser, changeUser, listStaff, type NewUser } from "../../../src/usecases/staff/manage-users.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import { admin, auditLog, kikaku, replay, soumu, t, viewer } from "../../support/staff-fixture.ts";

describe(`staff use cases (${testBackend})`, () => {
  describe("addUser, changeUser, listStaff", () => {
    const newcomer: NewUser = {
      loginName: "zaisei01",
      displayName: "財政 四郎",
      password: "zaisei-pass-0001",
      role: "department",
      department: "財政課",
      cities: ["202088"],
    };
    /** What the "add a user" test wrote. */
    const addNewcomer = async () => {
      await addUser({ db: t.db, actor: admin, user: { ...newcomer, displayName: " 財政 四郎 " } });
    };

    it("refuses department users and viewers (forbidden) and adds nobody", async () => {
      const staffBefore = await listStaff({ db: t.db, actor: admin });
      for (const actor of [soumu, kikaku, viewer]) {
        const add = await failure(addUser({ db: t.db, actor, user: newcomer }));
        expect(add.code).toBe("forbidden");
        expect(add.message).toBe("利用者の追加は管理者だけが行えます。");
        const list = await failure(listStaff({ db: t.db, actor }));
        expect(list.code).toBe("forbidden");
        expect(list.message).toBe("利用者の一覧は管理者だけが行えます。");
        const change = await failure(
          changeUser({
            db: t.db,
            actor,
            userId: actor.userId ?? 0,
            change: { role: "admin", department: null, disabled: false, password: "", cities: ["202088"] },
          }),
        );
        expect(change.code).toBe("forbidden");
        expect(change.message).toBe("利用者の変更は管理者だけが行えます。");
      }
      expect(await listStaff({ db: t.db, actor: admin })).toEqual(staffBefore);
    });

    it("lets the administrator add a user, and lists the staff without password hashes", async () => {
      const row = await addUser({
        db: t.db,
        actor: admin,
        user: { ...newcomer, displayName: " 財政 四郎 " },
      });
      expect({ ...row, id: 0, createdAt: null }).toEqual({
        id: 0,
        loginName: "zaisei01",
        displayName: "財政 四郎",
        role: "department",
        department: "財政課",
        disabled: false,
        allCities: false,
        cities: ["202088"],
        createdAt: null,
      });
      const staff = await listStaff({ db: t.db, actor: admin });
      expect(staff.map((u) => [u.loginName, u.role, u.department, u.disabled])).toEqual([
        ["etsuran01", "viewer", null, false],
        ["kikaku-admin", "admin", null, false],
        ["kikaku01", "department", "企画課", false],
        ["soumu01", "department", "総務課", false],
        ["zaisei01", "department", "財政課", false],
      ]);
      for (const u of staff) expect(Object.keys(u).sort()).toEqual(Object.keys(row).sort());
      expect(Object.keys(row)).not.toContain("passwordHash");
      const [latest] = await auditLog();
      expect(
        latest && [latest.action, latest.userId, latest.entityKind, latest.entityId, latest.field],
      ).toEqual(["user-add", admin.userId, "user", row.id, "市町村"]);
      expect(latest && [latest.before, latest.after]).toEqual([null, "202088"]);
    });

    it("refuses a duplicate login name (conflict), a short password and a missing department (invalid-input)", async () => {
      // Given: what the tests before this one wrote.
      await replay(addNewcomer);
      const dup = await failure(
        addUser({ db: t.db, actor: admin, user: { ...newcomer, displayName: "別人" } }),
      );
      expect(dup.code).toBe("conflict");
      expect(dup.fields).toEqual([
        { field: "loginName", message: "ログイン名「zaisei01」は既に使われています。" },
      ]);

      const short = await failure(
        addUser({ db: t.db, actor: admin, user: { ...newcomer, loginName: "zaisei02", password: "short" } }),
      );
      expect(short.code).toBe("invalid-input");
      expect(short.fields).toEqual([
        { field: "password", message: "パスワードは10文字以上にしてください。" },
      ]);

      for (const department of [null, "", "   "]) {
        const e = await failure(
          addUser({ db: t.db, actor: admin, user: { ...newcomer, loginName: "zaisei03", department } }),
        );
        expect(e.code).toBe("invalid-input");
        expect(e.fields).toEqual([
          { field: "department", message: "担当課の利用者には所属課を入力してください。" },
        ]);
      }
      expect((await listStaff({ db: t.db, actor: admin })).map((u) => u.loginName)).toEqual([
        "etsuran01",
        "kikaku-admin",
        "kikaku01",
        "soumu01",
        "zaisei01",
      ]);
    });

    it("lets the administrator change a user's role and department, audited field by field", async () => {
      // Given: what the tests before this one wrote.
      await replay(addNewcomer);
      const target = (await listStaff({ db: t.db, actor: admin })).find((u) => u.loginName === "zaisei01");
      if (!target) throw new Error("zaisei01 is missing");
      const changed = await changeUser({
        db: t.db,
        actor: admin,
        userId: target.id,
        change: { role: "viewer", department: "財政課", disabled: false, password: "", cities: ["202088"] },
      });
      expect(changed).toEqual({ ...target, role: "viewer", department: null });
      const rows = (await auditLog()).filter((r) => r.action === "user-change" && r.entityId === target.id);
      expect(rows.map((r) => [r.userId, r.entityLabel, r.department, r.field, r.before, r.after])).toEqual([
        [admin.userId, "zaisei01", null, "所属課", "財政課", null],
        [admin.userId, "zaisei01", null, "役割", "担当課", "閲覧者"],
      ]);

      const noDepartment = await failure(
        changeUser({
          db: t.db,
          actor: admin,
          userId: target.id,
          change: { role: "department", department: " ", disabled: false, password: "", cities: ["202088"] },
        }),
      );
      expect(noDepartment.code).toBe("invalid-input");
      expect(noDepartment.fields).toEqual([
        { field: "department", message: "担当課の利用者には所属課を入力してください。" },
      ]);
      const unknown = await failure(
        changeUser({
          db: t.db,
          actor: admin,
          userId: 999_999,
          change: { role: "viewer", department: null, disabled: false, password: "", cities: ["202088"] },
        }),
      );
      expect(unknown.code).toBe("not-found");
    });

    it("does not let an administrator disable or demote themselves", async () => {
      const message = "自分自身の管理者権限を外したり、無効にしたりはできません。";
      for (const change of [
        { role: "admin" as const, department: null, disabled: true, password: "", cities: ["202088"] },
        { role: "viewer" as const, department: null, disabled: false, password: "", cities: ["202088"] },
      ]) {
        const e = await failure(changeUser({ db: t.db, actor: admin, userId: admin.userId ?? 0, change }));
        expect(e.code).toBe("invalid-input");
        expect(e.fields).toEqual([{ field: "role", message }]);
      }
      const me = (await listStaff({ db: t.db, actor: admin })).find((u) => u.id === admin.userId);
      expect(me && [me.role, me.disabled]).toEqual(["admin", false]);
    });
  });
});
