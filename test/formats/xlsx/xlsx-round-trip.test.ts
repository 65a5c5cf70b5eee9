import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPlan } from "../../../src/domain/checks/check-plan.ts";
import { parseIndicatorValue } from "../../../src/domain/plan/indicator-value.ts";
import type {
  Diagnostic,
  IndicatorValue,
  Measure,
  OutcomeIndicator,
  PlanDocument,
  Project,
} from "../../../src/domain/plan/model.ts";
import { readPlanWorkbook } from "../../../src/formats/xlsx/read-workbook.ts";
import { writePlanWorkbook } from "../../../src/formats/xlsx/write-workbook.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// The Excel round trip: the seed plan written as a workbook and read back is the same plan, diagnostics
// included; a workbook edited in Excel comes back with the edits, and wrong cells are reported by sheet
// and cell in Japanese; anything that is not a plan workbook gives an error diagnostic, never a throw.

const meta = { city: "小諸市", fiscalYear: 2024 };
const FLAT_SHEETS = ["事務事業", "投入指標", "活動指標", "成果指標", "政策", "施策", "SDGs", "点検結果"];
const TRAINING = "職員研修費";
/** 事業番号 of 職員研修費: its place in book order, from 1. */
const TRAINING_NUMBER = projectsOf(seedPlan()).findIndex((p) => p.name === TRAINING) + 1;

let seedBytes: Uint8Array;

beforeAll(async () => {
  seedBytes = await writePlanWorkbook(seedPlan(), meta);
});

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The column of a heading in row 1. */
function columnOf(ws: ExcelJS.Worksheet, heading: string): number {
  const row = ws.getRow(1);
  for (let c = 1; c <= ws.columnCount; c++) if (row.getCell(c).value === heading) return c;
  throw new Error(`no heading ${heading} on ${ws.name}`);
}

/** The first row (from 2) whose cells under the headings hold the values. */
function rowWhere(ws: ExcelJS.Worksheet, where: Record<string, ExcelJS.CellValue>): number {
  const cols = Object.entries(where).map(([h, v]) => [columnOf(ws, h), v] as const);
  for (let r = 2; r <= ws.rowCount; r++) {
    if (cols.every(([c, v]) => ws.getRow(r).getCell(c).value === v)) return r;
  }
  throw new Error(`no row on ${ws.name} with ${JSON.stringify(where)}`);
}

