import type { Browser } from "playwright-core";
import { sharedBrowser } from "./chromium.ts";

const FOOTER = `<div style="width:100%;font-size:8pt;font-family:'Noto Sans CJK JP',sans-serif;color:#444;text-align:center;">
<span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

/** PDFs printed at once (each a page of the shared browser), and how many more may wait their turn. */
export const PDF_PARALLEL = 2;
export const PDF_WAITING = 8;
/** Seconds a refused request is told to wait (Retry-After). */
export const PDF_RETRY_AFTER = 30;

/** The waiting line is full: the request is refused (503 with Retry-After) rather than queued. */
export class PdfBusy extends Error {
  override readonly name = "PdfBusy";
  constructor() {
    super(
      `PDF の作成が混み合っています（同時に ${PDF_PARALLEL} 件、待ち ${PDF_WAITING} 件まで）。${PDF_RETRY_AFTER} 秒ほどおいて、もう一度ダウンロードしてください。`,
    );
  }
}

let printing = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (printing >= PDF_PARALLEL) {
    if (waiting.length >= PDF_WAITING) throw new PdfBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  printing++;
  try {
    return await work();
  } finally {
    printing--;
    waiting.shift()?.();
  }
}

/**
 * Prints the book HTML to an A4 PDF with Chromium: the print CSS is the layout, the fonts are embedded,
 * page numbers are in the footer. Without a browser given, the page is opened in the process's shared
 * browser, at most PDF_PARALLEL at once; over the waiting line it throws PdfBusy.
 */
export async function renderPdf(
  html: string,
  opts: { browser?: Browser; title?: string } = {},
): Promise<Uint8Array> {
  if (opts.browser) return printPage(opts.browser, html);
  return inTurn(async () => printPage(await sharedBrowser(), html));
}

async function printPage(browser: Browser, html: string): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready");
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: FOOTER,
      margin: { top: "16mm", bottom: "18mm", left: "14mm", right: "14mm" },
      outline: true,
      tagged: true,
    });
    return new Uint8Array(pdf);
  } finally {
    await page.close();
  }
}

/** Where one PDF is kept: with the read model of a plan version at one revision (its memo). */
export interface PdfSlot {
  pending: Promise<Uint8Array> | null;
}

export function pdfSlot(): PdfSlot {
  return { pending: null };
}

/**
 * The PDF of a slot, made once: concurrent requests share the one being printed, later ones get the same
 * bytes without Chromium. A failure (busy, no browser) is not kept, so the next request tries again.
 */
export function pdfOnce(slot: PdfSlot, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (!slot.pending) {
    const pending = make();
    slot.pending = pending;
    pending.catch(() => {
      if (slot.pending === pending) slot.pending = null;
    });
  }
  return slot.pending;
}
