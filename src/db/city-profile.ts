import { eq } from "drizzle-orm";
import type { City } from "../domain/city/city.ts";
import type { CityProfile } from "../domain/city/city-profile.ts";
import type { Database } from "./client.ts";
import { cities } from "./schema/index.ts";

const cityColumns = {
  code: cities.code,
  name: cities.name,
  nameKana: cities.nameKana,
  prefecture: cities.prefecture,
  population: cities.population,
  populationYear: cities.populationYear,
  similarityGroup: cities.similarityGroup,
};

/** A stored city by its code, locked FOR UPDATE when `lock` is set; null when the city is not stored. */
export async function findCity(db: Database, code: string, lock = false): Promise<City | null> {
  const q = db.select(cityColumns).from(cities).where(eq(cities.code, code));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** Every stored city, in code order. */
export function listCities(db: Database): Promise<City[]> {
  return db.select(cityColumns).from(cities).orderBy(cities.code);
}

/** Writes what a city records about itself (population and its year, 類似団体区分). */
export async function updateCityProfile(db: Database, code: string, p: CityProfile): Promise<void> {
  await db
    .update(cities)
    .set({ population: p.population, populationYear: p.populationYear, similarityGroup: p.similarityGroup })
    .where(eq(cities.code, code));
}
