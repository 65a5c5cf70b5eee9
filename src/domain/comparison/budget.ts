/**
 * The budget of one fiscal year of a city's published plan, for comparing cities: totals by funding
 * source, by 款 and by the city's own policies, and per resident. Only approved project sheets count
 * (model.ts), and each project counts with the 投入指標 it prints for the fiscal year (as printed, even
 * when the sources do not add up to the total; a project without that year counts nothing). Pure.
 */
import { type FiscalYearKey, INPUT_FIELDS, type Inputs, type Thousands } from "../plan/model.ts";
import { sumThousands } from "../plan/money.ts";
import type { ComparedPolicy, ComparedProject } from "./model.ts";

/** Amounts in 千円 of one group, with how many approved projects print the fiscal year in it. */
export interface BudgetTotals extends Inputs {
  projects: number;
}

export function emptyTotals(): BudgetTotals {
  return {
    projects: 0,
    total: 0,
    nationalPrefectural: 0,
    localBonds: 0,
    otherEarmarked: 0,
    generalRevenue: 0,
  };
}

function addTo(t: BudgetTotals, inputs: Inputs): void {
  t.projects += 1;
  for (const f of INPUT_FIELDS) t[f] = sumThousands([t[f], inputs[f]]);
}

function* projectsOf(policies: readonly ComparedPolicy[]): Generator<ComparedProject> {
  for (const p of policies) for (const m of p.measures) yield* m.projects;
}

/** The totals of the fiscal year over every approved project: 年度別事業費 and its funding sources. */
export function yearTotals(policies: readonly ComparedPolicy[], fiscalYear: FiscalYearKey): BudgetTotals {
  const t = emptyTotals();
  for (const project of projectsOf(policies)) {
    const inputs = project.inputs[fiscalYear];
    if (inputs) addTo(t, inputs);
  }
  return t;
}

/**
 * The 款 of 一般会計 in the order and with the names every municipality uses: 地方自治法施行規則 第15条
 * 別記「歳入歳出予算の款項の区分」, 市町村の歳出. A city that leaves a 款 out may number the rest
 * differently, so a 款 is matched by its name and shown with its national number.
 */
export const NATIONAL_KAN = [
  "議会費",
  "総務費",
  "民生費",
  "衛生費",
  "労働費",
  "農林水産業費",
  "商工費",
  "土木費",
  "消防費",
  "教育費",
  "災害復旧費",
  "公債費",
  "諸支出金",
  "予備費",
] as const;

export const GENERAL_ACCOUNT = "一般会計";

/** The group of a 款: its key across cities, its label and its place among the groups. */
export interface KanGroup {
  key: string;
  label: string;
  /** 1–14 for the national 款 of 一般会計 (its national number); null for any other. */
  nationalNumber: number | null;
}

/**
 * Which 款 group a project belongs to: 一般会計 and a national name → 「一般会計 2款 総務費」 (whatever
 * number the city printed); any other account or name → the account and the 款 as printed.
 */
export function kanGroup(classification: ComparedProject["classification"]): KanGroup {
  const account = classification.account.trim();
  const kan = classification.kan;
  const name = kan?.name.trim() ?? "";
  const n = NATIONAL_KAN.indexOf(name as (typeof NATIONAL_KAN)[number]);
  if (account === GENERAL_ACCOUNT && n >= 0) {
    return { key: `${account}・${name}`, label: `${account} ${n + 1}款 ${name}`, nationalNumber: n + 1 };
  }
  const printed = kan ? `${kan.number === null ? "" : `${kan.number}款 `}${name}` : "（款の記載なし）";
  return { key: `${account}・${kan ? name : ""}`, label: `${account} ${printed}`, nationalNumber: null };
}

/** One 款 group's totals of the fiscal year. */
export interface KanTotals extends KanGroup {
  totals: BudgetTotals;
}

/**
 * The totals of the fiscal year by 款 group: the national 款 of 一般会計 first in their national order,
 * then the others in the order they first appear.
 */
export function totalsByKan(policies: readonly ComparedPolicy[], fiscalYear: FiscalYearKey): KanTotals[] {
  const groups = new Map<string, KanTotals>();
  for (const project of projectsOf(policies)) {
    const inputs = project.inputs[fiscalYear];
    if (!inputs) continue;
    const g = kanGroup(project.classification);
    let row = groups.get(g.key);
    if (!row) {
      row = { ...g, totals: emptyTotals() };
      groups.set(g.key, row);
    }
    addTo(row.totals, inputs);
  }
  return sortKanGroups([...groups.values()]);
}

/** National 款 first by number, the others after them in the order given (a stable sort). */
export function sortKanGroups<G extends KanGroup>(groups: G[]): G[] {
  return [...groups].sort((a, b) => (a.nationalNumber ?? 99) - (b.nationalNumber ?? 99));
}

/** One policy (政策) of the city's own plan with its totals of the fiscal year. */
export interface PolicyTotals {
  code: string;
  title: string;
  totals: BudgetTotals;
}

/** The totals of the fiscal year by the city's own policies, in book order (policies are not aligned). */
export function totalsByPolicy(
  policies: readonly ComparedPolicy[],
  fiscalYear: FiscalYearKey,
): PolicyTotals[] {
  return policies.map((p) => ({ code: p.code, title: p.title, totals: yearTotals([p], fiscalYear) }));
}

/**
 * 円 per resident of an amount in 千円: 千円 × 1000 ÷ population, rounded to an integer 円 half away from
 * zero (JIS Z 8401 規則B, 四捨五入; the same for negative amounts, △ printed in the book). Computed
 * exactly in integers, so a half is decided on the exact quotient, never on a float. null when the
 * population is not a positive integer (not registered): the page prints 「—」.
 */
export function perCapitaYen(amount: Thousands, population: number | null): number | null {
  if (population === null || !Number.isSafeInteger(population) || population <= 0) return null;
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`amount must be an integer number of 千円: ${amount}`);
  const n = BigInt(amount) * 1000n;
  const d = BigInt(population);
  const abs = n < 0n ? -n : n;
  // floor(|n| / d + 1/2) = floor((2|n| + d) / 2d)
  const rounded = (2n * abs + d) / (2n * d);
  return Number(n < 0n ? -rounded : rounded);
}

/** Per-resident 円 of every amount of a totals row (null for each without a population). */
export function perCapitaOf(t: Inputs, population: number | null): Record<keyof Inputs, number | null> {
  const out = {} as Record<keyof Inputs, number | null>;
  for (const f of INPUT_FIELDS) out[f] = perCapitaYen(t[f], population);
  return out;
}

/** 41765 → 「41,765」; null → 「—」: a per-resident figure in 円 or a population as the tables print it. */
export function formatCount(n: number | null): string {
  if (n === null) return "—";
  return n.toLocaleString("ja-JP", { maximumFractionDigits: 0 });
}
