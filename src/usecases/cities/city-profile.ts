import { insertAuditEvents } from "../../db/audit.ts";
import { findCity, listCities, updateCityProfile } from "../../db/city-profile.ts";
import type { Database } from "../../db/client.ts";
import type { Actor } from "../../domain/access.ts";
import type { City } from "../../domain/city/city.ts";
import { type CityProfileInput, parseCityProfile } from "../../domain/city/city-profile.ts";
import type { FieldChange } from "../../domain/editing/changes.ts";
import { authorize, authorizedCities } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";
import { resolveCity } from "./resolve-city.ts";

const LABELS = {
  population: "人口",
  populationYear: "人口の基準年",
  similarityGroup: "類似団体区分",
} as const;

function notStored(typed: string): HoshinError {
  return new HoshinError(
    "not-found",
    `市町村「${typed}」は登録されていません（計画を取り込むと登録されます）。`,
  );
}

/** A stored city with what it records about itself (every logged-in role reads it). */
export async function readCity(opts: { db: Database; actor: Actor; city: string }): Promise<City> {
  const code = resolveCity(opts.city).code;
  authorize(opts.actor, "readPlan", { cityCode: code });
  const city = await findCity(opts.db, code);
  if (!city) throw notStored(opts.city);
  return city;
}

/** Every stored city the actor works for, in code order. */
export async function readCities(opts: { db: Database; actor: Actor }): Promise<City[]> {
  const scope = authorizedCities(opts.actor, "readPlan");
  return (await listCities(opts.db)).filter((c) => scope === "all" || scope.includes(c.code));
}

/**
 * Sets what a city records about itself — population (and the year it is of) for per-capita figures, and
 * its 類似団体区分 for choosing peers — in one transaction, audited field by field. 管理者 only. Fields not
 * given are left as they are; an empty one is cleared. Throws "invalid-input" naming each field.
 */
export async function updateCity(opts: {
  db: Database;
  actor: Actor;
  city: string;
  input: CityProfileInput;
}): Promise<City> {
  const code = resolveCity(opts.city).code;
  authorize(opts.actor, "editCityProfile", { cityCode: code });
  return opts.db.transaction(async (tx) => {
    const current = await findCity(tx, code, true);
    if (!current) throw notStored(opts.city);
    const { profile, problems } = parseCityProfile(opts.input, current);
    if (problems.length > 0) {
      throw new HoshinError("invalid-input", problems.map((p) => p.message).join("\n"), {
        fields: problems,
        problems: problems.map((p) => p.message),
      });
    }
    const changes: FieldChange[] = [];
    for (const field of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
      const before = current[field];
      const after = profile[field];
      if (before === after) continue;
      changes.push({
        field,
        label: LABELS[field],
        before: before === null ? null : String(before),
        after: after === null ? null : String(after),
      });
    }
    if (changes.length === 0) return current;
    await updateCityProfile(tx, code, profile);
    await insertAuditEvents(
      tx,
      auditRows(
        opts.actor,
        "update",
        {
          kind: "plan",
          id: null,
          label: `${current.name}（${code}） 市町村の情報`,
          city: current.name,
          cityCode: code,
        },
        changes,
      ),
    );
    return { ...current, ...profile };
  });
}
