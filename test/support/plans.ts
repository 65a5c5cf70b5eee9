import { readFileSync } from "node:fs";
import type { PlanDocument, Project } from "../../src/domain/plan/model.ts";

const SEED_TEXT = readFileSync(
  new URL("../fixtures/komoro-2024-policy6.expected.json", import.meta.url),
  "utf8",
);

/** The hand-checked reading of the seed book (小諸市 令和6年度 政策6), a fresh copy on each call. */
export function seedPlan(): PlanDocument {
  return JSON.parse(SEED_TEXT) as PlanDocument;
}

/** Every project of a plan in book order, to change one in place. */
export function projectsOf(plan: PlanDocument): Project[] {
  return plan.policies.flatMap((p) => p.measures.flatMap((m) => m.projects));
}

export function lastProject(plan: PlanDocument): Project {
  const p = projectsOf(plan).at(-1);
  if (!p) throw new Error("the plan has no project");
  return p;
}

/** A plan with many projects in few measures, to push every table past one INSERT batch. */
export function largePlan(projectCount: number): PlanDocument {
  const plan = seedPlan();
  const template = projectsOf(plan);
  const policy = plan.policies[0];
  if (!policy) throw new Error("the seed has no policy");
  policy.measures.forEach((m, mi) => {
    m.projects = [];
    for (let i = mi; i < projectCount; i += policy.measures.length) {
      const source = template[i % template.length] as Project;
      m.projects.push({ ...structuredClone(source), name: `${source.name} ${i}` });
    }
  });
  return plan;
}
