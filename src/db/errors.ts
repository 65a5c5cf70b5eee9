/**
 * The SQLSTATE of a PostgreSQL error (from PGlite or node-postgres), looking through drizzle's
 * DrizzleQueryError wrapper; undefined for anything else.
 */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (
      typeof cur === "object" &&
      "code" in cur &&
      typeof cur.code === "string" &&
      /^[0-9A-Z]{5}$/.test(cur.code)
    ) {
      return cur.code;
    }
    cur = typeof cur === "object" && "cause" in cur ? cur.cause : undefined;
  }
  return undefined;
}

/** The server's own message of a PostgreSQL error, without drizzle's "Failed query" preamble. */
export function sqlMessage(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (typeof cur === "object" && "code" in cur && cur instanceof Error) return cur.message;
    cur = typeof cur === "object" && "cause" in cur ? cur.cause : undefined;
  }
  return undefined;
}
