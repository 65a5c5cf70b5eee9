import { readPlanFile } from "../../../formats/read-plan-file.ts";
import { type CommandArgs, readInput } from "../args.ts";
import type { Io } from "../cli-io.ts";
import { formatDiagnostics } from "../format-diagnostics.ts";

/** hoshin parse: the plan read from a book, as hoshin-plan/1 JSON. */
export async function parseCommand({ values, positionals }: CommandArgs, io: Io): Promise<number> {
  const input = await readInput(positionals[0]);
  const { plan } = await readPlanFile(input.bytes);
  io.out(JSON.stringify(plan, null, values.compact ? undefined : 2));
  return 0;
}

/** hoshin check: the diagnostics of a book, with line numbers (or sheet and cell); exit 1 on an error. */
export async function checkCommand({ positionals }: CommandArgs, io: Io): Promise<number> {
  const input = await readInput(positionals[0]);
  const { plan } = await readPlanFile(input.bytes);
  io.out(formatDiagnostics(input.name, plan.diagnostics));
  return plan.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}
