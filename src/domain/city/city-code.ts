/**
 * The 全国地方公共団体コード (local government code): six digits, the 2-digit prefecture code of JIS X 0401,
 * the 3-digit municipality code of JIS X 0402 and a check digit. 小諸市 is 202088. Pure.
 *
 * The check digit (総務省「全国地方公共団体コード」, 検査数字の算出方法; 昭和43年自治省告示): multiply the first
 * five digits by 6, 5, 4, 3, 2, add the products, take the remainder of the sum by 11; the check digit is the
 * last digit of 11 − remainder (remainder 0 → 11 → 1, remainder 1 → 10 → 0).
 * 小諸市 20208: 2·6 + 0·5 + 2·4 + 0·3 + 8·2 = 36, 36 mod 11 = 3, 11 − 3 = 8 → 202088.
 */

const WEIGHTS = [6, 5, 4, 3, 2] as const;

/** The check digit of the first five digits of a code ("20208" → 8). */
export function cityCodeCheckDigit(firstFive: string): number {
  if (!/^[0-9]{5}$/.test(firstFive)) throw new Error(`not five digits: ${firstFive}`);
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(firstFive[i]) * (WEIGHTS[i] as number);
  return (11 - (sum % 11)) % 10;
}

/** A code as typed, made comparable: full-width digits (２０２０８８) and surrounding spaces normalised. */
export function normaliseCityCode(text: string): string {
  return text.normalize("NFKC").trim();
}

/** Whether `text` (normalised) looks like a code at all: six digits, whatever the check digit. */
export function looksLikeCityCode(text: string): boolean {
  return /^[0-9]{6}$/.test(normaliseCityCode(text));
}

/**
 * Why `text` is not a valid 全国地方公共団体コード, in Japanese, or null when it is one (well formed, check digit
 * right). Whether such a municipality exists is for the master list (db/municipalities.ts) to say.
 */
export function cityCodeProblem(text: string): string | null {
  const code = normaliseCityCode(text);
  if (!/^[0-9]{6}$/.test(code)) {
    return `全国地方公共団体コードは6桁の数字です（「${text}」）。例: 小諸市は 202088。`;
  }
  const expected = cityCodeCheckDigit(code.slice(0, 5));
  if (Number(code[5]) !== expected) {
    return `全国地方公共団体コード「${code}」の検査数字（6桁目）が合いません。先頭5桁が ${code.slice(0, 5)} なら 6桁目は ${expected} です。`;
  }
  return null;
}

/** Whether `text` is a valid code (six digits, check digit right). */
export function isCityCode(text: string): boolean {
  return cityCodeProblem(text) === null;
}

/** The prefecture part of a code (the first two digits, JIS X 0401): "202088" → "20" (長野県). */
export function prefectureCodeOf(code: string): string {
  return code.slice(0, 2);
}
