// The cities the comparison tests compare, on a copy of the seeded template: 小諸市 202088 (the seed book)
// with four project sheets, one measure and one evaluation sheet approved; 上田市 202037 (the seed's plan
// under another policy title) with the three sheets of its measure 6-1 approved; 佐久市 202177 imported with
// nothing approved. Every approval goes through the use cases, so the published view is the one the public
// sees. Populations and 類似団体区分 are test values (no use case sets them yet), written to the cities rows.
import { eq } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import { cities } from "../../src/db/schema/index.ts";
import type { Actor } from "../../src/domain/access.ts";
import { parseIndicatorValue } from "../../src/domain/plan/indicator-value.ts";
import type { IndicatorValue } from "../../src/domain/plan/model.ts";
import { reviewMeasure } from "../../src/usecases/editing/review-measure.ts";
import { reviewProject } from "../../src/usecases/editing/review-project.ts";
import { saveMeasure } from "../../src/usecases/editing/save-measure.ts";
import { reviewEvaluation } from "../../src/usecases/evaluation/review-evaluation.ts";
import { saveProjectEvaluation } from "../../src/usecases/evaluation/save-project-evaluation.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import { trainingSelf } from "./evaluation-sheets.ts";
import { seedPlan } from "./plans.ts";

export const KOMORO_APPROVED = ["職員研修費", "統計調査事業", "運営費", "賦課徴収費運営費"];
export const UEDA_APPROVED = ["市民協働推進事業", "市民活動支援事業", "各種団体連携事業"];

const v = (text: string) => parseIndicatorValue(text) as IndicatorValue;

async function approveProjects(db: Database, admin: Actor, planVersionId: number, names: string[]) {
  const view = await readPlan({ db, actor: admin, planVersionId });
  for (const name of names) {
    const entry = view.projects.find((p) => p.project.name === name);
    if (!entry) throw new Error(`no project ${name}`);
    await reviewProject({ db, actor: admin, projectId: entry.id, action: "submit" });
    await reviewProject({ db, actor: admin, projectId: entry.id, action: "approve" });
  }
}

/** Sets the 2024 actual of 6-4's 市税現年度収納率 (target 98.98) as the 主管課 would, through saveMeasure. */
export async function enterCollectionRate(db: Database, admin: Actor, planVersionId: number, actual: string) {
  const view = await readPlan({ db, actor: admin, planVersionId });
  const entry = view.measures.find((m) => m.measure.code === "6-4");
  if (!entry) throw new Error("no measure 6-4");
  const m = entry.measure;
  const outcomeIndicators = structuredClone(m.outcomeIndicators);
  const indicator = outcomeIndicators[0];
  if (!indicator) throw new Error("6-4 has no outcome indicator");
  indicator.actual = { ...indicator.actual, "2024": v(actual) };
  await saveMeasure({
    db,
    actor: admin,
    measureId: entry.id,
    expectedVersion: entry.version,
    measure: {
      currentIssues: m.currentIssues,
      purpose: m.purpose,
      priorities: [...m.priorities],
      goalStates: [...m.goalStates],
      futureActions: m.futureActions,
      sectoralPlans: m.sectoralPlans,
      notes: m.notes,
      outcomeIndicators,
    },
  });
  return entry.id;
}

async function saveSheet(db: Database, admin: Actor, planVersionId: number, name: string) {
  const view = await readPlan({ db, actor: admin, planVersionId });
  const entry = view.projects.find((p) => p.project.name === name);
  if (!entry) throw new Error(`no project ${name}`);
  await saveProjectEvaluation({
    db,
    actor: admin,
    projectId: entry.id,
    fiscalYear: 2024,
    expectedVersion: 1,
    evaluation: trainingSelf(),
    settled: null,
    activityActuals: entry.project.activityIndicators.map(() => null),
  });
  return entry.id;
}

/** The test populations and 類似団体区分 of the three cities. */
export const CITY_FACTS = {
  "202088": { population: 41_765, populationYear: 2020, similarityGroup: "都市Ⅰ-2" },
  "202037": { population: 154_055, populationYear: 2020, similarityGroup: "都市Ⅰ-2" },
  "202177": { population: 98_199, populationYear: 2020, similarityGroup: null },
} as const;

export async function setCityFacts(
  db: Database,
  code: string,
  facts: { population: number | null; populationYear: number | null; similarityGroup: string | null },
): Promise<void> {
  await db.update(cities).set(facts).where(eq(cities.code, code));
}

export interface ComparedCities {
  komoro: number;
  ueda: number;
  saku: number;
}

/** Writes the three cities' state described above; returns their plan version ids. */
export async function seedComparedCities(
  db: Database,
  cityAdmin: Actor,
  komoro: number,
): Promise<ComparedCities> {
  // The three cities are prepared by an administrator of all of them (the seed's admin works for 小諸市).
  const admin: Actor = { ...cityAdmin, cities: "all" };
  await approveProjects(db, admin, komoro, KOMORO_APPROVED);
  // 6-4 approved with a 2024 actual of 99.10 against 98.98: met.
  const measureId = await enterCollectionRate(db, admin, komoro, "99.10");
  await reviewMeasure({ db, actor: admin, measureId, action: "submit" });
  await reviewMeasure({ db, actor: admin, measureId, action: "approve" });
  // 職員研修費: 一次評価 継続, A B B A, approved; 統計調査事業: the same sheet left 作成中.
  const training = await saveSheet(db, admin, komoro, "職員研修費");
  await reviewEvaluation({
    db,
    actor: admin,
    kind: "project",
    id: training,
    fiscalYear: 2024,
    action: "submit",
  });
  await reviewEvaluation({
    db,
    actor: admin,
    kind: "project",
    id: training,
    fiscalYear: 2024,
    action: "approve",
  });
  await saveSheet(db, admin, komoro, "統計調査事業");

  const uedaPlan = seedPlan();
  const policy = uedaPlan.policies[0];
  if (!policy) throw new Error("the seed has no policy");
  policy.title = "市民とともに歩むまち";
  const ueda = (await importPlan({ db, city: "202037", fiscalYear: 2024, plan: uedaPlan })).planVersionId;
  await approveProjects(db, admin, ueda, UEDA_APPROVED);

  const saku = (await importPlan({ db, city: "202177", fiscalYear: 2024, plan: seedPlan() })).planVersionId;
  for (const [code, facts] of Object.entries(CITY_FACTS)) await setCityFacts(db, code, facts);
  return { komoro, ueda, saku };
}
