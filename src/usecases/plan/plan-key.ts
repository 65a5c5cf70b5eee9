import type { CityIdentity } from "../../domain/city/city.ts";
import { resolveCity } from "../cities/resolve-city.ts";
import { HoshinError } from "../errors.ts";

/** One plan version: the city (resolved to its 全国地方公共団体コード) and the fiscal year. */
export interface PlanKey {
  city: CityIdentity;
  cityCode: string;
  fiscalYear: number;
}

/**
 * The city and fiscal year that name one plan version, checked: the city typed as a code or an unambiguous
 * name (usecases/cities/resolve-city.ts), the year as 西暦.
 */
export function planKey(city: unknown, fiscalYear: unknown): PlanKey {
  const resolved = resolveCity(city);
  if (
    typeof fiscalYear !== "number" ||
    !Number.isInteger(fiscalYear) ||
    fiscalYear < 1900 ||
    fiscalYear > 2999
  )
    throw new HoshinError(
      "invalid-input",
      `年度「${String(fiscalYear)}」は西暦の年度ではありません（例: 令和6年度なら 2024）。`,
    );
  return { city: resolved, cityCode: resolved.code, fiscalYear };
}
