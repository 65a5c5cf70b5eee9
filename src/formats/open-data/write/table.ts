import { createHash } from "node:crypto";
import { FORMULA_GUARD_NOTE, FORMULA_TRIGGERS, guardFormulaText } from "../../spreadsheet-text.ts";
import { type CsvCell, writeCsv } from "../csv.ts";

type FieldType = "string" | "integer" | "number" | "boolean";

export interface Column<R> {
  /** Table Schema field name and CSV header: ASCII snake_case. */
  name: string;
  type: FieldType;
  title: string;
  description: string;
  required?: boolean;
  enum?: readonly string[];
  /** Fiscal Data Package 1.0-rc.1 ColumnType. */
  columnType?: string;
  /** Fiscal Data Package 1.0-rc.1: this amount column is one measure of the denormalised form. */
  normalize?: Record<string, string>;
  value: (row: R) => CsvCell;
}

interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableSpec<R> {
  name: string;
  file: string;
  title: string;
  description: string;
  columns: Column<R>[];
  primaryKey: string[];
  foreignKeys?: ForeignKey[];
  extraFields?: Record<string, unknown>[];
}

export interface WrittenTable {
  name: string;
  file: string;
  bytes: Uint8Array;
  resource: Record<string, unknown>;
}

/** A number written as text (`achievementRateText`): digits, an optional fraction and exponent. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?(E[+-]?\d+)?$/;

function checkCell(column: Column<never>, value: CsvCell, file: string): CsvCell {
  const ok =
    value === null ||
    (column.type === "string" && typeof value === "string") ||
    (column.type === "boolean" && typeof value === "boolean") ||
    (column.type === "integer" && typeof value === "number" && Number.isSafeInteger(value)) ||
    (column.type === "number" && typeof value === "number" && Number.isFinite(value)) ||
    (column.type === "number" && typeof value === "string" && DECIMAL_TEXT.test(value));
  if (!ok) {
    throw new RangeError(
      `open data: ${file} ${column.name} must be ${column.type === "integer" ? "an integer" : `a ${column.type}`}, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * A free-text column: a string column without an enum. The enum columns hold only the fixed codes Hoshin
 * writes (`>=`, `<=`, `=` …), which no user types and which the enum constraint must still accept.
 */
const guardsText = (column: Column<never>): boolean => column.type === "string" && !column.enum;

/**
 * The CSV files are written for people (UTF-8 with a BOM, so that Excel opens them): a text of a string
 * column that a spreadsheet would run as a formula gets an apostrophe before it (`guardFormulaText`); the
 * resource says so (`hoshin.formulaGuard`), and plan.json keeps the text exactly.
 */
export function table<R>(spec: TableSpec<R>, rows: readonly R[]): WrittenTable {
  const header = spec.columns.map((c) => c.name);
  let guarded = 0;
  const safe = (column: Column<R>, value: CsvCell): CsvCell => {
    if (!guardsText(column) || typeof value !== "string") return value;
    const text = guardFormulaText(value);
    if (text !== value) guarded++;
    return text;
  };
  const bytes = writeCsv(
    header,
    rows.map((row) =>
      spec.columns.map((c) => safe(c, checkCell(c as Column<never>, c.value(row), spec.file))),
    ),
  );
  const fields = spec.columns.map((c) => {
    const constraints: Record<string, unknown> = {};
    if (c.required) constraints.required = true;
    if (c.enum) constraints.enum = [...c.enum];
    return {
      name: c.name,
      type: c.type,
      format: "default",
      title: c.title,
      description: c.description,
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
      ...(c.columnType ? { columnType: c.columnType } : {}),
      ...(c.normalize ? { normalize: c.normalize } : {}),
    };
  });
  const schema: Record<string, unknown> = {
    fields,
    missingValues: [""],
    primaryKey: spec.primaryKey,
    ...(spec.foreignKeys ? { foreignKeys: spec.foreignKeys } : {}),
    ...(spec.extraFields ? { extraFields: spec.extraFields } : {}),
  };
  const resource: Record<string, unknown> = {
    profile: "tabular-data-resource",
    name: spec.name,
    path: spec.file,
    title: spec.title,
    description: spec.description,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    bytes: bytes.length,
    hash: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    dialect: {
      csvddfVersion: 1.2,
      delimiter: ",",
      doubleQuote: true,
      lineTerminator: "\r\n",
      quoteChar: '"',
      skipInitialSpace: false,
      header: true,
      caseSensitiveHeader: true,
    },
    schema,
    hoshin: {
      formulaGuard: {
        prefix: "'",
        triggers: [...FORMULA_TRIGGERS],
        fields: spec.columns.filter(guardsText).map((c) => c.name),
        guardedCells: guarded,
        note: FORMULA_GUARD_NOTE,
      },
    },
  };
  return { name: spec.name, file: spec.file, bytes, resource };
}
