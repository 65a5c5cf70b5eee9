/**
 * Which cities a city is compared with (比較対象), and the sentence that says why, shown on the page:
 * 「比較対象: 長野県内の市町村（3団体）: 小諸市、上田市、佐久市」. Pure.
 *
 * - prefecture: the cities of the same 都道府県;
 * - group: the cities of the same 類似団体区分 (総務省「類似団体別市町村財政指数表」の区分);
 * - similar: the N cities nearest in population, nearness measured by the RATIO of the populations
 *   (larger ÷ smaller), not the difference: the 類似団体区分 bands grow roughly geometrically (都市 Ⅰ
 *   under 50,000, Ⅱ 50,000–100,000, Ⅲ 100,000–150,000 …), so 20,000 is as near to 40,000 as 80,000 is.
 *   We chose the N nearest over 「±x%」 because a band can be empty and a page with no peer says nothing;
 *   N nearest always compares N cities when there are that many. Ties go to the smaller code;
 * - list: the codes given, in their order.
 *
 * The city compared always comes first. Among the other cities, the rules prefecture, group and similar
 * pick only those with a published plan of the fiscal year (a city without one would add an empty
 * column); a listed city is kept even without one, so the page can say it has none. At most MAX_PEERS
 * other cities are compared; the sentence says how many were left out.
 */
import type { CityInfo } from "./model.ts";

export const PEER_RULES = ["prefecture", "similar", "group", "list"] as const;
export type PeerRuleKind = (typeof PEER_RULES)[number];

export type PeerRule =
  | { kind: "prefecture" }
  | { kind: "group" }
  | { kind: "similar"; count: number }
  | { kind: "list"; codes: readonly string[] };

/** What the form offers for the choice of peers. */
export const PEER_RULE_LABELS: Record<PeerRuleKind, string> = {
  prefecture: "同じ都道府県の市町村",
  similar: "人口の近い市町村",
  group: "同じ類似団体区分の市町村",
  list: "指定した市町村（団体コードの一覧）",
};

/** Other cities compared at most (the national bench measures 20 peers). */
export const MAX_PEERS = 20;
/** How many cities the similar-population rule picks when not told. */
export const DEFAULT_SIMILAR_COUNT = 5;

export interface PeerCandidate {
  city: CityInfo;
  /** Whether it has a published plan of the fiscal year compared. */
  hasPlan: boolean;
}

export interface PeerChoice {
  /** The city compared first, then its peers. */
  cities: CityInfo[];
  /** 「比較対象: …」 */
  description: string;
  /** What the rule could not do: an unknown code, a missing population or 類似団体区分. */
  notes: string[];
}

const names = (cities: readonly CityInfo[]) => cities.map((c) => c.name).join("、");
const count = (n: number) => `${n.toLocaleString("ja-JP")}団体`;

/**
 * Whether population `a` is nearer to `base` than `b` is, by ratio (larger ÷ smaller), compared exactly:
 * max(a,base)/min(a,base) < max(b,base)/min(b,base) ⇔ max(a,base)·min(b,base) < max(b,base)·min(a,base).
 * Products of populations stay below 2^53 (Japan's largest city has under 4,000,000 residents).
 */
export function nearerInPopulation(base: number, a: number, b: number): -1 | 0 | 1 {
  const left = Math.max(a, base) * Math.min(b, base);
  const right = Math.max(b, base) * Math.min(a, base);
  return left < right ? -1 : left > right ? 1 : 0;
}

function hasPopulation(c: CityInfo): c is CityInfo & { population: number } {
  return c.population !== null && Number.isSafeInteger(c.population) && c.population > 0;
}

/** The peers of `base` by `rule` among `candidates` (every city of the instance; `base` may be among them). */
export function pickPeers(base: CityInfo, candidates: readonly PeerCandidate[], rule: PeerRule): PeerChoice {
  const others = candidates.filter((c) => c.city.code !== base.code);
  const withPlan = others.filter((c) => c.hasPlan).map((c) => c.city);
  const byCode = (a: CityInfo, b: CityInfo) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const notes: string[] = [];
  let peers: CityInfo[];
  let what: string;
  let detail = "";
  switch (rule.kind) {
    case "prefecture":
      peers = withPlan.filter((c) => c.prefecture === base.prefecture).sort(byCode);
      what = `${base.prefecture}内の市町村`;
      break;
    case "group":
      if (base.similarityGroup === null) {
        peers = [];
        notes.push(`${base.name}の類似団体区分が登録されていないため、同じ区分の市町村を選べません。`);
      } else {
        peers = withPlan.filter((c) => c.similarityGroup === base.similarityGroup).sort(byCode);
      }
      what = `類似団体区分「${base.similarityGroup ?? "未登録"}」の市町村`;
      break;
    case "similar": {
      const n = Math.min(Math.max(1, Math.trunc(rule.count)), MAX_PEERS);
      if (!hasPopulation(base)) {
        peers = [];
        notes.push(`${base.name}の人口が登録されていないため、人口の近い市町村を選べません。`);
      } else {
        const p = base.population;
        const known = withPlan.filter(hasPopulation);
        if (known.length < withPlan.length) {
          notes.push(`人口が登録されていない${count(withPlan.length - known.length)}は選んでいません。`);
        }
        peers = known
          .sort((a, b) => nearerInPopulation(p, a.population, b.population) || byCode(a, b))
          .slice(0, n);
      }
      what = "人口の近い市町村";
      detail = `${base.name}との人口の比が近い順に${n}団体まで`;
      break;
    }
    case "list": {
      const known = new Map(others.map((c) => [c.city.code, c.city]));
      const seen = new Set<string>([base.code]);
      peers = [];
      for (const code of rule.codes) {
        if (seen.has(code)) continue;
        seen.add(code);
        const city = known.get(code);
        if (city) peers.push(city);
        else notes.push(`団体コード ${code} の市町村は登録されていません。`);
      }
      what = "指定した市町村";
      break;
    }
  }
  if (peers.length > MAX_PEERS) {
    notes.push(
      `比較できるのは${count(MAX_PEERS)}までのため、ほかの${count(peers.length - MAX_PEERS)}は表示していません。`,
    );
    peers = peers.slice(0, MAX_PEERS);
  }
  const cities = [base, ...peers];
  return {
    cities,
    description: `比較対象: ${what}（${count(cities.length)}${detail ? `、${detail}` : ""}）: ${names(cities)}`,
    notes,
  };
}
