import type { Context } from "hono";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { ROLES, type Role } from "../../../domain/access.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { listDepartments } from "../../../usecases/plan/list-plans.ts";
import { changeOwnPassword } from "../../../usecases/staff/change-own-password.ts";
import {
  accountChoices,
  addUser,
  changeUser,
  findStaff,
  listStaff,
} from "../../../usecases/staff/manage-users.ts";
import { unlockUser } from "../../../usecases/staff/unlock-user.ts";
import { type AppEnv, type FormFields, formString } from "../env.ts";
import { page } from "../render.tsx";
import { SESSION_COOKIE } from "../security.ts";
import { PasswordPage, UsersPage } from "../views/users-pages.tsx";

const asRole = (s: string): Role => (ROLES.includes(s as Role) ? (s as Role) : ("" as Role));

/** The cities of a user form: the all-cities box, else the ticked city codes (checked by the use case). */
function formCities(form: FormFields): readonly string[] | "all" {
  if (formString(form, "allCities") === "on") return "all";
  return (form.get("cities") ?? []).filter((x): x is string => typeof x === "string").slice(0, 2000);
}

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
  const choices = await accountChoices({ db: c.var.db, actor: c.var.actor });
  return page(
    c,
    { title: "利用者", notice: NOTICES[c.req.query("notice") ?? ""] ?? null },
    <UsersPage
      users={users}
      choices={choices}
      departments={
        await listDepartments({
          db: c.var.db,
          cities: choices.allCities ? "all" : choices.cities.map((x) => x.code),
        })
      }
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
    const cities = formCities(f);
    try {
      await addUser({
        db: c.var.db,
        actor: c.var.actor,
        user: {
          ...values,
          role: asRole(values.role),
          password: formString(f, "password"),
          department: values.department || null,
          cities,
        },
      });
    } catch (e) {
      if (e instanceof HoshinError && (e.code === "invalid-input" || e.code === "conflict")) {
        const typed = { ...values, cities: cities === "all" ? "all" : cities.join(",") };
        return usersPage(c, typed, formError(e), e.code === "conflict" ? 409 : 400);
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
          cities: formCities(f),
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
    const user = await findStaff({ db: c.var.db, actor: c.var.actor, userId: id });
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
