/**
 * Validates a Fiscal Data Package: its descriptor and the CSV files it describes.
 *
 * Specifications followed (frictionlessdata, the versions published with Fiscal Data Package 1.0-rc.1):
 *  - Data Package 1.0.0-rc.2, Data Resource 1.0-rc.2, Tabular Data Package 1.0.0-rc.2, Tabular Data
 *    Resource 1.0-rc.2, Table Schema 1.0.0-rc.2, CSV Dialect 1.2, and the registry JSON Schemas
 *    (tabular-data-package.json, tabular-data-resource.json, table-schema.json, csv-dialect.json);
 *  - Fiscal Data Package 1.0-rc.1 (22 April 2018) with its Budget taxonomy 1.0-rc.1 (ColumnTypes,
 *    `columnTypes`, `extraFields`, `normalize`, `normalizationTarget`, `constant`);
 *  - the `model` of Fiscal Data Package 0.3.0, which the registry's fiscal-data-package.json (the JSON
 *    Schema the 1.0-rc.1 specification links) still requires: measures with an ISO 4217 `currency` and a
 *    numeric `factor`, dimensions with attributes and a primary key.
 *
 * Rules checked:
 *  - package: a JSON object; `profile` "tabular-data-package"; `name` lower-case /^[a-z0-9._-]+$/;
 *    `resources` a non-empty array of resources with unique names; the types of title, description,
 *    homepage, version, keywords, licenses, sources, contributors, created; relative `sources` paths exist.
 *  - resource: `profile` "tabular-data-resource"; `name` /^[a-z0-9._-]+$/; exactly one of `path` / `data`;
 *    each path a relative POSIX path (no "/", ".", "~" at the start, no "..") or an http(s) URL, not mixed;
 *    every relative path present among the files; `format` csv, `mediatype` text/csv; `encoding` UTF-8;
 *    `bytes` and `hash` (md5, or "algorithm:hex") equal to the file's; `dialect` per CSV Dialect 1.2.
 *  - Table Schema: `fields` non-empty, each with a unique `name`, a known `type` and a `format` of that
 *    type, type-specific properties of the right kind, `constraints` that apply to the type;
 *    `missingValues` strings; `primaryKey` and `foreignKeys` naming existing fields and resources, with
 *    matching lengths.
 *  - data: the file is UTF-8 (a BOM is allowed and skipped), parses as RFC 4180 CSV with the dialect's
 *    delimiter, quote and line terminator; the header equals the field names in order; every row has one
 *    cell per field; every cell casts to its field's type and format (integer fields hold integers) and
 *    meets its constraints (required, unique, enum, minimum, maximum, minLength, maxLength, pattern);
 *    primary keys are unique and never empty; foreign keys resolve (SQL MATCH SIMPLE: a key with an
 *    empty part is not checked).
 *  - Fiscal Data Package 1.0-rc.1: every `columnType` is in the Budget taxonomy, derives from one of its
 *    types by a colon-separated prefix, or is declared inline in `columnTypes` (the specification accepts
 *    undeclared types too; this validator reports them, so that a misspelt type is not silently ignored);
 *    a field's `type` equals its ColumnType's `dataType`; the columns with `unique` ColumnTypes identify
 *    each row; `extraFields` are constants (castable to their type), the one `normalizationTarget`, or
 *    reduced columns that every `normalize` mapping names; the package has a resource with a `value`
 *    column and a `date:fiscal-year` column (the specification leaves every part optional and lets
 *    implementations require a minimal model: this is ours), whose currency (`value-currency:code`) is an
 *    ISO 4217 code and whose factor (`value-factor`), if any, is a positive number.
 *  - Fiscal Data Package 0.3 `model`: at least one measure and one dimension; measures name a numeric field
 *    of an existing resource, with an ISO 4217 `currency`, a positive numeric `factor`, `direction` and
 *    `phase` from their lists, and agree with the 1.0 currency and factor constants of their resource;
 *    dimension attributes name existing fields, `parent` / `labelfor` / `primaryKey` name attributes,
 *    `dimensionType` and `classificationType` from their lists, a classification has a `code` attribute;
 *    `countryCode`, `granularity` and `fiscalPeriod` as the schema says.
 *
 * Not checked: URLs (nothing is fetched; a URL path or schema is reported as not checkable), inline
 * `data` beyond its shape, encodings other than UTF-8, dialects with an escape character or without
 * doubled quotes. Problems are in Japanese, each prefixed with where it is.
 */

import { createHash, getHashes } from "node:crypto";
import { decodeCsv, parseCsv } from "./csv.ts";

type Obj = Record<string, unknown>;
type Logical = string | number | bigint | boolean | Obj | unknown[] | null;

const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);
const q = (x: unknown): string => JSON.stringify(x) ?? String(x);

/** Data Package / Data Resource `name`: lower-case alphanumerics, ".", "_", "-". */
const NAME = /^[a-z0-9._-]+$/;
/** The registry schemas' url-or-path pattern: no leading ".", "/" or "~", no "..". */
const POSIX_PATH = /^(?=[^./~])(?!.*\.\.).*$/s;
const URL_PATH = /^https?:\/\//i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const LICENSE_NAME = /^[-a-zA-Z0-9._]+$/;
const CONTRIBUTOR_ROLES = new Set(["author", "publisher", "maintainer", "wrangler", "contributor"]);

const TYPES = new Set([
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "date",
  "time",
  "datetime",
  "year",
  "yearmonth",
  "duration",
  "geopoint",
  "geojson",
  "any",
]);
const CONSTRAINTS = new Set([
  "required",
  "unique",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "pattern",
  "enum",
]);
const LENGTH_TYPES = new Set(["string", "array", "object"]);
const RANGE_TYPES = new Set(["integer", "number", "date", "time", "datetime", "year", "yearmonth"]);
const DIALECT_KEYS = new Set([
  "csvddfVersion",
  "delimiter",
  "doubleQuote",
  "lineTerminator",
  "nullSequence",
  "quoteChar",
  "escapeChar",
  "skipInitialSpace",
  "header",
  "commentChar",
  "caseSensitiveHeader",
]);

/** How many data problems one file may report before the rest are only counted. */
const MAX_DATA_PROBLEMS = 50;

/** The problems of a package (descriptor and files); an empty list means it is valid. */
export function validateDataPackage(descriptor: unknown, files: Map<string, Uint8Array>): string[] {
  const v = new Validator(files);
  v.run(descriptor);
  return v.problems;
}

// ---------------------------------------------------------------------------------------------------------
// Fiscal Data Package 1.0-rc.1 Budget taxonomy

interface ColumnTypeDef {
  dataType?: string;
  unique?: boolean;
  labelOf?: string;
}

/** The ColumnTypes of the Budget taxonomy 1.0-rc.1 (`level{1..n}` expanded). */
const BUDGET_TAXONOMY: ReadonlyMap<string, ColumnTypeDef> = (() => {
  const m = new Map<string, ColumnTypeDef>();
  const s = (name: string, unique = false) =>
    m.set(name, { dataType: "string", ...(unique ? { unique } : {}) });
  const levels = (base: string, n: number, parts: readonly string[], unique: readonly string[]) => {
    for (let i = 1; i <= n; i++) for (const p of parts) s(`${base}:level${i}:${p}`, unique.includes(p));
  };
  m.set("value", { dataType: "number" });
  s("value-kind:code", true);
  s("value-kind:label");
  s("value-currency:code", true);
  s("value-currency:label");
  m.set("date:fiscal-year", { dataType: "integer", unique: true });
  for (const d of ["activity-approval", "activity-end", "activity-start", "final-payment", "first-payment"]) {
    m.set(`date:fiscal:${d}`, { dataType: "date", unique: true });
  }
  m.set("date:generic", { dataType: "date", unique: true });
  const cofog = "functional-classification:cofog";
  for (const level of ["class", "division", "group"]) {
    s(`${cofog}:${level}:code`, true);
    s(`${cofog}:${level}:description`);
    s(`${cofog}:${level}:label`);
  }
  s(`${cofog}:code`, true);
  s(`${cofog}:description`);
  s(`${cofog}:label`);
  const parts = ["code", "description", "label"] as const;
  for (const [base, n] of [
    ["functional-classification:generic", 8],
    ["economic-classification:generic", 4],
    ["administrative-classification:generic", 8],
  ] as const) {
    s(`${base}:code`, true);
    s(`${base}:description`);
    s(`${base}:label`);
    levels(base, n, parts, ["code"]);
  }
  levels("economic-classification:gfsm", 4, parts, ["code"]);
  for (const a of ["contract", "program", "project", "subprogram", "subproject"]) {
    s(`activity:generic:${a}:code`, true);
    s(`activity:generic:${a}:label`);
  }
  s("budget-line-id", true);
  s("budgetary-transfers");
  s("direction", true);
  s("phase:id", true);
  s("phase:label");
  s("expenditure-type:code", true);
  s("expenditure-type:label");
  s("fin-source:generic:code", true);
  s("fin-source:generic:label");
  levels("fin-source:generic", 3, ["code", "label"], ["code"]);
  for (const g of ["generic", "source", "target"]) {
    s(`geo:${g}:code`, true);
    s(`geo:${g}:codeList`, true);
    s(`geo:${g}:title`);
  }
  levels("geo:target", 2, ["code", "title"], ["code"]);
  return m;
})();

