// vitest globalSetup of the database tests: builds the run's template databases once (test/support/templates.ts)
// and hands their whereabouts to every test file through provide/inject.
import type { TestProject } from "vitest/node";
import { buildTemplates } from "./support/templates.ts";

let dispose: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const built = await buildTemplates();
  dispose = built.dispose;
  project.provide("hoshinTemplates", built.templates);
}

export async function teardown(): Promise<void> {
  await dispose?.();
}
