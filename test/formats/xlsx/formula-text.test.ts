import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { startsLikeFormula } from "../../../src/formats/spreadsheet-text.ts";
import { readPlanWorkbook } from "../../../src/formats/xlsx/read-workbook.ts";
import { writePlanWorkbook } from "../../../src/formats/xlsx/write-workbook.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// Finding 16 of issue 11, the workbook: texts that begin with = + - @ (or a tab or CR) are written as string
// cells (shared strings), never as formulas, so Excel shows them as text; no prefix is added, so Hoshin's
// own reader reads back the very text (plan → workbook → plan is exact). Checked by reading the written
// file back with ExcelJS: a `<f>` element would come back as a formula value.

const meta = { city: "小諸市", fiscalYear: 2024 };
const HOSTILE = [
  '=HYPERLINK("http://example.com","x")',
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1)",
  "\t=1",
  "＝1+1",
];

async function cells(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const out: { where: string; type: ExcelJS.ValueType; value: ExcelJS.CellValue }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        // A merged cell other than the top-left one shows the top-left's value; that one is checked.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        out.push({ where: `${ws.name}!${cell.address}`, type: cell.type, value: cell.value });
      });
    });
  }
  return out;
}

describe("formula-looking texts in the workbook", () => {
  it("writes the sample's 「+1以上」 as a text cell and reads it back exactly", async () => {
    const bytes = await writePlanWorkbook(seedPlan(), meta);
    const all = await cells(bytes);
    const plus = all.filter((c) => c.value === "+1以上");
    // 人口の社会増減数 (成果指標 of 施策6-2): 目標値 of 令和6〜9年度 on the flat sheet and the measure sheet.
    expect(plus.length).toBeGreaterThan(0);
    expect(plus.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    expect(all.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    expect((await readPlanWorkbook(bytes)).plan).toStrictEqual(seedPlan());
  });

  it("never writes a formula for staff text, and the reader gives back the original text", async () => {
    const plan = seedPlan();
    const projects = projectsOf(plan);
    HOSTILE.forEach((h, i) => {
      const p = projects[i];
      if (!p) throw new Error("no project");
      p.name = h;
      p.summary = h;
      p.notes = `${h}\n二行目`;
      const a = p.activityIndicators[0];
      if (a) a.name = `${h} ${i}`;
    });
    const bytes = await writePlanWorkbook(plan, meta);
    const all = await cells(bytes);
    expect(all.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const hostile = all.filter((c) => typeof c.value === "string" && startsLikeFormula(c.value));
    for (const h of HOSTILE)
      expect(
        hostile.some((c) => c.value === h),
        h,
      ).toBe(true);
    expect(hostile.filter((c) => c.type !== ExcelJS.ValueType.String)).toEqual([]);
    expect((await readPlanWorkbook(bytes)).plan).toStrictEqual(plan);
  });
});
