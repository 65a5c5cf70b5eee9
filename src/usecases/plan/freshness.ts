import type { Database } from "../../db/client.ts";
import { listPlanVersions, type PlanVersionSummary } from "../../db/plans.ts";
import { planCatalogueStamp } from "../../db/revision.ts";
import { batchedRead } from "../batched-read.ts";
import { currentRevision } from "./read-model.ts";

// Freshness tokens: what a response was computed from, written so that whoever keeps the response (the
// response cache of apps/http) can ask later, with one batched query, whether it is still current.
//   "plan:12@7"      plan version 12 at revision 7
//   "plans:<stamp>"  the list of plan versions as planCatalogueStamp saw it
// Several are joined by spaces. Every write bumps the revision of what it changed in its own transaction
// (db/revision.ts), so a token that is still current names exactly the data the response was made of.

export function planToken(planVersionId: number, revision: number): string {
  return `plan:${planVersionId}@${revision}`;
}

function catalogueToken(stamp: string): string {
  return `plans:${stamp}`;
}

const stampOnce = async (db: Database, _keys: "all"[]) =>
  new Map<"all", string>([["all", await planCatalogueStamp(db)]]);

/** The catalogue stamp now, batched like the revisions (one query for all who ask at once). */
async function currentStamp(db: Database): Promise<string> {
  return (await batchedRead(db, stampOnce, "all")) ?? "";
}

/** Whether everything a token names is unchanged now. */
export async function isFresh(db: Database, token: string): Promise<boolean> {
  const parts = token.split(" ").filter(Boolean);
  if (parts.length === 0) return false;
  const answers = await Promise.all(
    parts.map(async (part) => {
      const plan = /^plan:(\d+)@(\d+)$/.exec(part);
      if (plan) return (await currentRevision(db, Number(plan[1]))) === Number(plan[2]);
      if (part.startsWith("plans:")) return catalogueToken(await currentStamp(db)) === part;
      return false;
    }),
  );
  return answers.every(Boolean);
}

const kept = new WeakMap<Database, Map<string, { token: string; value: unknown }>>();

/**
 * A value computed from the list of plan versions (and what a write bumps with them), kept per database
 * handle under `key` and computed again only when the catalogue stamp changed. The stamp is read first,
 * so the value is never older than its token.
 */
export async function keptWithCatalogue<T>(
  db: Database,
  key: string,
  make: (db: Database) => Promise<T>,
): Promise<{ token: string; value: T }> {
  const token = catalogueToken(await currentStamp(db));
  let byKey = kept.get(db);
  if (!byKey) {
    byKey = new Map();
    kept.set(db, byKey);
  }
  const hit = byKey.get(key);
  if (hit && hit.token === token) return hit as { token: string; value: T };
  const fresh = { token, value: await make(db) };
  byKey.set(key, fresh);
  return fresh;
}

/** Every stored plan version (as listPlanVersions), frozen, with its freshness token. */
export async function readPlanCatalogue(
  db: Database,
): Promise<{ token: string; plans: PlanVersionSummary[] }> {
  const { token, value } = await keptWithCatalogue(db, "plan-versions", async (d) =>
    Object.freeze((await listPlanVersions(d)).map((p) => Object.freeze(p))),
  );
  return { token, plans: value as PlanVersionSummary[] };
}