const BUDGET_TAXONOMY_URLS = new Set([
  "https://frictionlessdata.io/taxonomies/fiscal/budgets.json",
  "https://specs.frictionlessdata.io/taxonomies/fiscal/budgets.json",
]);

const VALUE_FACTOR = "value-factor";
const MEASURE_DIRECTIONS = new Set(["expenditure", "revenue"]);
const MEASURE_PHASES = new Set(["proposed", "approved", "adjusted", "executed"]);
const DIMENSION_TYPES = new Set([
  "datetime",
  "entity",
  "classification",
  "activity",
  "fact",
  "location",
  "other",
]);
const CLASSIFICATION_TYPES = new Set(["functional", "administrative", "economic"]);

/** ISO 4217 codes as ICU knows them; the three-letter pattern where Intl cannot list them. */
const CURRENCIES: ReadonlySet<string> | null = (() => {
  try {
    return new Set(Intl.supportedValuesOf("currency"));
  } catch {
    return null;
  }
})();
const isCurrency = (x: unknown): boolean =>
  typeof x === "string" && /^[A-Z]{3}$/.test(x) && (CURRENCIES === null || CURRENCIES.has(x));

// ---------------------------------------------------------------------------------------------------------
// Fields and values

interface Field {
  name: string;
  type: string;
  format: string;
  descriptor: Obj;
  constraints: Obj;
  /** Compiled `constraints.pattern`. */
  pattern: RegExp | null;
}

type Cast = { ok: true; value: Logical } | { ok: false; why: string };
const good = (value: Logical): Cast => ({ ok: true, value });
const bad = (why: string): Cast => ({ ok: false, why });

const DEFAULT_TRUE = ["true", "True", "TRUE", "1"];
const DEFAULT_FALSE = ["false", "False", "FALSE", "0"];
const STRING_FORMATS = new Set(["default", "email", "uri", "binary", "uuid"]);

function formatProblem(type: string, format: string): string | null {
  if (format === "default") return null;
  switch (type) {
    case "string":
      return STRING_FORMATS.has(format)
        ? null
        : `string の format は default・email・uri・binary・uuid です。`;
    case "date":
    case "time":
    case "datetime":
      if (format === "any") return null;
      return strptimeRegex(format) ? null : `この検証器では確かめられない日付の書式です（${q(format)}）。`;
    case "geopoint":
      return format === "array" || format === "object"
        ? null
        : "geopoint の format は default・array・object です。";
    case "geojson":
      return format === "topojson" ? null : "geojson の format は default・topojson です。";
    case "any":
      return null;
    default:
      return `${type} 型に format の選択肢はありません（default のみ）。`;
  }
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function validDate(y: number, m: number, d: number): boolean {
  const days = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return Number.isInteger(y) && days !== undefined && Number.isInteger(d) && d >= 1 && d <= days;
}

function validTime(h: number, mi: number, s: number): boolean {
  return (h < 24 && mi < 60 && s < 60) || (h === 24 && mi === 0 && s === 0);
}

interface StrptimePart {
  directive: string;
}

/** A regular expression for a strptime pattern made of %Y %y %m %d %H %M %S %f %z %% and literals. */
function strptimeRegex(format: string): { re: RegExp; parts: StrptimePart[] } | null {
  let src = "";
  const parts: StrptimePart[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c !== "%") {
      src += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      continue;
    }
    const d = format[++i];
    const group: Record<string, string> = {
      Y: "(\\d{4})",
      y: "(\\d{2})",
      m: "(\\d{1,2})",
      d: "(\\d{1,2})",
      H: "(\\d{1,2})",
      M: "(\\d{1,2})",
      S: "(\\d{1,2})",
      f: "(\\d{1,6})",
      z: "(Z|[+-]\\d{2}:?\\d{2})",
    };
    if (d === "%") {
      src += "%";
      continue;
    }
    const g = d === undefined ? undefined : group[d];
    if (g === undefined || d === undefined) return null;
    src += g;
    parts.push({ directive: d });
  }
  return { re: new RegExp(`^${src}$`), parts };
}

/** Casts a strptime-formatted value to milliseconds since the epoch (UTC), or null. */
function strptime(format: string, value: string): number | null {
  const r = strptimeRegex(format);
  const m = r?.re.exec(value);
  if (!r || !m) return null;
  let y = 1900;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let offset = 0;
  r.parts.forEach((p, i) => {
    const t = m[i + 1] ?? "";
    const n = Number(t);
    if (p.directive === "Y") y = n;
    else if (p.directive === "y") y = n < 69 ? 2000 + n : 1900 + n;
    else if (p.directive === "m") mo = n;
    else if (p.directive === "d") d = n;
    else if (p.directive === "H") h = n;
    else if (p.directive === "M") mi = n;
    else if (p.directive === "S") s = n;
    else if (p.directive === "f") ms = Number(`0.${t}`) * 1000;
    else if (p.directive === "z" && t !== "Z") {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
      if (z) offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    }
  });
  if (!validDate(y, mo, d) || !validTime(h, mi, s)) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
}

function stripNonNumeric(s: string): string {
  return s.replace(/^[^0-9+\-.]+/, "").replace(/[^0-9.]+$/, "");
}

function castNumber(field: Field, raw: string): Cast {
  let s = raw;
  const d = field.descriptor;
  if (d.bareNumber === false) s = stripNonNumeric(s);
  if (typeof d.groupChar === "string" && d.groupChar !== "") s = s.split(d.groupChar).join("");
  if (typeof d.decimalChar === "string" && d.decimalChar !== "." && d.decimalChar !== "")
    s = s.split(d.decimalChar).join(".");
  if (/^nan$/i.test(s)) return good(Number.NaN);
  if (/^[+]?inf$/i.test(s)) return good(Number.POSITIVE_INFINITY);
  if (/^-inf$/i.test(s)) return good(Number.NEGATIVE_INFINITY);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return bad("数値ではありません");
  return good(Number(s));
}

function castInteger(field: Field, raw: string): Cast {
  const s = field.descriptor.bareNumber === false ? stripNonNumeric(raw) : raw;
  if (!/^[+-]?\d+$/.test(s)) return bad("整数ではありません");
  return good(BigInt(s));
}

function castDate(format: string, raw: string): Cast {
  if (format === "default") {
    const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(raw);
    if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3])))
      return bad("日付（YYYY-MM-DD）ではありません");
    return good(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  if (format === "any") {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? bad("日付として読めません") : good(t);
  }
  const t = strptime(format, raw);
  return t === null ? bad(`書式 ${q(format)} の日付ではありません`) : good(t);
}

function castTime(format: string, raw: string): Cast {
  if (format === "default" || format === "any") {
    const re =
      format === "default"
        ? /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/
        : /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
    const m = re.exec(raw);
    if (!m || !validTime(Number(m[1]), Number(m[2]), Number(m[3] ?? 0))) return bad("時刻ではありません");
    return good(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0));
  }
  const t = strptime(format, raw);
  return t === null ? bad(`書式 ${q(format)} の時刻ではありません`) : good(t);
}

