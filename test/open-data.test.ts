import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { INPUT_FIELDS, type InputField, type PlanDocument } from "../src/domain/plan.ts";
import { exportPlan } from "../src/usecases/export-plan.ts";
import { importPlan } from "../src/usecases/import-plan.ts";
import { csvField, hasBom, parseCsv, readCsv, writeCsv } from "../src/writers/open-data/csv.ts";
import { validateDataPackage } from "../src/writers/open-data/validate-datapackage.ts";
import { writeOpenData } from "../src/writers/open-data/write-open-data.ts";
import { projectsOf, seedPlan } from "./db/plans.ts";
import { testBackend, withTestDatabase } from "./support/db.ts";

// Open data of a plan: flat CSV files (UTF-8 with BOM, CRLF) with every amount exactly as the plan holds
// it, a datapackage.json (Tabular Data Package with the Fiscal Data Package modelling) that validates, and
// plan.json. The figures below were added up by hand from the seed book (小諸市 令和6年度 政策6).

const META = { city: "小諸市", fiscalYear: 2024 };
const CSV_FILES = ["projects.csv", "project-inputs.csv", "activity-indicators.csv", "outcome-indicators.csv"];

type Row = Record<string, string>;

/** A CSV file of the package as rows keyed by the header. */
function rowsOf(files: Map<string, Uint8Array>, name: string): Row[] {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${name} is missing`);
  const parsed = readCsv(bytes);
  expect(parsed.problems).toEqual([]);
  const [header, ...rows] = parsed.rows;
  if (!header) throw new Error(`${name} has no header`);
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])));
}

const descriptorOf = (files: Map<string, Uint8Array>): Record<string, unknown> =>
  JSON.parse(new TextDecoder().decode(files.get("datapackage.json"))) as Record<string, unknown>;

const sumBy = (rows: readonly Row[], column: string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of rows) {
    const fy = r.fiscal_year ?? "";
    out.set(fy, (out.get(fy) ?? 0) + Number(r[column]));
  }
  return out;
};

const COLUMN: Record<InputField, string> = {
  total: "total",
  nationalPrefectural: "national_prefectural",
  localBonds: "local_bonds",
  otherEarmarked: "other_earmarked",
  generalRevenue: "general_revenue",
};

describe("CSV (RFC 4180)", () => {
  it("quotes what needs quoting, doubles quotes, ends every record with CRLF and starts with a BOM", () => {
    const bytes = writeCsv(
      ["a", "b", "c", "d", "e"],
      [
        ["plain", 'say "hi"', "one,two", "line1\nline2", " padded "],
        [1234567, -0, 76.1, null, true],
        ["=SUM(A1)", "-1", "+81", "@x", "\r"],
      ],
    );
    expect(hasBom(bytes)).toBe(true);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text).toBe(
      "a,b,c,d,e\r\n" +
        'plain,"say ""hi""","one,two","line1\nline2"," padded "\r\n' +
        "1234567,0,76.1,,true\r\n" +
        '=SUM(A1),-1,+81,@x,"\r"\r\n',
    );
    // Formula-looking texts are written exactly, never prefixed.
    expect(csvField("=SUM(A1)")).toBe("=SUM(A1)");
    const parsed = readCsv(bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.terminators).toEqual(new Set(["\r\n"]));
    expect(parsed.rows).toEqual([
      ["a", "b", "c", "d", "e"],
      ["plain", 'say "hi"', "one,two", "line1\nline2", " padded "],
      ["1234567", "0", "76.1", "", "true"],
      ["=SUM(A1)", "-1", "+81", "@x", "\r"],
    ]);
    expect(parsed.lines).toEqual([1, 2, 4, 5]);
  });

  it("reads back any text exactly (property)", () => {
    const cell = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.constantFrom('"', ",", "\r\n", "\n", "\r", " ", "\uFEFF", '""', "a,b"),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell)), (rows) => {
        const parsed = readCsv(writeCsv(["x", "y", "z"], rows));
        expect(parsed.problems).toEqual([]);
        expect(parsed.rows).toEqual([["x", "y", "z"], ...rows]);
      }),
      { numRuns: 300 },
    );
  });

  it("reports malformed quoting instead of guessing", () => {
    expect(parseCsv('a,"b\r\n').problems).toEqual([
      "1行目: 引用符で始まったフィールドが閉じられていません。",
    ]);
    expect(parseCsv('a,b"c\r\n').problems[0]).toMatch(/引用符で囲まれていないフィールドに引用符があります/);
    expect(parseCsv('"a"b,c\r\n').problems[0]).toMatch(/閉じ引用符のあとに/);
  });

  it("refuses to write what it could not write exactly", () => {
    expect(() => csvField("\uD800")).toThrow(RangeError);
    expect(() => csvField(2 ** 60)).toThrow(RangeError);
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
  });
});

describe(`open data of the seed through the database (${testBackend})`, () => {
  const t = withTestDatabase();
  const seed = seedPlan();
  let fromSeed: Map<string, Uint8Array>;
  let exported: PlanDocument;
  let files: Map<string, Uint8Array>;

  beforeAll(async () => {
    fromSeed = writeOpenData(seedPlan(), META);
    await importPlan({ db: t.db, ...META, plan: seedPlan() });
    exported = await exportPlan({ db: t.db, ...META });
    files = writeOpenData(exported, META);
  });

  it("writes the same files from the stored plan as from the book's reading, plan.json included", () => {
    expect([...files.keys()].sort()).toEqual([...CSV_FILES, "datapackage.json", "plan.json"].sort());
    for (const [name, bytes] of fromSeed)
      expect(Buffer.from(files.get(name) ?? []).equals(bytes), name).toBe(true);
    expect(new TextDecoder().decode(files.get("plan.json"))).toBe(`${JSON.stringify(exported, null, 2)}\n`);
    expect(JSON.parse(new TextDecoder().decode(files.get("plan.json")))).toEqual(seed);
  });

  it("writes every CSV as UTF-8 with a BOM and CRLF record ends", () => {
    for (const name of CSV_FILES) {
      const bytes = files.get(name) ?? new Uint8Array();
      expect(hasBom(bytes), name).toBe(true);
      const parsed = readCsv(bytes);
      expect(parsed.problems, name).toEqual([]);
      expect(parsed.terminators, name).toEqual(new Set(["\r\n"]));
      expect(new TextDecoder().decode(bytes).endsWith("\r\n"), name).toBe(true);
    }
  });

  it("lists the 45 projects in book order with their measure and department", () => {
    const projects = rowsOf(files, "projects.csv");
    expect(projects).toHaveLength(45);
    expect(projects.map((p) => p.project_number)).toEqual(projects.map((_, i) => String(i + 1)));
    expect(projects.map((p) => p.project_name)).toEqual(projectsOf(seed).map((p) => p.name));
    expect(new Set(projects.map((p) => p.project_id)).size).toBe(45);
    const training = projects.find((p) => p.project_name === "職員研修費");
    expect(training).toMatchObject({ measure_code: "6-2", lead_department: "総務課", policy_code: "6" });
  });

  it("adds up, per fiscal year, to the totals of the book", () => {
    const inputs = rowsOf(files, "project-inputs.csv");
    expect(sumBy(inputs, "total")).toEqual(
      new Map([
        ["2024", 3_984_986],
        ["2025", 4_022_511],
        ["2026", 3_656_321],
      ]),
    );
    expect(sumBy(inputs, "general_revenue")).toEqual(
      new Map([
        ["2024", 3_734_364],
        ["2025", 3_735_953],
        ["2026", 3_455_206],
      ]),
    );
  });

  it("keeps 職員研修費's 一般財源 of 1,453 against a total of 1,443 in 令和7・8年度, as printed", () => {
    const projects = rowsOf(files, "projects.csv");
    const id = projects.find((p) => p.project_name === "職員研修費" && p.measure_code === "6-2")?.project_id;
    const rows = rowsOf(files, "project-inputs.csv").filter((r) => r.project_id === id);
    expect(rows.map((r) => [r.fiscal_year, r.fiscal_year_label, r.total, r.general_revenue])).toEqual([
      ["2024", "令和6年度", "1443", "1443"],
      ["2025", "令和7年度", "1443", "1453"],
      ["2026", "令和8年度", "1443", "1453"],
    ]);
    expect(rows.every((r) => r.lead_department === "総務課" && r.measure_code === "6-2")).toBe(true);
  });

  it("gives 文書費 its total of 9,562 each year and its 一般財源 of 9,425, 9,419, 9,419", () => {
    const projects = rowsOf(files, "projects.csv");
    const doc = projects.find((p) => p.project_name === "文書費");
    expect(doc).toMatchObject({ measure_code: "6-5", lead_department: "総務課" });
    const rows = rowsOf(files, "project-inputs.csv").filter((r) => r.project_id === doc?.project_id);
    expect(rows.map((r) => [r.fiscal_year, r.total, r.general_revenue])).toEqual([
      ["2024", "9562", "9425"],
      ["2025", "9562", "9419"],
      ["2026", "9562", "9419"],
    ]);
  });

  it("writes every amount of every project and year exactly as the plan holds it, and nothing else", () => {
    const projects = rowsOf(files, "projects.csv");
    const inputs = rowsOf(files, "project-inputs.csv");
    const byKey = new Map(inputs.map((r) => [`${r.project_id}|${r.fiscal_year}`, r]));
    let expected = 0;
    projectsOf(exported).forEach((project, i) => {
      const id = projects[i]?.project_id;
      expect(projects[i]?.project_name).toBe(project.name);
      for (const [fy, amounts] of Object.entries(project.inputs)) {
        expected++;
        const row = byKey.get(`${id}|${fy}`);
        expect(row, `${project.name} ${fy}`).toBeDefined();
        for (const field of INPUT_FIELDS) {
          const cell = row?.[COLUMN[field]] ?? "";
          expect(cell, `${project.name} ${fy} ${field}`).toMatch(/^-?\d+$/);
          expect(Number(cell), `${project.name} ${fy} ${field}`).toBe(amounts[field]);
        }
        const c = project.classification;
        expect([row?.account, row?.kan_code, row?.kan_name, row?.moku_code, row?.moku_name]).toEqual([
          c.account,
          String(c.kan?.number ?? ""),
          c.kan?.name ?? "",
          String(c.moku?.number ?? ""),
          c.moku?.name ?? "",
        ]);
      }
    });
    expect(inputs).toHaveLength(expected);
  });

  it("writes every activity indicator, those without a target too", () => {
    const rows = rowsOf(files, "activity-indicators.csv");
    const indicators = new Set(rows.map((r) => `${r.project_id}|${r.indicator_number}`));
    expect(indicators.size).toBe(projectsOf(seed).reduce((n, p) => n + p.activityIndicators.length, 0));
    const targets = rows.filter((r) => r.target_text !== "");
    expect(targets).toHaveLength(
      projectsOf(seed).reduce(
        (n, p) => n + p.activityIndicators.reduce((m, a) => m + Object.keys(a.targets).length, 0),
        0,
      ),
    );
    const untargeted = rows.find((r) => r.indicator_name === "人材育成基本方針に沿った職員研修の実施");
    expect(untargeted).toMatchObject({
      project_name: "職員研修費",
      fiscal_year: "2024",
      target_text: "",
      target_value: "",
      target_comparator: "",
    });
  });

  it("writes the outcome indicators with baseline, planned and actual values", () => {
    const rows = rowsOf(files, "outcome-indicators.csv").filter(
      (r) => r.measure_code === "6-5" && r.indicator_number === "1",
    );
    expect(rows.map((r) => r.fiscal_year)).toEqual(["2021", "2022", "2023", "2024"]);
    expect(rows.every((r) => r.baseline_text === "76.1" && r.baseline_value === "76.1")).toBe(true);
    expect(rows.find((r) => r.fiscal_year === "2024")).toMatchObject({
      planned_text: "81",
      planned_value: "81",
      planned_comparator: "=",
      actual_text: "",
      unit: "%",
    });
    expect(rows.find((r) => r.fiscal_year === "2022")).toMatchObject({
      actual_text: "71.5",
      actual_value: "71.5",
    });
  });

  it("describes the files as a Fiscal Data Package that validates", () => {
    const d = descriptorOf(files);
    expect(validateDataPackage(d, files)).toEqual([]);
    expect(d).toMatchObject({ profile: "tabular-data-package", name: "hoshin-implementation-plan" });
    const resources = d.resources as { name: string; path: string; schema: Record<string, unknown> }[];
    expect(resources.map((r) => r.path)).toEqual(CSV_FILES);
    const inputs = resources.find((r) => r.name === "project-inputs")?.schema as {
      fields: { name: string; type: string; title: string; columnType?: string }[];
      extraFields: { name: string; columnType: string; constant?: unknown }[];
    };
    const header = rowsOf(files, "project-inputs.csv")[0];
    expect(inputs.fields.map((f) => f.name)).toEqual(Object.keys(header ?? {}));
    expect(inputs.fields.find((f) => f.name === "fiscal_year")).toMatchObject({
      type: "integer",
      columnType: "date:fiscal-year",
    });
    expect(inputs.fields.find((f) => f.name === "kan_code")?.columnType).toBe(
      "functional-classification:generic:level1:code",
    );
    expect(inputs.fields.every((f) => /^[a-z][a-z0-9_]*$/.test(f.name) && f.title !== "")).toBe(true);
    expect(inputs.extraFields.find((f) => f.columnType === "value-currency:code")?.constant).toBe("JPY");
    expect(inputs.extraFields.find((f) => f.columnType === "value-factor")?.constant).toBe(1000);
    const model = d.model as { measures: Record<string, { currency: string; factor: number }> };
    expect(Object.keys(model.measures)).toEqual([
      "total",
      "national_prefectural",
      "local_bonds",
      "other_earmarked",
      "general_revenue",
    ]);
    expect(Object.values(model.measures).every((m) => m.currency === "JPY" && m.factor === 1000)).toBe(true);
  });
});

type Descriptor = Record<string, unknown>;

/** The object at a path of keys and indices in a descriptor, to change it in place. */
function at(root: unknown, ...path: (string | number)[]): Descriptor {
  let x: unknown = root;
  for (const k of path) x = Array.isArray(x) ? x[Number(k)] : (x as Descriptor | undefined)?.[String(k)];
  if (x === null || typeof x !== "object") throw new Error(`no object at ${path.join(".")}`);
  return x as Descriptor;
}

const RESOURCE = { projects: 0, "project-inputs": 1, "activity-indicators": 2, "outcome-indicators": 3 };

/** A field (or extra field) descriptor of a resource, by name. */
function fieldOf(d: Descriptor, resource: keyof typeof RESOURCE, name: string, list = "fields"): Descriptor {
  const fields = at(d, "resources", RESOURCE[resource], "schema")[list] as Descriptor[];
  const f = fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${resource}`);
  return f;
}