/** The seed workbook, changed by `change`, saved and read back. */
async function edited(change: (wb: ExcelJS.Workbook) => void) {
  const wb = await load(seedBytes);
  change(wb);
  return readPlanWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** The 投入指標 cell of 職員研修費 for a fiscal year and amount heading, with its row. */
function trainingInput(wb: ExcelJS.Workbook, year: string, heading: string) {
  const ws = sheetOf(wb, "投入指標");
  const row = rowWhere(ws, { 事業番号: TRAINING_NUMBER, 年度: year });
  const col = columnOf(ws, heading);
  return { cell: ws.getCell(row, col), row, address: ws.getCell(row, col).address };
}

const SEED_DIAGNOSTICS = JSON.stringify(seedPlan().diagnostics);
/** The diagnostics of a plan that the seed does not carry. */
const newOnes = (plan: PlanDocument): Diagnostic[] =>
  plan.diagnostics.filter(
    (d) => !(JSON.parse(SEED_DIAGNOSTICS) as Diagnostic[]).some((s) => isDeepEqual(s, d)),
  );
/** What reading the workbook found, located by sheet and cell. */
const located = (plan: PlanDocument): Diagnostic[] =>
  newOnes(plan).filter((d) => /^[^:：]+![A-Z]+\d+: /.test(d.message));
const isDeepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe("seed → workbook → plan", () => {
  it("reads back exactly the seed plan, diagnostics included, with the city and fiscal year", async () => {
    const read = await readPlanWorkbook(seedBytes);
    expect(read.city).toBe("小諸市");
    expect(read.fiscalYear).toBe(2024);
    expect(read.plan).toEqual(seedPlan());
    expect(read.plan).toStrictEqual(seedPlan());
    // Key order too, as the database round trip keeps it.
    expect(JSON.stringify(read.plan)).toBe(JSON.stringify(seedPlan()));
  });

  it("reads back the same after a second round trip (carried diagnostics are not duplicated)", async () => {
    const once = await readPlanWorkbook(seedBytes);
    const twice = await readPlanWorkbook(await writePlanWorkbook(once.plan, meta));
    expect(twice.plan).toStrictEqual(seedPlan());
  });

  it("keeps texts exactly: newlines, spaces at the ends, control characters, 「_x000D_」", async () => {
    const plan = seedPlan();
    const first = projectsOf(plan)[0];
    if (!first) throw new Error("no project");
    first.summary = "  一行目\n二行目\r\n三行目\t_x000D_ と _x0041_x0042_ \u0001  ";
    first.notes = "=SUM(A1:A2)";
    first.priority = "100";
    const read = await readPlanWorkbook(await writePlanWorkbook(plan, meta));
    expect(read.plan).toStrictEqual(plan);
  });
});

describe("the workbook", () => {
  it("has a sheet per measure laying out 職員研修費 with its 令和7年度 一般財源 1,453 千円", async () => {
    const wb = await load(seedBytes);
    const names = wb.worksheets.map((w) => w.name);
    for (const code of ["6-1", "6-2", "6-3", "6-4", "6-5"]) expect(names).toContain(`施策${code}`);
    expect(names[0]).toBe("情報");

    // 職員研修費 belongs to 施策6-2.
    const ws = sheetOf(wb, "施策6-2");
    const a = (r: number) => ws.getCell(r, 1).value;
    let nameRow = 0;
    ws.eachRow((row, r) => {
      if (nameRow === 0 && row.getCell(1).value === TRAINING) nameRow = r;
    });
    expect(nameRow).toBeGreaterThan(0);
    expect(a(nameRow - 1)).toBe("事務事業名");
    expect(ws.getCell(nameRow, 4).value).toBe("総務課");
    expect(ws.getCell(nameRow, 5).value).toBe("継続");

    let headRow = nameRow;
    while (a(headRow) !== "投入指標（千円）") headRow++;
    expect(headRow - nameRow).toBeLessThan(6);
    const yearCols = [4, 5, 6].map((c) => ws.getCell(headRow, c).value);
    expect(yearCols).toEqual(["令和6年度", "令和7年度", "令和8年度"]);
    const r7 = 5;
    const rowOf = (label: string) => {
      for (let r = headRow + 1; r < headRow + 8; r++)
        if (a(r) === label || ws.getCell(r, 2).value === label) return r;
      throw new Error(`no ${label}`);
    };
    const general = ws.getCell(rowOf("一般財源"), r7);
    expect(general.value).toBe(1453);
    expect(general.numFmt).toBe("#,##0");
    const total = ws.getCell(rowOf("年度別事業費"), r7);
    expect(total.value).toBe(1443);
    expect(total.numFmt).toBe("#,##0");
    expect(ws.getCell(rowOf("国・県支出金"), r7).value).toBe(0);
    expect(a(rowOf("国・県支出金"))).toBe("特定財源");
    // The printed book's other blocks follow the inputs.
    const labels = new Set<unknown>();
    for (let r = nameRow; r < nameRow + 30 && a(r) !== "事務事業名"; r++) labels.add(a(r));
    for (const l of [
      "会計・款・項・目",
      "事業概要",
      "目的",
      "令和6年度の目標",
      "活動目標 指標名",
      "特記事項",
    ]) {
      expect(labels).toContain(l);
    }
  });

  it("has flat sheets with frozen, bold headings and 千円 number formats", async () => {
    const wb = await load(seedBytes);
    for (const name of FLAT_SHEETS) {
      const ws = sheetOf(wb, name);
      expect(ws.views[0], name).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.getCell(1, 1).font?.bold, name).toBe(true);
      expect(ws.getColumn(1).width, name).toBeGreaterThan(5);
    }
    const inputs = sheetOf(wb, "投入指標");
    expect(inputs.getRow(1).values).toEqual([
      undefined,
      "事業番号",
      "事務事業名",
      "年度",
      "年度別事業費",
      "国・県支出金",
      "地方債",
      "その他",
      "一般財源",
    ]);
    const general = trainingInput(wb, "令和7年度", "一般財源").cell;
    expect(general.value).toBe(1453);
    expect(general.numFmt).toBe("#,##0");
    for (let c = 4; c <= 8; c++) expect(inputs.getCell(2, c).numFmt).toBe("#,##0");

    const info = sheetOf(wb, "情報");
    const infoValues = Object.fromEntries(
      [2, 3, 4, 5].map((r) => [info.getCell(r, 1).value, info.getCell(r, 2).value]),
    );
    expect(infoValues).toEqual({
      形式: "hoshin-plan/1",
      市区町村: "小諸市",
      年度: "令和6年度",
      表題: "実施計画書 兼 事業説明書",
    });

    const measures = sheetOf(wb, "施策");
    const m61 = rowWhere(measures, { 施策コード: "6-1" });
    expect(measures.getCell(m61, columnOf(measures, "関連")).value).toBe("市民課、全課");
    expect(
      String(measures.getCell(m61, columnOf(measures, "重点方針と目標")).value).split("\n"),
    ).toHaveLength(4);

    expect(sheetOf(wb, "活動指標").getRow(1).values).toEqual([
      undefined,
      "事業番号",
      "事務事業名",
      "番号",
      "指標名",
      "単位",
      "令和6年度",
      "令和7年度",
      "令和8年度",
    ]);
    expect(sheetOf(wb, "点検結果").rowCount).toBe(1 + seedPlan().diagnostics.length);
  });
});

