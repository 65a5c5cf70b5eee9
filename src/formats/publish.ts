import { withCurrentDiagnostics } from "../domain/checks/current-diagnostics.ts";
import type { PlanDocument } from "../domain/plan/model.ts";
import { type BookMeta, renderBookHtml } from "./book/book-html.tsx";

export const EXPORT_FORMATS = ["json", "html", "pdf", "xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

export function exportFileName(meta: BookMeta, ext: string): string {
  return `${meta.city}-${meta.fiscalYear}-jisshikeikaku.${ext}`;
}

/**
 * A plan in one of the published formats, as named files (one file, except for CSV open data). The
 * diagnostics published are those of the data as it is now (edits may have fixed or made findings).
 */
export async function exportFormat(
  format: ExportFormat,
  stored: PlanDocument,
  meta: BookMeta,
): Promise<Map<string, Uint8Array>> {
  const plan = withCurrentDiagnostics(stored);
  const enc = new TextEncoder();
  switch (format) {
    case "json":
      return new Map([[exportFileName(meta, "json"), enc.encode(`${JSON.stringify(plan, null, 2)}\n`)]]);
    case "html":
      return new Map([[exportFileName(meta, "html"), enc.encode(await renderBookHtml(plan, meta))]]);
    case "pdf": {
      const { renderPdf } = await import("./book/book-pdf.ts");
      return new Map([[exportFileName(meta, "pdf"), await renderPdf(await renderBookHtml(plan, meta))]]);
    }
    case "xlsx": {
      const { writePlanWorkbook } = await import("./xlsx/write-workbook.ts");
      return new Map([[exportFileName(meta, "xlsx"), await writePlanWorkbook(plan, meta)]]);
    }
    case "csv": {
      // Open data: CSV files, datapackage.json and plan.json, under their own fixed names.
      const { writeOpenData } = await import("./open-data/write-open-data.ts");
      return writeOpenData(plan, meta);
    }
  }
}
