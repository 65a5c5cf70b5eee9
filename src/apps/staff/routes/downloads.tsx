import { Hono } from "hono";
import { type ExportFormat, exportFormat, isExportFormat } from "../../../formats/publish.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { readPlan, readPlanModelFor } from "../../../usecases/plan/read-plan.ts";
import type { AppEnv } from "../env.ts";
import { bookPdf } from "./book-pdf.tsx";
import { idParam } from "./params.ts";

// The downloads of a plan for the staff: the book (HTML, PDF), the workbook, plan.json and the open data
// files, each of the whole plan as stored (the public side serves only what was approved).

const DOWNLOAD_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** The content type of one file of the open data (CSV files, datapackage.json, plan.json). */
function openDataType(name: string): string {
  return name.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
}

export function downloadRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/plans/:id/download/:format", async (c) => {
    const model = await readPlanModelFor({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId: idParam(c.req.param("id")),
    });
    const view = model.view;
    const format = c.req.param("format");
    if (!isExportFormat(format)) throw new HoshinError("not-found", "指定の形式には対応していません。");
    const meta = {
      city: view.version.city,
      cityCode: view.version.cityCode,
      fiscalYear: view.version.fiscalYear,
    };
    if (format === "csv") {
      throw new HoshinError("not-found", "オープンデータはファイルごとにダウンロードしてください。");
    }
    const files = format === "pdf" ? await bookPdf(c, model) : await exportFormat(format, view.plan, meta);
    if (files instanceof Response) return files;
    const [[name, bytes]] = [...files] as [[string, Uint8Array]];
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": DOWNLOAD_TYPES[format],
      "Content-Disposition": `${format === "html" ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  app.get("/plans/:id/opendata/:file", async (c) => {
    const view = await readPlan({
      db: c.var.db,
      actor: c.var.actor,
      planVersionId: idParam(c.req.param("id")),
    });
    const meta = {
      city: view.version.city,
      cityCode: view.version.cityCode,
      fiscalYear: view.version.fiscalYear,
    };
    const name = c.req.param("file");
    const bytes = (await exportFormat("csv", view.plan, meta)).get(name);
    if (!bytes) throw new HoshinError("not-found", "指定のファイルはオープンデータにありません。");
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": openDataType(name),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  return app;
}
