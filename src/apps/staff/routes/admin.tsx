import { Hono } from "hono";
import { authorizedCities } from "../../../usecases/authorize.ts";
import { listDepartments } from "../../../usecases/plan/list-plans.ts";
import { readAuditLog } from "../../../usecases/staff/audit-log.ts";
import { listStaff } from "../../../usecases/staff/manage-users.ts";
import { isStorableText } from "../../../usecases/staff/sessions.ts";
import type { AppEnv } from "../env.ts";
import { page } from "../render.tsx";
import { AuditPage } from "../views/admin-pages.tsx";

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

  app.get("/audit", async (c) => {
    const cities = authorizedCities(c.var.actor, "readAuditLog");
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
    if (!isStorableText(filter.department) || filter.department.length > 200) {
      error = "所管課の指定に使えない文字が含まれています。一覧から選んでください。";
      filter.department = "";
    }
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
        departments={await listDepartments({ db: c.var.db, cities })}
        filter={filter}
        error={error}
      />,
      error ? 400 : 200,
    );
  });

  return app;
}
