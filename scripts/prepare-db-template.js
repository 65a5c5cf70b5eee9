#!/usr/bin/env node
// Run by `npm install` (the postinstall script): makes the PGlite template a new data folder starts from
// (src/db/template.ts), so that the first `npm start` copies a migrated database instead of running
// initdb, and warms tsx's cache. It never fails the install: without the template a new data folder is
// initialised as before, only more slowly.
import { register } from "tsx/esm/api";

register();
try {
  const { preparePgliteTemplate } = await import("../src/db/template.ts");
  await preparePgliteTemplate();
  // Loading what `hoshin start` runs fills tsx's cache of compiled files (in the system's temporary
  // folder), so the first start reads them instead of compiling about a hundred and fifty files.
  await Promise.all([
    import("../src/apps/cli/main.ts"),
    import("../src/apps/cli/staff-commands.ts"),
    import("../src/apps/staff/server.ts"),
    import("../src/usecases/plan/seed-sample.ts"),
    import("../src/usecases/plan/summarize-plan.ts"),
  ]);
} catch (e) {
  process.stderr.write(
    "hoshin: 初回起動を速くするためのデータベースのひな形を作れませんでした（初回の起動が遅くなるだけで、" +
      `動作には影響しません）: ${e instanceof Error ? e.message : String(e)}\n`,
  );
}
