// The account pages in process (issue 11, findings 8, 12, 15): every role's own password, the
// administrator's unlock, departments chosen from the plans', a NUL byte in the login name or the audit
// filter answered with a message, and X-Forwarded-For believed only from a trusted proxy.
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { clientAddressOf, parseTrustedProxies } from "../../../src/apps/staff/security.ts";
import { readAuditLog } from "../../../src/usecases/staff/audit-log.ts";
import { testBackend } from "../../support/db.ts";
import { admin, PASSWORDS, t, viewer } from "../../support/staff-fixture.ts";
import { Client } from "../../support/web-client.ts";

describe(`account routes (${testBackend})`, () => {
  it("lets a 閲覧者 change their own password, naming a mismatched confirmation", async () => {
    const app = createApp({ db: t.db });
    const c = new Client(app);
    await c.logIn(viewer.loginName, PASSWORDS.viewer);
    const form = await c.get("/account/password");
    expect(form.status).toBe(200);
    expect(form.body).toContain('<a href="/account/password">パスワードの変更</a>');
    const bad = await c.post("/account/password", {
      current: PASSWORDS.viewer,
      password: "viewer-new-pass-1",
      confirmation: "viewer-new-pass-2",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("新しいパスワード（確認）が一致しません。");
    const ok = await c.post("/account/password", {
      current: PASSWORDS.viewer,
      password: "viewer-new-pass-1",
      confirmation: "viewer-new-pass-1",
    });
    expect(ok.status).toBe(303);
    expect((await c.get("/plans")).status).toBe(200);
    await new Client(app).logIn(viewer.loginName, "viewer-new-pass-1");
  });

  it("offers the plans' departments as a select and lets only the administrator unlock", async () => {
    const app = createApp({ db: t.db });
    const a = new Client(app);
    await a.logIn(admin.loginName, PASSWORDS.admin);
    const users = await a.get("/users");
    expect(users.body).toMatch(
      /<select id="f-department" name="department">.*<option value="総務課">総務課<\/option>/s,
    );
    expect(users.body).not.toContain('list="departments"');
    const typo = await a.post("/users", {
      loginName: "zaimu01",
      displayName: "財務 七子",
      password: "zaimu-pass-0001",
      role: "department",
      department: "総務",
      cities: "202088",
    });
    expect(typo.status).toBe(400);
    expect(typo.body).toContain("所属課「総務」は登録された計画の所管課にありません。");
    const v = new Client(app);
    await v.logIn(viewer.loginName, PASSWORDS.viewer);
    expect((await v.post(`/users/${viewer.userId}/unlock`, {})).status).toBe(403);
    const r = await a.post(`/users/${viewer.userId}/unlock`, {});
    expect(r.status).toBe(303);
    expect(r.location).toBe("/users?notice=unlocked");
    const audit = await readAuditLog({
      db: t.db,
      actor: admin,
      filter: { userId: admin.userId ?? undefined },
    });
    expect(audit.map((e) => [e.action, e.entityLabel])).toContainEqual(["user-unlock", viewer.loginName]);
  });

  it("answers a NUL byte in the login name and in the audit filter with a message, not a 500", async () => {
    const app = createApp({ db: t.db });
    const anon = new Client(app);
    await anon.get("/login");
    const r = await anon.post("/login", { loginName: "admin\u0000", password: "whatever-pass", next: "/" });
    expect(r.status).toBe(400);
    expect(r.body).toContain("ログイン名に使えない文字が含まれています。");
    const a = new Client(app);
    await a.logIn(admin.loginName, PASSWORDS.admin);
    for (const q of ["%00", "%E7%B7%8F%00"]) {
      const audit = await a.get(`/audit?department=${q}`);
      expect(audit.status, q).toBe(400);
      expect(audit.body).toContain("所管課の指定に使えない文字が含まれています。");
    }
  });

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    const wrong = async (app: ReturnType<typeof createApp>, forwarded: string) => {
      const c = new Client(app);
      await c.get("/login");
      return (
        await c.post(
          "/login",
          { loginName: viewer.loginName, password: "wrong-password-x", next: "/" },
          { headers: { "x-forwarded-for": forwarded } },
        )
      ).status;
    };
    // Without the setting, every request is the socket's address ("local" in process): the 7th try
    // waits, whatever the header says.
    const direct = createApp({ db: t.db });
    for (let i = 0; i < 6; i++) expect(await wrong(direct, "198.51.100.1")).toBe(401);
    expect(await wrong(direct, "198.51.100.2")).toBe(429);
    // Behind a trusted proxy the header names the client: another client is not held back.
    const proxied = createApp({ db: t.db, trustedProxies: ["local"] });
    expect(await wrong(proxied, "198.51.100.3")).toBe(401);
  });

  it.each([
    ["10.0.0.5", "203.0.113.7", [], "10.0.0.5"],
    ["10.0.0.5", "203.0.113.7", ["10.0.0.5"], "203.0.113.7"],
    ["::ffff:10.0.0.5", "1.2.3.4, 203.0.113.7", ["10.0.0.5"], "203.0.113.7"],
    ["10.0.0.5", "203.0.113.7, 10.0.0.6", ["10.0.0.5", "10.0.0.6"], "203.0.113.7"],
    ["10.0.0.5", undefined, ["10.0.0.5"], "10.0.0.5"],
  ] as const)("client of %s with X-Forwarded-For %s, trusting %j: %s", (remote, xff, trusted, client) => {
    expect(clientAddressOf(remote, xff, trusted)).toBe(client);
  });

  it("reads HOSHIN_TRUSTED_PROXIES separated by commas or spaces", () => {
    expect(parseTrustedProxies(" 10.0.0.5, 10.0.0.6 ::1 ")).toEqual(["10.0.0.5", "10.0.0.6", "::1"]);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });
});
