// The cities an account works for, and the refusals of what lies outside them (issue 12). Pure.

/**
 * The cities (全国地方公共団体コード) an account works for: a list, or "all" for an instance administrator
 * (システム管理者: a prefecture's or a shared-service centre's staff who manage every city of the instance).
 */
export type CityScope = readonly string[] | "all";

/**
 * The one refusal of anything of a city the actor does not work for. It names nothing of that city (not
 * the project, not the department), so a refused user learns nothing of another city's data.
 */
export const CITY_REFUSAL = "この市町村のデータは閲覧・編集できません。";
/** The refusal of an account outside the administrator's cities, or of the all-cities flag. */
export const ACCOUNT_CITY_REFUSAL = "担当する市町村の外の利用者は追加・変更できません。";
export const ALL_CITIES_REFUSAL =
  "全市町村のシステム管理者の利用者は、全市町村のシステム管理者だけが追加・変更できます。";

/** Whether the actor works for the city of `cityCode`. */
export function coversCity(actor: { cities: CityScope }, cityCode: string): boolean {
  return actor.cities === "all" || actor.cities.includes(cityCode);
}

/** Whether every city of `scope` is one the actor works for ("all" only for an all-cities actor). */
export function coversCities(actor: { cities: CityScope }, scope: CityScope): boolean {
  if (actor.cities === "all") return true;
  if (scope === "all") return false;
  return scope.every((code) => coversCity(actor, code));
}
