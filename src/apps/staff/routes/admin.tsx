import type { Context } from "hono";
import { Hono } from "hono";
import { authorize } from "../../../usecases/authorize.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { confirmBookImport, MAX_BOOK_BYTES, previewBookImport } from "../../../usecases/plan/import-book.ts";
import { listDepartments, listPlans } from "../../../usecases/plan/list-plans.ts";
import { readAuditLog } from "../../../usecases/staff/audit-log.ts";
import { listStaff } from "../../../usecases/staff/manage-users.ts";
import { isStorableText } from "../../../usecases/staff/sessions.ts";
import { type AppEnv, formString } from "../env.ts";
import { page } from "../render.tsx";
import { AuditPage, ImportPage, ImportPreviewPage } from "../views/admin-pages.tsx";

const allDepartments = (c: Context<AppEnv>): Promise<string[]> => listDepartments({ db: c.var.db });

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
        departments={await allDepartments(c)}
        filter={filter}
        error={error}
      />,
      error ? 400 : 200,
    );
  });

  async function defaultCity(c: Context<AppEnv>): Promise<string> {
    return (await listPlans({ db: c.var.db })).at(-1)?.city ?? "";
  }

  app.get("/import", async (c) => {
    authorize(c.var.actor, "importBook");
    return page(
      c,
      { title: "計画書の取り込み" },
      <ImportPage csrf={c.var.session?.csrfToken ?? ""} city={await defaultCity(c)} error={null} />,
    );
  });

  app.post("/import", async (c) => {
    authorize(c.var.actor, "importBook");
    const f = c.var.form;
    const file = f.get("file")?.[0];
    const city = formString(f, "city");
    const yearRaw = formString(f, "fiscalYear").trim();
    const refuse = (message: string, field: string) =>
      page(
        c,
        { title: "計画書の取り込み" },
        <ImportPage
          csrf={c.var.session?.csrfToken ?? ""}
          city={city}
          error={{ message, fields: [{ field, message }] }}
        />,
        400,
      );
    if (!(file instanceof File) || file.size === 0) return refuse("計画書ファイルを選んでください。", "file");
    if (file.size > MAX_BOOK_BYTES) return refuse("ファイルが大きすぎます（15 MB まで）。", "file");
    let fiscalYear: number | null = null;
    if (yearRaw !== "") {
      fiscalYear = Number(yearRaw);
      if (!Number.isInteger(fiscalYear) || fiscalYear < 1989 || fiscalYear > 2200) {
        return refuse("年度は西暦の4桁（例: 2024）で入力してください。", "fiscalYear");
      }
    }
    try {
      const preview = await previewBookImport({
        db: c.var.db,
        actor: c.var.actor,
        file: new Uint8Array(await file.arrayBuffer()),
        city,
        fiscalYear,
      });
      return page(
        c,
        { title: "取り込む内容の確認" },
        <ImportPreviewPage
          csrf={c.var.session?.csrfToken ?? ""}
          preview={preview}
          fileName={file.name.slice(0, 200)}
        />,
      );
    } catch (e) {
      if (e instanceof HoshinError && e.code === "invalid-input")
        return refuse(e.message, e.fields[0]?.field ?? "file");
      throw e;
    }
  });

  app.post("/import/confirm", async (c) => {
    authorize(c.var.actor, "importBook");
    const f = c.var.form;
    const fiscalYear = Number(formString(f, "fiscalYear"));
    if (!Number.isInteger(fiscalYear))
      throw new HoshinError("invalid-input", "年度が正しくありません。もう一度ファイルを選んでください。");
    const result = await confirmBookImport({
      db: c.var.db,
      actor: c.var.actor,
      data: formString(f, "data"),
      city: formString(f, "city"),
      fiscalYear,
      sourceName: formString(f, "fileName") || "upload.txt",
      replace: formString(f, "replace") === "on",
    });
    return c.redirect(`/plans/${result.planVersionId}?notice=imported`, 303);
  });

  return app;
}
