import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../../src/domain/plan/model.ts";
import { readCsv } from "../../../src/formats/open-data/csv.ts";
import { validateDataPackage } from "../../../src/formats/open-data/validate/validate-datapackage.ts";
import { writeOpenData } from "../../../src/formats/open-data/write-open-data.ts";
import {
  guardFormulaText,
  startsLikeFormula,
  unguardFormulaText,
} from "../../../src/formats/spreadsheet-text.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// Finding 16 of issue 11: text cells of the open-data CSV (written for people: UTF-8 with a BOM for Excel)
// that begin with = + - @ (or a tab or CR) must not run as formulas. The sample's own 「+1以上」 (目標値 of
// 人口の社会増減数, line 248 of the book) is one of them. plan.json keeps every text exactly.

const META = { city: "小諸市", fiscalYear: 2024 };

type Row = Record<string, string>;
function rowsOf(files: Map<string, Uint8Array>, name: string): Row[] {
  const parsed = readCsv(files.get(name) ?? new Uint8Array());
  expect(parsed.problems).toEqual([]);
  const [header = [], ...rows] = parsed.rows;
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])));
}

interface Guard {
  fields: string[];
  guardedCells: number;
  prefix: string;
  note: string;
}
function guards(files: Map<string, Uint8Array>): Map<string, Guard> {
  const d = JSON.parse(new TextDecoder().decode(files.get("datapackage.json"))) as {
    resources: { name: string; hoshin?: { formulaGuard?: Guard } }[];
  };
  return new Map(d.resources.map((r) => [r.name, r.hoshin?.formulaGuard as Guard]));
}

/** Every cell of a free-text column of every CSV file, with where it is. */
function freeTextCells(files: Map<string, Uint8Array>): { where: string; text: string }[] {
  const g = guards(files);
  const out: { where: string; text: string }[] = [];
  for (const [name, bytes] of files) {
    if (!name.endsWith(".csv")) continue;
    const fields = g.get(name.replace(/\.csv$/, ""))?.fields ?? [];
    expect(fields.length, name).toBeGreaterThan(0);
    const [header = [], ...rows] = readCsv(bytes).rows;
    rows.forEach((cells, r) => {
      for (const f of fields)
        out.push({ where: `${name} ${r + 2}行 ${f}`, text: cells[header.indexOf(f)] ?? "" });
    });
  }
  return out;
}

describe("guardFormulaText", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1以上", "'+1以上"],
    ["-15", "'-15"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["＝1+1", "'＝1+1"],
    ["'=x", "''=x"],
    ["''+x", "'''+x"],
    ["'abc", "'abc"],
    ["40以上", "40以上"],
    ["a=b", "a=b"],
    [" =x", " =x"],
    ["", ""],
  ])("%j is written %j and read back as it was", (text, written) => {
    expect(guardFormulaText(text)).toBe(written);
    expect(unguardFormulaText(written)).toBe(text);
  });

  it("always reads back the original, and never leaves a text that starts like a formula (property)", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary" }),
      fc
        .tuple(fc.constantFrom("", "'", "''", "="), fc.constantFrom(..."=+-@\t\r＝＋－＠'a"), fc.string())
        .map(([a, b, c]) => a + b + c),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(unguardFormulaText(guardFormulaText(t))).toBe(t);
        expect(startsLikeFormula(guardFormulaText(t))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the open-data CSV", () => {
  it("writes the sample's 「+1以上」 and 「-15」 with an apostrophe and says so per resource", () => {
    const files = writeOpenData(seedPlan(), META);
    const social = rowsOf(files, "outcome-indicators.csv").filter(
      (r) => r.indicator_name === "人口の社会増減数",
    );
    // The book prints 目標値 「+1以上」 and 基準値 「-15」 for it; one row per fiscal year of the plan (4).
    expect(social).toHaveLength(4);
    expect(social.map((r) => [r.planned_text, r.baseline_text, r.baseline_value])).toEqual(
      Array(4).fill(["'+1以上", "'-15", "-15"]),
    );
    const g = guards(files);
    expect([...g.keys()]).toEqual([
      "projects",
      "project-inputs",
      "activity-indicators",
      "outcome-indicators",
    ]);
    for (const [name, guard] of g) {
      expect(guard.prefix, name).toBe("'");
      expect(guard.note, name).toContain("アポストロフィ");
    }
    // Only those 4 + 4 cells of the sample start like a formula in a free-text column.
    expect([...g.values()].map((x) => x.guardedCells)).toEqual([0, 0, 0, 8]);
    expect(freeTextCells(files).filter((c) => startsLikeFormula(c.text))).toEqual([]);
    const descriptor = JSON.parse(new TextDecoder().decode(files.get("datapackage.json"))) as unknown;
    expect(validateDataPackage(descriptor, files)).toEqual([]);
  });

  it("lets no text typed by staff start a formula, and keeps it exactly in plan.json", () => {
    const plan: PlanDocument = seedPlan();
    const hostile = [
      '=HYPERLINK("http://example.com","x")',
      "+1+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(1)",
      "\t=1",
    ];
    const projects = projectsOf(plan);
    hostile.forEach((h, i) => {
      const p = projects[i];
      if (!p) throw new Error("no project");
      p.name = h;
      p.leadDepartment = h;
      const a = p.activityIndicators[0];
      if (a) a.name = `${h}${i}`;
    });
    const files = writeOpenData(plan, META);
    const cells = freeTextCells(files);
    expect(cells.filter((c) => startsLikeFormula(c.text))).toEqual([]);
    const names = rowsOf(files, "projects.csv").map((r) => unguardFormulaText(r.project_name ?? ""));
    expect(names.slice(0, hostile.length)).toEqual(hostile);
    expect(rowsOf(files, "projects.csv")[0]?.project_name).toBe(`'${hostile[0]}`);
    expect(JSON.parse(new TextDecoder().decode(files.get("plan.json")))).toEqual(plan);
  });
});
