import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBook } from "../../../src/formats/book-text/index.ts";
import {
  diagnosticKeys,
  expectedSeedDiagnosticKeys,
  normalizeForComparison,
} from "../../support/plan-compare.ts";

const seedBytes = readFileSync(new URL("../../fixtures/komoro-2024-policy6.txt", import.meta.url));
const expected = JSON.parse(
  readFileSync(new URL("../../fixtures/komoro-2024-policy6.expected.json", import.meta.url), "utf8"),
);

describe("reading the seed book (Komoro City, 政策6, 令和6年度)", () => {
  const plan = readBook(seedBytes);

  it("equals the hand-checked expected reading (numbers exact, prose ignoring white space)", () => {
    expect(normalizeForComparison(plan)).toEqual(normalizeForComparison(expected));
  });

  it("reads the prose exactly as the expected JSON prints it, white space included", () => {
    // Stronger than the issue requires; documents that paragraphs are joined by newlines.
    const { diagnostics: _a, ...got } = plan;
    const { diagnostics: _b, ...exp } = expected;
    expect(got).toEqual(exp);
    // Key order too: serialized, the reading is byte-identical to the expected JSON.
    expect(JSON.stringify(got)).toBe(JSON.stringify(exp));
  });

  it("reports every expected diagnostic, no other error, and the one inconsistency the hand-checked list misses", () => {
    expect(diagnosticKeys(plan.diagnostics)).toEqual(expectedSeedDiagnosticKeys(expected.diagnostics));
    expect(plan.diagnostics.filter((d) => d.code === "unparsed-line")).toEqual([]);
  });

  it("gives each diagnostic the line where the book shows it", () => {
    const at = (code: string, project: string, fy?: string) =>
      plan.diagnostics.find(
        (d) => d.code === code && d.project === project && (fy === undefined || d.fiscalYear === fy),
      )?.line;
    // 職員研修費: the 一般財源 row 「一般財源 1,443 千円 1,453 千円 1,453 千円」 is line 503.
    expect(at("funding-sum-mismatch", "職員研修費", "2025")).toBe(503);
    expect(at("funding-sum-mismatch", "職員研修費", "2026")).toBe(503);
    // Budget-only blocks print only 令和6・7年度; the 「投入 指標」 header rows are at these lines.
    expect(at("missing-fiscal-year", "議員報酬等", "2026")).toBe(555);
    expect(at("missing-fiscal-year", "議会事務局人件費", "2026")).toBe(565);
    expect(at("missing-fiscal-year", "選挙管理委員会人件費", "2026")).toBe(575);
    expect(at("missing-fiscal-year", "市長選挙運営費", "2026")).toBe(585);
    expect(at("missing-fiscal-year", "小諸市等公平委員会特別会計繰出金", "2026")).toBe(595);
    expect(at("missing-fiscal-year", "企画費運営費", "2026")).toBe(605);
    // 「一般会計・2総務費・2徴税费・1税務総務費」 with the simplified Chinese 费 is line 986.
    expect(at("nonstandard-character", "税務総務費人件費")).toBe(986);
    // The same line prints 項2 as 「徴税费」, where line 968 printed 「2徴収費」 for the same 款2・項2.
    expect(at("classification-name-mismatch", "税務総務費人件費")).toBe(986);
  });

  it("says in Japanese what does not add up, with the figures", () => {
    const d = plan.diagnostics.find((x) => x.code === "funding-sum-mismatch" && x.fiscalYear === "2025");
    expect(d?.message).toContain("職員研修費");
    expect(d?.message).toContain("令和7年度");
    expect(d?.message).toContain("1,453");
    expect(d?.message).toContain("1,443");
    expect(d?.severity).toBe("error");
  });

  it("reads the seed's figures: 45 projects, 39 of which print 令和8年度, 18 budget-only", () => {
    const projects = plan.policies.flatMap((p) => p.measures.flatMap((m) => m.projects));
    expect(projects).toHaveLength(45);
    expect(projects.filter((p) => "2026" in p.inputs)).toHaveLength(39);
    expect(projects.filter((p) => p.budgetOnly)).toHaveLength(18);
    const kensyu = projects.find((p) => p.name === "職員研修費");
    expect(kensyu?.inputs["2025"]).toEqual({
      total: 1443,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 1453,
    });
  });

  it("reads the same from text given as a string as from bytes", () => {
    expect(readBook(seedBytes.toString("utf8"))).toEqual(plan);
  });
});
