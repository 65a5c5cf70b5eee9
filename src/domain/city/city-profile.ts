/**
 * What a city records about itself for comparisons: its population (for per-capita figures) and its
 * 類似団体区分. Pure: parsing what was typed, with Japanese messages naming the field.
 *
 * 類似団体区分 (総務省「類似団体別市町村財政指数表」の類型): 政令指定都市, 特別区, 中核市, 施行時特例市 and
 * - 都市 Ⅰ–Ⅳ by population (Ⅰ under 50,000; Ⅱ 50,000–100,000; Ⅲ 100,000–150,000; Ⅳ 150,000 and over),
 *   each 0–3 by industrial structure (the shares of 第Ⅱ次・第Ⅲ次産業 employment), e.g. 都市Ⅰ-2;
 * - 町村 Ⅰ–Ⅴ by population (Ⅰ under 5,000; Ⅱ 5,000–10,000; Ⅲ 10,000–15,000; Ⅳ 15,000–20,000; Ⅴ 20,000 and
 *   over), each 0–2 by industrial structure, e.g. 町村Ⅳ-1.
 * The class is the city's to set (it follows the 国勢調査); Hoshin only checks it is one of these.
 */

const ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"] as const;
const ASCII_ROMAN: Record<string, string> = { I: "Ⅰ", II: "Ⅱ", III: "Ⅲ", IV: "Ⅳ", V: "Ⅴ" };
const SPECIAL = ["政令指定都市", "特別区", "中核市", "施行時特例市"] as const;

/** Every 類似団体区分, in the order of the 財政指数表. */
export const SIMILARITY_GROUPS: readonly string[] = [
  ...SPECIAL,
  ...ROMAN.slice(0, 4).flatMap((r) => [0, 1, 2, 3].map((n) => `都市${r}-${n}`)),
  ...ROMAN.flatMap((r) => [0, 1, 2].map((n) => `町村${r}-${n}`)),
];

/**
 * A typed 類似団体区分 in its canonical form (「都市2-1」「都市II-1」「都市Ⅱ－１」 → 都市Ⅱ-1), or null when it is
 * none of them. Full-width characters are folded first (NFKC turns Ⅱ into II, which is read back).
 */
export function normaliseSimilarityGroup(text: string): string | null {
  const t = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[‐－−–ー]/g, "-");
  if ((SPECIAL as readonly string[]).includes(t)) return t;
  const m = /^(都市|町村)(I{1,3}|IV|V|[1-5])-([0-3])$/.exec(t);
  if (!m) return null;
  const roman = /^[1-5]$/.test(m[2] ?? "") ? ROMAN[Number(m[2]) - 1] : ASCII_ROMAN[m[2] ?? ""];
  const canonical = `${m[1]}${roman}-${m[3]}`;
  return SIMILARITY_GROUPS.includes(canonical) ? canonical : null;
}

export interface CityProfile {
  population: number | null;
  populationYear: number | null;
  similarityGroup: string | null;
}

export type ProfileField = keyof CityProfile;

/** What was typed for each field; an empty string clears the field. */
export type CityProfileInput = Partial<Record<ProfileField, string>>;

/** Japan's largest municipality has under 4,000,000 residents; anything above 40,000,000 is a typo. */
const MAX_POPULATION = 40_000_000;

/**
 * The profile as typed, checked: population a whole number of persons (「41,234」「４１２３４」 accepted),
 * its year a 西暦 year, the class one of SIMILARITY_GROUPS. Fields not given keep `current`.
 */
export function parseCityProfile(
  input: CityProfileInput,
  current: CityProfile,
): { profile: CityProfile; problems: { field: ProfileField; message: string }[] } {
  const problems: { field: ProfileField; message: string }[] = [];
  const profile = { ...current };
  const clean = (s: string) => s.normalize("NFKC").trim().replace(/,/g, "");
  if (input.population !== undefined) {
    const t = clean(input.population);
    if (t === "") profile.population = null;
    else if (!/^[0-9]+$/.test(t) || Number(t) <= 0 || Number(t) > MAX_POPULATION) {
      problems.push({
        field: "population",
        message: `人口「${input.population}」は1以上の整数（人）で入力してください（例: 41234）。`,
      });
    } else profile.population = Number(t);
  }
  if (input.populationYear !== undefined) {
    const t = clean(input.populationYear);
    if (t === "") profile.populationYear = null;
    else if (!/^[0-9]{4}$/.test(t) || Number(t) < 1920 || Number(t) > 2999) {
      problems.push({
        field: "populationYear",
        message: `人口の基準年「${input.populationYear}」は西暦4桁で入力してください（例: 令和2年国勢調査なら 2020）。`,
      });
    } else profile.populationYear = Number(t);
  }
  if (input.similarityGroup !== undefined) {
    const t = input.similarityGroup.trim();
    if (t === "") profile.similarityGroup = null;
    else {
      const g = normaliseSimilarityGroup(t);
      if (g === null) {
        problems.push({
          field: "similarityGroup",
          message: `類似団体区分「${t}」は「都市Ⅰ-2」「町村Ⅳ-1」「中核市」「特別区」などの区分で入力してください。`,
        });
      } else profile.similarityGroup = g;
    }
  }
  if (profile.population === null && profile.populationYear !== null && input.population !== undefined) {
    profile.populationYear = null;
  }
  return { profile, problems };
}
