import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  INPUT_FIELDS,
  type InputField,
  type MeasureEvaluation,
  type PlanDocument,
  type Project,
  type ProjectEvaluation,
} from "../../../src/domain/plan/model.ts";
import { csvField, hasBom, parseCsv, readCsv, writeCsv } from "../../../src/formats/open-data/csv.ts";
import { validateDataPackage } from "../../../src/formats/open-data/validate/validate-datapackage.ts";
import {
  achievementRateText,
  OPEN_DATA_FILES,
  openDataFileNames,
  writeOpenData,
} from "../../../src/formats/open-data/write-open-data.ts";
import { exportPlan } from "../../../src/usecases/plan/export-plan.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

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
    const model = d.model as {
      measures: Record<string, { currency: string; factor: number; phase: string }>;
    };
    // The five plan amounts are the executive's plan ("proposed"); 決算額 is a sixth measure, "executed".
    expect(Object.keys(model.measures)).toEqual([
      "total",
      "national_prefectural",
      "local_bonds",
      "other_earmarked",
      "general_revenue",
      "settled",
    ]);
    expect(Object.values(model.measures).every((m) => m.currency === "JPY" && m.factor === 1000)).toBe(true);
    expect(Object.fromEntries(Object.entries(model.measures).map(([k, m]) => [k, m.phase]))).toEqual({
      total: "proposed",
      national_prefectural: "proposed",
      local_bonds: "proposed",
      other_earmarked: "proposed",
      general_revenue: "proposed",
      settled: "executed",
    });
  });

  it("has exactly these columns in each file (a new column is a deliberate change here)", () => {
    const headerOf = (name: string) => readCsv(files.get(name) ?? new Uint8Array()).rows[0];
    expect(headerOf("project-inputs.csv")?.slice(15)).toEqual([
      "total",
      "national_prefectural",
      "local_bonds",
      "other_earmarked",
      "general_revenue",
      "estimated",
      "settled",
    ]);
    expect(headerOf("activity-indicators.csv")).toEqual([
      "project_id",
      "project_name",
      "indicator_number",
      "indicator_name",
      "unit",
      "fiscal_year",
      "fiscal_year_label",
      "target_text",
      "target_value",
      "target_comparator",
      "actual_text",
      "actual_value",
      "actual_comparator",
      "direction",
      "achievement_direction",
      "achievement_status",
      "achievement_rate",
      "trend",
    ]);
    expect(headerOf("outcome-indicators.csv")?.slice(10)).toEqual([
      "fiscal_year",
      "fiscal_year_label",
      "planned_text",
      "planned_value",
      "planned_comparator",
      "actual_text",
      "actual_value",
      "actual_comparator",
      "direction",
      "achievement_direction",
      "achievement_status",
      "achievement_rate",
      "trend",
    ]);
  });

  it("leaves the evaluation files out of a plan without evaluations, and writes them for one with", async () => {
    expect(openDataFileNames(exported)).toEqual([...CSV_FILES, "datapackage.json", "plan.json"]);
    // A plan with the Check data, stored and read back, writes the same files as the plan itself.
    const meta = { city: "飯田市", fiscalYear: 2024 };
    await importPlan({ db: t.db, ...meta, plan: checkedPlan() });
    const stored = writeOpenData(await exportPlan({ db: t.db, ...meta }), meta);
    const direct = writeOpenData(checkedPlan(), meta);
    expect([...stored.keys()]).toEqual([...direct.keys()]);
    for (const [name, bytes] of direct)
      expect(Buffer.from(stored.get(name) ?? []).equals(bytes), name).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The Check data: 決算額, 見込み, actuals, achievement, evaluations

function projectNamed(plan: PlanDocument, name: string): Project {
  const p = projectsOf(plan).find((x) => x.name === name);
  if (!p) throw new Error(`no project ${name}`);
  return p;
}

const TRAINING_EVALUATION: ProjectEvaluation = {
  self: {
    aspects: {
      necessity: { rating: "A", reason: "職員の育成は市が担うほかない。" },
      effectiveness: { rating: "B", reason: "研修の成果が業務改善に表れ始めている。" },
      efficiency: { rating: "B", reason: null },
      equity: { rating: "A", reason: "全職員が受講できる。" },
    },
    outlook: "continue",
    changes: "オンライン研修を取り入れる。",
  },
  secondary: {
    aspects: {
      necessity: { rating: "A", reason: "一次評価のとおり。" },
      effectiveness: { rating: "C", reason: "成果指標との結び付きが弱い。" },
      efficiency: { rating: "B", reason: "外部講師の費用に、見直しの余地がある。" },
      equity: { rating: null, reason: null },
    },
    outlook: "improve",
    comment: '研修効果の測り方を定めること。\n「受講率」と"満足度"を報告すること。',
  },
};

const CUSTOMER_SERVICE_EVALUATION: MeasureEvaluation = {
  self: {
    rating: "B",
    assessment: "窓口の満足度は目標に届いていない。",
    nextSteps: "窓口アンケートを毎年行う。",
  },
  secondary: null,
};

/**
 * The seed with Check data set by hand: 文書費 with a 決算額 for 2024 and actuals (the file meter 「3」 as
 * lower-is-better), 職員研修費 with 2026 as an estimate and an evaluation of 2024 with a 二次評価, and an
 * evaluation of 施策6-5 for 2024 without one.
 */
function checkedPlan(): PlanDocument {
  const plan = seedPlan();
  const documents = projectNamed(plan, "文書費");
  documents.settled = { "2024": 9_300 };
  const [meter, filing] = documents.activityIndicators;
  if (!meter || !filing) throw new Error("文書費 has two activity indicators");
  // In the key order of the model (targets, actual, direction), as the database gives it back.
  meter.actual = { "2024": { text: "2.8", value: 2.8, comparator: "=" } };
  meter.direction = "lower";
  filing.actual = {
    "2023": { text: "1", value: 1, comparator: "=" },
    "2024": { text: "2", value: 2, comparator: "=" },
  };
  const training = projectNamed(plan, "職員研修費");
  training.estimatedYears = ["2026"];
  training.evaluations = { "2024": structuredClone(TRAINING_EVALUATION) };
  const measure = plan.policies[0]?.measures.find((m) => m.code === "6-5");
  if (!measure) throw new Error("no measure 6-5");
  measure.evaluations = { "2024": structuredClone(CUSTOMER_SERVICE_EVALUATION) };
  return plan;
}

describe("the Check data in the open data", () => {
  const plan = checkedPlan();
  const files = writeOpenData(plan, META);
  let documentsId: string | undefined;
  let trainingId: string | undefined;

  beforeAll(() => {
    const ids = new Map(rowsOf(files, "projects.csv").map((r) => [r.project_name, r.project_id]));
    documentsId = ids.get("文書費");
    trainingId = ids.get("職員研修費");
    expect([documentsId, trainingId]).toEqual(["6-5-2", "6-2-11"]);
  });

  it("still validates, with the two evaluation files as resources", () => {
    const d = descriptorOf(files);
    expect(validateDataPackage(d, files)).toEqual([]);
    const evaluationFiles = ["project-evaluations.csv", "measure-evaluations.csv"];
    expect([...files.keys()]).toEqual([...CSV_FILES, ...evaluationFiles, "datapackage.json", "plan.json"]);
    expect(openDataFileNames(plan)).toEqual([...files.keys()]);
    expect([OPEN_DATA_FILES.projectEvaluations, OPEN_DATA_FILES.measureEvaluations]).toEqual(evaluationFiles);
    const resources = d.resources as { name: string; path: string; schema: Record<string, unknown> }[];
    expect(resources.map((r) => r.path)).toEqual([...CSV_FILES, ...evaluationFiles]);
    expect(resources.find((r) => r.name === "project-evaluations")?.schema).toMatchObject({
      primaryKey: ["project_id", "fiscal_year"],
      foreignKeys: [{ fields: ["project_id"], reference: { resource: "projects", fields: ["project_id"] } }],
    });
    expect(resources.find((r) => r.name === "measure-evaluations")?.schema).toMatchObject({
      primaryKey: ["measure_code", "fiscal_year"],
    });
  });

  it("writes 文書費's 決算額 beside its plan amounts, and 職員研修費's 令和8年度 as an estimate", () => {
    const inputs = rowsOf(files, "project-inputs.csv");
    const pick = (id: string | undefined) =>
      inputs
        .filter((r) => r.project_id === id)
        .map((r) => [r.fiscal_year, r.total, r.general_revenue, r.estimated, r.settled]);
    expect(pick(documentsId)).toEqual([
      ["2024", "9562", "9425", "false", "9300"],
      ["2025", "9562", "9419", "false", ""],
      ["2026", "9562", "9419", "false", ""],
    ]);
    expect(pick(trainingId)).toEqual([
      ["2024", "1443", "1443", "false", ""],
      ["2025", "1443", "1453", "false", ""],
      ["2026", "1443", "1453", "true", ""],
    ]);
    // No other project has a 決算額 or an estimate.
    const others = inputs.filter((r) => r.project_id !== documentsId && r.project_id !== trainingId);
    expect(others.every((r) => r.settled === "" && r.estimated === "false")).toBe(true);
  });

  it("models 決算額 as its own measure: funding source total, phase executed", () => {
    const d = descriptorOf(files);
    expect(fieldOf(d, "project-inputs", "settled")).toMatchObject({
      type: "integer",
      title: "決算額",
      normalize: { funding_source: "total", phase: "executed" },
    });
    expect(fieldOf(d, "project-inputs", "total").normalize).toEqual({
      funding_source: "total",
      phase: "proposed",
    });
    expect(fieldOf(d, "project-inputs", "estimated")).toMatchObject({
      type: "boolean",
      constraints: { required: true },
    });
    expect(fieldOf(d, "project-inputs", "phase", "extraFields")).toMatchObject({
      columnType: "phase:id",
      constraints: { enum: ["proposed", "executed"] },
    });
    expect(at(d, "model", "measures", "settled")).toEqual({
      source: "settled",
      resource: "project-inputs",
      currency: "JPY",
      factor: 1000,
      direction: "expenditure",
      phase: "executed",
      title: "決算額",
    });
  });

  it("keeps a 決算額 of a year before the plan's window as a row without plan amounts", () => {
    const rolled = seedPlan();
    projectNamed(rolled, "文書費").settled = { "2023": 9_100, "2024": 9_300 };
    const out = writeOpenData(rolled, META);
    expect(validateDataPackage(descriptorOf(out), out)).toEqual([]);
    const rows = rowsOf(out, "project-inputs.csv").filter((r) => r.project_id === documentsId);
    expect(rows.map((r) => [r.fiscal_year, r.fiscal_year_label, r.total, r.estimated, r.settled])).toEqual([
      ["2023", "令和5年度", "", "false", "9100"],
      ["2024", "令和6年度", "9562", "false", "9300"],
      ["2025", "令和7年度", "9562", "false", ""],
      ["2026", "令和8年度", "9562", "false", ""],
    ]);
    expect(descriptorOf(out).fiscalPeriod).toEqual({ start: "2023-04-01", end: "2027-03-31" });
  });

  it("writes 文書費's actuals with their achievement, a year with an actual and no target too", () => {
    const rows = rowsOf(files, "activity-indicators.csv").filter((r) => r.project_id === documentsId);
    const columns = [
      "indicator_number",
      "fiscal_year",
      "target_text",
      "actual_text",
      "actual_value",
      "actual_comparator",
      "direction",
      "achievement_direction",
      "achievement_status",
      "achievement_rate",
      "trend",
    ];
    expect(rows.map((r) => columns.map((c) => r[c]))).toEqual([
      // 2.8 m against 「3」 lower-is-better: met, 3 ÷ 2.8 = 1.071428… → 1.0714.
      ["1", "2024", "3", "2.8", "2.8", "=", "lower", "lower", "達成", "1.0714", ""],
      ["1", "2025", "3", "", "", "", "lower", "lower", "実績なし", "", ""],
      ["1", "2026", "3", "", "", "", "lower", "lower", "実績なし", "", ""],
      ["2", "2023", "", "1", "1", "=", "", "higher", "目標なし", "", ""],
      ["2", "2024", "2", "2", "2", "=", "", "higher", "達成", "1", ""],
      ["2", "2025", "2", "", "", "", "", "higher", "実績なし", "", ""],
      ["2", "2026", "2", "", "", "", "", "higher", "実績なし", "", ""],
    ]);
    // A text target without an actual, and an indicator with neither target nor actual.
    const training = rowsOf(files, "activity-indicators.csv").filter((r) => r.project_id === trainingId);
    expect(
      training.map((r) => [r.indicator_number, r.fiscal_year, r.target_text, r.achievement_status]),
    ).toEqual([
      ["1", "2024", "実施する", "実績なし"],
      ["1", "2025", "実施する", "実績なし"],
      ["1", "2026", "実施する", "実績なし"],
      ["2", "2024", "", "実績なし"],
    ]);
  });

  it("writes the achievement of 年度末基金残高: 令和3年度 met, 73.4 ÷ 40 = 1.835, improved on 66.6", () => {
    const rows = rowsOf(files, "outcome-indicators.csv").filter(
      (r) => r.measure_code === "6-3" && r.indicator_number === "1",
    );
    expect(rows[0]?.indicator_name).toMatch(/^年度末基金残高/);
    expect(rows.find((r) => r.fiscal_year === "2021")).toMatchObject({
      baseline_text: "66.6",
      planned_text: "40以上",
      planned_comparator: ">=",
      actual_text: "73.4",
      actual_value: "73.4",
      direction: "",
      achievement_direction: "higher",
      achievement_status: "達成",
      achievement_rate: "1.835",
      trend: "改善",
    });
    expect(rows.map((r) => [r.fiscal_year, r.achievement_status, r.achievement_rate])).toEqual([
      ["2021", "達成", "1.835"],
      ["2022", "達成", "2.0225"],
      ["2023", "実績なし", ""],
      ["2024", "実績なし", ""],
    ]);
    // 市債残高 「150以下」 is lower-is-better: 150 ÷ 123.7 = 1.21261… → 1.2126, and 130.9 is worse than 128.7.
    const debt = rowsOf(files, "outcome-indicators.csv").filter(
      (r) => r.measure_code === "6-3" && r.indicator_number === "2",
    );
    expect(debt.slice(0, 2).map((r) => [r.achievement_direction, r.achievement_rate, r.trend])).toEqual([
      ["lower", "1.1459", "悪化"],
      ["lower", "1.2126", "改善"],
    ]);
  });

  it("writes 職員研修費's evaluation of 令和6年度, 一次評価 and 二次評価, value for value", () => {
    const rows = rowsOf(files, "project-evaluations.csv");
    expect(rows).toEqual([
      {
        project_id: trainingId,
        project_name: "職員研修費",
        fiscal_year: "2024",
        fiscal_year_label: "令和6年度",
        self_necessity_rating: "A",
        self_necessity_reason: "職員の育成は市が担うほかない。",
        self_effectiveness_rating: "B",
        self_effectiveness_reason: "研修の成果が業務改善に表れ始めている。",
        self_efficiency_rating: "B",
        self_efficiency_reason: "",
        self_equity_rating: "A",
        self_equity_reason: "全職員が受講できる。",
        self_outlook: "continue",
        self_outlook_label: "継続",
        self_changes: "オンライン研修を取り入れる。",
        has_secondary: "true",
        secondary_necessity_rating: "A",
        secondary_necessity_reason: "一次評価のとおり。",
        secondary_effectiveness_rating: "C",
        secondary_effectiveness_reason: "成果指標との結び付きが弱い。",
        secondary_efficiency_rating: "B",
        secondary_efficiency_reason: "外部講師の費用に、見直しの余地がある。",
        secondary_equity_rating: "",
        secondary_equity_reason: "",
        secondary_outlook: "improve",
        secondary_outlook_label: "改善",
        secondary_comment: '研修効果の測り方を定めること。\n「受講率」と"満足度"を報告すること。',
        outlook: "improve",
        outlook_label: "改善",
      },
    ]);
  });

  it("writes the evaluation of 施策6-5 for 令和6年度, without a 二次評価", () => {
    expect(rowsOf(files, "measure-evaluations.csv")).toEqual([
      {
        measure_code: "6-5",
        measure_title: "職員の意識改革と育成を図り、市民サービスの向上に努めます",
        fiscal_year: "2024",
        fiscal_year_label: "令和6年度",
        self_rating: "B",
        self_assessment: "窓口の満足度は目標に届いていない。",
        self_next_steps: "窓口アンケートを毎年行う。",
        has_secondary: "false",
        secondary_rating: "",
        secondary_comment: "",
      },
    ]);
  });

  it("writes a kind without evaluations as a header-only file when the other kind has one", () => {
    const only = seedPlan();
    projectNamed(only, "職員研修費").evaluations = { "2024": structuredClone(TRAINING_EVALUATION) };
    const out = writeOpenData(only, META);
    expect(validateDataPackage(descriptorOf(out), out)).toEqual([]);
    expect(rowsOf(out, "project-evaluations.csv")).toHaveLength(1);
    const measures = readCsv(out.get("measure-evaluations.csv") ?? new Uint8Array());
    expect(measures.rows).toEqual([
      [
        "measure_code",
        "measure_title",
        "fiscal_year",
        "fiscal_year_label",
        "self_rating",
        "self_assessment",
        "self_next_steps",
        "has_secondary",
        "secondary_rating",
        "secondary_comment",
      ],
    ]);
    // An empty evaluations object is no evaluation.
    const none = seedPlan();
    projectNamed(none, "職員研修費").evaluations = {};
    expect([...writeOpenData(none, META).keys()]).toEqual([...CSV_FILES, "datapackage.json", "plan.json"]);
  });

  it("rounds the achievement rate to 4 decimals, half up, without binary noise", () => {
    expect(achievementRateText(73.4 / 40)).toBe("1.835");
    expect(achievementRateText(150 / 123.7)).toBe("1.2126");
    expect(achievementRateText(1)).toBe("1");
    expect(achievementRateText(0)).toBe("0");
    expect(achievementRateText(0.99995)).toBe("1");
    expect(achievementRateText(0.123449)).toBe("0.1234");
    expect(achievementRateText(1e25)).toBe("1E+25");
    expect(achievementRateText(null)).toBeNull();
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
        new URL("../../fixtures/handwritten/kodomo-2028-policy2.expected.json", import.meta.url),
        "utf8",
      ),
    ) as PlanDocument;
    const files = writeOpenData(other, { city: "御代田町", fiscalYear: 2028 });
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