describe("edits made in Excel", () => {
  it("set 職員研修費 令和7年度 一般財源 to 1,443: the 2025 funding-sum mismatch goes, the value is stored", async () => {
    const read = await edited((wb) => {
      trainingInput(wb, "令和7年度", "一般財源").cell.value = 1443;
    });
    const expected = seedPlan();
    const training = projectsOf(expected).find((p) => p.name === TRAINING);
    if (!training?.inputs["2025"]) throw new Error("no 職員研修費 2025");
    training.inputs["2025"].generalRevenue = 1443;
    expected.diagnostics = expected.diagnostics.filter(
      (d) => !(d.code === "funding-sum-mismatch" && d.project === TRAINING && d.fiscalYear === "2025"),
    );
    expect(read.plan).toStrictEqual(expected);
    const mismatches = read.plan.diagnostics.filter((d) => d.code === "funding-sum-mismatch");
    expect(mismatches.map((d) => d.fiscalYear)).toEqual(["2026"]);
  });

  it("accepts amounts typed as text 「1,443」, formulas and rich text", async () => {
    const read = await edited((wb) => {
      trainingInput(wb, "令和7年度", "一般財源").cell.value = "1,443";
      trainingInput(wb, "令和8年度", "一般財源").cell.value = { formula: "1400+43", result: 1443 };
      const projects = sheetOf(wb, "事務事業");
      const row = rowWhere(projects, { 事務事業名: TRAINING });
      projects.getCell(row, columnOf(projects, "事務事業名")).value = {
        richText: [{ text: "職員" }, { text: "研修費", font: { bold: true } }],
      };
    });
    const training = projectsOf(read.plan).find((p) => p.name === TRAINING);
    expect(training?.inputs["2025"]?.generalRevenue).toBe(1443);
    expect(training?.inputs["2026"]?.generalRevenue).toBe(1443);
    expect(read.plan.diagnostics.filter((d) => d.code === "funding-sum-mismatch")).toEqual([]);
    expect(located(read.plan)).toEqual([]);
  });

  it("reports a new funding-sum mismatch once, and once again after another round trip", async () => {
    const read = await edited((wb) => {
      trainingInput(wb, "令和6年度", "年度別事業費").cell.value = 1500;
    });
    const added = newOnes(read.plan);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      severity: "error",
      code: "funding-sum-mismatch",
      project: TRAINING,
      fiscalYear: "2024",
      line: null,
    });
    const again = await readPlanWorkbook(await writePlanWorkbook(read.plan, meta));
    expect(again.plan).toStrictEqual(read.plan);
  });

  it("brings back a listed finding whose 点検結果 row was deleted while it still holds", async () => {
    const read = await edited((wb) => {
      sheetOf(wb, "点検結果").spliceRows(2, 1);
    });
    const first = seedPlan().diagnostics[0] as Diagnostic;
    expect(read.plan.diagnostics).toHaveLength(seedPlan().diagnostics.length);
    expect(read.plan.diagnostics.at(-1)).toMatchObject({
      code: first.code,
      project: first.project,
      fiscalYear: first.fiscalYear,
    });
  });

  it("finds columns by heading: two columns swapped read the same plan", async () => {
    const read = await edited((wb) => {
      const ws = sheetOf(wb, "投入指標");
      const a = columnOf(ws, "地方債");
      const b = columnOf(ws, "一般財源");
      for (let r = 1; r <= ws.rowCount; r++) {
        const x = ws.getCell(r, a).value;
        ws.getCell(r, a).value = ws.getCell(r, b).value;
        ws.getCell(r, b).value = x;
      }
      sheetOf(wb, "事務事業").getCell(1, 30).value = "メモ";
    });
    expect(read.plan).toStrictEqual(seedPlan());
  });

  it("without 点検結果 and 点検基準 reads the plan and reports what the checks find", async () => {
    const read = await edited((wb) => {
      wb.removeWorksheet(sheetOf(wb, "点検結果").id);
      wb.removeWorksheet(sheetOf(wb, "点検基準").id);
    });
    expect({ ...read.plan, diagnostics: [] }).toStrictEqual({ ...seedPlan(), diagnostics: [] });
    const [missing, ...checks] = read.plan.diagnostics;
    expect(missing).toEqual({
      severity: "warning",
      code: "missing-sheet",
      message: "「点検結果」シートがありません（これまでの点検結果は引き継ぎません）。",
      line: null,
    });
    expect(checks).toEqual(checkPlan(seedPlan()));
  });

  it("reports an amount that is not an integer by sheet and cell", async () => {
    let address = "";
    const read = await edited((wb) => {
      const c = trainingInput(wb, "令和7年度", "一般財源");
      c.cell.value = "abc";
      address = c.address;
    });
    expect(address).toMatch(/^H\d+$/);
    expect(located(read.plan)[0]).toEqual({
      severity: "error",
      code: "invalid-amount",
      message: `投入指標!${address}: 一般財源「abc」は整数（千円）ではありません。`,
      line: null,
      project: TRAINING,
      fiscalYear: "2025",
    });
  });

  it("reports a fraction and a negative amount", async () => {
    const addresses: string[] = [];
    const read = await edited((wb) => {
      const a = trainingInput(wb, "令和6年度", "その他");
      a.cell.value = 12.5;
      const b = trainingInput(wb, "令和6年度", "地方債");
      b.cell.value = -5;
      addresses.push(a.address, b.address);
    });
    const messages = located(read.plan).map((d) => d.message);
    expect(messages).toContain(`投入指標!${addresses[0]}: その他「12.5」は整数（千円）ではありません。`);
    expect(messages).toContain(
      `投入指標!${addresses[1]}: 地方債「-5」が負の値です。0 以上の整数（千円）で入力してください。`,
    );
  });

  it("reports an unknown 事業番号 on 投入指標 and 活動指標", async () => {
    let inputRow = 0;
    let activityRow = 0;
    const read = await edited((wb) => {
      const inputs = sheetOf(wb, "投入指標");
      inputRow = rowWhere(inputs, { 事業番号: TRAINING_NUMBER, 年度: "令和6年度" });
      inputs.getCell(inputRow, 1).value = 999;
      const activities = sheetOf(wb, "活動指標");
      activityRow = rowWhere(activities, { 事業番号: TRAINING_NUMBER });
      activities.getCell(activityRow, 1).value = "１０００";
    });
    const messages = located(read.plan).map((d) => d.message);
    expect(messages).toEqual([
      `投入指標!A${inputRow}: 事業番号「999」の事務事業が「事務事業」シートにありません（この行は読みません）。`,
      `活動指標!A${activityRow}: 事業番号「１０００」の事務事業が「事務事業」シートにありません（この行は読みません）。`,
    ]);
    // The row is left out: 職員研修費 has no 令和6年度 now, which the checks report.
    const training = projectsOf(read.plan).find((p) => p.name === TRAINING);
    expect(Object.keys(training?.inputs ?? {})).toEqual(["2025", "2026"]);
    expect(newOnes(read.plan).some((d) => d.code === "missing-fiscal-year" && d.project === TRAINING)).toBe(
      true,
    );
  });

  it("reports an empty 事務事業名", async () => {
    let row = 0;
    const read = await edited((wb) => {
      const projects = sheetOf(wb, "事務事業");
      row = rowWhere(projects, { 事務事業名: TRAINING });
      projects.getCell(row, columnOf(projects, "事務事業名")).value = null;
    });
    expect(located(read.plan).map((d) => d.message)).toEqual([`事務事業!C${row}: 事務事業名が空欄です。`]);
  });

  it("reports a 施策コード that does not exist", async () => {
    let row = 0;
    const read = await edited((wb) => {
      const projects = sheetOf(wb, "事務事業");
      row = rowWhere(projects, { 事務事業名: TRAINING });
      projects.getCell(row, columnOf(projects, "施策コード")).value = "9-9";
    });
    expect(located(read.plan).map((d) => d.message)).toEqual([
      `事務事業!B${row}: 施策コード「9-9」の施策が「施策」シートにありません（この行は読みません）。`,
    ]);
    expect(projectsOf(read.plan).some((p) => p.name === TRAINING)).toBe(false);
  });

  it("reports a fiscal-year label that is not 令和/平成N年度", async () => {
    let address = "";
    const read = await edited((wb) => {
      const c = trainingInput(wb, "令和8年度", "年度");
      c.cell.value = "令和八年度";
      address = c.address;
    });
    expect(located(read.plan)[0]).toEqual({
      severity: "error",
      code: "invalid-fiscal-year",
      message: `投入指標!${address}: 年度「令和八年度」を読めません。「令和6年度」のように令和・平成の年度で入力してください（この行は読みません）。`,
      line: null,
      project: TRAINING,
    });
  });

  it("reads a 平成 year label", async () => {
    const read = await edited((wb) => {
      trainingInput(wb, "令和8年度", "年度").cell.value = "平成30年度";
    });
    const training = projectsOf(read.plan).find((p) => p.name === TRAINING);
    expect(Object.keys(training?.inputs ?? {})).toEqual(["2018", "2024", "2025"]);
    expect(located(read.plan).filter((d) => !d.code.startsWith("funding"))).toEqual([]);
  });
});

