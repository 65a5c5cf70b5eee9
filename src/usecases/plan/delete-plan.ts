import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  type DeletionCounts,
  deletePlanVersions,
  deletionCounts,
  findDeletionTarget,
} from "../../db/delete-plan.ts";
import type { Actor } from "../../domain/access.ts";
import { authorize } from "../authorize.ts";
import { resolveCity } from "../cities/resolve-city.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";

export type { DeletionCounts } from "../../db/delete-plan.ts";

/** What is to be deleted: one plan year of a city, or (fiscalYear null) the city with all its years. */
export interface DeletionTarget {
  /** The city as typed: its code or an unambiguous name. */
  city: string;
  fiscalYear: number | null;
}

export interface PlanDeletion extends DeletionTarget {
  /** The city's name (DeletionTarget.city) and code. */
  cityCode: string;
  counts: DeletionCounts;
}

/** 「小諸市 2024年度」 or 「小諸市（すべての年度）」. */
export function deletionLabel(t: DeletionTarget): string {
  return t.fiscalYear === null ? `${t.city}（すべての年度）` : `${t.city} ${t.fiscalYear}年度`;
}

/** 「政策 1件、施策 5件、事務事業 45件、評価シート 0件」: what a deletion removes. */
export function countsLabel(c: DeletionCounts): string {
  return `政策 ${c.policies}件、施策 ${c.measures}件、事務事業 ${c.projects}件、評価シート ${c.evaluations}件`;
}

function notFound(t: DeletionTarget): HoshinError {
  return new HoshinError(
    "not-found",
    t.fiscalYear === null
      ? `市町村「${t.city}」は登録されていません。`
      : `${t.city}の${t.fiscalYear}年度の実施計画は登録されていません。`,
  );
}

/** What deleting the target would remove, for the confirmation (管理者 only; nothing is changed). */
export async function previewPlanDeletion(
  opts: { db: Database; actor: Actor } & DeletionTarget,
): Promise<PlanDeletion> {
  const city = resolveCity(opts.city);
  // The city is checked before anything is looked up: another city's plans are not even counted.
  authorize(opts.actor, "deletePlan", { cityCode: city.code });
  const target = await findDeletionTarget(opts.db, { cityCode: city.code, fiscalYear: opts.fiscalYear });
  if (!target) throw notFound({ city: city.name, fiscalYear: opts.fiscalYear });
  return {
    city: city.name,
    cityCode: city.code,
    fiscalYear: opts.fiscalYear,
    counts: await deletionCounts(opts.db, target.versions),
  };
}

/**
 * Deletes a plan year of a city (a test or mistaken import), or the city with every year, in one
 * transaction, audited with what went. 管理者 only. `confirmed` must be true: the caller has shown the
 * counts (previewPlanDeletion) and the user has confirmed them.
 */
export async function deletePlan(
  opts: { db: Database; actor: Actor; confirmed: boolean } & DeletionTarget,
): Promise<PlanDeletion> {
  const city = resolveCity(opts.city);
  authorize(opts.actor, "deletePlan", { cityCode: city.code });
  if (!opts.confirmed) {
    throw new HoshinError("invalid-input", `${deletionLabel(opts)}を削除するには、確認が必要です。`, {
      fields: [{ field: "confirm", message: "削除する内容を確かめてから、確認してください。" }],
    });
  }
  const named = { city: city.name, fiscalYear: opts.fiscalYear };
  try {
    return await opts.db.transaction(async (tx) => {
      const target = await findDeletionTarget(tx, { cityCode: city.code, fiscalYear: opts.fiscalYear });
      if (!target) throw notFound(named);
      const counts = await deletionCounts(tx, target.versions);
      await deletePlanVersions(
        tx,
        target.versions.map((v) => v.id),
        opts.fiscalYear === null ? target.cityCode : null,
      );
      await insertAuditEvents(
        tx,
        auditRows(
          opts.actor,
          "delete",
          {
            kind: "plan",
            id: opts.fiscalYear === null ? null : (target.versions[0]?.id ?? null),
            label: deletionLabel(named),
            planVersionId: opts.fiscalYear === null ? null : (target.versions[0]?.id ?? null),
            city: city.name,
            cityCode: city.code,
            fiscalYear: opts.fiscalYear,
          },
          [],
          `${countsLabel(counts)}を削除（年度: ${counts.fiscalYears.join("・") || "なし"}）`,
        ),
      );
      return { city: city.name, cityCode: city.code, fiscalYear: opts.fiscalYear, counts };
    });
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}
