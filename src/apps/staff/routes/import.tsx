import type { Context } from "hono";
import { Hono } from "hono";
import { parseFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { authorizedCities } from "../../../usecases/authorize.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { confirmBookImport, MAX_BOOK_BYTES, previewBookImport } from "../../../usecases/plan/import-book.ts";
import { type AppEnv, formString } from "../env.ts";
import { page } from "../render.tsx";
import { stableLocation } from "../stable-paths.ts";
import { ImportPage, ImportPreviewPage } from "../views/import-pages.tsx";

type ImportError = { message: string; fields: { field: string; message: string }[]; problems?: string[] };

/** The upload form again, with what was typed (never a city taken from another plan) and the error. */
function importPage(
  c: Context<AppEnv>,
  values: { city: string; fiscalYear: string },
  error: ImportError | null,
  status: 200 | 400 | 409 = 200,
) {
  return page(
    c,
    { title: "計画書の取り込み" },
    <ImportPage csrf={c.var.session?.csrfToken ?? ""} {...values} error={error} />,
    status,
  );
}

/** A refused preview or confirmation shown on the upload form: the message, its fields and each reason. */
function refused(e: HoshinError): ImportError {
  return {
    message: e.message.split("\n")[0] ?? e.message,
    fields: [...e.fields],
    problems: e.problems.filter((x) => !e.fields.some((f) => f.message === x)),
  };
}

/** The year typed on the form, 西暦 or 和暦; null when left empty; a form error when it is not a year. */
function typedYear(raw: string): number | null | ImportError {
  if (raw.trim() === "") return null;
  const year = parseFiscalYear(raw);
  if (year !== null && year >= 1989 && year <= 2200) return year;
  const message = `年度「${raw.trim().slice(0, 20)}」を読めません。西暦（例: 2024）か和暦（例: 令和6年度、R6）で入力してください。`;
  return { message, fields: [{ field: "fiscalYear", message }] };
}

/** 取り込み: the upload form, its preview, and the confirmation (管理者 only, checked by the use cases). */
export function importRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/import", (c) => {
    authorizedCities(c.var.actor, "importBook");
    return importPage(c, { city: "", fiscalYear: "" }, null);
  });

  app.post("/import", async (c) => {
    authorizedCities(c.var.actor, "importBook");
    const f = c.var.form;
    const files = (f.get("file") ?? []).filter((x): x is File => x instanceof File && x.size > 0);
    const values = { city: formString(f, "city"), fiscalYear: formString(f, "fiscalYear") };
    const refuse = (message: string, field: string) =>
      importPage(c, values, { message, fields: [{ field, message }] }, 400);
    if (files.length === 0) return refuse("計画書ファイルを選んでください。", "file");
    if (files.reduce((n, x) => n + x.size, 0) > MAX_BOOK_BYTES)
      return refuse("ファイルが大きすぎます（まとめて 15 MB まで）。", "file");
    const fiscalYear = typedYear(values.fiscalYear);
    if (fiscalYear !== null && typeof fiscalYear === "object") return importPage(c, values, fiscalYear, 400);
    try {
      const preview = await previewBookImport({
        db: c.var.db,
        actor: c.var.actor,
        files: await Promise.all(
          files.map(async (x) => ({
            name: x.name.slice(0, 200),
            bytes: new Uint8Array(await x.arrayBuffer()),
          })),
        ),
        city: values.city,
        fiscalYear,
      });
      return page(
        c,
        { title: "取り込む内容の確認" },
        <ImportPreviewPage csrf={c.var.session?.csrfToken ?? ""} preview={preview} />,
      );
    } catch (e) {
      if (e instanceof HoshinError && e.code === "invalid-input")
        return importPage(c, values, refused(e), 400);
      throw e;
    }
  });

  app.post("/import/confirm", async (c) => {
    authorizedCities(c.var.actor, "importBook");
    const f = c.var.form;
    const strings = (name: string) => (f.get(name) ?? []).filter((x): x is string => typeof x === "string");
    const names = strings("fileName");
    const data = strings("data");
    const values = { city: formString(f, "city"), fiscalYear: formString(f, "fiscalYear") };
    const fiscalYear = Number(values.fiscalYear);
    if (!Number.isInteger(fiscalYear) || data.length === 0 || names.length !== data.length)
      throw new HoshinError(
        "invalid-input",
        "確認画面の内容が正しくありません。もう一度ファイルを選んでください。",
      );
    try {
      const result = await confirmBookImport({
        db: c.var.db,
        actor: c.var.actor,
        files: data.map((d, i) => ({ name: (names[i] ?? "").slice(0, 200) || "upload.txt", data: d })),
        city: values.city,
        fiscalYear,
        replace: formString(f, "replace"),
      });
      return c.redirect(await stableLocation(c, `/plans/${result.planVersionId}?notice=imported`), 303);
    } catch (e) {
      if (e instanceof HoshinError && (e.code === "invalid-input" || e.code === "conflict"))
        return importPage(c, values, refused(e), e.code === "conflict" ? 409 : 400);
      throw e;
    }
  });

  return app;
}