/** A ZIP archive (stored, no compression) holding one text file: a zip, but no workbook. */
function zipOf(name: string, text: string): Uint8Array {
  const data = Buffer.from(text, "utf8");
  const file = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const centralOffset = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, file, data, central, file, end]));
}

const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;

describe("input that is not a plan workbook", () => {
  async function expectRefused(bytes: Uint8Array, code: string) {
    const read = await readPlanWorkbook(bytes);
    expect(read.city).toBeNull();
    expect(read.fiscalYear).toBeNull();
    expect(read.plan.policies).toEqual([]);
    expect(read.plan.diagnostics).toHaveLength(1);
    const d = read.plan.diagnostics[0];
    expect(d).toMatchObject({ severity: "error", code, line: null });
    expect(d?.message).toMatch(JAPANESE);
    return d?.message ?? "";
  }

  it("an empty file", async () => {
    expect(await expectRefused(new Uint8Array(0), "empty-input")).toBe(
      "ファイルが空です。Excel ブック（.xlsx）を選んでください。",
    );
  });

  it("random bytes", async () => {
    await expectRefused(new Uint8Array(randomBytes(4096)), "not-xlsx");
  });

  it("random bytes behind a zip signature, and a truncated workbook", async () => {
    const fake = new Uint8Array(randomBytes(4096));
    fake.set([0x50, 0x4b, 0x03, 0x04]);
    await expectRefused(fake, "not-xlsx");
    await expectRefused(seedBytes.slice(0, Math.floor(seedBytes.length / 2)), "not-xlsx");
  });

  it("an old .xls file", async () => {
    const xls = new Uint8Array(512);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await expectRefused(xls, "not-xlsx")).toContain(".xls");
  });

  it("a zip that is not a workbook", async () => {
    expect(await expectRefused(zipOf("hello.txt", "こんにちは"), "not-plan-workbook")).toBe(
      "Hoshin の計画ブックではありません（「情報」「事務事業」「投入指標」などのシートがありません）。",
    );
  });

  it("a workbook without the plan's sheets", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.getCell("A1").value = "事業名";
    ws.getCell("A2").value = "何か";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await expectRefused(bytes, "not-plan-workbook")).toBe(
      "Hoshin の計画ブックではありません（「情報」「事務事業」「投入指標」などのシートがありません）。",
    );
  });

  it("a plan workbook missing a sheet reads the rest and reports the sheet", async () => {
    const read = await edited((wb) => {
      wb.removeWorksheet(sheetOf(wb, "活動指標").id);
    });
    expect(newOnes(read.plan)).toEqual([
      { severity: "error", code: "missing-sheet", message: "「活動指標」シートがありません。", line: null },
    ]);
    expect(projectsOf(read.plan)).toHaveLength(projectsOf(seedPlan()).length);
    expect(projectsOf(read.plan).every((p) => p.activityIndicators.length === 0)).toBe(true);
  });

  it("a workbook of another format", async () => {
    const read = await edited((wb) => {
      sheetOf(wb, "情報").getCell("B2").value = "hoshin-plan/9";
    });
    expect(read.plan.diagnostics).toEqual([
      {
        severity: "error",
        code: "unsupported-format",
        message: "情報!B2: 形式「hoshin-plan/9」のブックは読めません（hoshin-plan/1 のみ）。",
        line: null,
      },
    ]);
  });
});

