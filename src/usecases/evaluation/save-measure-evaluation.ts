import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  measureEvaluationHead,
  UNSAVED_EVALUATION_VERSION,
  upsertMeasureEvaluation,
} from "../../db/edit-evaluations.ts";
import { type MeasureHead, measureHead } from "../../db/edit-plan.ts";
import { loadIndexedPlanVersion } from "../../db/plans.ts";
import type { ReviewState } from "../../domain/editing/review.ts";
import { emptyMeasureEvaluation } from "../../domain/evaluation/evaluation.ts";
import {
  diffMeasureEvaluations,
  isSecondaryField,
  measureSecondaryProblems,
  measureSelfProblems,
  normalizeMeasureEvaluation,
} from "../../domain/evaluation/evaluation-rules.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { FiscalYearKey, Measure, MeasureEvaluation } from "../../domain/plan/model.ts";
import { type Actor, forbidden } from "../actor.ts";
import { fromDatabaseError, HoshinError } from "../errors.ts";
import { type AuditTarget, auditRows } from "../staff/audit-trail.ts";
import {
  type EvaluationAccess,
  EvaluationConflict,
  evaluationAccess,
  invalidSheet,
  mayEvaluate,
  planYear,
  type SaveEvaluationResult,
  secondaryRefusal,
  stateRefusal,
} from "./save-project-evaluation.ts";

export function measureEvaluationAccess(
  actor: Actor,
  measure: { leadDepartment: string | null },
  state: ReviewState,
): EvaluationAccess {
  return evaluationAccess(actor, mayEvaluate.writeMeasureSelf(actor, measure), state);
}

/** The measure object of a loaded plan for a row id. */
export function measureForEvaluation(
  index: { measures: Map<Measure, { id: number }> },
  head: { id: number },
): Measure {
  for (const [m, row] of index.measures) if (row.id === head.id) return m;
  throw new HoshinError("not-found", "指定の施策は登録されていません。");
}

export function measureEvaluationTarget(
  head: MeasureHead,
  fy: FiscalYearKey,
  evaluationId: number,
): AuditTarget {
  return {
    kind: "measure-evaluation",
    id: evaluationId,
    label: `施策${head.code} ${head.title}（${formatWarekiFiscalYear(fy)} 施策評価）`,
    planVersionId: head.planVersionId,
    city: head.city,
    fiscalYear: head.fiscalYear,
    department: head.leadDepartment,
  };
}

export interface SaveMeasureEvaluationOptions {
  db: Database;
  actor: Actor;
  measureId: number;
  /** The evaluated fiscal year (Western), one of the plan's years. */
  fiscalYear: number;
  /** The version the user's form was made from (1 for a sheet never saved). */
  expectedVersion: number;
  evaluation: MeasureEvaluation;
}

/**
 * Saves a measure's evaluation (施策評価) for one fiscal year: the 一次評価 (rating, 成果と課題, 今後の取り組み)
 * by the measure's 主管課 or 管理者, the 二次評価 by 管理者; the same states, rules, version check and audit
 * as saveProjectEvaluation, in one transaction.
 */
export async function saveMeasureEvaluation(
  opts: SaveMeasureEvaluationOptions,
): Promise<SaveEvaluationResult> {
  const { actor } = opts;
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await measureHead(tx, opts.measureId, true);
      if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
      if (!mayEvaluate.writeMeasureSelf(actor, head) && !mayEvaluate.writeSecondary(actor)) {
        throw forbidden(
          `施策「${head.code} ${head.title}」の施策評価は、主管課${head.leadDepartment ? `（${head.leadDepartment}）` : ""}と管理者だけが編集できます。`,
        );
      }
      const { plan, index } = await loadIndexedPlanVersion(tx, head.planVersionId, null);
      const fy = planYear(plan, opts.fiscalYear);
      const measure = measureForEvaluation(index, head);
      const sheetHead = await measureEvaluationHead(tx, head.id, Number(fy), true);
      const before = normalizeMeasureEvaluation(measure.evaluations?.[fy] ?? emptyMeasureEvaluation());
      const after = normalizeMeasureEvaluation(opts.evaluation);
      const currentVersion = sheetHead?.version ?? UNSAVED_EVALUATION_VERSION;
      if (currentVersion !== opts.expectedVersion) {
        throw new EvaluationConflict(currentVersion, diffMeasureEvaluations(after, before, fy));
      }
      const state = sheetHead?.reviewState ?? "draft";
      const access = measureEvaluationAccess(actor, head, state);
      const changes = diffMeasureEvaluations(before, after, fy);
      if (access === "none") throw stateRefusal(state);
      if (access === "self") {
        const secondary = changes.filter((c) => isSecondaryField(c.field));
        if (secondary.length > 0) throw secondaryRefusal(secondary);
      }
      if (access === "secondary") {
        const others = changes.filter((c) => !isSecondaryField(c.field));
        if (others.length > 0) throw stateRefusal(state, others);
      }
      const problems = [
        ...(changes.some((c) => !isSecondaryField(c.field)) ? measureSelfProblems(after, fy) : []),
        ...(changes.some((c) => isSecondaryField(c.field)) ? measureSecondaryProblems(after, fy) : []),
      ];
      if (problems.length > 0) throw invalidSheet(problems);
      if (changes.length === 0) return { id: sheetHead?.id ?? null, version: currentVersion, changes };
      const written = await upsertMeasureEvaluation(
        tx,
        { measureId: head.id, planVersionId: head.planVersionId, fiscalYear: Number(fy) },
        opts.expectedVersion,
        after,
      );
      if (written === null) {
        const now = await measureEvaluationHead(tx, head.id, Number(fy));
        throw new EvaluationConflict(
          now?.version ?? currentVersion,
          diffMeasureEvaluations(after, before, fy),
        );
      }
      await insertAuditEvents(
        tx,
        auditRows(actor, "update", measureEvaluationTarget(head, fy, written.id), changes),
      );
      return { id: written.id, version: written.version, changes };
    });
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}
