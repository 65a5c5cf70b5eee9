import { BMP_BITMAP_BASE64, BMP_END, BMP_START, SUPPLEMENTARY } from "./jisx0213-table.ts";

let bitmap: Uint8Array | null = null;
const supplementary = new Set(SUPPLEMENTARY);

function bmpBitmap(): Uint8Array {
  if (!bitmap) {
    const bin = atob(BMP_BITMAP_BASE64);
    bitmap = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bitmap[i] = bin.charCodeAt(i);
  }
  return bitmap;
}

const HAN = /\p{Script=Han}/u;

/** True when the code point is a Han ideograph of JIS X 0213:2004. */
export function isJisX0213Kanji(codePoint: number): boolean {
  if (codePoint >= BMP_START && codePoint < BMP_END) {
    const off = codePoint - BMP_START;
    return ((bmpBitmap()[off >> 3] ?? 0) & (1 << (off & 7))) !== 0;
  }
  return supplementary.has(codePoint);
}

export interface NonstandardCharacter {
  char: string;
  codePoint: number;
  index: number;
}

/**
 * Kanji outside JIS X 0213, such as the simplified Chinese 「费」 typed for 「費」: characters that print
 * wrongly, or not at all, in Japanese fonts and systems. Ideographic marks such as 々 〆 are not reported.
 */
export function findNonstandardKanji(text: string): NonstandardCharacter[] {
  const out: NonstandardCharacter[] = [];
  let index = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp >= 0x3400 && HAN.test(char) && !isJisX0213Kanji(cp)) out.push({ char, codePoint: cp, index });
    index += char.length;
  }
  return out;
}

/** 「U+8D39」 */
export function formatCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}
