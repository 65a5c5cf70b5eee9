import type { PlanDocument } from "../domain/plan/model.ts";
import { readBookDetailed } from "./book-text/read-book.ts";

/** What a plan file is, told by its first bytes (never by its name, which a user may get wrong). */
export type PlanFileKind = "book-text" | "xlsx";

export interface PlanFileReading {
  kind: PlanFileKind;
  plan: PlanDocument;
  /** How a text book was decoded (utf-8, shift_jis, …); "xlsx" for a workbook. */
  encoding: string | null;
  /** The fiscal year the file is for, when it says so. */
  fiscalYear: number | null;
  /** The city a workbook names on its 情報 sheet; a text book does not name it reliably. */
  city: string | null;
  /** The 全国地方公共団体コード a workbook carries on its 情報 sheet (written since issue 12), as typed. */
  cityCode: string | null;
  /**
   * The cities the file names: a workbook's 情報 city, or the 「○○市役所」 a text book names (most named
   * first). A city typed on import must be one of them when there are any.
   */
  namedCities: string[];
  /** What this reading found, without what a workbook carries from an earlier import (点検結果). */
  findings: PlanDocument["diagnostics"];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function planFileKind(bytes: Uint8Array): PlanFileKind {
  // An old .xls (OLE) goes to the workbook reader too, which says in Japanese to save it as .xlsx.
  return startsWith(bytes, ZIP) || startsWith(bytes, OLE) ? "xlsx" : "book-text";
}

/**
 * Reads a plan from a file as uploaded or named on the command line: a 実施計画書 text (UTF-8, UTF-16 or
 * Shift_JIS) or a workbook written by Hoshin and perhaps edited in Excel. Never throws; whatever cannot
 * be read is an error diagnostic in the plan.
 */
export async function readPlanFile(bytes: Uint8Array): Promise<PlanFileReading> {
  if (planFileKind(bytes) === "xlsx") {
    // ExcelJS is large: it is loaded only when a workbook is read.
    const { readPlanWorkbook } = await import("./xlsx/read-workbook.ts");
    const r = await readPlanWorkbook(bytes);
    return {
      kind: "xlsx",
      plan: r.plan,
      encoding: "xlsx",
      fiscalYear: r.fiscalYear,
      city: r.city,
      cityCode: r.cityCode,
      namedCities: r.city === null ? [] : [r.city],
      findings: r.findings,
    };
  }
  const r = readBookDetailed(bytes);
  return {
    kind: "book-text",
    plan: r.plan,
    encoding: r.encoding,
    fiscalYear: r.fiscalYear,
    city: null,
    cityCode: null,
    namedCities: r.cities,
    findings: r.plan.diagnostics,
  };
}
