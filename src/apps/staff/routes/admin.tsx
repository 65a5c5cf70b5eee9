import type { Context } from "hono";
import { Hono } from "hono";
import { ROLES, type Role } from "../../../domain/access.ts";
import { authorize } from "../../../usecases/authorize.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { listDepartments } from "../../../usecases/plan/list-plans.ts";
import { readAuditLog } from "../../../usecases/staff/audit-log.ts";
import { addUser, changeUser, listStaff } from "../../../usecases/staff/manage-users.ts";
import { type AppEnv, formString } from "../env.ts";
import { page } from "../render.tsx";
import { AuditPage, UsersPage } from "../views/admin-pages.tsx";

const asRole = (s: string): Role => (ROLES.includes(s as Role) ? (s as Role) : ("" as Role));

const allDepartments = (c: Context<AppEnv>): Promise<string[]> => listDepartments({ db: c.var.db });

async function usersPage(
  c: Context<AppEnv>,
  values: Record<string, string> = {},
  error: { message: string; fields: { field: string; message: string }[] } | null = null,
  status: 200 | 400 | 409 = 200,
) {
  const users = await listStaff({ db: c.var.db, actor: c.var.actor });
  return page(
    c,
    { title: "利用者", notice: c.req.query("notice") === "saved" ? "保存しました。" : null },
    <UsersPage
      users={users}
      departments={await allDepartments(c)}
      csrf={c.var.session?.csrfToken ?? ""}
      values={values}
      error={error}
    />,
    status,
  );
}

/** A date typed in the filter (YYYY-MM-DD), as the start of that day in Japan; undefined when empty. */
function jstDay(raw: string | undefined, plusDays = 0): Date | undefined | null {
  if (!raw) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const d = new Date(`${raw}T00:00:00+09:00`);
  if (Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + plusDays * 86_400_000);
}

export function adminRoutes() {
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
        return usersPage(
          c,
          values,
          { message: e.message, fields: [...e.fields] },
          e.code === "conflict" ? 409 : 400,
        );
      }
      throw e;
    }
    return c.redirect("/users?notice=saved", 303);
  });

  app.post("/users/:id", async (c) => {
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new HoshinError("not-found", "指定の利用者は登録されていません。");
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
      if (e instanceof HoshinError && e.code === "invalid-input") {
        return usersPage(c, {}, { message: e.message, fields: [...e.fields] }, 400);
      }
      throw e;
    }
    return c.redirect("/users?notice=saved", 303);
  });

  app.get("/audit", async (c) => {
    authorize(c.var.actor, "readAuditLog");
    const q = c.req.query();
    const filter = {
      userId: q.user ?? "",
      department: q.department ?? "",
      from: q.from ?? "",
      to: q.to ?? "",
    };
    const from = jstDay(filter.from);
    const to = jstDay(filter.to, 1);
    const userId = filter.userId === "" ? undefined : Number(filter.userId);
    let error: string | null = null;
    if (from === null || to === null) error = "日付は YYYY-MM-DD の形で指定してください。";
    if (userId !== undefined && !Number.isSafeInteger(userId)) error = "利用者の指定が正しくありません。";
    const events = error
      ? []
      : await readAuditLog({
          db: c.var.db,
          actor: c.var.actor,
          filter: {
            userId,
            department: filter.department || undefined,
            from: from ?? undefined,
            to: to ?? undefined,
          },
        });
    const users = await listStaff({ db: c.var.db, actor: c.var.actor });
    return page(
      c,
      { title: "監査ログ" },
      <AuditPage
        events={events}
        users={users}
        departments={await allDepartments(c)}
        filter={filter}
        error={error}
      />,
      error ? 400 : 200,
    );
  });

  return app;
}
