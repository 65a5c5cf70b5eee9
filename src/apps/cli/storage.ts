/** The storage side, loaded only by the commands that need a database (parse and check stay light). */
export async function storage() {
  const [{ openDatabase }, { importPlan }, { exportPlan }, { summarizePlan }, { listPlans }] =
    await Promise.all([
      import("../../db/client.ts"),
      import("../../usecases/plan/import-plan.ts"),
      import("../../usecases/plan/export-plan.ts"),
      import("../../usecases/plan/summarize-plan.ts"),
      import("../../usecases/plan/list-plans.ts"),
    ]);
  return { openDatabase, importPlan, exportPlan, summarizePlan, listPlans };
}
