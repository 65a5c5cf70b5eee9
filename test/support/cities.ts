import type { CityIdentity } from "../../src/domain/city/city.ts";
import { resolveCity } from "../../src/usecases/cities/resolve-city.ts";

/** A real municipality by its (unique) name, as the db layer takes it: 小諸市 → 202088 長野県. */
export function cityOf(name: string): CityIdentity {
  return resolveCity(name);
}

/** The code of a municipality by its unique name (小諸市 → 202088). */
export function codeOf(name: string): string {
  return resolveCity(name).code;
}
