import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import {
  findPlanVersion,
  findPlanVersionById,
  loadIndexedPlanVersion,
  type PlanCounts,
  type PlanIndex,
  type PlanVersionSummary,
  savePlan,
} from "../../db/plans.ts";
import type { Actor } from "../../domain/access.ts";
import { diffPlans, type YearTotals } from "../../domain/cycle/plan-diff.ts";
import {
  type LeftOutProject,
  type RolledProject,
  type RolloverResult,
  rollOverPlan as rollPlanDocument,
} from "../../domain/cycle/rollover.ts";
import { OUTLOOK_LABELS } from "../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { eachProject, type PlanDocument } from "../../domain/plan/model.ts";
import { authorize } from "../authorize.ts";
import { describeFiscalYear, fromDatabaseError, HoshinError, planNotFound } from "../errors.ts";
import { planKey } from "../plan/plan-key.ts";
import { auditRows } from "../staff/audit-trail.ts";

export interface RolloverPlanOptions {
  db: Database;
  actor: Actor;
  city: string;
  /** The fiscal year of the plan rolled from; the new plan is of fromYear + 1. */
  fromYear: number;
  /** Replace a plan already stored for fromYear + 1 (its edits and review states are lost). */
  replace?: boolean;
}

export interface RolloverPlanResult {
  planVersionId: number;
  /** The version rolled from, left as it was. */
  fromPlanVersionId: number;
  city: string;
  fromYear: number;
  toYear: number;
  /** The new window, fromYear+1 … fromYear+3. */
  window: string[];
  /** True when a plan of toYear was there and has been replaced (only with `replace`). */
  replaced: boolean;
  /** Projects left out because they were evaluated 廃止 or 完了 for fromYear. */
  leftOut: LeftOutProject[];
  /** Projects whose new last year is an estimate copied from the previous last year. */
  estimated: RolledProject[];
  /** Projects without the previous last year, so without the new last year either. */
  withoutLastYear: RolledProject[];
  /** Rows written for the new plan. */
  counts: PlanCounts;
}

/** What a rollover of a stored plan would create, without writing anything. */
export interface RolloverPreview {
  from: PlanVersionSummary;
  /** The plan already stored for the next fiscal year, which a rollover would have to replace. */
  existing: PlanVersionSummary | null;
  rollover: RolloverResult;
  /** Totals per fiscal year of the plan now (before) and of the plan it would create (after). */
  totals: YearTotals[];
}

function sourceName(fromYear: number): string {
  return `${formatWarekiFiscalYear(fromYear)}から繰越`;
}

function planLabel(city: string, fiscalYear: number): string {
  return `${city} ${formatWarekiFiscalYear(fiscalYear)} 実施計画`;
}

function targetYearOf(fromYear: number): number {
  if (fromYear + 1 > 2999)
    throw new HoshinError("invalid-input", `年度「${fromYear + 1}」は西暦の年度ではありません。`);
  return fromYear + 1;
}

function alreadyThere(city: string, toYear: number): HoshinError {
  return new HoshinError(
    "conflict",
    `${city}の${describeFiscalYear(toYear)}の実施計画は既に登録されているため、作成しませんでした。` +
      "置き換えると、その年度の編集内容と提出・承認の状態は失われます。置き換えてよい場合は、" +
      "置き換えを指定してください（コマンドでは --replace）。",
  );
}

/**
 * Reads a stored plan version and tells what rolling it into the next fiscal year would create. Writes
 * nothing. 管理者 only.
 */
