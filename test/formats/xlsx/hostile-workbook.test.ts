import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/domain/plan/model.ts";
import { readPlanWorkbook } from "../../../src/formats/xlsx/read-workbook.ts";
import { writePlanWorkbook } from "../../../src/formats/xlsx/write-workbook.ts";
import { seedPlan } from "../../support/plans.ts";
import { rowsBomb, sharedStringsBomb, zipParts } from "../../support/zip-bomb.ts";

// Hostile workbooks (finding 11 of issue 11): each is refused with one error diagnostic naming the limit,
// before ExcelJS expands it, and the process that reads it survives. The files are made here, small.

let seedBytes: Uint8Array;

beforeAll(async () => {
  seedBytes = await writePlanWorkbook(seedPlan(), { city: "小諸市", fiscalYear: 2024 });
});

function refusal(r: Awaited<ReturnType<typeof readPlanWorkbook>>) {
  expect(r.plan.policies).toEqual([]);
  const errors = r.plan.diagnostics.filter((d) => d.severity === "error");
  expect(errors).toHaveLength(1);
  return errors[0] as Diagnostic;
}

describe("hostile workbooks", () => {
  it("refuses an 8 MB zip whose shared strings declare 8 GiB expanded", async () => {
    const bomb = sharedStringsBomb(8192);
    expect(bomb.length).toBeLessThan(9 * 1024 * 1024);
    // 8,192 MiB of letters plus 147 bytes of XML around them and [Content_Types].xml: 8,193 MB rounded up.
    expect(refusal(await readPlanWorkbook(bomb))).toMatchObject({
      code: "too-large",
      message: "ファイルが大きすぎます（展開後 8193MB、上限 100MB）。",
    });
  });

  it("refuses the same bomb when its directory lies about the size: inflating stops at the limit", async () => {
    const bomb = sharedStringsBomb(8192, { declared: 1000 });
    expect(refusal(await readPlanWorkbook(bomb))).toMatchObject({
      code: "too-large",
      message: "ファイルが大きすぎます（展開後 100MB を超えます、上限 100MB）。",
    });
  });

  it("refuses a sheet of 400 MB of rows", async () => {
    // 464 pieces of 4,096 rows of 221 bytes: 420,020,224 bytes, 400.6 MiB, with the XML around: 401 MB.
    const bomb = rowsBomb(464 * 4096);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(refusal(await readPlanWorkbook(bomb)).message).toBe(
      "ファイルが大きすぎます（展開後 401MB、上限 100MB）。",
    );
  });

  it("refuses a part compressed over 200:1 even when the whole is small", async () => {
    const r = refusal(await readPlanWorkbook(sharedStringsBomb(2)));
    const m = /^ファイルが大きすぎます（xl\/sharedStrings\.xml の圧縮率 (\d+) 倍、上限 200 倍）。$/.exec(
      r.message,
    );
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThan(200);
  });

  it("refuses too many parts, cells or shared strings", async () => {
    const parts = Array.from({ length: 1001 }, (_, i) => ({
      name: `x/${i}.xml`,
      pieces: [{ text: "<a/>" }],
    }));
    expect(refusal(await readPlanWorkbook(zipParts(parts))).message).toBe(
      "ファイルが大きすぎます（部品 1,001 個、上限 1,000 個）。",
    );
    // 4,096 rows of 10 cells.
    expect(refusal(await readPlanWorkbook(rowsBomb(4096), { limits: { maxCells: 10_000 } })).message).toBe(
      "ファイルが大きすぎます（セル 40,960 個以上、上限 10,000 個）。",
    );
    const strings = zipParts([
      {
        name: "xl/sharedStrings.xml",
        pieces: [{ text: "<sst>" }, { text: "<si><t>x</t></si>", times: 5000 }],
      },
    ]);
    expect(refusal(await readPlanWorkbook(strings, { limits: { maxStrings: 1000 } })).message).toBe(
      "ファイルが大きすぎます（文字列 5,000 個以上、上限 1,000 個）。",
    );
  });

  it("ends a reading over its time or memory limit and still reads the next workbook", async () => {
    expect(refusal(await readPlanWorkbook(seedBytes, { limits: { timeLimitMs: 1 } })).message).toBe(
      "ファイルが大きすぎます（読み取りが上限の 0.001 秒を超えました）。",
    );
    expect(refusal(await readPlanWorkbook(seedBytes, { limits: { memoryMb: 4 } })).message).toBe(
      "ファイルが大きすぎます（読み取りに要するメモリが上限の 4MB を超えました）。",
    );
    const again = await readPlanWorkbook(seedBytes);
    expect(again.plan.policies.map((p) => p.code)).toEqual(["6"]);
  });
});