describe("validateDataPackage", () => {
  const good = writeOpenData(seedPlan(), META);

  /** The seed package with one thing broken; its problems. */
  function problemsOf(breakIt: (d: Descriptor, files: Map<string, Uint8Array>) => void): string[] {
    const files = new Map(good);
    const d = descriptorOf(good);
    breakIt(d, files);
    return validateDataPackage(d, files);
  }

  /** Rewrites one CSV file of the package through a change to its parsed rows (header first). */
  function editCsv(files: Map<string, Uint8Array>, name: string, edit: (rows: string[][]) => void): void {
    const rows = readCsv(files.get(name) ?? new Uint8Array()).rows;
    edit(rows);
    const [header, ...data] = rows;
    files.set(name, writeCsv(header ?? [], data));
  }

  it("finds nothing wrong with the written package, nor with another plan's", () => {
    expect(validateDataPackage(descriptorOf(good), good)).toEqual([]);
    const other = JSON.parse(
      readFileSync(
        new URL("./fixtures/handwritten/kodomo-2028-policy2.expected.json", import.meta.url),
        "utf8",
      ),
    ) as PlanDocument;
    const files = writeOpenData(other, { city: "こども市", fiscalYear: 2028 });
    expect(validateDataPackage(descriptorOf(files), files)).toEqual([]);
  });

  it("reports a package name that is not lower-case alphanumerics, '.', '_' and '-'", () => {
    const problems = problemsOf((d) => {
      d.name = "Komoro Plan";
    });
    expect(problems).toEqual([expect.stringMatching(/^name: 小文字の英数字/)]);
  });

  it("reports a resource whose file is missing", () => {
    const problems = problemsOf((_, files) => {
      files.delete("activity-indicators.csv");
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/path: ファイル "activity-indicators.csv" がありません/),
    );
  });

  it("reports an integer column holding 1.5", () => {
    const problems = problemsOf((_, files) =>
      editCsv(files, "project-inputs.csv", (rows) => {
        const row = rows[1] as string[];
        row[(rows[0] as string[]).indexOf("total")] = "1.5";
      }),
    );
    expect(problems).toContainEqual('project-inputs.csv 2行目 total: 整数ではありません（"1.5"）。');
    // The file no longer matches the size and hash the descriptor recorded either.
    expect(problems).toContainEqual(expect.stringMatching(/\.hash: ファイルの sha256 と合いません/));
  });

  it("reports a header that differs from the schema's field names", () => {
    const problems = problemsOf((_, files) =>
      editCsv(files, "projects.csv", (rows) => {
        const header = rows[0] as string[];
        [header[0], header[1]] = [header[1] as string, header[0] as string];
      }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^projects\.csv 1行目: 見出しがスキーマのフィールド名と一致しません/),
    );
  });

  it("reports a package without a value column", () => {
    const problems = problemsOf((d) => {
      delete fieldOf(d, "project-inputs", "amount", "extraFields").columnType;
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/columnType "value"（金額）の列を持つ資源がありません/),
    );
  });

  it("reports a duplicate primary key", () => {
    const problems = problemsOf((_, files) =>
      editCsv(files, "projects.csv", (rows) => {
        rows.push([...(rows[3] as string[])]);
      }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^projects\.csv 47行目: 主キー（project_id）が projects\.csv 4行目 と重複しています（6-1-3）/,
      ),
    );
  });

  it("reports an unknown columnType and one of the wrong data type", () => {
    const problems = problemsOf((d) => {
      fieldOf(d, "project-inputs", "project_id").columnType = "activity:generic:projekt:code";
      fieldOf(d, "project-inputs", "policy_code").columnType = "date:fiscal-year";
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/未知の columnType "activity:generic:projekt:code"/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /policy_code）: columnType "date:fiscal-year" の列は integer 型でなければなりません/,
      ),
    );
  });

  it("reports a currency that is not ISO 4217 and a factor that is not a number", () => {
    const problems = problemsOf((d) => {
      fieldOf(d, "project-inputs", "currency", "extraFields").constant = "YEN";
      const total = at(d, "model", "measures", "total");
      total.factor = "1000";
      delete total.currency;
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/通貨 "YEN" は ISO 4217 の通貨コードではありません/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^model\.measures\.total\.factor: 正の数値ではありません/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^model\.measures\.total\.currency: ISO 4217/));
  });

  it("reports Table Schema and Data Resource mistakes in the descriptor", () => {
    const problems = problemsOf((d) => {
      at(d, "resources", 0).path = "../projects.csv";
      at(d, "resources", 1).profile = "data-resource";
      at(d, "resources", 2, "schema").primaryKey = ["project_id", "no_such_field"];
      at(d, "resources", 3, "schema", "fields", 0).type = "text";
      at(fieldOf(d, "projects", "status"), "constraints").minimum = 1;
      at(d, "resources", 1, "schema", "foreignKeys", 0, "reference").resource = "nowhere";
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^resources\[0\]（projects）\.path: 記述子からの相対パス/),
        expect.stringMatching(/^resources\[1\]（project-inputs）: profile は "tabular-data-resource"/),
        expect.stringMatching(/primaryKey: フィールド "no_such_field" がありません/),
        expect.stringMatching(/fields\[0\]（measure_code）: 未知の型 "text"/),
        expect.stringMatching(/constraints\.minimum: string 型には使えない制約です/),
        expect.stringMatching(/参照先の資源 "nowhere" がありません/),
      ]),
    );
  });

  it("reports a foreign key that does not resolve, and a required value left empty", () => {
    const problems = problemsOf((_, files) =>
      editCsv(files, "activity-indicators.csv", (rows) => {
        (rows[1] as string[])[0] = "9-9-9";
        (rows[2] as string[])[2] = "";
      }),
    );
    expect(problems).toContainEqual(
      "activity-indicators.csv 2行目: 外部キー（project_id）の値 9-9-9 が projects にありません。",
    );
    expect(problems).toContainEqual("activity-indicators.csv 3行目 indicator_number: 必須の値が空です。");
  });

  it("reports a model that is missing", () => {
    const problems = problemsOf((d) => {
      delete d.model;
    });
    expect(problems).toEqual([expect.stringMatching(/^model: model がありません/)]);
  });
});
