import type { Database } from "../../db/client.ts";
import { loadPlan, type PlanCounts, savePlan } from "../../db/plans.ts";
import {
  describeRemovalCounts,
  describeRemovals,
  importRemovals,
  type PolicyRemoval,
  removalFingerprint,
} from "../../domain/checks/import-removals.ts";
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
   * Replace the stored plan even though it has policies, measures or projects this plan does not (they
   * would be lost). Without it such an import is refused with HoshinError "conflict". A string is the
   * removalFingerprint of what the user was shown would go: the import is refused unless exactly that
   * would go now.
   */
  replace?: boolean | string;
}

export interface ImportPlanResult {
  planVersionId: number;
  /** True when the city already had a plan for the fiscal year, which this one replaced. */
  replaced: boolean;
  counts: PlanCounts;
  /** What the import removed (empty unless `replace` allowed it). */
  removed: PolicyRemoval[];
}

/**
 * Stores a plan (hoshin-plan/1, diagnostics included) as the plan of a city for a fiscal year, replacing
 * the one there, in one transaction: on any failure the database is left exactly as it was.
 * Throws HoshinError "invalid-input" when the plan is not a storable hoshin-plan/1 document, "conflict"
 * when it would remove stored policies, measures or projects without `replace`.
 */
export async function importPlan(opts: ImportPlanOptions): Promise<ImportPlanResult> {
  const key = planKey(opts.city, opts.fiscalYear);
  const { city, fiscalYear } = key;
  const problems = [...planProblems(opts.plan), ...storablePlanProblems(opts.plan).map((p) => p.message)];
  if (problems.length > 0) {
    throw new HoshinError(
      "invalid-input",
      `${city.name}の${describeFiscalYear(fiscalYear)}の計画を取り込めません。hoshin-plan/1 の形式に合わない箇所があります:\n` +
        problems.map((p) => `  ${p}`).join("\n"),
      { problems },
    );
  }
  try {
    return await opts.db.transaction(async (tx) => {
      const removed = importRemovals(await loadPlan(tx, key), opts.plan);
      refuseRemovals(removed, opts.replace, `${city.name}の${describeFiscalYear(fiscalYear)}`);
      const saved = await savePlan(tx, {
        city,
        fiscalYear,
        plan: opts.plan,
        sourceName: opts.sourceName ?? null,
        sourceEncoding: opts.sourceEncoding ?? null,
      });
      return { ...saved, removed };
    });
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}

function refuseRemovals(removed: PolicyRemoval[], replace: boolean | string | undefined, plan: string) {
  if (removed.length === 0 || replace === true) return;
  const lines = describeRemovals(removed);
  if (typeof replace === "string" && replace !== "") {
    if (replace === removalFingerprint(removed)) return;
    throw new HoshinError(
      "conflict",
      `確認画面を表示した後に${plan}の登録内容が変わり、取り込むと削除されるもの（${describeRemovalCounts(removed)}）が` +
        "確認画面と異なります。取り込みませんでした。もう一度ファイルを選んで確かめてください。",
      { problems: lines },
    );
  }
  const lostPolicies = removed.filter((p) => p.whole).map((p) => `政策 ${p.code}「${p.title}」`);
  throw new HoshinError(
    "conflict",
    `${plan}には、この計画書にない${lostPolicies.length > 0 ? lostPolicies.join("、") : "施策・事務事業"}が登録されています` +
      `（${describeRemovalCounts(removed)}）。取り込むと失われるため、取り込みませんでした:\n` +
      lines.map((l) => `  ${l}\n`).join("") +
      "政策ごとに分かれた計画書は、すべてのファイルを一度に取り込んでください（hoshin import 政策1.txt 政策2.txt … 、" +
      "画面ではファイルをまとめて選びます）。置き換えてよい場合は置き換えを選んでください（hoshin import では --replace）。",
    { problems: lines },
  );
}
