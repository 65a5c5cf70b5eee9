import type { Context } from "hono";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { ROLES, type Role } from "../../../domain/access.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { listDepartments } from "../../../usecases/plan/list-plans.ts";
import { changeOwnPassword } from "../../../usecases/staff/change-own-password.ts";
import { addUser, changeUser, listStaff } from "../../../usecases/staff/manage-users.ts";
import { unlockUser } from "../../../usecases/staff/unlock-user.ts";
import { type AppEnv, formString } from "../env.ts";
import { page } from "../render.tsx";
import { SESSION_COOKIE } from "../security.ts";
import { PasswordPage, UsersPage } from "../views/users-pages.tsx";

const asRole = (s: string): Role => (ROLES.includes(s as Role) ? (s as Role) : ("" as Role));

type FormError = { message: string; fields: { field: string; message: string }[] };

const NOTICES: Record<string, string> = {
  saved: "保存しました。",
  unlocked: "ログインの制限を解除しました。",
};

async function usersPage(
  c: Context<AppEnv>,
  values: Record<string, string> = {},
  error: FormError | null = null,
  status: 200 | 400 | 409 = 200,
) {
  const users = await listStaff({ db: c.var.db, actor: c.var.actor });
  return page(
    c,
    { title: "利用者", notice: NOTICES[c.req.query("notice") ?? ""] ?? null },
    <UsersPage
      users={users}
      departments={await listDepartments({ db: c.var.db })}
      csrf={c.var.session?.csrfToken ?? ""}
      values={values}
      error={error}
    />,
    status,
  );
}

function userId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new HoshinError("not-found", "指定の利用者は登録されていません。");
  return id;
}

const formError = (e: HoshinError): FormError => ({ message: e.message, fields: [...e.fields] });

/** The users (管理者) and every user's own password. */
export function userRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/users", (c) => usersPage(c));

  app.post("/users", async (c) => {
    const f = c.var.form;
    const values = {
      loginName: formString(f, "loginName").trim(),
      displayName: formString(f, "displayName"),
      role: formString(f, "role"),
      department: formString(f, "department"),
    };
    try {
      await addUser({
        db: c.var.db,
        actor: c.var.actor,
        user: {
          ...values,
          role: asRole(values.role),
          password: formString(f, "password"),
          department: values.department || null,
        },
      });
    } catch (e) {
      if (e instanceof HoshinError && (e.code === "invalid-input" || e.code === "conflict")) {
        return usersPage(c, values, formError(e), e.code === "conflict" ? 409 : 400);
      }
      throw e;
    }
    return c.redirect("/users?notice=saved", 303);
  });

  app.post("/users/:id", async (c) => {
    const id = userId(c);
    const f = c.var.form;
    try {
      await changeUser({
        db: c.var.db,
        actor: c.var.actor,
        userId: id,
        change: {
          role: asRole(formString(f, "role")),
          department: formString(f, "department") || null,
          disabled: formString(f, "disabled") === "on",
          password: formString(f, "password"),
        },
      });
    } catch (e) {
      if (e instanceof HoshinError && e.code === "invalid-input") return usersPage(c, {}, formError(e), 400);
      throw e;
    }
    return c.redirect("/users?notice=saved", 303);
  });

  app.post("/users/:id/unlock", async (c) => {
    const id = userId(c);
    const user = (await listStaff({ db: c.var.db, actor: c.var.actor })).find((u) => u.id === id);
    if (!user) throw new HoshinError("not-found", "指定の利用者は登録されていません。");
    await unlockUser({ db: c.var.db, actor: c.var.actor, loginName: user.loginName });
    return c.redirect("/users?notice=unlocked", 303);
  });

  const passwordPage = (c: Context<AppEnv>, error: FormError | null, status: 200 | 400 = 200) =>
    page(
      c,
      {
        title: "パスワードの変更",
        notice: c.req.query("notice") === "changed" ? "パスワードを変更しました。" : null,
      },
      <PasswordPage csrf={c.var.session?.csrfToken ?? ""} error={error} />,
      status,
    );

  app.get("/account/password", (c) => passwordPage(c, null));

  app.post("/account/password", async (c) => {
    const f = c.var.form;
    try {
      await changeOwnPassword({
        db: c.var.db,
        actor: c.var.actor,
        current: formString(f, "current"),
        password: formString(f, "password"),
        confirmation: formString(f, "confirmation"),
        keepSessionToken: getCookie(c, SESSION_COOKIE) ?? null,
      });
    } catch (e) {
      if (e instanceof HoshinError && e.code === "invalid-input") return passwordPage(c, formError(e), 400);
      throw e;
    }
    return c.redirect("/account/password?notice=changed", 303);
  });

  return app;
}
