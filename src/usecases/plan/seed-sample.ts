import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Database } from "../../db/client.ts";
import type { PlanCounts } from "../../db/plans.ts";
import { findPlanVersion } from "../../db/plans.ts";
import { readBookDetailed } from "../../formats/book-text/read-book.ts";
import { importPlan } from "./import-plan.ts";
import { SAMPLE_BOOK, SAMPLE_CITY, SAMPLE_CITY_CODE, SAMPLE_YEAR } from "./sample-book.ts";

export { SAMPLE_BOOK, SAMPLE_CITY, SAMPLE_CITY_CODE, SAMPLE_YEAR } from "./sample-book.ts";

export interface SeedSampleResult {
  planVersionId: number;
  city: string;
  cityCode: string;
  fiscalYear: number;
  /** True when this call imported the book; false when the sample city and year were already stored. */
  loaded: boolean;
  /** Rows written by this call's import; null when nothing was imported. */
  counts: PlanCounts | null;
}

/**
 * Seeds the sample city: imports the sample book as 小諸市 令和6年度 unless that city and year is stored
 * already (then it is left as it is, edits included). What `hoshin start` does on an empty database, and
 * what the tests and browser tests call to get the same data.
 */
export async function seedSample(opts: { db: Database }): Promise<SeedSampleResult> {
  const key = { city: SAMPLE_CITY, cityCode: SAMPLE_CITY_CODE, fiscalYear: SAMPLE_YEAR };
  const stored = await findPlanVersion(opts.db, key);
  if (stored) return { planVersionId: stored.id, ...key, loaded: false, counts: null };
  const { plan, encoding } = readBookDetailed(await readFile(SAMPLE_BOOK));
  const result = await importPlan({
    db: opts.db,
    city: SAMPLE_CITY_CODE,
    fiscalYear: SAMPLE_YEAR,
    plan,
    sourceName: basename(SAMPLE_BOOK),
    ...(encoding ? { sourceEncoding: encoding } : {}),
  });
  return { planVersionId: result.planVersionId, ...key, loaded: true, counts: result.counts };
}
