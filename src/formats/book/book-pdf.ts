import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium.ts";

const FOOTER = `<div style="width:100%;font-size:8pt;font-family:'Noto Sans CJK JP',sans-serif;color:#444;text-align:center;">
<span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

/**
 * Prints the book HTML to an A4 PDF with Chromium: the print CSS is the layout, the fonts are embedded,
 * page numbers are in the footer. Pass a browser to reuse one across many documents.
 */
export async function renderPdf(
  html: string,
  opts: { browser?: Browser; title?: string } = {},
): Promise<Uint8Array> {
  const browser = opts.browser ?? (await launchChromium());
  try {
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
  } finally {
    if (!opts.browser) await browser.close();
  }
}