export async function previewRollover(opts: {
  db: Database;
  actor: Actor;
  planVersionId: number;
}): Promise<RolloverPreview> {
  return opts.db.transaction(
    async (tx) => {
      const from = await findPlanVersionById(tx, opts.planVersionId);
      if (!from) throw new HoshinError("not-found", "指定の実施計画は登録されていません。");
      authorize(opts.actor, "rollOver", from);
      const toYear = targetYearOf(from.fiscalYear);
      const loaded = await loadIndexedPlanVersion(tx, from.id, from.title);
      const plan = loaded.plan;
      const rollover = rollPlanDocument(withApprovedEvaluations(loaded), from.fiscalYear);
      const existing = await findPlanVersion(tx, { cityCode: from.cityCode, fiscalYear: toYear });
      return { from, existing, rollover, totals: diffPlans(plan, rollover.plan).totals };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * The plan with only its 承認済 project evaluations: a sheet still 作成中 or 提出済 has not been agreed
 * by the planning division, so its 廃止・完了 must not take a project out of next year's plan. The
 * evaluations do not carry into the new plan either way; this only decides what is left out.
 */
function withApprovedEvaluations(loaded: { plan: PlanDocument; index: PlanIndex }): PlanDocument {
  const plan = structuredClone(loaded.plan);
  const original = [...eachProject(loaded.plan)].map((e) => e.project);
  [...eachProject(plan)].forEach(({ project }, n) => {
    const evaluations = original[n]?.evaluations;
    if (!evaluations) return;
    const approved = Object.entries(evaluations).filter(
      ([, e]) => loaded.index.projectEvaluations.get(e)?.reviewState === "approved",
    );
    if (approved.length === 0) delete project.evaluations;
    else project.evaluations = Object.fromEntries(approved.map(([fy, e]) => [fy, structuredClone(e)]));
  });
  return plan;
}

/**
 * Creates the plan of fromYear + 1 from the stored plan of fromYear (rules in domain/rollover.ts), in one
 * transaction: the new version is saved with `rolledFromId` and the plan as rolled over kept as its
 * source, and the audit log gets one "rollover" row for the new plan and one for each project left out.
 * The plan rolled from is not changed. 管理者 only.
 *
 * Throws HoshinError "not-found" when there is no plan of fromYear, "conflict" when a plan of fromYear + 1
 * is already stored (unless `replace`) or a concurrent change got in the way.
 */
export async function rollOverPlan(opts: RolloverPlanOptions): Promise<RolloverPlanResult> {
  const key = planKey(opts.city, opts.fromYear);
  const { fiscalYear: fromYear, cityCode } = key;
  authorize(opts.actor, "rollOver", { cityCode });
  const city = key.city.name;
  const toYear = targetYearOf(fromYear);
  try {
    // Repeatable read: a second rollover of the same year running at the same time fails with a
    // conflict instead of silently replacing the first one's plan.
    return await opts.db.transaction(
      async (tx) => {
        const from = await findPlanVersion(tx, { cityCode, fiscalYear: fromYear });
        if (!from) throw planNotFound(city, fromYear);
        const existing = await findPlanVersion(tx, { cityCode, fiscalYear: toYear });
        if (existing && !opts.replace) throw alreadyThere(city, toYear);

        const loaded = await loadIndexedPlanVersion(tx, from.id, from.title);
        const { plan, index } = loaded;
        const rolled = rollPlanDocument(withApprovedEvaluations(loaded), fromYear);
        const saved = await savePlan(tx, {
          city: key.city,
          fiscalYear: toYear,
          plan: rolled.plan,
          sourceName: sourceName(fromYear),
          rolledFromId: from.id,
        });

        const sourceProjects = [...eachProject(plan)];
        const comment = [
          `${formatWarekiFiscalYear(fromYear)}の計画から作成しました（事務事業 ${rolled.carried} 件を繰越、${rolled.leftOut.length} 件を除外）`,
          ...(saved.replaced ? ["既存の計画を置き換えました"] : []),
        ].join("。");
        await insertAuditEvents(tx, [
          ...auditRows(
            opts.actor,
            "rollover",
            {
              kind: "plan",
              id: saved.planVersionId,
              label: planLabel(city, toYear),
              planVersionId: saved.planVersionId,
              city,
              cityCode,
              fiscalYear: toYear,
            },
            [
              {
                field: "projects",
                label: "事務事業数",
                before: String(sourceProjects.length),
                after: String(rolled.carried),
              },
            ],
            comment,
          ),
          ...rolled.leftOut.flatMap((l) => {
            const source = sourceProjects[l.position]?.project;
            const row = source ? index.projects.get(source) : undefined;
            return auditRows(
              opts.actor,
              "rollover",
              {
                kind: "project",
                id: row?.id ?? null,
                label: l.name,
                planVersionId: from.id,
                city,
                cityCode,
                fiscalYear: fromYear,
                department: l.leadDepartment,
              },
              [],
              `今後の方向性が「${OUTLOOK_LABELS[l.outlook]}」のため、${formatWarekiFiscalYear(toYear)}の計画に含めませんでした`,
            );
          }),
        ]);

        return {
          planVersionId: saved.planVersionId,
          fromPlanVersionId: from.id,
          city,
          fromYear,
          toYear,
          window: rolled.window,
          replaced: saved.replaced,
          leftOut: rolled.leftOut,
          estimated: rolled.estimated,
          withoutLastYear: rolled.withoutLastYear,
          counts: saved.counts,
        };
      },
      { isolationLevel: "repeatable read" },
    );
  } catch (e) {
    throw e instanceof HoshinError ? e : fromDatabaseError(e);
  }
}
