import type { Database } from "../../db/client.ts";
import {
  findPlanSource,
  findPlanVersion,
  findPlanVersionById,
  listPlanVersions,
  loadPlanVersion,
  type PlanVersionSummary,
} from "../../db/plans.ts";
import type { Actor } from "../../domain/access.ts";
import { diffPlans, type PlanDiff } from "../../domain/cycle/plan-diff.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { PlanDocument } from "../../domain/plan/model.ts";
import { authorize } from "../authorize.ts";
import { HoshinError, planNotFound } from "../errors.ts";
import { planKey } from "../plan/plan-key.ts";

/** A stored plan version, by id or by city and fiscal year. */
export type PlanRef = { planVersionId: number } | { city: string; fiscalYear: number };

export interface ComparePlansOptions {
  db: Database;
  actor: Actor;
  /** The plan as it is now: the later side of the comparison. */
  plan: PlanRef;
  /** The earlier side: another version, or "source" for the same version as imported or rolled over. */
  against: PlanRef | "source";
}

export interface ComparedSide {
  version: PlanVersionSummary;
  /** "now": the stored data as edited; "source": as it was imported or rolled over. */
  state: "now" | "source";
  /** For the reader, e.g. 「小諸市 令和6年度 実施計画（取り込み時）」. */
  label: string;
}

export interface PlanComparison {
  before: ComparedSide;
  after: ComparedSide;
  diff: PlanDiff;
}

async function findVersion(db: Database, ref: PlanRef): Promise<PlanVersionSummary> {
  if ("planVersionId" in ref) {
    const v = Number.isSafeInteger(ref.planVersionId)
      ? await findPlanVersionById(db, ref.planVersionId)
      : null;
    if (!v) throw new HoshinError("not-found", "指定の実施計画は登録されていません。");
    return v;
  }
  const key = planKey(ref.city, ref.fiscalYear);
  const v = await findPlanVersion(db, key);
  if (!v) throw planNotFound(key.city.name, key.fiscalYear);
  return v;
}

function label(v: PlanVersionSummary, when?: "取り込み時" | "繰越時" | "現在"): string {
  const base = `${v.city} ${formatWarekiFiscalYear(v.fiscalYear)} 実施計画`;
  return when ? `${base}（${when}）` : base;
}

/**
 * What changed between two stored plan versions (two fiscal years), or between a version as imported or
 * rolled over and as it is now. Any logged-in role may compare the plans of the cities it works for.
 * Reads in one read-only snapshot. Throws HoshinError "not-found" for an unknown version, or when the
 * version was stored before its source was kept.
 *
 * Amounts and targets are compared in the fiscal years both plans cover when the two are of different
 * fiscal years (the window moved on), and in every year otherwise (see domain/plan-diff.ts).
 */
export async function comparePlans(opts: ComparePlansOptions): Promise<PlanComparison> {
  return opts.db.transaction(
    async (tx) => {
      const afterVersion = await findVersion(tx, opts.plan);
      // Both plans must be of cities the actor works for (checked before either is loaded).
      authorize(opts.actor, "compare", afterVersion);
      if (opts.against !== "source") authorize(opts.actor, "compare", await findVersion(tx, opts.against));
      const afterPlan = await loadPlanVersion(tx, afterVersion.id, afterVersion.title);
      let beforeVersion: PlanVersionSummary;
      let beforePlan: PlanDocument;
      let beforeState: ComparedSide["state"];
      let beforeLabel: string;
      if (opts.against === "source") {
        const source = await findPlanSource(tx, afterVersion.id);
        if (!source?.sourcePlan) {
          throw new HoshinError(
            "not-found",
            `${label(afterVersion)}には、取り込み時の内容が保存されていません（この機能より前に取り込まれた計画です）。`,
          );
        }
        beforeVersion = afterVersion;
        beforePlan = source.sourcePlan;
        beforeState = "source";
        beforeLabel = label(afterVersion, source.rolledFromId === null ? "取り込み時" : "繰越時");
      } else {
        beforeVersion = await findVersion(tx, opts.against);
        beforePlan = await loadPlanVersion(tx, beforeVersion.id, beforeVersion.title);
        beforeState = "now";
        beforeLabel = label(beforeVersion);
      }
      const sameYear = beforeVersion.fiscalYear === afterVersion.fiscalYear;
      return {
        before: { version: beforeVersion, state: beforeState, label: beforeLabel },
        after: {
          version: afterVersion,
          state: "now",
          label: label(afterVersion, beforeState === "source" ? "現在" : undefined),
        },
        diff: diffPlans(beforePlan, afterPlan, { years: sameYear ? "all" : "common" }),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** What a version can be compared with: its own source, the version it was rolled from, and the others. */
export interface CompareChoices {
  version: PlanVersionSummary;
  hasSource: boolean;
  rolledFrom: PlanVersionSummary | null;
  /** The other versions of the same city, by fiscal year. */
  others: PlanVersionSummary[];
}

/** The choices offered for comparing a version. Any logged-in role. */
export async function compareChoices(opts: {
  db: Database;
  actor: Actor;
  planVersionId: number;
}): Promise<CompareChoices> {
  return opts.db.transaction(
    async (tx) => {
      const version = await findVersion(tx, { planVersionId: opts.planVersionId });
      authorize(opts.actor, "compare", version);
      const source = await findPlanSource(tx, version.id);
      const all = (await listPlanVersions(tx)).filter((v) => v.cityCode === version.cityCode);
      const others = all.filter((v) => v.id !== version.id);
      return {
        version,
        hasSource: source?.sourcePlan != null,
        rolledFrom: all.find((v) => v.id === source?.rolledFromId) ?? null,
        others,
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
