/** A line of the book split into tab cells, with its 1-based line number. */
export interface Line {
  no: number;
  raw: string;
  /** Tab-separated cells, each trimmed of surrounding white space. */
  cells: string[];
  /** True when the line has no visible content. */
  blank: boolean;
}

export function splitLines(text: string): Line[] {
  const rawLines = text.split(/\r\n|\r|\n/);
  if (rawLines.length > 0 && rawLines[rawLines.length - 1] === "") rawLines.pop();
  return rawLines.map((raw, i) => {
    const cells = raw.split("\t").map((c) => c.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""));
    return { no: i + 1, raw, cells, blank: cells.every((c) => c === "") };
  });
}

/** A label with all white space removed (「所 管」 → 「所管」, 「投入 指標」 → 「投入指標」). */
export function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, "");
}

/** The non-empty cells of a line. */
export function filled(line: Line): string[] {
  return line.cells.filter((c) => c !== "");
}

/** The first cell, squashed: the row's label in the book's tables. */
export function label(line: Line): string {
  return squash(line.cells[0] ?? "");
}

/** The content of a labelled row: every non-empty cell after the first, joined by a space. */
export function rest(line: Line): string {
  return line.cells
    .slice(1)
    .filter((c) => c !== "")
    .join(" ");
}

const DIGITS = "[0-9０-９]+";
export const POLICY_ROW = new RegExp(`^政策\\s*(${DIGITS})$`);
export const MEASURE_ROW = new RegExp(`^施策\\s*(${DIGITS}\\s*[-－ー‐]\\s*${DIGITS})$`);
/** 「施策 6-1 参加と協働により…」: the page header printed above each project sheet (no tab). */
export const PAGE_HEADER = new RegExp(`^施策\\s*(${DIGITS}\\s*[-－ー‐]\\s*${DIGITS})[\\s\\u3000]+(\\S.*)$`);
export const TOC_POLICY = new RegExp(`^【政策\\s*(${DIGITS})\\s*[:：]?\\s*(.*?)】\\s*$`);
export const TOC_MEASURE = new RegExp(`^【施策\\s*(${DIGITS}\\s*[-－ー‐]\\s*${DIGITS})】\\s*(.*)$`);

/** 「6-1」 from 「６－１」 or 「6 - 1」. */
export function normalizeCode(code: string): string {
  return code
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, "")
    .replace(/[－ー‐]/g, "-");
}

export function isPolicyRow(line: Line): RegExpExecArray | null {
  if (line.cells.length < 2) return null;
  return POLICY_ROW.exec(line.cells[0] ?? "");
}

export function isMeasureRow(line: Line): RegExpExecArray | null {
  if (line.cells.length < 2) return null;
  return MEASURE_ROW.exec(line.cells[0] ?? "");
}

export function isPageHeader(line: Line): RegExpExecArray | null {
  if (line.raw.includes("\t")) return null;
  return PAGE_HEADER.exec(line.raw.trim());
}

export function isProjectStart(line: Line): boolean {
  return label(line) === "事務事業名";
}

/** Lines that begin a new block: sections and project sheets stop there. */
export function isBlockStart(line: Line): boolean {
  return (
    isPolicyRow(line) !== null ||
    isMeasureRow(line) !== null ||
    isPageHeader(line) !== null ||
    isProjectStart(line) ||
    TOC_POLICY.test(line.raw.trim()) ||
    TOC_MEASURE.test(line.raw.trim())
  );
}

/** 「◆現状と課題」 → 「現状と課題」; null when the line is not a section heading. */
export function sectionHeading(line: Line): string | null {
  const t = line.raw.trim();
  if (!t.startsWith("◆")) return null;
  return squash(t.slice(1));
}
