import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBook } from "../../../src/formats/book-text/index.ts";
import { readBookDetailed } from "../../../src/formats/book-text/read-book.ts";
import { encodeShiftJis } from "../../../src/formats/decode.ts";

const seed = readFileSync(new URL("../../fixtures/komoro-2024-policy6.txt", import.meta.url), "utf8");
const seedLines = seed.split("\n");
const base = readBook(seed);

/** The seed with line `no` (1-based) replaced by the given lines. */
function edit(no: number, ...replacement: string[]): string {
  const lines = seedLines.slice();
  lines.splice(no - 1, 1, ...replacement);
  return lines.join("\n");
}
const lineOf = (needle: string) => seedLines.findIndex((l) => l.includes(needle)) + 1;
const project = (plan: ReturnType<typeof readBook>, name: string) =>
  plan.policies.flatMap((p) => p.measures.flatMap((m) => m.projects)).find((p) => p.name === name);

describe("the reader on damaged books", () => {
  it("reports an amount missing from a 投入指標 row with its line, and keeps the others", () => {
    const no = lineOf("\t年度別事業費\t38,430 千円");
    const plan = readBook(edit(no, "\t年度別事業費\t38,430 千円\t57,430 千円\t"));
    const d = plan.diagnostics.find((x) => x.code === "amount-count-mismatch");
    expect(d).toMatchObject({ severity: "error", line: no, project: "市民協働推進事業" });
    expect(d?.message).toContain("年度別事業費");
    const p = project(plan, "市民協働推進事業");
    expect(p?.inputs["2024"]?.total).toBe(38430);
    expect(p?.inputs["2025"]?.total).toBe(57430);
    // The third year's total is unknown: it is reported missing, and its sum check then fails loudly.
    expect(plan.diagnostics.some((x) => x.code === "missing-field" && x.fiscalYear === "2026")).toBe(true);
  });

  it("reports an amount that is not an integer number of 千円", () => {
    const no = lineOf("\t年度別事業費\t6,424 千円");
    const plan = readBook(edit(no, "\t年度別事業費\t6,424.5 千円\t6,424 千円\t6,424 千円"));
    const d = plan.diagnostics.find((x) => x.code === "invalid-amount");
    expect(d).toMatchObject({ severity: "error", line: no, project: "市民活動支援事業" });
    expect(d?.message).toContain("6,424.5");
  });

  it("reports a line it cannot place, with the line number, and keeps everything else", () => {
    const no = lineOf("事業概要\t区・区長・区長会に対する活動支援の実施");
    const plan = readBook(edit(no, seedLines[no - 1] ?? "", "謎の行\tなにか"));
    const d = plan.diagnostics.find((x) => x.code === "unparsed-line");
    expect(d).toMatchObject({ severity: "warning", line: no + 1 });
    expect(d?.message).toContain("謎の行");
    expect(project(plan, "市民協働推進事業")?.inputs).toEqual(project(base, "市民協働推進事業")?.inputs);
  });

  it("keeps a stray table row inside a prose section as text and says so", () => {
    const no = lineOf("市民活動支援・推進のためのアクションプラン");
    const plan = readBook(edit(no, seedLines[no - 1] ?? "", "ほげ\tふが"));
    expect(plan.diagnostics.find((x) => x.code === "unparsed-line")).toMatchObject({ line: no + 1 });
    expect(plan.policies[0]?.measures[0]?.sectoralPlans).toContain("ほげ ふが");
  });

  it("checks the contents against the measures printed", () => {
    const no = lineOf("【施策 6-2】");
    const plan = readBook(edit(no, "【施策 6-2】 別の名前の施策"));
    expect(plan.diagnostics.find((x) => x.code === "title-mismatch")).toMatchObject({
      line: no,
      severity: "warning",
    });
    const plan2 = readBook(edit(no, "【施策 6-9】 存在しない施策"));
    expect(plan2.diagnostics.find((x) => x.code === "contents-mismatch")?.message).toContain("施策 6-9");
  });

  it("says so when a file is empty, binary, or not a book", () => {
    expect(readBook(new Uint8Array()).diagnostics.map((d) => d.code)).toEqual(["empty-input"]);
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const bin = readBook(png);
    expect(bin.diagnostics.map((d) => d.code)).toEqual(["binary-input"]);
    expect(bin.diagnostics[0]?.message).toMatch(/テキストファイルではありません/);
    const notBook = readBook("こんにちは\n世界\n");
    expect(notBook.policies).toEqual([]);
    expect(notBook.diagnostics.filter((d) => d.code === "unparsed-line").map((d) => d.line)).toEqual([1, 2]);
    expect(notBook.diagnostics.some((d) => d.severity === "error" && d.message.includes("政策"))).toBe(true);
  });

  it("reads Shift_JIS with CRLF exactly like UTF-8", () => {
    // 「费」 has no Shift_JIS code: a Windows-saved book would carry 「費」. CP932 has no 「—」 (U+2014):
    // Windows writes its 「―」 (U+2015), which is what such a file decodes to.
    const fixed = seed.replace("徴税费", "徴税費").replaceAll("—", "―");
    const sjis = encodeShiftJis(fixed.replace(/\n/g, "\r\n"));
    const reading = readBookDetailed(sjis);
    expect(reading.encoding).toBe("shift_jis");
    expect(reading.fiscalYear).toBe(2024);
    expect(reading.plan).toEqual(readBook(fixed));
    expect(reading.plan.diagnostics.some((d) => d.code === "nonstandard-character")).toBe(false);
  });

  it("reads UTF-8 with a BOM and old Mac CR line ends", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(seed.replace(/\n/g, "\r"))]);
    expect(readBook(bom)).toEqual(base);
  });
});
