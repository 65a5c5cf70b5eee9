import { describe, expect, it } from "vitest";
import type { CityInfo } from "../../../src/domain/comparison/model.ts";
import {
  MAX_PEERS,
  nearerInPopulation,
  type PeerCandidate,
  pickPeers,
} from "../../../src/domain/comparison/peers.ts";

const city = (
  code: string,
  name: string,
  prefecture: string,
  population: number | null,
  similarityGroup: string | null,
): CityInfo => ({ code, name, prefecture, population, populationYear: null, similarityGroup });

const KOMORO = city("202088", "小諸市", "長野県", 41_765, "都市Ⅰ-1");
const CANDIDATES: PeerCandidate[] = [
  { city: KOMORO, hasPlan: true },
  { city: city("202037", "上田市", "長野県", 154_055, "都市Ⅲ-2"), hasPlan: true },
  { city: city("202177", "佐久市", "長野県", 98_199, "都市Ⅱ-1"), hasPlan: true },
  { city: city("203211", "軽井沢町", "長野県", 20_000, "町村Ⅳ-2"), hasPlan: false },
  { city: city("202193", "東御市", "長野県", 29_000, "都市Ⅰ-1"), hasPlan: true },
  { city: city("192015", "甲府市", "山梨県", 187_000, null), hasPlan: true },
  { city: city("192023", "富士吉田市", "山梨県", 47_000, "都市Ⅰ-1"), hasPlan: true },
  { city: city("192091", "北杜市", "山梨県", null, "都市Ⅰ-1"), hasPlan: true },
];

describe("pickPeers", () => {
  it.each([
    [
      "prefecture: the same 都道府県 with a published plan, by code",
      { kind: "prefecture" } as const,
      ["小諸市", "上田市", "佐久市", "東御市"],
      "比較対象: 長野県内の市町村（4団体）: 小諸市、上田市、佐久市、東御市",
      [],
    ],
    [
      "group: the same 類似団体区分, by code",
      { kind: "group" } as const,
      ["小諸市", "富士吉田市", "北杜市", "東御市"],
      "比較対象: 類似団体区分「都市Ⅰ-1」の市町村（4団体）: 小諸市、富士吉田市、北杜市、東御市",
      [],
    ],
    [
      // ratios to 41,765: 富士吉田 47,000 → 1.125; 東御 29,000 → 1.440; 佐久 98,199 → 2.351;
      // 上田 154,055 → 3.689; 甲府 187,000 → 4.477; 北杜 has no population
      "similar: the 3 nearest by the ratio of populations",
      { kind: "similar", count: 3 } as const,
      ["小諸市", "富士吉田市", "東御市", "佐久市"],
      "比較対象: 人口の近い市町村（4団体、小諸市との人口の比が近い順に3団体まで）: 小諸市、富士吉田市、東御市、佐久市",
      ["人口が登録されていない1団体は選んでいません。"],
    ],
    [
      "list: the codes in their order, the city itself and repeats once, unknown codes noted",
      { kind: "list", codes: ["202177", "999999", "202088", "203211", "202177"] } as const,
      ["小諸市", "佐久市", "軽井沢町"],
      "比較対象: 指定した市町村（3団体）: 小諸市、佐久市、軽井沢町",
      ["団体コード 999999 の市町村は登録されていません。"],
    ],
  ])("%s", (_, rule, names, description, notes) => {
    const choice = pickPeers(KOMORO, CANDIDATES, rule);
    expect(choice.cities.map((c) => c.name)).toEqual(names);
    expect(choice.description).toBe(description);
    expect(choice.notes).toEqual(notes);
  });

  it("says why it cannot pick by population or 類似団体区分 when the city has none", () => {
    const bare = city("202088", "小諸市", "長野県", null, null);
    const byPopulation = pickPeers(bare, CANDIDATES, { kind: "similar", count: 5 });
    expect(byPopulation.cities.map((c) => c.name)).toEqual(["小諸市"]);
    expect(byPopulation.notes).toEqual([
      "小諸市の人口が登録されていないため、人口の近い市町村を選べません。",
    ]);
    const byGroup = pickPeers(bare, CANDIDATES, { kind: "group" });
    expect(byGroup.cities.map((c) => c.name)).toEqual(["小諸市"]);
    expect(byGroup.description).toBe("比較対象: 類似団体区分「未登録」の市町村（1団体）: 小諸市");
    expect(byGroup.notes).toEqual([
      "小諸市の類似団体区分が登録されていないため、同じ区分の市町村を選べません。",
    ]);
  });

  it(`compares at most ${MAX_PEERS} other cities and says how many were left out`, () => {
    const many: PeerCandidate[] = Array.from({ length: 25 }, (_, i) => ({
      city: city(`2030${String(i).padStart(2, "0")}`, `町${i}`, "長野県", 10_000 + i, null),
      hasPlan: true,
    }));
    const choice = pickPeers(KOMORO, many, { kind: "prefecture" });
    expect(choice.cities).toHaveLength(21);
    expect(choice.cities.at(-1)?.name).toBe("町19");
    expect(choice.notes).toEqual(["比較できるのは20団体までのため、ほかの5団体は表示していません。"]);
    // the similar rule never asks for more than 20
    expect(pickPeers(KOMORO, many, { kind: "similar", count: 50 }).cities).toHaveLength(21);
  });
});

describe("nearerInPopulation", () => {
  it.each([
    // 40,000: 20,000 and 80,000 are both twice as far (ratio 2): a tie
    [40_000, 20_000, 80_000, 0],
    // 30,000 is at ratio 1.333, 50,000 at 1.25: 50,000 is nearer
    [40_000, 30_000, 50_000, 1],
    [40_000, 50_000, 30_000, -1],
    // by difference 35,000 (5,000 off) would win over 46,000 (6,000 off); by ratio 1.143 vs 1.15: still 35,000
    [40_000, 35_000, 46_000, -1],
    // by difference 10,000 (30,000 off) would beat 75,000 (35,000 off); by ratio, 4 against 1.875: 75,000
    [40_000, 10_000, 75_000, 1],
  ])("around %i: %i against %i → %i", (base, a, b, expected) => {
    expect(nearerInPopulation(base, a, b)).toBe(expected);
  });
});