function castDatetime(format: string, raw: string): Cast {
  if (format === "default") {
    const m = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/.exec(raw);
    if (
      !m ||
      !validDate(Number(m[1]), Number(m[2]), Number(m[3])) ||
      !validTime(Number(m[4]), Number(m[5]), Number(m[6]))
    )
      return bad("日時（YYYY-MM-DDThh:mm:ssZ）ではありません");
    return good(Date.parse(raw));
  }
  if (format === "any") {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? bad("日時として読めません") : good(t);
  }
  const t = strptime(format, raw);
  return t === null ? bad(`書式 ${q(format)} の日時ではありません`) : good(t);
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

const inRange = (lon: unknown, lat: unknown) =>
  typeof lon === "number" &&
  typeof lat === "number" &&
  Math.abs(lon) <= 180 &&
  Math.abs(lat) <= 90 &&
  Number.isFinite(lon) &&
  Number.isFinite(lat);

/** The logical value of a physical (string) cell, per Table Schema types and formats. */
function castValue(field: Field, raw: string): Cast {
  const { type, format } = field;
  switch (type) {
    case "string": {
      if (format === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw))
        return bad("メールアドレスではありません");
      if (format === "uri") {
        if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) return bad("URI ではありません");
        try {
          new URL(raw);
        } catch {
          return bad("URI ではありません");
        }
      }
      if (format === "binary" && !(/^[A-Za-z0-9+/]*={0,2}$/.test(raw) && raw.length % 4 === 0))
        return bad("base64 ではありません");
      if (format === "uuid" && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw))
        return bad("UUID ではありません");
      return good(raw);
    }
    case "integer":
      return castInteger(field, raw);
    case "number":
      return castNumber(field, raw);
    case "boolean": {
      const t = Array.isArray(field.descriptor.trueValues) ? field.descriptor.trueValues : DEFAULT_TRUE;
      const f = Array.isArray(field.descriptor.falseValues) ? field.descriptor.falseValues : DEFAULT_FALSE;
      if (t.includes(raw)) return good(true);
      if (f.includes(raw)) return good(false);
      return bad("真偽値ではありません");
    }
    case "object": {
      const j = parseJson(raw);
      return j.ok && isObj(j.value) ? good(j.value) : bad("JSON のオブジェクトではありません");
    }
    case "array": {
      const j = parseJson(raw);
      return j.ok && Array.isArray(j.value) ? good(j.value) : bad("JSON の配列ではありません");
    }
    case "date":
      return castDate(format, raw);
    case "time":
      return castTime(format, raw);
    case "datetime":
      return castDatetime(format, raw);
    case "year":
      return /^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$/.test(raw)
        ? good(Number.parseInt(raw, 10))
        : bad("年ではありません");
    case "yearmonth": {
      const m = /^(-?\d{4,})-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?$/.exec(raw);
      return m ? good(Number(m[1]) * 12 + Number(m[2]) - 1) : bad("年月（YYYY-MM）ではありません");
    }
    case "duration":
      return /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(raw)
        ? good(raw)
        : bad("期間（ISO 8601）ではありません");
    case "geopoint": {
      if (format === "default") {
        const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(raw);
        return m && inRange(Number(m[1]), Number(m[2])) ? good(raw) : bad("「経度, 緯度」ではありません");
      }
      const j = parseJson(raw);
      if (format === "array")
        return j.ok && Array.isArray(j.value) && j.value.length === 2 && inRange(j.value[0], j.value[1])
          ? good(raw)
          : bad("[経度, 緯度] ではありません");
      return j.ok && isObj(j.value) && Object.keys(j.value).length === 2 && inRange(j.value.lon, j.value.lat)
        ? good(raw)
        : bad("{lon, lat} ではありません");
    }
    case "geojson": {
      const j = parseJson(raw);
      if (!j.ok || !isObj(j.value) || typeof j.value.type !== "string") return bad("GeoJSON ではありません");
      if (format === "topojson" && j.value.type !== "Topology") return bad("TopoJSON ではありません");
      return good(j.value);
    }
    default:
      return good(raw);
  }
}

/** A constraint or constant value: JSON primitives as they are, strings cast by the field's rules. */
function castDescriptorValue(field: Field, x: unknown): Cast {
  if (typeof x === "string") return castValue(field, x);
  if (field.type === "integer") {
    return typeof x === "number" && Number.isInteger(x) ? good(BigInt(x)) : bad("整数ではありません");
  }
  if (field.type === "number" || field.type === "year") {
    return typeof x === "number" ? good(x) : bad("数値ではありません");
  }
  if (field.type === "boolean") return typeof x === "boolean" ? good(x) : bad("真偽値ではありません");
  if (field.type === "object") return isObj(x) ? good(x) : bad("オブジェクトではありません");
  if (field.type === "array") return Array.isArray(x) ? good(x) : bad("配列ではありません");
  if (field.type === "any") return good(x as Logical);
  return bad(`${field.type} 型の値として読めません`);
}

