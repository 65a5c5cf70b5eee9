// The plan storage API in one place: save, load, list and SQL rollups.
export {
  loadIndexedPlanVersion,
  loadPlan,
  loadPlanVersion,
  loadProject,
  type PlanIndex,
} from "./load-plan.ts";
export {
  findPlanSource,
  findPlanVersion,
  findPlanVersionById,
  listPlanVersions,
  type PlanVersionSummary,
  storedPolicies,
} from "./plan-versions.ts";
export { bumpRevision, planRevision } from "./revision.ts";
export { type PlanCounts, type SavePlanInput, type SavePlanResult, savePlan } from "./save-plan.ts";
export { rollupPlanVersion, sqlRollup } from "./sql-rollup.ts";
export { countRows, type TableName } from "./stats.ts";
