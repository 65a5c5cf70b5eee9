/**
 * CSV as RFC 4180 describes it, for open data that spreadsheet users and programs both read.
 *
 * Writing: UTF-8 with a byte-order mark (so that Excel opens Japanese text correctly), CRLF after every
 * record (the last one included), fields separated by commas, a field quoted with `"` when it contains
 * `"`, a comma, CR or LF, or begins or ends with white space (a reader that trims or skips initial space
 * would otherwise lose it), and `"` inside a quoted field doubled. Numbers are written plainly (`1443`,
 * `76.1`; no thousands separators, no exponent for integers), booleans as `true` / `false`, null as an
 * empty field. An empty string is also an empty field: CSV cannot tell it from null (plan.json can).
 *
 * Formula injection: this writer is exact, a text such as `=SUM(A1)` is written as it is. The open-data
 * tables (`write/table.ts`) are meant for people and guard their free-text cells before they reach it
 * (`formats/spreadsheet-text.ts`: an apostrophe before a text that begins like a formula, said in
 * datapackage.json per resource); plan.json keeps every text exactly.
 *
 * Reading: `readCsv` decodes UTF-8, strips the BOM and parses; `parseCsv` is a strict RFC 4180 parser
 * (with the CSV Dialect 1.2 options the validator needs) that reports malformed quoting instead of guessing.
 */

export type CsvCell = string | number | boolean | null;

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
export const CRLF = "\r\n";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NEEDS_QUOTES = /["\r\n,]|^\s|\s$/;

/** One field, quoted when it has to be. Throws on a value that UTF-8 could not carry exactly. */
export function csvField(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return csvNumber(value);
  if (LONE_SURROGATE.test(value)) {
    // TextEncoder would silently replace it with U+FFFD: the file would no longer equal the source.
    throw new RangeError(`CSV: a text holds a lone UTF-16 surrogate and cannot be written exactly: ${value}`);
  }
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A number as Table Schema's `number`/`integer` lexical form: plain digits for integers, the shortest
 * representation that reads back to the same double otherwise (`76.1`), an exponent written `E`.
 */
export function csvNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`CSV: not a finite number: ${n}`);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw new RangeError(`CSV: integer ${n} is beyond 2^53 and cannot be written exactly`);
  }
  if (Object.is(n, -0)) return "0";
  if (Number.isInteger(n)) return n.toFixed(0);
  return String(n).replace("e", "E");
}

/** One record with its CRLF. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(",")}${CRLF}`;
}

/** A whole file: BOM, the header record, then the rows, each ended by CRLF. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): Uint8Array {
  let text = csvRecord(header);
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(`CSV: a row has ${row.length} fields where the header has ${header.length}`);
    }
    text += csvRecord(row);
  }
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(BOM.length + body.length);
  out.set(BOM, 0);
  out.set(body, BOM.length);
  return out;
}

/** True when the bytes begin with the UTF-8 byte-order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** UTF-8 text of a file, one leading BOM removed. Throws TypeError on bytes that are not UTF-8. */
export function decodeCsv(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** Decodes (UTF-8, BOM stripped) and parses a CSV file. Throws TypeError on bytes that are not UTF-8. */
export function readCsv(bytes: Uint8Array, dialect: CsvDialect = {}): ParsedCsv {
  return parseCsv(decodeCsv(bytes), dialect);
}

export interface CsvDialect {
  /** One character; default ",". */
  delimiter?: string;
  /** One character; default `"`. */
  quoteChar?: string;
  /** Skip spaces right after a delimiter (CSV Dialect `skipInitialSpace`); default false. */
  skipInitialSpace?: boolean;
}

export interface ParsedCsv {
  /** Records as parsed, each an array of raw field strings. */
  rows: string[][];
  /** 1-based physical line on which each record starts (a quoted field may span lines). */
  lines: number[];
  /** The record terminators met, outside quotes: "\r\n", "\n" and/or "\r". */
  terminators: Set<string>;
  /** Violations of RFC 4180, in Japanese, each naming its line. */
  problems: string[];
}

/**
 * Parses CSV text (RFC 4180): fields separated by the delimiter, records by CRLF (LF and a lone CR are
 * accepted and reported in `terminators`), a quoted field may hold the delimiter, quotes (doubled) and
 * line breaks. A final record terminator is optional and does not start an empty record. The text is
 * taken as decoded (see `readCsv` for bytes with a BOM). A quote inside an unquoted field, text after a
 * closing quote and an unclosed quote are reported in `problems`.
 */
export function parseCsv(text: string, dialect: CsvDialect = {}): ParsedCsv {
  const delimiter = dialect.delimiter ?? ",";
  const quote = dialect.quoteChar ?? '"';
  const s = text;
  const rows: string[][] = [];
  const lines: number[] = [];
  const terminators = new Set<string>();
  const problems: string[] = [];

  let line = 1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const row: string[] = [];
    const startLine = line;
    for (;;) {
      // One field.
      if (dialect.skipInitialSpace) while (s[i] === " ") i++;
      let field = "";
      if (s[i] === quote) {
        const openedOn = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = s[i] as string;
          if (c === quote) {
            if (s[i + 1] === quote) {
              field += quote;
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === "\n" || (c === "\r" && s[i + 1] !== "\n")) line++;
          field += c;
          i++;
        }
        if (!closed) problems.push(`${openedOn}行目: 引用符で始まったフィールドが閉じられていません。`);
        if (i < n && s[i] !== delimiter && s[i] !== "\r" && s[i] !== "\n") {
          problems.push(`${line}行目: 閉じ引用符のあとに区切り文字でも改行でもない文字があります。`);
          while (i < n && s[i] !== delimiter && s[i] !== "\r" && s[i] !== "\n") field += s[i++];
        }
      } else {
        const start = i;
        while (i < n && s[i] !== delimiter && s[i] !== "\r" && s[i] !== "\n") i++;
        field = s.slice(start, i);
        if (field.includes(quote)) {
          problems.push(`${line}行目: 引用符で囲まれていないフィールドに引用符があります（「${field}」）。`);
        }
      }
      row.push(field);
      if (i < n && s[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (s[i] === "\r" && s[i + 1] === "\n") {
      terminators.add("\r\n");
      i += 2;
      line++;
    } else if (s[i] === "\n" || s[i] === "\r") {
      terminators.add(s[i] as string);
      i++;
      line++;
    }
    rows.push(row);
    lines.push(startLine);
  }
  return { rows, lines, terminators, problems };
}
