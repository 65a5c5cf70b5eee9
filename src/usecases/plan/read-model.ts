import type { Database } from "../../db/client.ts";
import { findPlanVersionById, loadIndexedPlanVersion, planRevision } from "../../db/plans.ts";
import { planRevisions } from "../../db/revision.ts";
import { checkPlan } from "../../domain/checks/check-plan.ts";
import { type AchievementRollup, achievementRollup } from "../../domain/evaluation/achievement-rollup.ts";
import type { PlanDocument } from "../../domain/plan/model.ts";
import { projectKeys } from "../../domain/publication/public-ids.ts";
import { type RollupDimension, type RollupRow, rollup } from "../../domain/rollups/rollups.ts";
import { batchedRead } from "../batched-read.ts";
import { type PublishedPlan, publishedOf } from "./published-plan.ts";
import type { MeasureEntry, PlanAddress, PlanView, ProjectEntry } from "./read-plan.ts";

// The read model: one immutable snapshot per (plan version id, revision), built once and shared by every
// request until a write bumps the revision (db/revision.ts). A read costs one indexed query for the
// revision when the snapshot is cached; the plan is loaded and checked only on a miss.

/** How many plan versions one database handle keeps in memory (least recently used ones go first). */
export const READ_MODEL_CAPACITY = 8;

/** One plan version at one revision, frozen. Everything derived from it is computed once, on first use. */
export interface PlanReadModel {
  readonly id: number;
  readonly revision: number;
  /** What readPlan returns: the plan, its rows' ids, versions and review states, the checks of now. */
  readonly view: PlanView;
  /** What readPublishedPlan returns: the approved measures and 承認済 project sheets (published-plan.ts). */
  readonly published: PublishedPlan;
  /** The rollup of the whole plan (every sheet, as the staff see it) by one dimension. */
  rollup(dimension: RollupDimension): RollupRow[];
  /** The achievement counts the dashboard shows. */
  achievement(dimension: "measure" | "department"): AchievementRollup;
  /**
   * A value computed from this snapshot, kept as long as the snapshot is (the API's bodies, the
   * dashboard's charts). `make` must depend on nothing but the snapshot: the key names what it computes.
   */
  memo<T>(key: string, make: () => T): T;
}

interface Cache {
  models: Map<number, PlanReadModel>;
  /** Which plan version a project or measure row of a kept model belongs to ("project:12" → 3). */
  rows: Map<string, number>;
  /** Builds in flight, by "id:revision", so concurrent misses share one load. */
  pending: Map<string, Promise<PlanReadModel | null>>;
}

// Per database handle (a transaction gets a cache of its own, so what it wrote is never shared).
const caches = new WeakMap<Database, Cache>();

function cacheOf(db: Database): Cache {
  let c = caches.get(db);
  if (!c) {
    c = { models: new Map(), rows: new Map(), pending: new Map() };
    caches.set(db, c);
  }
  return c;
}

/**
 * The revision of a plan version now (undefined: no such version), through the batched probe
 * (batched-read.ts): as fresh as a query of its own, one query for all the requests that ask at once.
 */
export function currentRevision(db: Database, planVersionId: number): Promise<number | undefined> {
  return batchedRead(db, planRevisions, planVersionId);
}

/**
 * The read model of a plan version as it is now, or null when there is no such version. Checks the
 * revision in the database on every call, so a read after a commit (in this process or another) never
 * returns the snapshot from before it.
 */
export async function readPlanModel(opts: {
  db: Database;
  planVersionId: number;
}): Promise<PlanReadModel | null> {
  const revision = await currentRevision(opts.db, opts.planVersionId);
  const head = revision === undefined ? null : { id: opts.planVersionId, revision };
  const cache = cacheOf(opts.db);
  if (!head) {
    cache.models.delete(opts.planVersionId);
    return null;
  }
  const cached = cache.models.get(head.id);
  if (cached && cached.revision === head.revision) {
    cache.models.delete(head.id);
    cache.models.set(head.id, cached);
    return cached;
  }
  const key = `${head.id}:${head.revision}`;
  let pending = cache.pending.get(key);
  if (!pending) {
    pending = buildModel(opts.db, head.id).then(
      (model) => {
        cache.pending.delete(key);
        if (model) remember(cache, model);
        return model;
      },
      (e: unknown) => {
        cache.pending.delete(key);
        throw e;
      },
    );
    cache.pending.set(key, pending);
  }
  return pending;
}

