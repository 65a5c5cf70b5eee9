/** A municipality of the instance: who it is, and what the city entered about itself. Pure. */

/** Who a city is: its 6-digit 全国地方公共団体コード, and its name, reading and prefecture from the master list. */
export interface CityIdentity {
  code: string;
  name: string;
  nameKana: string | null;
  prefecture: string;
}

/** A stored city: its identity and what the city sets itself (population for per-capita figures, 類似団体区分). */
export interface City extends CityIdentity {
  population: number | null;
  populationYear: number | null;
  similarityGroup: string | null;
}

/** 「長野県小諸市（202088）」: how a page names a city when another of the same name could exist. */
export function cityLabel(c: CityIdentity): string {
  return `${c.prefecture}${c.name}（${c.code}）`;
}

/** 「人口: 42,581人」, or 「人口: 未登録」 while the city has not entered it. */
export function populationLabel(population: number | null): string {
  return population === null ? "人口: 未登録" : `人口: ${population.toLocaleString("ja-JP")}人`;
}