// The evaluation (Check) data of hoshin-plan/1: indicator directions, activity actuals, 決算額, 見込み
// and the 事務事業評価・施策評価 sheets, written and read back exactly, edits and mistakes included.

const DOCUMENTS = "文書費";
const DOCUMENTS_NUMBER = projectsOf(seedPlan()).findIndex((p) => p.name === DOCUMENTS) + 1;

const projectNamed = (plan: PlanDocument, name: string): Project => {
  const p = projectsOf(plan).find((x) => x.name === name);
  if (!p) throw new Error(`no project ${name}`);
  return p;
};
const measureCoded = (plan: PlanDocument, code: string): Measure => {
  const m = plan.policies.flatMap((p) => p.measures).find((x) => x.code === code);
  if (!m) throw new Error(`no measure ${code}`);
  return m;
};
const outcomeNamed = (plan: PlanDocument, prefix: string): OutcomeIndicator => {
  const o = plan.policies
    .flatMap((p) => p.measures.flatMap((m) => m.outcomeIndicators))
    .find((x) => x.name?.startsWith(prefix));
  if (!o) throw new Error(`no outcome indicator ${prefix}`);
  return o;
};
const value = (text: string): IndicatorValue => {
  const v = parseIndicatorValue(text);
  if (!v) throw new Error(`no value ${text}`);
  return v;
};

/** The seed plan with evaluation data set by hand, each key in the order of hoshin-plan/1. */
function checkedPlan(): PlanDocument {
  const plan = seedPlan();
  outcomeNamed(plan, "年度末市債残高").direction = "lower";

  const documents = projectNamed(plan, DOCUMENTS);
  const [meter, filing] = documents.activityIndicators;
  if (!meter || !filing) throw new Error("文書費 has two activity indicators");
  // 職員1人のファイルメータ3m以内: 2.8 against 3, lower is better → 3 ÷ 2.8 = 1.0714… → 107.1 %.
  meter.actual = { "2024": value("2.8") };
  meter.direction = "lower";
  // ファイリング研修の開催: 2 against 2 → 100.0 %.
  filing.actual = { "2024": value("2") };
  documents.settled = { "2024": 9_300 };

  const training = projectNamed(plan, TRAINING);
  training.estimatedYears = ["2026"];
  training.evaluations = {
    "2024": {
      self: {
        aspects: {
          necessity: { rating: "A", reason: "職員の能力向上は市民サービスの基盤である。" },
          effectiveness: {
            rating: "B",
            reason: "受講者アンケートの満足度は高いが、\n業務改善への波及は一部にとどまる。",
          },
          efficiency: { rating: "B", reason: null },
          equity: { rating: "A", reason: "全職員が対象。" },
        },
        outlook: "improve",
        changes: "オンライン研修を取り入れ、受講機会を広げる。",
      },
      secondary: {
        aspects: {
          necessity: { rating: "A", reason: null },
          effectiveness: { rating: "C", reason: "成果指標との結び付きが弱い。" },
          efficiency: { rating: "B", reason: null },
          equity: { rating: null, reason: null },
        },
        outlook: "continue",
        comment: "研修効果の測り方を見直すこと。",
      },
    },
    "2025": {
      self: {
        aspects: {
          necessity: { rating: "A", reason: null },
          effectiveness: { rating: null, reason: null },
          efficiency: { rating: null, reason: null },
          equity: { rating: null, reason: null },
        },
        outlook: null,
        changes: null,
      },
      secondary: null,
    },
  };

  // 施策6-5: a 二次評価 whose fields are all empty is still a 二次評価 (二次評価あり ○).
  measureCoded(plan, "6-5").evaluations = {
    "2024": {
      self: {
        rating: "B",
        assessment: "窓口満足度は目標に届かないが、職員の改善意識は高い水準にある。",
        nextSteps: "窓口の待ち時間の短縮に取り組む。",
      },
      secondary: { rating: null, comment: null },
    },
  };
  return plan;
}

