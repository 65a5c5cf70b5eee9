import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateDataPackage } from "../../../src/formats/open-data/validate/validate-datapackage.ts";
import { hoshin, projectRoot } from "../../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../../support/db.ts";

// The Excel round trip as a department does it, with the real command: parse → database → xlsx →
// import (into another database) → export JSON equals the parse output; an edited workbook is checked
// with its mistakes located by sheet and cell.

const seedPath = join(projectRoot, "test/fixtures/komoro-2024-policy6.txt");
const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-xlsx-"));
const workbookPath = join(dir, "小諸市-2024.xlsx");
const databases: TestDatabase[] = [];

/** A database of its own for the CLI: a PGlite directory, or with DATABASE_URL a fresh PostgreSQL database. */
async function database(name: string): Promise<Record<string, string | undefined>> {
  if (process.env.DATABASE_URL) {
    const db = await createTestDatabase();
    databases.push(db);
    return { DATABASE_URL: db.url, HOSHIN_DATA_DIR: join(dir, `${name}-unused`) };
  }
  return { DATABASE_URL: "", HOSHIN_DATA_DIR: join(dir, name) };
}

let office: Record<string, string | undefined>;
let other: Record<string, string | undefined>;

beforeAll(async () => {
  office = await database("office");
  other = await database("other");
});
afterAll(async () => {
  for (const db of databases) await db.dispose();
});

// Each test runs the real command several times (a process start, a database open); give a loaded
// two-core machine room.
describe("hoshin export --format xlsx and import of the workbook", { timeout: 300_000 }, () => {
  it("brings the plan back exactly: export JSON of the imported workbook equals parse of the book", () => {
    expect(hoshin(["import", seedPath, "--city", "小諸市"], office).code).toBe(0);
    const written = hoshin(
      ["export", "--city", "小諸市", "--year", "2024", "--format", "xlsx", "--out", workbookPath],
      office,
    );
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/小諸市-2024\.xlsx に書き出しました（[\d,]+ バイト）。/);
    expect(readFileSync(workbookPath).subarray(0, 2).toString("latin1")).toBe("PK");

    // No --city or --year: the workbook says 小諸市 and 令和6年度.
    const imported = hoshin(["import", workbookPath], other);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("小諸市（202088） 令和6年度の実施計画を取り込みました");
    expect(imported.stdout).toContain("政策 1、施策 5、事務事業 45。");

    const parsed = hoshin(["parse", seedPath], other);
    const exported = hoshin(["export", "--city", "小諸市", "--year", "2024", "--format", "json"], other);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(parsed.stdout);
    // parse reads the workbook to the same plan too.
    expect(hoshin(["parse", workbookPath], other).stdout).toBe(parsed.stdout);
  });

  it("checks an edited workbook and names the sheet and cell of a wrong amount", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbookPath);
    const inputs = wb.getWorksheet("投入指標");
    if (!inputs) throw new Error("no 投入指標 sheet");
    const headings = (inputs.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ""));
    const nameCol = headings.indexOf("事務事業名");
    const yearCol = headings.indexOf("年度");
    const generalCol = headings.indexOf("一般財源");
    expect([nameCol, yearCol, generalCol].every((c) => c > 0)).toBe(true);
    let address = "";
    inputs.eachRow((row, r) => {
      if (
        r > 1 &&
        row.getCell(nameCol).value === "職員研修費" &&
        row.getCell(yearCol).value === "令和7年度"
      ) {
        const cell = row.getCell(generalCol);
        expect(cell.value).toBe(1453); // as the book prints it, beside a total of 1,443
        cell.value = "千四百";
        address = cell.address;
      }
    });
    expect(address).not.toBe("");
    const edited = join(dir, "edited.xlsx");
    writeFileSync(edited, new Uint8Array(await wb.xlsx.writeBuffer()));

    const checked = hoshin(["check", edited], other);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`投入指標!${address}`);
    expect(checked.stdout).toContain("千四百");
  });

  it("writes the open data into a folder: CSV files, datapackage.json and plan.json that validate", () => {
    const out = join(dir, "opendata");
    const r = hoshin(
      ["export", "--city", "小諸市", "--year", "2024", "--format", "csv", "--out", out],
      office,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("6 個のファイルを書き出しました");
    const names = [
      "projects.csv",
      "project-inputs.csv",
      "activity-indicators.csv",
      "outcome-indicators.csv",
      "datapackage.json",
      "plan.json",
    ];
    const files = new Map(names.map((n) => [n, new Uint8Array(readFileSync(join(out, n)))]));
    const descriptor = JSON.parse(new TextDecoder().decode(files.get("datapackage.json")));
    expect(validateDataPackage(descriptor, files)).toEqual([]);
    // plan.json is the plan as parse reads the book (its diagnostics are the data's as it is now).
    const parsed = hoshin(["parse", seedPath], office);
    expect(new TextDecoder().decode(files.get("plan.json"))).toBe(parsed.stdout);
    // Without --out there is nowhere to put several files.
    const noOut = hoshin(["export", "--city", "小諸市", "--year", "2024", "--format", "csv"], office);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("--out で書き出し先のフォルダを指定してください");
  });

  it("prints the book as HTML when started from another folder (the JSX of the book needs the project's tsconfig)", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "hoshin-cwd-"));
    const out = join(elsewhere, "book.html");
    const r = hoshin(
      ["export", "--city", "小諸市", "--year", "2024", "--format", "html", "--out", out],
      office,
      elsewhere,
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 0,
      stderr: `${out} に書き出しました（${statSync(out).size.toLocaleString("en-US")} バイト）。\n`,
    });
    const html = readFileSync(out, "utf8");
    expect(html).toContain("施策 6-1　参加と協働により市民主体のまちづくりを推進します");
    expect(html).toContain("職員研修費");
  });

  it("refuses a file that is neither a book nor a workbook, and leaves the database as it was", () => {
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, Buffer.from("PK\u0003\u0004 not really a zip", "latin1"));
    const r = hoshin(["import", bad, "--city", "小諸市"], other);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("Excel ブック（.xlsx）として読めません");
    expect(r.stderr).toContain("取り込みませんでした。データベースは変更していません。");
    const list = hoshin(["list"], other);
    expect(list.stdout).toContain("小諸市");
  });
});
