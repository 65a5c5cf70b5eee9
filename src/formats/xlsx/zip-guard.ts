import { inflateRawSync } from "node:zlib";

/**
 * Bounds on what a workbook may expand to before ExcelJS sees it. ExcelJS unzips and parses every part in
 * memory, so a small hostile file (an 8 MB zip whose shared strings expand to 8 GB) would take the server
 * down. A workbook Hoshin writes for 3,000 projects is 2.3 MB, 20 MB expanded, each part about 10:1, with
 * some 600,000 cells: the limits leave five times that room.
 */
export interface WorkbookLimits {
  /** Parts (files) in the zip. */
  maxEntries: number;
  /** Bytes of all parts expanded, in MB. */
  maxExpandedMb: number;
  /** Expanded ÷ compressed size of one part, checked on parts over ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Cells (`<c` elements) of all worksheets. */
  maxCells: number;
  /** Shared strings (`<si>` elements). */
  maxStrings: number;
  /** Milliseconds the whole reading may take, and the worker's heap, in MB. */
  timeLimitMs: number;
  memoryMb: number;
}

export const WORKBOOK_LIMITS: WorkbookLimits = {
  maxEntries: 1_000,
  maxExpandedMb: 100,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxCells: 3_000_000,
  maxStrings: 1_000_000,
  timeLimitMs: 120_000,
  memoryMb: 1_536,
};

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.ceil(bytes / MB);

/** A Japanese refusal of a file over a limit; `code` is the diagnostic code. */
export interface ZipRefusal {
  code: "too-large" | "not-xlsx";
  message: string;
}

export function tooLarge(detail: string): ZipRefusal {
  return { code: "too-large", message: `ファイルが大きすぎます（${detail}）。` };
}

const notXlsx = (why: string): ZipRefusal => ({
  code: "not-xlsx",
  message: `Excel ブック（.xlsx）として読めません。ファイルが壊れているか、別の形式です（${why}）。`,
});

interface Entry {
  name: string;
  method: number;
  compressed: number;
  declared: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/**
 * Checks a zip against the limits without trusting it: first the central directory (entry count, the
 * declared expanded sizes, the compression ratio), then every part actually inflated with a byte cap of
 * what is left of the budget, since declared sizes can lie. Counts cells and shared strings on the way.
 * Returns null when the workbook is within bounds.
 */
export function checkWorkbookZip(bytes: Uint8Array, limits: WorkbookLimits): ZipRefusal | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(view, limits);
  if (!Array.isArray(entries)) return entries;

  const budget = limits.maxExpandedMb * MB;
  const declared = entries.reduce((n, e) => n + e.declared, 0);
  if (declared > budget) return tooLarge(`展開後 ${mb(declared)}MB、上限 ${limits.maxExpandedMb}MB`);
  for (const e of entries) {
    if (e.declared > limits.ratioFloorBytes && e.declared > e.compressed * limits.maxRatio) {
      const ratio = Math.floor(e.declared / Math.max(1, e.compressed));
      return tooLarge(`${e.name} の圧縮率 ${ratio} 倍、上限 ${limits.maxRatio} 倍`);
    }
  }

  let expanded = 0;
  let cells = 0;
  let strings = 0;
  for (const e of entries) {
    const data = partData(view, bytes, e);
    if (data === null) return notXlsx(`${e.name} の位置が正しくありません`);
    let part: Buffer;
    if (e.method === 0) part = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    else if (e.method === 8) {
      try {
        // One byte over what is left: inflating stops there instead of expanding a bomb to its end.
        part = inflateRawSync(data, { maxOutputLength: Math.max(1, budget - expanded + 1) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          return tooLarge(`展開後 ${limits.maxExpandedMb}MB を超えます、上限 ${limits.maxExpandedMb}MB`);
        }
        return notXlsx(`${e.name} を展開できません`);
      }
    } else return notXlsx(`${e.name} の圧縮方式 ${e.method} には対応していません`);
    expanded += part.byteLength;
    if (expanded > budget) {
      return tooLarge(`展開後 ${limits.maxExpandedMb}MB を超えます、上限 ${limits.maxExpandedMb}MB`);
    }
    if (e.name.startsWith("xl/worksheets/")) cells += countTags(part, "<c ", "<c>");
    if (e.name === "xl/sharedStrings.xml") strings += countTags(part, "<si>", "<si ");
    if (cells > limits.maxCells) {
      return tooLarge(
        `セル ${cells.toLocaleString("ja-JP")} 個以上、上限 ${limits.maxCells.toLocaleString("ja-JP")} 個`,
      );
    }
    if (strings > limits.maxStrings) {
      return tooLarge(
        `文字列 ${strings.toLocaleString("ja-JP")} 個以上、上限 ${limits.maxStrings.toLocaleString("ja-JP")} 個`,
      );
    }
  }
  return null;
}

function countTags(part: Buffer, ...tags: string[]): number {
  let n = 0;
  for (const tag of tags) {
    for (let at = part.indexOf(tag); at !== -1; at = part.indexOf(tag, at + tag.length)) n++;
  }
  return n;
}

function centralDirectory(view: DataView, limits: WorkbookLimits): Entry[] | ZipRefusal {
  const size = view.byteLength;
  let eocd = -1;
  for (let at = size - 22; at >= Math.max(0, size - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return notXlsx("zip の目次がありません");
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === MAX32) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR)
      return notXlsx("zip64 の目次がありません");
    const record = safeNumber(view.getBigUint64(locator + 8, true));
    if (record + 56 > size || view.getUint32(record, true) !== ZIP64_EOCD)
      return notXlsx("zip64 の目次が壊れています");
    count = safeNumber(view.getBigUint64(record + 32, true));
    offset = safeNumber(view.getBigUint64(record + 48, true));
  }
  if (count > limits.maxEntries) {
    return tooLarge(
      `部品 ${count.toLocaleString("ja-JP")} 個、上限 ${limits.maxEntries.toLocaleString("ja-JP")} 個`,
    );
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > size || view.getUint32(at, true) !== CENTRAL) return notXlsx("zip の目次が壊れています");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength > size) return notXlsx("zip の目次が壊れています");
    const name = new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength));
    const entry: Entry = {
      name,
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      declared: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extended information field (id 1) holds the sizes and offset saturated at 0xFFFFFFFF. */
function readZip64Extra(view: DataView, start: number, length: number, entry: Entry): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) return null;
        const v = safeNumber(view.getBigUint64(field, true));
        field += 8;
        return v;
      };
      if (entry.declared === MAX32) entry.declared = next() ?? entry.declared;
      if (entry.compressed === MAX32) entry.compressed = next() ?? entry.compressed;
      if (entry.localOffset === MAX32) entry.localOffset = next() ?? entry.localOffset;
      return;
    }
    at += 4 + size;
  }
}

function safeNumber(n: bigint): number {
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

function partData(view: DataView, bytes: Uint8Array, e: Entry): Uint8Array | null {
  const at = e.localOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== LOCAL) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressed;
  if (end > bytes.byteLength) return null;
  return bytes.subarray(start, end);
}
