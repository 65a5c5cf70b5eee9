import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { type MeasureHead, measureHead, updateMeasureContent } from "../../db/edit-plan.ts";
import { loadIndexedPlanVersion } from "../../db/plans.ts";
import {
  type Actor,
  mayChangeMeasureField,
  measureChangeRefusal,
  measureRights,
} from "../../domain/access.ts";
import { diffMeasures, type FieldChange } from "../../domain/editing/changes.ts";
import { measureRuleProblems } from "../../domain/editing/project-rules.ts";
import { type MergeChoice, mergeMeasures } from "../../domain/editing/three-way.ts";
import { canonicalIndicatorValue, canonicalSeries } from "../../domain/plan/indicator-value.ts";
import type { Measure } from "../../domain/plan/model.ts";
import { withStorableProblems } from "../../domain/plan/storable.ts";
import { authorize } from "../authorize.ts";
import { EditConflict, fromDatabaseError, HoshinError } from "../errors.ts";
import { type AuditTarget, auditRows } from "../staff/audit-trail.ts";
import { auditForgedFields, ForgedFieldRefusal } from "./forged-field.ts";

export interface SaveMeasureOptions {
  db: Database;
  actor: Actor;
  measureId: number;
  expectedVersion: number;
  /** The edited texts and outcome indicators; code, title, departments, SDGs and projects are kept. */
  measure: Pick<
    Measure,
    | "currentIssues"
    | "purpose"
    | "priorities"
    | "goalStates"
    | "futureActions"
    | "sectoralPlans"
    | "notes"
    | "outcomeIndicators"
  >;
  /** What the form was made from: a stale form's save is then merged three ways (three-way.ts). */
  base?: SaveMeasureOptions["measure"] | null;
  /** How the user decided the fields both changed, by field key. */
  choices?: Readonly<Record<string, MergeChoice>>;
}

const measureTarget = (head: MeasureHead): AuditTarget => ({
  kind: "measure",
  id: head.id,
  label: `${head.code} ${head.title}`,
  planVersionId: head.planVersionId,
  city: head.city,
  cityCode: head.cityCode,
  fiscalYear: head.fiscalYear,
  department: head.leadDepartment,
});

/**
 * Saves a measure's texts and outcome indicators. 管理者 may change everything; the 担当課 that leads the
 * measure may change only the actual values (実績) of its outcome indicators.
 */
export async function saveMeasure(
  opts: SaveMeasureOptions,
): Promise<{ version: number; changes: FieldChange[] }> {
  const { actor } = opts;
  try {
    return await opts.db.transaction(async (tx) => {
      const head = await measureHead(tx, opts.measureId, true);
      if (!head) throw new HoshinError("not-found", "指定の施策は登録されていません。");
      authorize(actor, "enterOutcomeActuals", head);
      const { index } = await loadIndexedPlanVersion(tx, head.planVersionId, null);
      let before: Measure | undefined;
      for (const [m, row] of index.measures) if (row.id === head.id) before = m;
      if (!before) throw new HoshinError("not-found", "指定の施策は登録されていません。");
      // Numbers and comparators follow the texts, so that no change can hide behind an unchanged text.
      const edited = (m: SaveMeasureOptions["measure"]): Measure => ({
        ...(before as Measure),
        ...m,
        outcomeIndicators: m.outcomeIndicators.map((o) => ({
          ...o,
          baseline: o.baseline ? canonicalIndicatorValue(o.baseline) : null,
          planned: canonicalSeries(o.planned),
          actual: canonicalSeries(o.actual),
        })),
      });
      let after = edited(opts.measure);
      if (head.version !== opts.expectedVersion) {
        if (!opts.base) throw new EditConflict(head.version, diffMeasures(after, before));
        const m = mergeMeasures(edited(opts.base), before, after, opts.choices);
        if (m.conflicts.length > 0) {
          throw new EditConflict(
            head.version,
            m.theirs,
            { conflicts: m.conflicts, proposal: m.proposal },
            "この施策",
          );
        }
        after = m.merged;
      }
      const changes = diffMeasures(before, after);
      const fieldRefusal = measureChangeRefusal(measureRights(actor, head), changes);
      if (fieldRefusal) {
        const forged = changes.filter((c) => !mayChangeMeasureField(measureRights(actor, head), c.field));
        throw new ForgedFieldRefusal(fieldRefusal.message, actor, measureTarget(head), forged);
      }
      const problems = withStorableProblems(measureRuleProblems(after), opts.measure);
      if (problems.length > 0) {
        throw new HoshinError("invalid-input", "入力に誤りがあります。赤く示した項目を直してください。", {
          fields: problems,
        });
      }
      if (changes.length === 0) return { version: head.version, changes };
      const version = await updateMeasureContent(tx, head, head.version, after);
      if (version === null) throw new EditConflict(head.version, diffMeasures(after, before));
      await insertAuditEvents(tx, auditRows(actor, "update", measureTarget(head), changes));
      return { version, changes };
    });
  } catch (e) {
    throw e instanceof HoshinError ? await auditForgedFields(opts.db, e) : fromDatabaseError(e);
  }
}
