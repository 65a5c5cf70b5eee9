import type { Database } from "../../db/client.ts";
import { type PlanCounts, savePlan, storedPolicies } from "../../db/plans.ts";
import type { PlanDocument } from "../../domain/plan/model.ts";
import { storablePlanProblems } from "../../domain/plan/storable.ts";
import { planProblems } from "../../formats/hoshin-plan/validate.ts";
import { describeFiscalYear, fromDatabaseError, HoshinError } from "../errors.ts";
import { planKey } from "./plan-key.ts";

export interface ImportPlanOptions {
  db: Database;
  city: string;
  /** Western fiscal year of the book (令和6年度 → 2024). */
  fiscalYear: number;
  plan: PlanDocument;
  /** The file the plan was read from. */
  sourceName?: string;
  /** The encoding the reader detected. */
  sourceEncoding?: string;
  /**
   * Replace the stored plan even though it has policies this plan does not (they would be lost).
   * Without it such an import is refused with HoshinError "conflict".
   */
  replace?: boolean;
}

export interface ImportPlanResult {
  planVersionId: number;
  /** True when the city already had a plan for the fiscal year, which this one replaced. */
  replaced: boolean;
  counts: PlanCounts;
}

/**
 * Stores a plan (hoshin-plan/1, diagnostics included) as the plan of a city for a fiscal year, replacing
 * the one there, in one transaction: on any failure the database is left exactly as it was.
 * Throws HoshinError "invalid-input" when the plan is not a storable hoshin-plan/1 document.
 */
export async function importPlan(opts: ImportPlanOptions): Promise<ImportPlanResult> {
  const { city, fiscalYear } = planKey(opts.city, opts.fiscalYear);
  const problems = [...planProblems(opts.plan), ...storablePlanProblems(opts.plan).map((p) => p.message)];
  if (problems.length > 0) {
    throw new HoshinError(
      "invalid-input",
      `${city}の${describeFiscalYear(fiscalYear)}の計画を取り込めません。hoshin-plan/1 の形式に合わない箇所があります:\n` +
        problems.map((p) => `  ${p}`).join("\n"),
      { problems },
    );
  }
  try {
    return await opts.db.transaction(async (tx) => {
      const incoming = new Set(opts.plan.policies.map((p) => p.code));
      const lost = (await storedPolicies(tx, { city, fiscalYear })).filter((p) => !incoming.has(p.code));
      if (lost.length > 0 && !opts.replace) {
        const names = lost.map((p) => `政策 ${p.code}「${p.title}」`);
        throw new HoshinError(
          "conflict",
          `${city}の${describeFiscalYear(fiscalYear)}には、この計画書にない${names.join("、")}が登録されています。` +
            "取り込むと失われるため、取り込みませんでした。政策ごとに分かれた計画書は、すべてのファイルを一度に" +
            "取り込んでください（hoshin import 政策1.txt 政策2.txt … ）。置き換えてよい場合は --replace を付けてください。",
          { problems: names },
        );
      }
      return savePlan(tx, {
        city,
        fiscalYear,
        plan: opts.plan,
        sourceName: opts.sourceName ?? null,
        sourceEncoding: opts.sourceEncoding ?? null,
      });
    });
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}
