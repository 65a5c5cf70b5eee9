import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Runs the real `hoshin` command as a user would, with extra environment variables, from the project's
 * folder or from `cwd` (as `npx hoshin` started elsewhere).
 */
export function hoshin(args: string[], env: Record<string, string | undefined> = {}, cwd = projectRoot) {
  const r = spawnSync(process.execPath, [join(projectRoot, "bin/hoshin.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