describe("evaluation data in the workbook", () => {
  let checkedBytes: Uint8Array;

  beforeAll(async () => {
    checkedBytes = await writePlanWorkbook(checkedPlan(), meta);
  });

  /** The checked workbook, changed by `change`, saved and read back. */
  async function editedChecked(change: (wb: ExcelJS.Workbook) => void) {
    const wb = await load(checkedBytes);
    change(wb);
    return readPlanWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
  }

  /** The 事務事業評価 cell of 職員研修費 for a fiscal year and heading. */
  function trainingEvaluation(wb: ExcelJS.Workbook, year: string, heading: string) {
    const ws = sheetOf(wb, "事務事業評価");
    const row = rowWhere(ws, { 事業番号: TRAINING_NUMBER, 年度: year });
    const cell = ws.getCell(row, columnOf(ws, heading));
    return { cell, address: cell.address };
  }

  it("reads back exactly the plan with evaluation data, key order included, twice over", async () => {
    const read = await readPlanWorkbook(checkedBytes);
    expect(read.plan).toStrictEqual(checkedPlan());
    expect(JSON.stringify(read.plan)).toBe(JSON.stringify(checkedPlan()));
    const twice = await readPlanWorkbook(await writePlanWorkbook(read.plan, meta));
    expect(twice.plan).toStrictEqual(checkedPlan());
  });

  it("writes 事務事業評価 and 施策評価 with one row per evaluated year, 二次評価あり ○ for an empty 二次評価", async () => {
    const wb = await load(checkedBytes);
    const projects = sheetOf(wb, "事務事業評価");
    const aspects = (stage: string) =>
      ["必要性", "有効性", "効率性", "公平性"].flatMap((a) => [`${stage} ${a} 評価`, `${stage} ${a} 理由`]);
    expect(projects.getRow(1).values).toEqual([
      undefined,
      "事業番号",
      "事務事業名",
      "年度",
      ...aspects("一次"),
      "一次 今後の方向性",
      "改善内容",
      "二次評価あり",
      ...aspects("二次"),
      "二次 今後の方向性",
      "二次評価コメント",
    ]);
    expect(projects.rowCount).toBe(3);
    const row2024 = projects.getRow(rowWhere(projects, { 事業番号: TRAINING_NUMBER, 年度: "令和6年度" }));
    const at = (heading: string) => row2024.getCell(columnOf(projects, heading)).value;
    expect(at("事務事業名")).toBe(TRAINING);
    expect(at("一次 有効性 評価")).toBe("B");
    expect(at("一次 今後の方向性")).toBe("改善");
    expect(at("二次評価あり")).toBe("○");
    expect(at("二次 有効性 評価")).toBe("C");
    expect(at("二次 公平性 評価")).toBeNull();
    expect(at("二次 今後の方向性")).toBe("継続");
    const row2025 = projects.getRow(rowWhere(projects, { 事業番号: TRAINING_NUMBER, 年度: "令和7年度" }));
    expect(row2025.getCell(columnOf(projects, "二次評価あり")).value).toBeNull();

    const measures = sheetOf(wb, "施策評価");
    expect(measures.getRow(1).values).toEqual([
      undefined,
      "施策コード",
      "施策名",
      "年度",
      "一次 評価",
      "一次 評価内容",
      "一次 今後の取り組み",
      "二次評価あり",
      "二次 評価",
      "二次評価コメント",
    ]);
    expect(measures.rowCount).toBe(2);
    expect(measures.getRow(2).values).toEqual([
      undefined,
      "6-5",
      "職員の意識改革と育成を図り、市民サービスの向上に努めます",
      "令和6年度",
      "B",
      "窓口満足度は目標に届かないが、職員の改善意識は高い水準にある。",
      "窓口の待ち時間の短縮に取り組む。",
      "○",
    ]);

    // The seed (no evaluation data) has both sheets, headings only.
    const seed = await load(seedBytes);
    expect(sheetOf(seed, "事務事業評価").rowCount).toBe(1);
    expect(sheetOf(seed, "施策評価").rowCount).toBe(1);
  });

  it("writes 決算額 and 見込み on 投入指標, 評価の向き, 実績 and 達成状況 on 活動指標", async () => {
    const wb = await load(checkedBytes);
    const inputs = sheetOf(wb, "投入指標");
    expect(inputs.getRow(1).values).toEqual([
      undefined,
      "事業番号",
      "事務事業名",
      "年度",
      "年度別事業費",
      "国・県支出金",
      "地方債",
      "その他",
      "一般財源",
      "決算額",
      "見込み",
    ]);
    const settled = inputs.getCell(
      rowWhere(inputs, { 事業番号: DOCUMENTS_NUMBER, 年度: "令和6年度" }),
      columnOf(inputs, "決算額"),
    );
    expect(settled.value).toBe(9300);
    expect(settled.numFmt).toBe("#,##0");
    const estimated = (year: string) =>
      inputs.getCell(rowWhere(inputs, { 事業番号: TRAINING_NUMBER, 年度: year }), columnOf(inputs, "見込み"))
        .value;
    expect([estimated("令和6年度"), estimated("令和7年度"), estimated("令和8年度")]).toEqual([
      null,
      null,
      "○",
    ]);

    const activities = sheetOf(wb, "活動指標");
    expect(activities.getRow(1).values).toEqual([
      undefined,
      "事業番号",
      "事務事業名",
      "番号",
      "指標名",
      "単位",
      "評価の向き",
      "令和6年度",
      "令和7年度",
      "令和8年度",
      "令和6年度実績",
      "令和7年度実績",
      "令和8年度実績",
      "令和6年度達成状況",
    ]);
    const documents = (n: number, heading: string) =>
      activities.getCell(
        rowWhere(activities, { 事業番号: DOCUMENTS_NUMBER, 番号: n }),
        columnOf(activities, heading),
      ).value;
    expect(documents(1, "評価の向き")).toBe("低いほど良い");
    expect(documents(1, "令和6年度実績")).toBe("2.8");
    expect(documents(1, "令和6年度達成状況")).toBe("達成（107.1%）");
    expect(documents(2, "評価の向き")).toBeNull();
    expect(documents(2, "令和6年度達成状況")).toBe("達成（100.0%）");
  });

  it("writes 評価の向き, 達成状況 and 計画策定時比 on 成果指標", async () => {
    const wb = await load(checkedBytes);
    const ws = sheetOf(wb, "成果指標");
    const cellOf = (prefix: string, heading: string) => {
      const nameCol = columnOf(ws, "指標名");
      for (let r = 2; r <= ws.rowCount; r++) {
        if (String(ws.getCell(r, nameCol).value).startsWith(prefix))
          return ws.getCell(r, columnOf(ws, heading)).value;
      }
      throw new Error(`no row ${prefix}`);
    };
    // 年度末基金残高 令和3年度: 73.4 against 「40以上」 → 73.4 ÷ 40 = 1.835; above the baseline 66.6.
    expect(cellOf("年度末基金残高", "令和3年度達成状況")).toBe("達成（183.5%）");
    expect(cellOf("年度末基金残高", "令和3年度計画策定時比")).toBe("改善");
    expect(cellOf("年度末基金残高", "評価の向き")).toBeNull();
    // 年度末市債残高, lower is better: 令和3年度 150 ÷ 130.9 = 1.14591… (114.6 %), above the baseline
    // 128.7 (悪化); 令和4年度 150 ÷ 123.7 = 1.21261… (121.3 %), below it (改善).
    expect(cellOf("年度末市債残高", "評価の向き")).toBe("低いほど良い");
    expect(cellOf("年度末市債残高", "令和3年度達成状況")).toBe("達成（114.6%）");
    expect(cellOf("年度末市債残高", "令和3年度計画策定時比")).toBe("悪化");
    expect(cellOf("年度末市債残高", "令和4年度達成状況")).toBe("達成（121.3%）");
    expect(cellOf("年度末市債残高", "令和4年度計画策定時比")).toBe("改善");
    // No actual for 令和5年度, so no derived column for it.
    expect(() => columnOf(ws, "令和5年度達成状況")).toThrow();
  });

  it("shows the evaluations on the measure sheets", async () => {
    const wb = await load(checkedBytes);
    const column = (ws: ExcelJS.Worksheet) => {
      const values: unknown[] = [];
      for (let r = 1; r <= ws.rowCount; r++) values.push(ws.getCell(r, 1).value);
      return values;
    };
    const sheet62 = column(sheetOf(wb, "施策6-2"));
    const training = sheet62.indexOf(TRAINING);
    const next = sheet62.indexOf("事務事業名", training + 1);
    const block = sheet62.slice(training, next);
    expect(block).toContain("事務事業評価（令和6年度）");
    expect(block).toContain("事務事業評価（令和7年度）");
    expect(block).toContain("必要性");
    expect(sheet62.filter((v) => v === "事務事業評価（令和6年度）")).toHaveLength(1);
    expect(column(sheetOf(wb, "施策6-5"))).toContain("施策評価（令和6年度）");
    expect(column(sheetOf(wb, "施策6-4"))).not.toContain("施策評価（令和6年度）");
  });

  it("reads back an outlook changed to 廃止 in Excel", async () => {
    const read = await editedChecked((wb) => {
      trainingEvaluation(wb, "令和6年度", "一次 今後の方向性").cell.value = "廃止";
    });
    const expected = checkedPlan();
    const evaluation = projectNamed(expected, TRAINING).evaluations?.["2024"];
    if (!evaluation) throw new Error("no evaluation");
    evaluation.self.outlook = "abolish";
    expect(read.plan).toStrictEqual(expected);
  });

  it("reports a rating 「D」 by sheet and cell, and reads it as not rated", async () => {
    let address = "";
    const read = await editedChecked((wb) => {
      const c = trainingEvaluation(wb, "令和6年度", "一次 必要性 評価");
      c.cell.value = "D";
      address = c.address;
    });
    expect(address).toBe("D2");
    expect(located(read.plan)).toEqual([
      {
        severity: "error",
        code: "invalid-value",
        message: `事務事業評価!${address}: 一次 必要性 評価「D」は「A」「B」「C」のいずれかで入力してください（空欄は未評価です。この値は読みません）。`,
        line: null,
        project: TRAINING,
        fiscalYear: "2024",
      },
    ]);
    expect(projectNamed(read.plan, TRAINING).evaluations?.["2024"]?.self.aspects.necessity.rating).toBeNull();
  });

  it("reports a 決算額 of -1 and leaves it out", async () => {
    let address = "";
    const read = await editedChecked((wb) => {
      const ws = sheetOf(wb, "投入指標");
      const cell = ws.getCell(
        rowWhere(ws, { 事業番号: DOCUMENTS_NUMBER, 年度: "令和6年度" }),
        columnOf(ws, "決算額"),
      );
      cell.value = -1;
      address = cell.address;
    });
    expect(address).toMatch(/^I\d+$/);
    expect(located(read.plan)).toEqual([
      {
        severity: "error",
        code: "invalid-amount",
        message: `投入指標!${address}: 決算額「-1」が負の値です。0 以上の整数（千円）で入力してください（この値は読みません）。`,
        line: null,
        project: DOCUMENTS,
        fiscalYear: "2024",
      },
    ]);
    expect("settled" in projectNamed(read.plan, DOCUMENTS)).toBe(false);
  });

  it("reports an outlook not in the list, a fraction of 決算額, a wrong 評価の向き and 二次評価あり", async () => {
    const at: Record<string, string> = {};
    const read = await editedChecked((wb) => {
      const outlook = trainingEvaluation(wb, "令和7年度", "一次 今後の方向性");
      outlook.cell.value = "休止";
      at.outlook = outlook.address;
      const mark = trainingEvaluation(wb, "令和7年度", "二次評価あり");
      mark.cell.value = "済";
      at.mark = mark.address;
      const inputs = sheetOf(wb, "投入指標");
      const settled = inputs.getCell(
        rowWhere(inputs, { 事業番号: DOCUMENTS_NUMBER, 年度: "令和6年度" }),
        columnOf(inputs, "決算額"),
      );
      settled.value = 9300.5;
      at.settled = settled.address;
      const outcomes = sheetOf(wb, "成果指標");
      const direction = outcomes.getCell(
        rowWhere(outcomes, { 施策コード: "6-3", 番号: 2 }),
        columnOf(outcomes, "評価の向き"),
      );
      direction.value = "低い";
      at.direction = direction.address;
    });
    expect(located(read.plan).map((d) => d.message)).toEqual([
      `成果指標!${at.direction}: 評価の向き「低い」は「高いほど良い」か「低いほど良い」で入力してください（空欄は目標値の以上・以下から判断します。この値は読みません）。`,
      `投入指標!${at.settled}: 決算額「9300.5」は整数（千円）ではありません（この値は読みません）。`,
      `事務事業評価!${at.outlook}: 一次 今後の方向性「休止」は「拡充」「継続」「改善」「縮小」「廃止」「完了」のいずれかで入力してください（この値は読みません）。`,
      `事務事業評価!${at.mark}: 二次評価あり「済」は「○」か空欄で入力してください。`,
    ]);
    expect("direction" in outcomeNamed(read.plan, "年度末市債残高")).toBe(false);
    expect(projectNamed(read.plan, TRAINING).evaluations?.["2025"]?.secondary).toBeNull();
  });

  it("reports an unknown 事業番号 and 施策コード on the evaluation sheets", async () => {
    const rows: Record<string, number> = {};
    const read = await editedChecked((wb) => {
      const projects = sheetOf(wb, "事務事業評価");
      rows.project = rowWhere(projects, { 事業番号: TRAINING_NUMBER, 年度: "令和7年度" });
      projects.getCell(rows.project, 1).value = 999;
      const measures = sheetOf(wb, "施策評価");
      rows.measure = rowWhere(measures, { 施策コード: "6-5" });
      measures.getCell(rows.measure, 1).value = "6-9";
    });
    expect(located(read.plan).map((d) => d.message)).toEqual([
      `事務事業評価!A${rows.project}: 事業番号「999」の事務事業が「事務事業」シートにありません（この行は読みません）。`,
      `施策評価!A${rows.measure}: 施策コード「6-9」の施策が「施策」シートにありません（この行は読みません）。`,
    ]);
    expect(Object.keys(projectNamed(read.plan, TRAINING).evaluations ?? {})).toEqual(["2024"]);
    expect("evaluations" in measureCoded(read.plan, "6-5")).toBe(false);
  });

  it("reads an evaluation added in Excel, and a 二次評価 typed in without ○", async () => {
    const read = await editedChecked((wb) => {
      const ws = sheetOf(wb, "施策評価");
      const row = ws.getRow(3);
      row.getCell(columnOf(ws, "施策コード")).value = "6-1";
      row.getCell(columnOf(ws, "年度")).value = "令和7年度";
      row.getCell(columnOf(ws, "一次 評価")).value = "ａ";
      row.getCell(columnOf(ws, "二次評価コメント")).value = "引き続き取り組むこと。";
      // Removing the ○ of an empty 二次評価 removes it.
      ws.getCell(2, columnOf(ws, "二次評価あり")).value = null;
    });
    const expected = checkedPlan();
    measureCoded(expected, "6-1").evaluations = {
      "2025": {
        self: { rating: "A", assessment: null, nextSteps: null },
        secondary: { rating: null, comment: "引き続き取り組むこと。" },
      },
    };
    const m65 = measureCoded(expected, "6-5").evaluations?.["2024"];
    if (!m65) throw new Error("no 6-5 evaluation");
    m65.secondary = null;
    expect(read.plan).toStrictEqual(expected);
  });

  it("reads a workbook without the evaluation sheets and columns as a plan without evaluation data", async () => {
    const read = await editedChecked((wb) => {
      wb.removeWorksheet(sheetOf(wb, "事務事業評価").id);
      wb.removeWorksheet(sheetOf(wb, "施策評価").id);
      const inputs = sheetOf(wb, "投入指標");
      inputs.spliceColumns(columnOf(inputs, "決算額"), 2);
      const activities = sheetOf(wb, "活動指標");
      activities.spliceColumns(columnOf(activities, "令和6年度実績"), 4);
      activities.spliceColumns(columnOf(activities, "評価の向き"), 1);
      const outcomes = sheetOf(wb, "成果指標");
      outcomes.spliceColumns(columnOf(outcomes, "評価の向き"), 1);
    });
    expect(read.plan).toStrictEqual(seedPlan());
  });

  it("keeps a 決算額 of a year outside the inputs and a 見込み year without inputs", async () => {
    const plan = checkedPlan();
    // As a rollover leaves them: the 決算額 of 令和5年度, which the plan's inputs no longer show.
    projectNamed(plan, DOCUMENTS).settled = { "2023": 8_000, "2024": 9_300 };
    projectNamed(plan, "議員報酬等").estimatedYears = ["2026"];
    const bytes = await writePlanWorkbook(plan, meta);
    const read = await readPlanWorkbook(bytes);
    expect(read.plan).toStrictEqual(plan);
    expect(Object.keys(projectNamed(read.plan, DOCUMENTS).inputs)).toEqual(["2024", "2025", "2026"]);
  });
});
