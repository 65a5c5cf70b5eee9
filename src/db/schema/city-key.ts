import { text } from "drizzle-orm/pg-core";

/**
 * The city's 全国地方公共団体コード on every table owned by a city. Primary keys and foreign keys between
 * city-owned tables lead with it, so the schema can be distributed by city on Citus
 * (`create_distributed_table(…, 'city_code')`) with every plan's rows co-located on one shard
 * (docs/ARCHITECTURE.md「National scale」). Copied from the plan version on insert; never changes.
 */
export const cityCodeColumn = () => text("city_code").notNull();