function remember(cache: Cache, model: PlanReadModel): void {
  const current = cache.models.get(model.id);
  // A slower build of an older revision never replaces a newer one.
  if (current && current.revision > model.revision) return;
  cache.models.delete(model.id);
  cache.models.set(model.id, model);
  for (const p of model.view.projects) cache.rows.set(`project:${p.id}`, model.id);
  for (const m of model.view.measures) cache.rows.set(`measure:${m.id}`, model.id);
  while (cache.models.size > READ_MODEL_CAPACITY) {
    const oldest = cache.models.keys().next().value;
    if (oldest === undefined) break;
    cache.models.delete(oldest);
  }
  if (cache.rows.size > 50 * READ_MODEL_CAPACITY * 1000) cache.rows.clear();
}

/**
 * The plan version a project or measure row belonged to in a model kept in memory, if any: a guess that
 * saves the lookup query (a row never moves to another version; rows are never renumbered). The caller
 * reads that version's current model and looks the row up there, falling back to the query when it is gone.
 */
export function knownPlanVersionOf(
  db: Database,
  kind: "project" | "measure",
  id: number,
): number | undefined {
  return cacheOf(db).rows.get(`${kind}:${id}`);
}

/** Loads a plan version in one snapshot (REPEATABLE READ) and builds its model; null when it is gone. */
function buildModel(db: Database, planVersionId: number): Promise<PlanReadModel | null> {
  return db.transaction(
    async (tx) => {
      const head = await planRevision(tx, planVersionId);
      const version = await findPlanVersionById(tx, planVersionId);
      if (!head || !version) return null;
      const { plan, index } = await loadIndexedPlanVersion(tx, version.id, version.title);
      const view: PlanView = {
        version,
        plan,
        index,
        ...entries(plan, index, { cityCode: version.cityCode, fiscalYear: version.fiscalYear }),
        currentDiagnostics: checkPlan(plan),
      };
      return snapshot(head.id, head.revision, deepFreeze(view));
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function snapshot(id: number, revision: number, view: PlanView): PlanReadModel {
  const memos = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    if (memos.has(key)) return memos.get(key) as T;
    const value = make();
    memos.set(key, value);
    return value;
  };
  return Object.freeze({
    id,
    revision,
    view,
    get published() {
      return memo("read-model:published", () => deepFreeze(publishedOf(view)));
    },
    rollup: (dimension: RollupDimension) =>
      memo(`read-model:rollup:${dimension}`, () => deepFreeze(rollup(view.plan, dimension))),
    achievement: (dimension: "measure" | "department") =>
      memo(`read-model:achievement:${dimension}`, () => deepFreeze(achievementRollup(view.plan, dimension))),
    memo,
  });
}

/** The measures and projects of a loaded plan with the ids, versions and review states of their rows. */
function entries(
  plan: PlanDocument,
  index: PlanView["index"],
  planAddress: PlanAddress,
): { measures: MeasureEntry[]; projects: ProjectEntry[] } {
  const measures: MeasureEntry[] = [];
  const projects: ProjectEntry[] = [];
  for (const policy of plan.policies) {
    const policyRow = index.policies.get(policy);
    for (const measure of policy.measures) {
      const m = index.measures.get(measure);
      if (!m || !policyRow) throw new Error("内部エラー: 施策の行がありません。");
      const entry: MeasureEntry = {
        id: m.id,
        planAddress,
        version: m.version,
        reviewState: m.reviewState,
        reviewComment: m.reviewComment,
        measure,
        policy,
        policyId: policyRow.id,
        projects: [],
      };
      const keys = projectKeys(
        measure.code,
        measure.projects.map((p) => p.name),
      );
      for (const [n, project] of measure.projects.entries()) {
        const p = index.projects.get(project);
        if (!p) throw new Error("内部エラー: 事務事業の行がありません。");
        const pe: ProjectEntry = {
          id: p.id,
          key: keys[n] ?? project.name,
          planAddress,
          version: p.version,
          reviewState: p.reviewState,
          reviewComment: p.reviewComment,
          project,
          measure,
          measureId: m.id,
          policy,
        };
        entry.projects.push(pe);
        projects.push(pe);
      }
      measures.push(entry);
    }
  }
  return { measures, projects };
}

/**
 * Freezes a value and everything reachable from it through plain objects and arrays, so that no caller
 * can change a snapshot other requests share. Maps (the row index) and Dates are left as they are.
 */
function deepFreeze<T>(value: T): T {
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    if (v instanceof Map || v instanceof Date) return;
    seen.add(v);
    Object.freeze(v);
    for (const child of Object.values(v)) visit(child);
  };
  visit(value);
  return value;
}
