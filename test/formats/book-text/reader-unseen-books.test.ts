import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBookDetailed } from "../../../src/formats/book-text/read-book.ts";
import { encodeShiftJis } from "../../../src/formats/decode.ts";
import {
  diagnosticKeys,
  expectedSeedDiagnosticKeys,
  normalizeForComparison,
} from "../../support/plan-compare.ts";
import {
  asWindowsText,
  rename,
  renumberPolicy,
  scaleAmounts,
  seedVariant,
  shiftYears,
  swapFirstProjects,
  swapMeasures,
  type Variant,
} from "../../support/variants.ts";

/** The reading must equal the variant's expected JSON: numbers exactly, prose ignoring white space. */
function expectReads(input: string | Uint8Array, v: Variant) {
  const { plan } = readBookDetailed(input);
  expect(normalizeForComparison(plan)).toEqual(normalizeForComparison(v.expected));
  expect(diagnosticKeys(plan.diagnostics)).toEqual(expectedSeedDiagnosticKeys(v.expected.diagnostics));
  return plan;
}

describe("books the team has not seen: variants of the seed", () => {
  const seed = seedVariant();

  it("another policy number (政策 3)", () => {
    const v = renumberPolicy(seed, 3);
    expect(v.text).toContain("【施策 3-5】");
    const plan = expectReads(v.text, v);
    expect(plan.policies.map((p) => p.code)).toEqual(["3"]);
  });

  it("another fiscal year (令和9年度: inputs 2027–2029, outcome columns 令和6–9年度)", () => {
    const v = shiftYears(seed, 3);
    expect(v.text).toContain("令和9年度重点方針と目標");
    const reading = readBookDetailed(v.text);
    expect(reading.fiscalYear).toBe(2027);
    const plan = expectReads(v.text, v);
    expect(plan.diagnostics.find((d) => d.code === "funding-sum-mismatch")?.fiscalYear).toBe("2028");
  });

  it("other amounts (every 千円 amount tripled)", () => {
    const v = scaleAmounts(seed, 3);
    expect(v.text).toContain("5,425,338 千円"); // 元金 1,808,446 × 3
    expectReads(v.text, v);
  });

  it("other names (a project and a department renamed)", () => {
    const v = rename(rename(seed, "市民協働推進事業", "地域自治推進事業"), "企画課", "政策企画課");
    const plan = expectReads(v.text, v);
    expect(plan.policies[0]?.measures[0]?.projects[0]?.name).toBe("地域自治推進事業");
  });

  it("another order (measures 6-1 and 6-3 swapped, two project sheets of 6-2 swapped)", () => {
    const v = swapFirstProjects(swapMeasures(seed, 0, 2), 1);
    const plan = expectReads(v.text, v);
    expect(plan.policies[0]?.measures.map((m) => m.code)).toEqual(["6-3", "6-2", "6-1", "6-4", "6-5"]);
  });

  it("saved on Windows: Shift_JIS with CRLF", () => {
    const v = asWindowsText(seed);
    expectReads(encodeShiftJis(v.text.replace(/\n/g, "\r\n")), v);
  });

  it("all at once: 政策 3 of 令和9年度, other amounts, names and order, Shift_JIS with CRLF", () => {
    let v = renumberPolicy(seed, 3);
    v = shiftYears(v, 3);
    v = scaleAmounts(v, 7);
    v = rename(v, "総務課", "行政管理課");
    v = swapMeasures(v, 1, 4);
    v = asWindowsText(v);
    const bytes = encodeShiftJis(v.text.replace(/\n/g, "\r\n"));
    const reading = readBookDetailed(bytes);
    expect(reading.encoding).toBe("shift_jis");
    expect(reading.fiscalYear).toBe(2027);
    expectReads(bytes, v);
  });
});

describe("a book written by hand (政策 2, 令和10年度, four fiscal years)", () => {
  const dir = new URL("../../fixtures/handwritten/", import.meta.url);
  const text = readFileSync(new URL("kodomo-2028-policy2.txt", dir), "utf8");
  const expected = JSON.parse(readFileSync(new URL("kodomo-2028-policy2.expected.json", dir), "utf8"));

  it("reads exactly as written out by hand from the text", () => {
    const reading = readBookDetailed(text);
    expect(reading.plan).toEqual(expected);
    expect(reading.fiscalYear).toBe(2028);
  });
});
