import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../../src/domain/plan/model.ts";
import { readBookDetailed } from "../../../src/formats/book-text/read-book.ts";
import { encodeShiftJis } from "../../../src/formats/decode.ts";

const seed = readFileSync(new URL("../../fixtures/komoro-2024-policy6.txt", import.meta.url), "utf8");
const seedLines = seed.split("\n");

/**
 * What must hold for any input, however broken: the reader returns a hoshin-plan/1 document, never hits
 * an internal fault (which it would report as 「reader-failure」), and everything it returns is well formed.
 */
function assertWellFormed(plan: PlanDocument, lineCount: number): void {
  expect(plan.format).toBe("hoshin-plan/1");
  expect(Array.isArray(plan.diagnostics)).toBe(true);
  expect(plan.diagnostics.filter((d) => d.code === "reader-failure")).toEqual([]);
  for (const d of plan.diagnostics) {
    expect(["error", "warning", "info"]).toContain(d.severity);
    expect(typeof d.message).toBe("string");
    expect(d.message.length).toBeGreaterThan(0);
    if (d.line !== null) {
      expect(Number.isInteger(d.line)).toBe(true);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(Math.max(lineCount, 1));
    }
  }
  for (const policy of plan.policies) {
    for (const measure of policy.measures) {
      for (const project of measure.projects) {
        for (const [fy, inputs] of Object.entries(project.inputs)) {
          expect(fy).toMatch(/^\d{4}$/);
          for (const v of Object.values(inputs)) expect(Number.isSafeInteger(v)).toBe(true);
        }
      }
    }
  }
  // The document survives a JSON round trip unchanged (no undefined, NaN or cycles).
  expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
}

const lineCountOf = (text: string) => text.split(/\r\n|\r|\n/).length;

describe("the reader never crashes", () => {
  it("on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        assertWellFormed(readBookDetailed(text).plan, lineCountOf(text));
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary bytes (binary files, broken encodings)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const reading = readBookDetailed(bytes);
        assertWellFormed(reading.plan, bytes.length + 1);
      }),
      { numRuns: 300 },
    );
  });

  it("on text made of the book's own vocabulary in random order", () => {
    const vocabulary = [
      "政策 6\tタイトル",
      "施策 6-1\t施策名",
      "施策 6-1 施策名",
      "事務事業名\t\t新規・継続\t事業優先順位",
      "会計・款・項・目\t\t所管課\t市長公約事項",
      "投入指標\t令和6年度\t令和7年度",
      "\t年度別事業費\t1,000 千円\t2,000 千円",
      "\t特定財源\t国・県支出金\t0 千円",
      "一般財源\t\t1,000 千円",
      "活動目標\t指標名\t単位\t令和6年度",
      "特記事項\t研修\t回\t1",
      "◆成果指標(アウトカム)",
      "指標名\tなにか",
      "目標値\t計画策定時\t\t令和3年度",
      "\t—\t計画\t40以上",
      "\t\t実績\t73.4",
      "◆SDGsの取り組み",
      "ゴール17「パートナーシップ」",
      "<p>段落</p>",
      "所 管\t企画課",
      "",
      "\t\t\t",
      "【政策 6 : 協働】",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 80 }), (lines) => {
        const text = lines.join("\n");
        assertWellFormed(readBookDetailed(text).plan, lineCountOf(text));
      }),
      { numRuns: 400 },
    );
  });
});

describe("the reader on a damaged seed book", () => {
  it("truncated after any line", () => {
    for (let k = 0; k <= seedLines.length; k++) {
      const text = seedLines.slice(0, k).join("\n");
      assertWellFormed(readBookDetailed(text).plan, Math.max(k, 1));
    }
  });

  it("truncated at any byte of its Shift_JIS form (a multi-byte character may be cut)", () => {
    const sjis = encodeShiftJis(seed.replace("徴税费", "徴税費").replace(/\n/g, "\r\n"));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sjis.length }), (cut) => {
        const reading = readBookDetailed(sjis.subarray(0, cut));
        assertWellFormed(reading.plan, lineCountOf(seed));
      }),
      { numRuns: 150 },
    );
  });

  it("with lines deleted, duplicated, swapped, cells removed or inserted, characters replaced", () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
      fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
      fc.record({ op: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
      fc.record({ op: fc.constant("dropCell" as const), at: fc.nat(), cell: fc.nat() }),
      fc.record({
        op: fc.constant("addCell" as const),
        at: fc.nat(),
        cell: fc.nat(),
        text: fc.string({ maxLength: 8 }),
      }),
      fc.record({
        op: fc.constant("replaceChar" as const),
        at: fc.nat(),
        pos: fc.nat(),
        text: fc.string({ maxLength: 2 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const lines = seedLines.slice();
        for (const e of edits) {
          const i = e.at % lines.length;
          const line = lines[i] ?? "";
          switch (e.op) {
            case "delete":
              lines.splice(i, 1);
              break;
            case "duplicate":
              lines.splice(i, 0, line);
              break;
            case "swap": {
              const j = e.with % lines.length;
              lines[i] = lines[j] ?? "";
              lines[j] = line;
              break;
            }
            case "dropCell": {
              const cells = line.split("\t");
              cells.splice(e.cell % cells.length, 1);
              lines[i] = cells.join("\t");
              break;
            }
            case "addCell": {
              const cells = line.split("\t");
              cells.splice(e.cell % (cells.length + 1), 0, e.text);
              lines[i] = cells.join("\t");
              break;
            }
            case "replaceChar": {
              const chars = [...line];
              if (chars.length > 0) chars[e.pos % chars.length] = e.text;
              lines[i] = chars.join("");
              break;
            }
          }
          if (lines.length === 0) lines.push("");
        }
        const text = lines.join("\n");
        assertWellFormed(readBookDetailed(text).plan, lines.length);
      }),
      { numRuns: 250 },
    );
  });

  it("reports a garbage line dropped into any project sheet instead of losing it", () => {
    const sheetStarts = seedLines.flatMap((l, i) => (l.startsWith("事務事業名") ? [i] : []));
    fc.assert(
      fc.property(fc.constantFrom(...sheetStarts), fc.integer({ min: 2, max: 6 }), (start, offset) => {
        const lines = seedLines.slice();
        const at = start + offset; // 0-based index where the garbage goes, inside the sheet's header/inputs
        lines.splice(at, 0, "XYZZY\tこれは紛れ込んだ行です");
        const plan = readBookDetailed(lines.join("\n")).plan;
        const kept =
          plan.diagnostics.some((d) => d.line === at + 1 && d.message.includes("XYZZY")) ||
          JSON.stringify(plan.policies).includes("XYZZY");
        expect(kept).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
