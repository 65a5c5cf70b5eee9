import { constants, crc32, deflateRawSync } from "node:zlib";

// Hostile workbooks made in the test, never held expanded in memory: a part is a list of pieces, each
// `text` repeated `times`; each piece is deflated once with a full flush (the deflate stream restarts,
// byte-aligned, after it), so its compressed bytes can be repeated: 1 MiB of one byte deflates to about
// 1 KiB, and 8,192 copies are an 8 GiB part in an 8 MB file.

export interface Piece {
  text: string;
  times?: number;
}

export interface Part {
  name: string;
  pieces: Piece[];
  /** Declare this expanded size in the directory instead of the true one (a lying zip). */
  declared?: number;
}

const MAX32 = 0xffffffff;

interface Built {
  name: Buffer;
  data: Buffer[];
  compressed: number;
  size: number;
  declared: number;
  crc: number;
}

function build(part: Part): Built {
  const data: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const piece of part.pieces) {
    const raw = Buffer.from(piece.text, "utf8");
    const deflated = deflateRawSync(raw, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
    const times = piece.times ?? 1;
    for (let i = 0; i < times; i++) data.push(deflated);
    size += raw.length * times;
    // The CRC of a repeated piece is not worked out (8 GiB of it would take long): the guard refuses such
    // a part before anything checks its CRC.
    if (times === 1) crc = crc32(raw, crc);
  }
  data.push(Buffer.from([0x03, 0x00])); // an empty final block ends the deflate stream
  const compressed = data.reduce((n, b) => n + b.length, 0);
  return {
    name: Buffer.from(part.name, "utf8"),
    data,
    compressed,
    size,
    declared: part.declared ?? size,
    crc,
  };
}

/** A zip (deflate, ZIP64 sizes where over 4 GiB) of the parts, as the list of its byte pieces. */
export function zipParts(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const b = build(part);
    const big = b.declared >= MAX32 || b.compressed >= MAX32;
    const zip64 = Buffer.alloc(big ? 20 : 0);
    if (big) {
      zip64.writeUInt16LE(1, 0);
      zip64.writeUInt16LE(16, 2);
      zip64.writeBigUInt64LE(BigInt(b.declared), 4);
      zip64.writeBigUInt64LE(BigInt(b.compressed), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(big ? 45 : 20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(b.crc >>> 0, 14);
    local.writeUInt32LE(big ? MAX32 : b.compressed, 18);
    local.writeUInt32LE(big ? MAX32 : b.declared, 22);
    local.writeUInt16LE(b.name.length, 26);
    local.writeUInt16LE(zip64.length, 28);
    chunks.push(local, b.name, zip64, ...b.data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(big ? 45 : 20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(b.crc >>> 0, 16);
    entry.writeUInt32LE(big ? MAX32 : b.compressed, 20);
    entry.writeUInt32LE(big ? MAX32 : b.declared, 24);
    entry.writeUInt16LE(b.name.length, 28);
    entry.writeUInt16LE(zip64.length, 30);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, b.name, zip64);
    offset += 30 + b.name.length + zip64.length + b.compressed;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const MiB = 1024 * 1024;
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';

/** An xlsx-looking zip whose xl/sharedStrings.xml expands to `mib` MiB of one repeated letter. */
export function sharedStringsBomb(mib: number, opts: { declared?: number } = {}): Buffer {
  return zipParts([
    { name: "[Content_Types].xml", pieces: [{ text: CONTENT_TYPES }] },
    {
      name: "xl/sharedStrings.xml",
      pieces: [{ text: "<sst><si><t>" }, { text: "a".repeat(MiB), times: mib }, { text: "</t></si></sst>" }],
      ...opts,
    },
  ]);
}

/** An xlsx-looking zip whose first sheet holds `rows` identical rows of ten cells. */
export function rowsBomb(rows: number): Buffer {
  const row = `<row>${'<c t="n"><v>1</v></c>'.repeat(10)}</row>`;
  const perPiece = 4096;
  return zipParts([
    { name: "[Content_Types].xml", pieces: [{ text: CONTENT_TYPES }] },
    {
      name: "xl/worksheets/sheet1.xml",
      pieces: [
        { text: "<worksheet><sheetData>" },
        { text: row.repeat(perPiece), times: Math.ceil(rows / perPiece) },
        { text: "</sheetData></worksheet>" },
      ],
    },
  ]);
}
