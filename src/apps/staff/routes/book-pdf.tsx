import type { Context } from "hono";
import { PDF_RETRY_AFTER, PdfBusy, pdfOnce, pdfSlot } from "../../../formats/book/book-pdf.ts";
import { ChromiumUnavailable, chromiumMissingMessage, hasChromium } from "../../../formats/book/chromium.ts";
import { exportFileName, exportFormat } from "../../../formats/publish.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import type { PlanReadModel } from "../../../usecases/plan/read-model.ts";
import type { AppEnv } from "../env.ts";
import { page } from "../render.tsx";
import { ErrorPage } from "../views/admin-pages.tsx";

/**
 * The book as PDF, printed once per plan version and revision (kept with the read model), in the shared
 * browser and its queue: a full queue is 503 with Retry-After, a missing Chromium one line saying so.
 */
export async function bookPdf(
  c: Context<AppEnv>,
  model: PlanReadModel,
): Promise<Map<string, Uint8Array> | Response> {
  if (!hasChromium()) throw new HoshinError("not-found", chromiumMissingMessage());
  const meta = {
    city: model.view.version.city,
    cityCode: model.view.version.cityCode,
    fiscalYear: model.view.version.fiscalYear,
  };
  try {
    const bytes = await pdfOnce(model.memo("staff:book-pdf", pdfSlot), async () => {
      const pdf = await exportFormat("pdf", model.view.plan, meta);
      return [...pdf.values()][0] as Uint8Array;
    });
    return new Map([[exportFileName(meta, "pdf"), bytes]]);
  } catch (e) {
    if (e instanceof ChromiumUnavailable) throw new HoshinError("not-found", e.message, { cause: e });
    if (!(e instanceof PdfBusy)) throw e;
    c.header("Retry-After", String(PDF_RETRY_AFTER));
    return page(
      c,
      { title: "しばらくお待ちください" },
      <ErrorPage title="しばらくお待ちください" message={e.message} />,
      503,
    );
  }
}
