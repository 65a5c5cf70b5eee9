import { asc } from "drizzle-orm";
import type { Database } from "./client.ts";
import { cities } from "./schema/index.ts";

/** A city of the instance as the staff pages name it. */
export interface InstanceCity {
  code: string;
  name: string;
  prefecture: string;
  population: number | null;
}

/** Every city of the instance, in code order (the cities an account may be given). */
export function listInstanceCities(db: Database): Promise<InstanceCity[]> {
  return db
    .select({
      code: cities.code,
      name: cities.name,
      prefecture: cities.prefecture,
      population: cities.population,
    })
    .from(cities)
    .orderBy(asc(cities.code));
}
