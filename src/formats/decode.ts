/** Text encodings a book may arrive in. Books are saved on Windows as often as not. */
export type DetectedEncoding = "utf-8" | "utf-16le" | "utf-16be" | "shift_jis";

export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
  bom: boolean;
  /** True when the bytes look like a binary file (NUL bytes outside UTF-16), not text. */
  binary: boolean;
  /** Characters that could not be decoded (U+FFFD) in the chosen encoding. */
  replacements: number;
}

function countReplacements(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0xfffd) n++;
  return n;
}

/**
 * Decodes bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS/CP932, without being told.
 * UTF-8 is chosen when the bytes are valid UTF-8; otherwise Shift_JIS (Windows-31J) when that decodes
 * with fewer errors. Never throws.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = new TextDecoder("utf-8").decode(bytes.subarray(3));
    return {
      text,
      encoding: "utf-8",
      bom: true,
      binary: hasNul(text),
      replacements: countReplacements(text),
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
    return {
      text,
      encoding: "utf-16le",
      bom: true,
      binary: hasNul(text),
      replacements: countReplacements(text),
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    return {
      text,
      encoding: "utf-16be",
      bom: true,
      binary: hasNul(text),
      replacements: countReplacements(text),
    };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text, encoding: "utf-8", bom: false, binary: hasNul(text), replacements: 0 };
  } catch {
    // Not valid UTF-8: compare the two readings and keep the one with fewer undecodable characters.
  }
  const utf8 = new TextDecoder("utf-8").decode(bytes);
  const sjis = new TextDecoder("shift_jis").decode(bytes);
  const ru = countReplacements(utf8);
  const rs = countReplacements(sjis);
  if (rs <= ru)
    return { text: sjis, encoding: "shift_jis", bom: false, binary: hasNul(sjis), replacements: rs };
  return { text: utf8, encoding: "utf-8", bom: false, binary: hasNul(utf8), replacements: ru };
}

function hasNul(s: string): boolean {
  return s.includes("\u0000");
}

/** Encodes text as Shift_JIS (CP932) for tests and exports; characters outside CP932 become 「?」. */
export function encodeShiftJis(text: string): Uint8Array {
  // Node's TextEncoder only writes UTF-8; build the table from the decoder once.
  const table = shiftJisTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const sj = table.get(ch) ?? JIS_TO_CP932[code];
    if (sj === undefined) out.push(0x3f);
    else if (sj < 0x100) out.push(sj);
    else out.push(sj >> 8, sj & 0xff);
  }
  return Uint8Array.from(out);
}

/**
 * Characters that JIS X 0208 and CP932 map to different Unicode code points: the JIS form (as typed on a
 * Mac or in UTF-8) is written with the CP932 byte code, so 「—」 (U+2014) becomes 0x815C, read back as 「―」.
 */
const JIS_TO_CP932: Record<number, number> = {
  8212: 0x815c, // EM DASH → HORIZONTAL BAR
  12316: 0x8160, // WAVE DASH → FULLWIDTH TILDE
  8214: 0x8161, // DOUBLE VERTICAL LINE → PARALLEL TO
  8722: 0x817c, // MINUS SIGN → FULLWIDTH HYPHEN-MINUS
  162: 0x8191, // CENT SIGN
  163: 0x8192, // POUND SIGN
  172: 0x81ca, // NOT SIGN
};

let sjisTable: Map<string, number> | null = null;
function shiftJisTable(): Map<string, number> {
  if (sjisTable) return sjisTable;
  const table = new Map<string, number>();
  const dec = new TextDecoder("shift_jis");
  for (let b = 0xa1; b <= 0xdf; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, trail));
      // Keep the first (standard) code for characters CP932 maps twice (NEC/IBM duplicates).
      if (ch.length >= 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  sjisTable = table;
  return table;
}