/** A key under which equal logical values meet (1 and 1n alike; strings apart from numbers). */
function keyPart(v: Logical): unknown {
  if (v === null) return null;
  if (typeof v === "bigint") return `n:${v}`;
  if (typeof v === "number") return Number.isInteger(v) ? `n:${BigInt(v)}` : `n:${v}`;
  if (typeof v === "string") return `s:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  return `j:${JSON.stringify(v)}`;
}
const keyOf = (values: readonly Logical[]): string => JSON.stringify(values.map(keyPart));

function compare(a: Logical, b: Logical): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  const x = typeof a === "bigint" ? Number(a) : a;
  const y = typeof b === "bigint" ? Number(b) : b;
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/** The problems of one logical value against its field's constraints (uniqueness is checked per file). */
function constraintProblems(field: Field, value: Logical): string[] {
  const c = field.constraints;
  const out: string[] = [];
  if (Array.isArray(c.enum)) {
    const keys = new Set(
      c.enum.map((e) => {
        const cast = castDescriptorValue(field, e);
        return cast.ok ? keyOf([cast.value]) : null;
      }),
    );
    if (!keys.has(keyOf([value]))) out.push(`enum ${q(c.enum)} のどれでもありません`);
  }
  if (c.minimum !== undefined) {
    const m = castDescriptorValue(field, c.minimum);
    if (m.ok && compare(value, m.value) < 0) out.push(`minimum ${q(c.minimum)} より小さい値です`);
  }
  if (c.maximum !== undefined) {
    const m = castDescriptorValue(field, c.maximum);
    if (m.ok && compare(value, m.value) > 0) out.push(`maximum ${q(c.maximum)} より大きい値です`);
  }
  const length =
    typeof value === "string"
      ? [...value].length
      : Array.isArray(value)
        ? value.length
        : isObj(value)
          ? Object.keys(value).length
          : null;
  if (length !== null && typeof c.minLength === "number" && length < c.minLength)
    out.push(`minLength ${c.minLength} より短い値です`);
  if (length !== null && typeof c.maxLength === "number" && length > c.maxLength)
    out.push(`maxLength ${c.maxLength} より長い値です`);
  if (field.pattern && typeof value === "string" && !field.pattern.test(value))
    out.push(`pattern ${q(c.pattern)} に合いません`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The validator

interface ForeignKey {
  where: string;
  fields: string[];
  resource: string;
  referenced: string[];
}

interface Table {
  index: number;
  name: string;
  where: string;
  fields: Field[];
  extraFields: Field[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** Logical rows (one value per field), once the data has been read. */
  rows: Logical[][] | null;
  /** Where each data row is, for messages: its file and record number (the header is row 1). */
  rowWhere: string[];
  /** Constant extra fields by ColumnType (Fiscal Data Package), as logical values where they cast. */
  constants: Map<string, unknown>;
  /** Table Schema `missingValues`: the physical values read as null. */
  missingValues: string[];
}

class Validator {
  readonly problems: string[] = [];
  private readonly files: Map<string, Uint8Array>;
  private readonly tables: Table[] = [];
  private readonly columnTypes = new Map<string, ColumnTypeDef>(BUDGET_TAXONOMY);

  constructor(files: Map<string, Uint8Array>) {
    this.files = files;
  }

  private add(where: string, what: string): void {
    this.problems.push(`${where}: ${what}`);
  }

  run(descriptor: unknown): void {
    if (!isObj(descriptor)) {
      this.add("datapackage.json", "記述子が JSON のオブジェクトではありません。");
      return;
    }
    this.packageMetadata(descriptor);
    this.declaredColumnTypes(descriptor.columnTypes);
    const resources = descriptor.resources;
    if (!Array.isArray(resources) || resources.length === 0) {
      this.add("resources", "空でない配列が必要です（Tabular Data Package には1つ以上の資源が必要）。");
      return;
    }
    const names = new Set<string>();
    resources.forEach((r, i) => {
      const t = this.resource(r, i);
      if (!t) return;
      if (names.has(t.name)) this.add(t.where, `資源名 ${q(t.name)} が重複しています。`);
      names.add(t.name);
      this.tables.push(t);
    });
    for (const t of this.tables) this.foreignKeys(t);
    for (const t of this.tables) this.fiscalColumns(t);
    this.fiscalRequirements();
    this.model(descriptor);
  }

  // --- package ---------------------------------------------------------------------------------------

  private packageMetadata(d: Obj): void {
    if (d.profile !== "tabular-data-package")
      this.add("profile", `"tabular-data-package" が必要です（${q(d.profile)}）。`);
    if (d.name === undefined) this.add("name", "パッケージ名がありません。");
    else if (typeof d.name !== "string" || !NAME.test(d.name))
      this.add("name", `小文字の英数字と「.」「_」「-」だけの名前が必要です（${q(d.name)}）。`);
    for (const k of ["id", "title", "description", "version", "image"]) {
      if (d[k] !== undefined && typeof d[k] !== "string") this.add(k, "文字列ではありません。");
    }
    if (d.homepage !== undefined && (typeof d.homepage !== "string" || !URL_PATH.test(d.homepage)))
      this.add("homepage", "http(s) の URL ではありません。");
    if (d.created !== undefined && (typeof d.created !== "string" || !RFC3339.test(d.created)))
      this.add("created", "RFC 3339 の日時ではありません。");
    if (d.keywords !== undefined) {
      if (
        !Array.isArray(d.keywords) ||
        d.keywords.length === 0 ||
        d.keywords.some((k) => typeof k !== "string")
      )
        this.add("keywords", "文字列の空でない配列ではありません。");
    }
    if (d.licenses !== undefined) this.licenses(d.licenses, "licenses");
    if (d.sources !== undefined) this.sources(d.sources);
    if (d.contributors !== undefined) {
      if (!Array.isArray(d.contributors)) this.add("contributors", "配列ではありません。");
      else
        d.contributors.forEach((c, i) => {
          const w = `contributors[${i}]`;
          if (!isObj(c) || typeof c.title !== "string") this.add(w, "title を持つオブジェクトが必要です。");
          else if (c.role !== undefined && !CONTRIBUTOR_ROLES.has(String(c.role)))
            this.add(
              `${w}.role`,
              `author・publisher・maintainer・wrangler・contributor のどれでもありません。`,
            );
        });
    }
    // Fiscal Data Package 0.3 package properties.
    const cc = d.countryCode;
    if (cc !== undefined) {
      const ok = (x: unknown) => typeof x === "string" && /^[A-Z]{2}$/.test(x);
      if (!(ok(cc) || (Array.isArray(cc) && cc.length > 0 && cc.every(ok))))
        this.add("countryCode", "ISO 3166-1 alpha-2 の国コード（大文字2文字）ではありません。");
    }
    if (d.granularity !== undefined && d.granularity !== "aggregated" && d.granularity !== "transactional")
      this.add("granularity", `"aggregated" か "transactional" が必要です（${q(d.granularity)}）。`);
    if (d.fiscalPeriod !== undefined) {
      const date = /^\d{4}-(0?[1-9]|1[012])-(0?[1-9]|[12]\d|3[01])/;
      const fp = d.fiscalPeriod;
      if (!isObj(fp) || typeof fp.start !== "string" || !date.test(fp.start))
        this.add("fiscalPeriod.start", "YYYY-MM-DD の開始日が必要です。");
      else if (fp.end !== undefined && (typeof fp.end !== "string" || !date.test(fp.end)))
        this.add("fiscalPeriod.end", "YYYY-MM-DD ではありません。");
    }
  }

  private licenses(x: unknown, where: string): void {
    if (!Array.isArray(x) || x.length === 0) {
      this.add(where, "空でない配列ではありません。");
      return;
    }
    x.forEach((l, i) => {
      const w = `${where}[${i}]`;
      if (!isObj(l) || (l.name === undefined && l.path === undefined)) {
        this.add(w, "name か path を持つオブジェクトが必要です。");
        return;
      }
      if (l.name !== undefined && (typeof l.name !== "string" || !LICENSE_NAME.test(l.name)))
        this.add(`${w}.name`, "Open Definition のライセンス ID ではありません。");
      if (l.path !== undefined) this.urlOrPath(l.path, `${w}.path`, false);
    });
  }

  private sources(x: unknown): void {
    if (!Array.isArray(x)) {
      this.add("sources", "配列ではありません。");
      return;
    }
    x.forEach((s, i) => {
      const w = `sources[${i}]`;
      if (!isObj(s) || typeof s.title !== "string") {
        this.add(w, "title を持つオブジェクトが必要です。");
        return;
      }
      if (s.path !== undefined) this.urlOrPath(s.path, `${w}.path`, true);
    });
  }

  /** A url-or-path; a relative path must be one of the files when `mustExist`. Returns the kind. */
  private urlOrPath(p: unknown, where: string, mustExist: boolean): "url" | "path" | null {
    if (typeof p !== "string" || p === "") {
      this.add(where, "空でない文字列ではありません。");
      return null;
    }
    if (URL_PATH.test(p)) return "url";
    if (/^[a-z][a-z0-9+.-]*:/i.test(p)) {
      this.add(where, `URL は http か https に限ります（${q(p)}）。`);
      return null;
    }
    if (!POSIX_PATH.test(p) || p.split("/").includes("..")) {
      this.add(
        where,
        `記述子からの相対パス（「/」「.」「~」で始まらず「..」を含まない）ではありません（${q(p)}）。`,
      );
      return null;
    }
    if (mustExist && !this.files.has(p)) this.add(where, `ファイル ${q(p)} がありません。`);
    return "path";
  }

  // --- resources -------------------------------------------------------------------------------------

  private resource(r: unknown, index: number): Table | null {
    const base = `resources[${index}]`;
    if (!isObj(r)) {
      this.add(base, "オブジェクトではありません。");
      return null;
    }
    const name = typeof r.name === "string" ? r.name : "";
    const where = name ? `${base}（${name}）` : base;
    if (typeof r.name !== "string" || !NAME.test(r.name))
      this.add(where, `資源名（name）は小文字の英数字と「.」「_」「-」だけが必要です（${q(r.name)}）。`);
    if (r.profile !== "tabular-data-resource")
      this.add(where, `profile は "tabular-data-resource" が必要です（${q(r.profile)}）。`);
    for (const k of ["title", "description"]) {
      if (r[k] !== undefined && typeof r[k] !== "string") this.add(`${where}.${k}`, "文字列ではありません。");
    }
    if (r.licenses !== undefined) this.licenses(r.licenses, `${where}.licenses`);

    const hasPath = r.path !== undefined;
    const hasData = r.data !== undefined;
    if (hasPath === hasData) this.add(where, "path と data のどちらか一方だけが必要です。");

    const schema = this.resolveJson(r.schema, `${where}.schema`, "schema");
    const table: Table = {
      index,
      name,
      where,
      fields: [],
      extraFields: [],
      primaryKey: [],
      foreignKeys: [],
      rows: null,
      rowWhere: [],
      constants: new Map(),
      missingValues: [""],
    };
    if (schema) this.tableSchema(schema, table, `${where}.schema`);
    else if (r.schema === undefined) this.add(where, "schema（Table Schema）がありません。");

    const dialect = r.dialect === undefined ? {} : this.resolveJson(r.dialect, `${where}.dialect`, "dialect");
    if (dialect) this.dialect(dialect, `${where}.dialect`);

    if (hasData && !hasPath) {
      const rows = r.data;
      if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row) && !isObj(row)))
        this.add(`${where}.data`, "配列か オブジェクトの行からなる配列ではありません（JSON Tabular Data）。");
      return table;
    }
    if (!hasPath) return table;

    const paths = typeof r.path === "string" ? [r.path] : Array.isArray(r.path) ? r.path : null;
    if (!paths || paths.length === 0) {
      this.add(`${where}.path`, "文字列か空でない文字列の配列が必要です。");
      return table;
    }
    const kinds = paths.map((p, i) =>
      this.urlOrPath(p, Array.isArray(r.path) ? `${where}.path[${i}]` : `${where}.path`, true),
    );
    if (kinds.includes("url") && kinds.includes("path"))
      this.add(`${where}.path`, "URL と相対パスを混ぜることはできません。");
    if (kinds.includes("url")) {
      this.add(`${where}.path`, "URL のデータは取得しないため確かめられません。");
      return table;
    }
    const parts = paths.filter((p): p is string => typeof p === "string" && this.files.has(p));
    if (parts.length !== paths.length) return table;

    if (r.format !== undefined && r.format !== "csv")
      this.add(`${where}.format`, `ファイルのデータは CSV でなければなりません（${q(r.format)}）。`);
    if (
      r.mediatype !== undefined &&
      (typeof r.mediatype !== "string" || !/^text\/csv(;|$)/.test(r.mediatype))
    )
      this.add(`${where}.mediatype`, `text/csv ではありません（${q(r.mediatype)}）。`);
    const bytes = concat(parts.map((p) => this.files.get(p) as Uint8Array));
    this.integrity(r, bytes, where);
    if (r.encoding !== undefined && (typeof r.encoding !== "string" || !/^utf-?8$/i.test(r.encoding))) {
      this.add(`${where}.encoding`, `UTF-8 以外の文字コード（${q(r.encoding)}）は確かめられません。`);
      return table;
    }
    if (schema && dialect) this.data(table, parts, dialect);
    return table;
  }

  /** A descriptor given inline or as a relative path to a JSON file among the files. */
  private resolveJson(x: unknown, where: string, what: string): Obj | null {
    if (x === undefined) return null;
    if (isObj(x)) return x;
    if (typeof x === "string") {
      const kind = this.urlOrPath(x, where, true);
      if (kind === "url") this.add(where, `URL の ${what} は取得しないため確かめられません。`);
      const bytes = kind === "path" ? this.files.get(x) : undefined;
      if (!bytes) return null;
      try {
        const parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
        if (isObj(parsed)) return parsed;
      } catch {
        // reported below
      }
      this.add(where, `${q(x)} が JSON のオブジェクトではありません。`);
      return null;
    }
    this.add(where, "オブジェクトか、JSON ファイルへのパスが必要です。");
    return null;
  }

  private integrity(r: Obj, bytes: Uint8Array, where: string): void {
    if (r.bytes !== undefined) {
      if (typeof r.bytes !== "number" || !Number.isInteger(r.bytes) || r.bytes < 0)
        this.add(`${where}.bytes`, "0 以上の整数ではありません。");
      else if (r.bytes !== bytes.length)
        this.add(`${where}.bytes`, `ファイルの大きさ ${bytes.length} バイトと合いません（${r.bytes}）。`);
    }
    if (r.hash === undefined) return;
    const m = typeof r.hash === "string" ? /^(?:([^:]+):)?([a-fA-F0-9]+)$/.exec(r.hash) : null;
    if (!m || (m[1] === undefined && m[2]?.length !== 32)) {
      this.add(`${where}.hash`, `"アルゴリズム:16進" か MD5 の16進32桁ではありません（${q(r.hash)}）。`);
      return;
    }
    const algorithm = (m[1] ?? "md5").toLowerCase();
    if (!getHashes().includes(algorithm)) {
      this.add(`${where}.hash`, `ハッシュのアルゴリズム ${q(algorithm)} は確かめられません。`);
      return;
    }
    const actual = createHash(algorithm).update(bytes).digest("hex");
    if (actual !== m[2]?.toLowerCase()) this.add(`${where}.hash`, `ファイルの ${algorithm} と合いません。`);
  }

  private dialect(d: Obj, where: string): void {
    for (const k of Object.keys(d))
      if (!DIALECT_KEYS.has(k)) this.add(where, `未知のプロパティ ${q(k)} です。`);
    // The registry's csv-dialect.json requires these two.
    if (d.delimiter === undefined) this.add(where, "delimiter がありません。");
    if (d.doubleQuote === undefined) this.add(where, "doubleQuote がありません。");
    for (const k of [
      "delimiter",
      "lineTerminator",
      "quoteChar",
      "escapeChar",
      "nullSequence",
      "commentChar",
    ]) {
      if (d[k] !== undefined && typeof d[k] !== "string") this.add(`${where}.${k}`, "文字列ではありません。");
    }
    for (const k of ["doubleQuote", "skipInitialSpace", "header", "caseSensitiveHeader"]) {
      if (d[k] !== undefined && typeof d[k] !== "boolean")
        this.add(`${where}.${k}`, "真偽値ではありません。");
    }
    if (d.csvddfVersion !== undefined && typeof d.csvddfVersion !== "number")
      this.add(`${where}.csvddfVersion`, "数値ではありません。");
    for (const k of ["quoteChar", "escapeChar", "commentChar"]) {
      if (typeof d[k] === "string" && [...(d[k] as string)].length !== 1)
        this.add(`${where}.${k}`, "1文字ではありません。");
    }
    if (typeof d.lineTerminator === "string" && !["\r\n", "\n", "\r"].includes(d.lineTerminator))
      this.add(`${where}.lineTerminator`, "この検証器では CRLF・LF・CR 以外の行末を確かめられません。");
  }

  // --- Table Schema ----------------------------------------------------------------------------------

  private field(f: unknown, where: string): Field | null {
    if (!isObj(f)) {
      this.add(where, "フィールド記述子がオブジェクトではありません。");
      return null;
    }
    if (typeof f.name !== "string" || f.name === "") {
      this.add(where, "name（空でない文字列）がありません。");
      return null;
    }
    const w = `${where}（${f.name}）`;
    const type = f.type === undefined ? "string" : f.type;
    if (typeof type !== "string" || !TYPES.has(type)) {
      this.add(w, `未知の型 ${q(f.type)} です。`);
      return null;
    }
    const format = f.format === undefined ? "default" : f.format;
    if (typeof format !== "string") this.add(w, "format が文字列ではありません。");
    else {
      const p = formatProblem(type, format);
      if (p) this.add(w, p);
    }
    for (const k of ["title", "description", "rdfType"]) {
      if (f[k] !== undefined && typeof f[k] !== "string") this.add(`${w}.${k}`, "文字列ではありません。");
    }
    if (type === "boolean") {
      for (const k of ["trueValues", "falseValues"]) {
        const x = f[k];
        if (x !== undefined && (!Array.isArray(x) || x.some((s) => typeof s !== "string")))
          this.add(`${w}.${k}`, "文字列の配列ではありません。");
      }
    }
    if (type === "number") {
      for (const k of ["decimalChar", "groupChar"]) {
        if (f[k] !== undefined && typeof f[k] !== "string") this.add(`${w}.${k}`, "文字列ではありません。");
      }
    }
    if (
      (type === "number" || type === "integer") &&
      f.bareNumber !== undefined &&
      typeof f.bareNumber !== "boolean"
    )
      this.add(`${w}.bareNumber`, "真偽値ではありません。");

    const field: Field = {
      name: f.name,
      type,
      format: typeof format === "string" ? format : "default",
      descriptor: f,
      constraints: {},
      pattern: null,
    };
    if (f.constraints !== undefined) {
      if (!isObj(f.constraints)) this.add(`${w}.constraints`, "オブジェクトではありません。");
      else field.constraints = this.constraints(f.constraints, field, `${w}.constraints`);
    }
    return field;
  }

  private constraints(c: Obj, field: Field, where: string): Obj {
    const ok: Obj = {};
    for (const [k, x] of Object.entries(c)) {
      if (!CONSTRAINTS.has(k)) {
        this.add(where, `未知の制約 ${q(k)} です。`);
        continue;
      }
      if (k === "required" || k === "unique") {
        if (typeof x !== "boolean") this.add(`${where}.${k}`, "真偽値ではありません。");
        else ok[k] = x;
      } else if (k === "minLength" || k === "maxLength") {
        if (!LENGTH_TYPES.has(field.type))
          this.add(`${where}.${k}`, `${field.type} 型には使えない制約です。`);
        else if (typeof x !== "number" || !Number.isInteger(x) || x < 0)
          this.add(`${where}.${k}`, "0 以上の整数ではありません。");
        else ok[k] = x;
      } else if (k === "minimum" || k === "maximum") {
        if (!RANGE_TYPES.has(field.type)) this.add(`${where}.${k}`, `${field.type} 型には使えない制約です。`);
        else {
          const cast = castDescriptorValue(field, x);
          if (cast.ok) ok[k] = x;
          else this.add(`${where}.${k}`, `${cast.why}（${q(x)}）。`);
        }
      } else if (k === "pattern") {
        if (field.type !== "string") this.add(`${where}.pattern`, `${field.type} 型には使えない制約です。`);
        else if (typeof x !== "string") this.add(`${where}.pattern`, "文字列ではありません。");
        else {
          try {
            // XML Schema patterns match the whole value.
            field.pattern = new RegExp(`^(?:${x})$`, "u");
            ok.pattern = x;
          } catch {
            this.add(`${where}.pattern`, `正規表現として読めません（${q(x)}）。`);
          }
        }
      } else if (k === "enum") {
        if (!Array.isArray(x) || x.length === 0) this.add(`${where}.enum`, "空でない配列ではありません。");
        else {
          const bad = x.map((e) => castDescriptorValue(field, e)).find((r) => !r.ok);
          if (bad && !bad.ok) this.add(`${where}.enum`, `${bad.why}。`);
          else ok.enum = x;
        }
      }
    }
    return ok;
  }

  private keyList(x: unknown, names: ReadonlySet<string>, where: string): string[] | null {
    const list = typeof x === "string" ? [x] : Array.isArray(x) && x.length > 0 ? x : null;
    if (!list || list.some((k) => typeof k !== "string")) {
      this.add(where, "フィールド名の文字列か、空でない文字列の配列が必要です。");
      return null;
    }
    const keys = list as string[];
    let ok = true;
    for (const k of keys) {
      if (!names.has(k)) {
        this.add(where, `フィールド ${q(k)} がありません。`);
        ok = false;
      }
    }
    if (new Set(keys).size !== keys.length) {
      this.add(where, "同じフィールドが2度あります。");
      ok = false;
    }
    return ok ? keys : null;
  }

  private tableSchema(s: Obj, t: Table, where: string): void {
    if (!Array.isArray(s.fields) || s.fields.length === 0) {
      this.add(`${where}.fields`, "空でない配列が必要です。");
      return;
    }
    const seen = new Set<string>();
    s.fields.forEach((f, i) => {
      const field = this.field(f, `${where}.fields[${i}]`);
      if (!field) return;
      const lower = field.name.toLowerCase();
      if (seen.has(lower))
        this.add(`${where}.fields[${i}]`, `フィールド名 ${q(field.name)} が重複しています。`);
      seen.add(lower);
      t.fields.push(field);
    });
    const names = new Set(t.fields.map((f) => f.name));
    if (s.missingValues !== undefined) {
      if (!Array.isArray(s.missingValues) || s.missingValues.some((m) => typeof m !== "string"))
        this.add(`${where}.missingValues`, "文字列の配列ではありません。");
    }
    if (s.primaryKey !== undefined) {
      t.primaryKey = this.keyList(s.primaryKey, names, `${where}.primaryKey`) ?? [];
    }
    if (s.foreignKeys !== undefined) {
      if (!Array.isArray(s.foreignKeys)) this.add(`${where}.foreignKeys`, "配列ではありません。");
      else
        s.foreignKeys.forEach((fk, i) => {
          const w = `${where}.foreignKeys[${i}]`;
          if (!isObj(fk) || !isObj(fk.reference)) {
            this.add(w, "fields と reference（オブジェクト）が必要です。");
            return;
          }
          const fields = this.keyList(fk.fields, names, `${w}.fields`);
          const ref = fk.reference;
          if (typeof ref.resource !== "string") {
            this.add(`${w}.reference.resource`, "資源名の文字列が必要です（自己参照は空文字列）。");
            return;
          }
          const refFields =
            typeof ref.fields === "string" ? [ref.fields] : Array.isArray(ref.fields) ? ref.fields : null;
          if (!refFields || refFields.some((x) => typeof x !== "string")) {
            this.add(`${w}.reference.fields`, "フィールド名の文字列か文字列の配列が必要です。");
            return;
          }
          if ((typeof fk.fields === "string") !== (typeof ref.fields === "string"))
            this.add(w, "fields が文字列なら reference.fields も文字列、配列なら配列でなければなりません。");
          if (fields && refFields.length !== fields.length)
            this.add(w, "fields と reference.fields の数が合いません。");
          if (fields)
            t.foreignKeys.push({
              where: w,
              fields,
              resource: ref.resource,
              referenced: refFields as string[],
            });
        });
    }
    // Fiscal Data Package 1.0-rc.1: fields of the denormalised form not held in the file.
    if (s.extraFields !== undefined) {
      if (!Array.isArray(s.extraFields)) this.add(`${where}.extraFields`, "配列ではありません。");
      else
        s.extraFields.forEach((f, i) => {
          const field = this.field(f, `${where}.extraFields[${i}]`);
          if (!field) return;
          const lower = field.name.toLowerCase();
          if (seen.has(lower))
            this.add(`${where}.extraFields[${i}]`, `フィールド名 ${q(field.name)} が重複しています。`);
          seen.add(lower);
          t.extraFields.push(field);
        });
    }
    t.missingValues = Array.isArray(s.missingValues)
      ? s.missingValues.filter((m): m is string => typeof m === "string")
      : [""];
  }

  // --- data ------------------------------------------------------------------------------------------

  private data(t: Table, paths: readonly string[], dialect: Obj): void {
    if (t.fields.length === 0) return;
    const label = paths.join("+");
    let count = 0;
    let over = 0;
    const problem = (where: string, what: string) => {
      if (count < MAX_DATA_PROBLEMS) this.add(where, what);
      else over++;
      count++;
    };
    const delimiter = typeof dialect.delimiter === "string" ? dialect.delimiter : ",";
    const quoteChar = typeof dialect.quoteChar === "string" ? dialect.quoteChar : '"';
    if ([...delimiter].length !== 1 || dialect.doubleQuote === false || dialect.escapeChar !== undefined) {
      this.add(label, "この検証器は1文字の区切りと二重引用符のエスケープ以外の方言を確かめられません。");
      return;
    }
    const header = dialect.header !== false;
    const caseSensitive = dialect.caseSensitiveHeader === true;
    const missing = new Set(t.missingValues);
    if (typeof dialect.nullSequence === "string") missing.add(dialect.nullSequence);
    const rows: Logical[][] = [];
    const rowWhere: string[] = [];

    for (const path of paths) {
      const bytes = this.files.get(path) as Uint8Array;
      let text: string;
      try {
        text = decodeCsv(bytes);
      } catch {
        problem(path, "UTF-8 として正しくないバイト列があります。");
        continue;
      }
      const parsed = parseCsv(text, {
        delimiter,
        quoteChar,
        skipInitialSpace: dialect.skipInitialSpace === true,
      });
      for (const p of parsed.problems) problem(path, p);
      const expected = typeof dialect.lineTerminator === "string" ? [dialect.lineTerminator] : ["\r\n", "\n"];
      for (const term of parsed.terminators) {
        if (!expected.includes(term))
          problem(
            path,
            `行末 ${q(term)} は dialect.lineTerminator（${expected.map((e) => q(e)).join("・")}）と違います。`,
          );
      }
      if (parsed.terminators.size > 1) problem(path, "行末の改行コードが混在しています。");
      // Rows are numbered as records, the header being row 1, as a spreadsheet shows them (a quoted field
      // may span text lines; parse problems above name text lines).
      let records = parsed.rows.map((cells, i) => ({ cells, line: i + 1 }));
      if (typeof dialect.commentChar === "string") {
        const cc = dialect.commentChar;
        records = records.filter((r) => !(r.cells[0] ?? "").startsWith(cc));
      }
      if (header) {
        const first = records.shift();
        const names = t.fields.map((f) => f.name);
        const got = first?.cells ?? [];
        const same =
          got.length === names.length &&
          got.every((h, i) => (caseSensitive ? h === names[i] : h.toLowerCase() === names[i]?.toLowerCase()));
        if (!same)
          problem(
            `${path} ${first?.line ?? 1}行目`,
            `見出しがスキーマのフィールド名と一致しません（見出し: ${got.join(",")} / スキーマ: ${names.join(",")}）。`,
          );
      }
      for (const r of records) {
        const at = `${path} ${r.line}行目`;
        if (r.cells.length !== t.fields.length) {
          problem(at, `フィールドの数が ${r.cells.length} です（スキーマは ${t.fields.length}）。`);
        }
        const values: Logical[] = [];
        t.fields.forEach((field, i) => {
          const raw = r.cells[i];
          if (raw === undefined || missing.has(raw)) {
            const required = field.constraints.required === true || t.primaryKey.includes(field.name);
            if (required) problem(`${at} ${field.name}`, "必須の値が空です。");
            values.push(null);
            return;
          }
          const cast = castValue(field, raw);
          if (!cast.ok) {
            problem(`${at} ${field.name}`, `${cast.why}（${q(raw)}）。`);
            values.push(null);
            return;
          }
          for (const p of constraintProblems(field, cast.value))
            problem(`${at} ${field.name}`, `${p}（${q(raw)}）。`);
          values.push(cast.value);
        });
        rows.push(values);
        rowWhere.push(at);
      }
    }

    // unique constraints and the primary key
    t.fields.forEach((field, i) => {
      if (field.constraints.unique !== true) return;
      this.duplicates(rows, rowWhere, [i], `${field.name} の値（unique）`, problem);
    });
    const pk = t.primaryKey.map((k) => t.fields.findIndex((f) => f.name === k));
    if (pk.length > 0 && pk.every((i) => i >= 0))
      this.duplicates(rows, rowWhere, pk, `主キー（${t.primaryKey.join(", ")}）`, problem);
    t.rows = rows;
    t.rowWhere = rowWhere;
    if (over > 0) this.add(label, `ほかにも ${over} 件の問題があります。`);
  }

  private duplicates(
    rows: readonly Logical[][],
    rowWhere: readonly string[],
    columns: readonly number[],
    what: string,
    problem: (where: string, what: string) => void,
  ): void {
    const seen = new Map<string, string>();
    rows.forEach((row, r) => {
      const values = columns.map((i) => row[i] ?? null);
      if (values.some((v) => v === null)) return;
      const key = keyOf(values);
      const first = seen.get(key);
      if (first !== undefined)
        problem(
          rowWhere[r] ?? "",
          `${what}が ${first} と重複しています（${values.map(String).join(", ")}）。`,
        );
      else seen.set(key, rowWhere[r] ?? "");
    });
  }

  private foreignKeys(t: Table): void {
    for (const fk of t.foreignKeys) {
      const target = fk.resource === "" ? t : this.tables.find((x) => x.name === fk.resource);
      if (!target) {
        this.add(fk.where, `参照先の資源 ${q(fk.resource)} がありません。`);
        continue;
      }
      const refIdx = fk.referenced.map((k) => target.fields.findIndex((f) => f.name === k));
      const missingRef = fk.referenced.filter((_, i) => (refIdx[i] ?? -1) < 0);
      if (missingRef.length > 0) {
        this.add(
          fk.where,
          `参照先 ${q(target.name)} にフィールド ${missingRef.map((x) => q(x)).join("・")} がありません。`,
        );
        continue;
      }
      if (!t.rows || !target.rows) continue;
      const keys = new Set(target.rows.map((row) => keyOf(refIdx.map((i) => row[i] ?? null))));
      const local = fk.fields.map((k) => t.fields.findIndex((f) => f.name === k));
      let count = 0;
      t.rows.forEach((row, r) => {
        const values = local.map((i) => row[i] ?? null);
        if (values.some((v) => v === null)) return;
        if (keys.has(keyOf(values))) return;
        if (count++ < MAX_DATA_PROBLEMS)
          this.add(
            t.rowWhere[r] ?? t.where,
            `外部キー（${fk.fields.join(", ")}）の値 ${values.map(String).join(", ")} が ${target.name} にありません。`,
          );
      });
      if (count > MAX_DATA_PROBLEMS)
        this.add(fk.where, `ほかにも ${count - MAX_DATA_PROBLEMS} 件の外部キーの不一致があります。`);
    }
  }

  // --- Fiscal Data Package 1.0-rc.1 ----------------------------------------------------------------

  private declaredColumnTypes(x: unknown): void {
    if (x === undefined) return; // the Budget taxonomy is the default
    if (!Array.isArray(x)) {
      this.add("columnTypes", "配列ではありません。");
      return;
    }
    const define = (d: unknown, where: string) => {
      if (!isObj(d) || typeof d.name !== "string" || d.name === "") {
        this.add(where, "name を持つ ColumnType の定義ではありません。");
        return;
      }
      if (d.dataType !== undefined && (typeof d.dataType !== "string" || !TYPES.has(d.dataType)))
        this.add(`${where}.dataType`, `Table Schema の型ではありません（${q(d.dataType)}）。`);
      if (d.unique !== undefined && typeof d.unique !== "boolean")
        this.add(`${where}.unique`, "真偽値ではありません。");
      for (const k of ["labelOf", "prior"]) {
        if (d[k] !== undefined && typeof d[k] !== "string")
          this.add(`${where}.${k}`, "文字列ではありません。");
      }
      this.columnTypes.set(d.name, {
        ...(typeof d.dataType === "string" ? { dataType: d.dataType } : {}),
        ...(d.unique === true ? { unique: true } : {}),
        ...(typeof d.labelOf === "string" ? { labelOf: d.labelOf } : {}),
      });
    };
    const declared = new Map<string, ColumnTypeDef>();
    this.columnTypes.clear();
    x.forEach((item, i) => {
      const where = `columnTypes[${i}]`;
      if (typeof item === "string") {
        if (BUDGET_TAXONOMY_URLS.has(item)) for (const [k, d] of BUDGET_TAXONOMY) declared.set(k, d);
        else this.add(where, `ColumnType の定義 ${q(item)} は取得しないため確かめられません。`);
      } else if (Array.isArray(item)) {
        item.forEach((d, j) => {
          define(d, `${where}[${j}]`);
        });
      } else define(item, where);
    });
    // Explicit definitions take precedence over the taxonomies they are listed with.
    for (const [k, d] of declared) if (!this.columnTypes.has(k)) this.columnTypes.set(k, d);
  }

  /** A ColumnType's properties: its own, or those of its known colon-separated prefixes (longer first). */
  private resolveColumnType(name: string): ColumnTypeDef | null {
    const own = this.columnTypes.get(name);
    if (own) return own;
    const segments = name.split(":");
    let found = false;
    const merged: ColumnTypeDef = {};
    for (let k = 1; k < segments.length; k++) {
      const d = this.columnTypes.get(segments.slice(0, k).join(":"));
      if (!d) continue;
      found = true;
      Object.assign(merged, d);
    }
    return found ? merged : null;
  }

  private fiscalColumns(t: Table): void {
    const all = [...t.fields, ...t.extraFields];
    const extra = new Set(t.extraFields.map((f) => f.name));
    const fieldWhere = (f: Field) =>
      `${t.where}.schema.${extra.has(f.name) ? "extraFields" : "fields"}（${f.name}）`;

    for (const f of all) {
      const ct = f.descriptor.columnType;
      if (ct === undefined) continue;
      const w = fieldWhere(f);
      if (typeof ct !== "string" || ct === "") {
        this.add(w, "columnType が空でない文字列ではありません。");
        continue;
      }
      const def = this.resolveColumnType(ct);
      if (!def) {
        this.add(
          w,
          `未知の columnType ${q(ct)} です（Budget taxonomy にも columnTypes の定義にもありません）。`,
        );
        continue;
      }
      if (def.dataType && def.dataType !== f.type)
        this.add(w, `columnType ${q(ct)} の列は ${def.dataType} 型でなければなりません（${f.type}）。`);
      if (f.descriptor.constant !== undefined) {
        const c = castDescriptorValue(f, f.descriptor.constant);
        t.constants.set(
          ct,
          c.ok ? (typeof c.value === "bigint" ? Number(c.value) : c.value) : f.descriptor.constant,
        );
      }
    }

    // extraFields: constants, the normalisation target, and the reduced columns every measure names.
    const targets = t.extraFields.filter((f) => f.descriptor.normalizationTarget === true);
    const reduced = t.extraFields.filter(
      (f) => f.descriptor.constant === undefined && f.descriptor.normalizationTarget !== true,
    );
    for (const f of t.extraFields) {
      const w = fieldWhere(f);
      const nt = f.descriptor.normalizationTarget;
      if (nt !== undefined && typeof nt !== "boolean")
        this.add(w, "normalizationTarget が真偽値ではありません。");
      if (f.descriptor.constant !== undefined) {
        if (nt === true) this.add(w, "constant と normalizationTarget は同時に使えません。");
        const c = castDescriptorValue(f, f.descriptor.constant);
        if (!c.ok)
          this.add(
            w,
            `constant が ${f.type} 型の値ではありません: ${c.why}（${q(f.descriptor.constant)}）。`,
          );
        else for (const p of constraintProblems(f, c.value)) this.add(w, `constant が ${p}。`);
      }
    }
    const measures = t.fields.filter((f) => f.descriptor.normalize !== undefined);
    if (targets.length > 1)
      this.add(`${t.where}.schema.extraFields`, "normalizationTarget が2つ以上あります。");
    if (measures.length > 0 && targets.length === 0)
      this.add(
        `${t.where}.schema.extraFields`,
        "normalize の値を受ける normalizationTarget の列がありません。",
      );
    if (measures.length === 0 && targets.length > 0)
      this.add(
        `${t.where}.schema.extraFields`,
        "normalizationTarget の列に値を渡す normalize の列がありません。",
      );
    const combinations = new Map<string, string>();
    for (const m of measures) {
      const w = fieldWhere(m);
      const n = m.descriptor.normalize;
      if (!isObj(n)) {
        this.add(w, "normalize がオブジェクトではありません。");
        continue;
      }
      if (m.type !== "number" && m.type !== "integer")
        this.add(w, "normalize する列は数値型でなければなりません。");
      for (const k of Object.keys(n)) {
        const target = reduced.find((f) => f.name === k);
        if (!target) {
          this.add(
            w,
            `normalize のキー ${q(k)} は extraFields の（定数でも normalizationTarget でもない）列ではありません。`,
          );
          continue;
        }
        const c = castDescriptorValue(target, n[k]);
        if (!c.ok) this.add(w, `normalize の ${k} の値が ${target.type} 型ではありません（${q(n[k])}）。`);
        else
          for (const p of constraintProblems(target, c.value)) this.add(w, `normalize の ${k} の値が ${p}。`);
      }
      for (const r of reduced)
        if (!(r.name in n)) this.add(w, `normalize に ${q(r.name)} の値がありません。`);
      const key = JSON.stringify(reduced.map((r) => n[r.name] ?? null));
      const other = combinations.get(key);
      if (other !== undefined)
        this.add(w, `normalize の値が ${q(other)} と同じです（非正規化すると行が重なります）。`);
      combinations.set(key, m.name);
    }
    for (const r of reduced) {
      if (measures.length === 0)
        this.add(
          fieldWhere(r),
          "constant も normalizationTarget もなく、値の出どころのない extraFields の列です。",
        );
    }

    // Columns with `unique` ColumnTypes together identify a row.
    if (t.rows) {
      const unique = t.fields
        .map((f, i) => ({ f, i }))
        .filter(({ f }) => {
          const ct = f.descriptor.columnType;
          return typeof ct === "string" && this.resolveColumnType(ct)?.unique === true;
        });
      if (unique.length > 0) {
        let count = 0;
        this.duplicates(
          t.rows,
          t.rowWhere,
          unique.map((u) => u.i),
          `一意の columnType の列（${unique.map((u) => u.f.name).join(", ")}）の組`,
          (where, what) => {
            if (count++ < MAX_DATA_PROBLEMS) this.add(where, what);
          },
        );
      }
      // Physical currency columns hold ISO 4217 codes.
      t.fields.forEach((f, i) => {
        if (f.descriptor.columnType !== "value-currency:code") return;
        let count = 0;
        t.rows?.forEach((row, r) => {
          const v = row[i] ?? null;
          if (v !== null && !isCurrency(v) && count++ < MAX_DATA_PROBLEMS)
            this.add(
              `${t.rowWhere[r] ?? t.where} ${f.name}`,
              `ISO 4217 の通貨コードではありません（${q(v)}）。`,
            );
        });
      });
    }
  }

  /** Our minimal model: an amount, its fiscal year, and the currency it is in. */
  private fiscalRequirements(): void {
    const typeOf = (t: Table) =>
      new Set(
        [...t.fields, ...t.extraFields]
          .map((f) => f.descriptor.columnType)
          .filter((c) => typeof c === "string"),
      );
    const fiscal = this.tables.filter((t) => typeOf(t).has("value"));
    if (fiscal.length === 0) {
      this.add(
        "resources",
        'columnType "value"（金額）の列を持つ資源がありません（Fiscal Data Package として最低限必要です）。',
      );
      return;
    }
    for (const t of fiscal) {
      const types = typeOf(t);
      if (!types.has("date:fiscal-year"))
        this.add(t.where, 'columnType "date:fiscal-year"（会計年度）の列がありません。');
      if (!types.has("value-currency:code"))
        this.add(t.where, 'columnType "value-currency:code"（通貨）の列がありません。');
      const currency = t.constants.get("value-currency:code");
      if (currency !== undefined && !isCurrency(currency))
        this.add(t.where, `通貨 ${q(currency)} は ISO 4217 の通貨コードではありません。`);
      const factor = t.constants.get(VALUE_FACTOR);
      if (factor !== undefined && !(typeof factor === "number" && Number.isFinite(factor) && factor > 0))
        this.add(t.where, `金額の倍率（${VALUE_FACTOR}）${q(factor)} が正の数値ではありません。`);
    }
  }

  // --- Fiscal Data Package 0.3 model ----------------------------------------------------------------

  private model(d: Obj): void {
    const m = d.model;
    if (m === undefined) {
      this.add("model", "model がありません（fiscal-data-package.json の JSON Schema が必要とします）。");
      return;
    }
    if (!isObj(m)) {
      this.add("model", "オブジェクトではありません。");
      return;
    }
    const first = this.tables[0];
    const tableOf = (resource: unknown, where: string): Table | null => {
      if (resource === undefined) return first ?? null;
      const t = typeof resource === "string" ? this.tables.find((x) => x.name === resource) : undefined;
      if (!t) this.add(`${where}.resource`, `資源 ${q(resource)} がありません。`);
      return t ?? null;
    };
    const fieldOf = (t: Table | null, source: unknown, where: string): Field | null => {
      if (typeof source !== "string") {
        this.add(`${where}.source`, "フィールド名の文字列が必要です。");
        return null;
      }
      const f = t?.fields.find((x) => x.name === source) ?? null;
      if (t && !f) this.add(`${where}.source`, `資源 ${q(t.name)} にフィールド ${q(source)} がありません。`);
      return f;
    };

    const measures = m.measures;
    if (!isObj(measures) || Object.keys(measures).length === 0) {
      this.add("model.measures", "1つ以上の measure を持つオブジェクトが必要です。");
    } else {
      for (const [key, x] of Object.entries(measures)) {
        const w = `model.measures.${key}`;
        if (!/^\w/.test(key)) this.add(w, "measure の名前は英数字か「_」で始めてください。");
        if (!isObj(x)) {
          this.add(w, "オブジェクトではありません。");
          continue;
        }
        const t = tableOf(x.resource, w);
        const f = fieldOf(t, x.source, w);
        if (f && f.type !== "integer" && f.type !== "number")
          this.add(`${w}.source`, `数値の列ではありません（${f.type}）。`);
        if (!isCurrency(x.currency))
          this.add(`${w}.currency`, `ISO 4217 の通貨コードが必要です（${q(x.currency)}）。`);
        if (
          x.factor !== undefined &&
          !(typeof x.factor === "number" && Number.isFinite(x.factor) && x.factor > 0)
        )
          this.add(`${w}.factor`, `正の数値ではありません（${q(x.factor)}）。`);
        if (x.direction !== undefined && !MEASURE_DIRECTIONS.has(String(x.direction)))
          this.add(`${w}.direction`, `"expenditure" か "revenue" が必要です（${q(x.direction)}）。`);
        if (x.phase !== undefined && !MEASURE_PHASES.has(String(x.phase)))
          this.add(
            `${w}.phase`,
            `proposed・approved・adjusted・executed のどれかが必要です（${q(x.phase)}）。`,
          );
        const currency = t?.constants.get("value-currency:code");
        if (t && currency !== undefined && x.currency !== currency)
          this.add(`${w}.currency`, `資源 ${t.name} の通貨 ${q(currency)} と違います（${q(x.currency)}）。`);
        const factor = t?.constants.get(VALUE_FACTOR);
        if (t && factor !== undefined && (x.factor ?? 1) !== factor)
          this.add(`${w}.factor`, `資源 ${t.name} の倍率 ${q(factor)} と違います（${q(x.factor ?? 1)}）。`);
      }
    }

    const dimensions = m.dimensions;
    if (!isObj(dimensions) || Object.keys(dimensions).length === 0) {
      this.add("model.dimensions", "1つ以上の dimension を持つオブジェクトが必要です。");
      return;
    }
    for (const [key, x] of Object.entries(dimensions)) {
      const w = `model.dimensions.${key}`;
      if (!/^\w/.test(key)) this.add(w, "dimension の名前は英数字か「_」で始めてください。");
      if (!isObj(x)) {
        this.add(w, "オブジェクトではありません。");
        continue;
      }
      const attrs = x.attributes;
      if (!isObj(attrs) || Object.keys(attrs).length === 0) {
        this.add(`${w}.attributes`, "1つ以上の属性を持つオブジェクトが必要です。");
        continue;
      }
      const names = new Set(Object.keys(attrs));
      for (const [an, a] of Object.entries(attrs)) {
        const aw = `${w}.attributes.${an}`;
        if (!isObj(a)) {
          this.add(aw, "オブジェクトではありません。");
          continue;
        }
        fieldOf(tableOf(a.resource, aw), a.source, aw);
        if (a.constant !== undefined && typeof a.constant !== "string" && typeof a.constant !== "number")
          this.add(`${aw}.constant`, "文字列か数値が必要です。");
        for (const k of ["parent", "labelfor"]) {
          if (a[k] === undefined) continue;
          if (typeof a[k] !== "string" || !names.has(a[k] as string) || a[k] === an)
            this.add(`${aw}.${k}`, `同じ dimension の別の属性名が必要です（${q(a[k])}）。`);
        }
      }
      if (x.primaryKey === undefined) this.add(w, "primaryKey がありません。");
      else {
        const pk = typeof x.primaryKey === "string" ? [x.primaryKey] : x.primaryKey;
        if (!Array.isArray(pk) || pk.length === 0 || pk.some((k) => typeof k !== "string" || !names.has(k)))
          this.add(`${w}.primaryKey`, `属性名か属性名の配列が必要です（${q(x.primaryKey)}）。`);
      }
      if (x.dimensionType !== undefined && !DIMENSION_TYPES.has(String(x.dimensionType)))
        this.add(`${w}.dimensionType`, `未知の種類です（${q(x.dimensionType)}）。`);
      if (x.classificationType !== undefined && !CLASSIFICATION_TYPES.has(String(x.classificationType)))
        this.add(
          `${w}.classificationType`,
          `functional・administrative・economic のどれかが必要です（${q(x.classificationType)}）。`,
        );
      if (x.dimensionType === "classification" && !names.has("code"))
        this.add(w, "分類（classification）の dimension には code 属性が必要です。");
    }
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
