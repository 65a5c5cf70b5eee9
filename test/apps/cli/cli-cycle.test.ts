import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/client.ts";
import { emptyAspects } from "../../../src/domain/evaluation/evaluation.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { hoshin } from "../../support/cli.ts";
import { approveEvaluations, createTestDatabase, type TestDatabase } from "../../support/db.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

// `hoshin rollover` and `hoshin diff` as a user runs them, against a database of their own (a temporary
// PGlite folder, or with DATABASE_URL a fresh PostgreSQL database). The seed is stored with 文書費
// (6-5, 総務課, 9,562 千円 a year) evaluated 廃止 for 令和6年度, as the evaluation sheets would leave it.

let env: Record<string, string | undefined>;

/**
 * Standard error without node-postgres's DeprecationWarning for queries queued on one client, which every
 * command reading a whole plan in a transaction prints on PostgreSQL (src/db/read-plan-rows.ts runs its
 * reads with Promise.all); anything else there is a real message.
 */
function stderrOf(r: { stderr: string }): string {
  return r.stderr
    .split("\n")
    .filter((l) => !/DeprecationWarning: Calling client\.query\(\)|node --trace-deprecation/.test(l))
    .join("\n")
    .trim();
}
let testDb: TestDatabase | null = null;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-cycle-"));
  const seed = seedPlan();
  const documents = projectsOf(seed).find((p) => p.name === "文書費");
  if (!documents) throw new Error("no 文書費");
  documents.evaluations = {
    "2024": { self: { aspects: emptyAspects(), outlook: "abolish", changes: null }, secondary: null },
  };
  if (process.env.DATABASE_URL) {
    testDb = await createTestDatabase();
    env = { DATABASE_URL: testDb.url, HOSHIN_DATA_DIR: join(dir, "unused") };
    const r = await importPlan({
      db: testDb.db,
      city: "小諸市",
      fiscalYear: 2024,
      plan: seed,
      sourceName: "seed.json",
    });
    await approveEvaluations(testDb.db, r.planVersionId);
  } else {
    env = { DATABASE_URL: "", HOSHIN_DATA_DIR: join(dir, "data") };
    // PGlite is one process at a time: store the seed, then let go of the folder for the CLI.
    const db = await openDatabase({ dataDir: join(dir, "data") });
    try {
      const r = await importPlan({
        db: db.db,
        city: "小諸市",
        fiscalYear: 2024,
        plan: seed,
        sourceName: "seed.json",
      });
      await approveEvaluations(db.db, r.planVersionId);
    } finally {
      await db.close();
    }
  }
}, 60_000);
afterAll(async () => {
  await testDb?.dispose();
});

// Each command starts Node and tsx; on a busy machine several of them in one test take a while.
describe("hoshin rollover", { timeout: 180_000 }, () => {
  it("creates 令和7年度 from 令和6年度 and lists the project left out", () => {
    const r = hoshin(["rollover", "--city", "小諸市", "--from", "2024"], env);
    expect(stderrOf(r)).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("小諸市 令和7年度の実施計画を令和6年度の計画から作成しました。");
    expect(r.stdout).toContain("計画期間: 令和7年度〜令和9年度");
    expect(r.stdout).toContain("政策 1、施策 5、事務事業 44（点検結果 17 件）");
    expect(r.stdout).toContain("令和9年度の額を令和8年度から見込みとして複写: 38 件");
    expect(r.stdout).toContain(
      "令和8年度の額がないため令和9年度もない事務事業: 6 件（議員報酬等、議会事務局人件費、選挙管理委員会人件費、" +
        "市長選挙運営費、小諸市等公平委員会特別会計繰出金、企画費運営費）",
    );
    expect(r.stdout).toContain("評価が廃止・完了のため除外した事務事業: 1 件");
    expect(r.stdout).toMatch(/6-5\s+文書費\s+総務課\s+廃止/);

    const summary = JSON.parse(
      hoshin(["summary", "--city", "小諸市", "--year", "2025", "--json"], env).stdout,
    );
    expect(
      summary.rollups.all.map((x: { fiscalYear: string; total: number; projects: number }) => [
        x.fiscalYear,
        x.total,
        x.projects,
      ]),
    ).toEqual([
      ["2025", 4012949, 44],
      ["2026", 3646759, 38],
      ["2027", 3646759, 38],
    ]);
  });

  it("refuses a year already stored unless --replace, and accepts 和暦", () => {
    const refused = hoshin(["rollover", "--city", "小諸市", "--from", "令和6年度"], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(
      "小諸市の令和7年度（2025年度）の実施計画は既に登録されているため、作成しませんでした。",
    );
    expect(refused.stderr).toContain("--replace");
    const replaced = hoshin(["rollover", "--city", "小諸市", "--from", "2024", "--replace", "--json"], env);
    expect(replaced.code).toBe(0);
    const json = JSON.parse(replaced.stdout);
    expect(json).toMatchObject({
      fromYear: 2024,
      toYear: 2025,
      replaced: true,
      window: ["2025", "2026", "2027"],
    });
    expect(json.leftOut).toEqual([
      { measureCode: "6-5", name: "文書費", leadDepartment: "総務課", outlook: "abolish", position: 37 },
    ]);
  });

  it("rolls 令和7年度 on into 令和8年度 with nothing left out", () => {
    const r = hoshin(["rollover", "--city", "小諸市", "--from", "2025"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("小諸市 令和8年度の実施計画を令和7年度の計画から作成しました。");
    expect(r.stdout).toContain("評価が廃止・完了のため除外した事務事業はありません。");
    const list = hoshin(["list"], env);
    expect(list.stdout).toMatch(/令和7年度（2025）\s+令和6年度から繰越/);
    expect(list.stdout).toMatch(/令和8年度（2026）\s+令和7年度から繰越/);
  });

  it("explains what is missing, with exit code 2 for usage and 1 for a plan not stored", () => {
    const noFrom = hoshin(["rollover", "--city", "小諸市"], env);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toContain("--from で年度を指定してください");
    const missing = hoshin(["rollover", "--city", "小諸市", "--from", "2030"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("小諸市の令和12年度（2030年度）の実施計画は登録されていません。");
  });
});

describe("hoshin diff", { timeout: 180_000 }, () => {
  it("prints what changed from 令和6年度 to 令和7年度", () => {
    const r = hoshin(["diff", "--city", "小諸市", "--from", "2024", "--to", "2025"], env);
    expect(stderrOf(r)).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "小諸市 令和6年度 実施計画 → 小諸市 令和7年度 実施計画 の変更点（金額の単位: 千円）",
    );
    expect(r.stdout).toContain("両方の計画期間にある令和7年度〜令和8年度で比べています。");
    expect(r.stdout).toMatch(/令和6年度\s+3,984,986\s+0\s+-3,984,986\s+3,734,364\s+0\s+-3,734,364/);
    expect(r.stdout).toMatch(/令和7年度\s+4,022,511\s+4,012,949\s+-9,562\s+3,735,953\s+3,726,534\s+-9,419/);
    expect(r.stdout).toMatch(/令和9年度\s+0\s+3,646,759\s+\+3,646,759\s+0\s+3,445,787\s+\+3,445,787/);
    expect(r.stdout).toContain("■ 削除された事務事業（1 件）");
    expect(r.stdout).toContain(
      "施策6-5  文書費（総務課）  令和6年度 9,562、令和7年度 9,562、令和8年度 9,562",
    );
    expect(r.stdout).not.toContain("■ 変更された事務事業");
    expect(r.stdout).toContain("変更のない事務事業: 44 件");
  });

  it("prints the same as JSON", () => {
    const r = hoshin(["diff", "--city", "小諸市", "--from", "2025", "--to", "2026", "--json"], env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.before).toMatchObject({ city: "小諸市", fiscalYear: 2025, state: "now" });
    expect(json.after).toMatchObject({ city: "小諸市", fiscalYear: 2026, state: "now" });
    expect(json.unit).toBe("千円");
    expect(json.comparedYears).toEqual(["2026", "2027"]);
    expect(json.projectsChanged).toEqual([]);
    expect(json.projectsUnchanged).toBe(44);
    expect(json.totals.at(-1)).toEqual({
      fiscalYear: "2028",
      before: { total: 0, generalRevenue: 0, projects: 0 },
      after: { total: 3646759, generalRevenue: 3445787, projects: 38 },
      difference: { total: 3646759, generalRevenue: 3445787, projects: 38 },
    });
  });

  it("compares a year with the plan as imported or rolled over", () => {
    const r = hoshin(["diff", "--city", "小諸市", "--year", "2025", "--imported"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "小諸市 令和7年度 実施計画（繰越時） → 小諸市 令和7年度 実施計画（現在） の変更点",
    );
    expect(r.stdout).toContain("事務事業と施策に変更はありません。");
    const imported = hoshin(["diff", "--city", "小諸市", "--year", "2024", "--imported", "--json"], env);
    expect(JSON.parse(imported.stdout).before.label).toBe("小諸市 令和6年度 実施計画（取り込み時）");
  });

  it("refuses incomplete or mixed options with exit code 2", () => {
    for (const args of [
      ["diff", "--city", "小諸市", "--from", "2024"],
      ["diff", "--city", "小諸市", "--year", "2024"],
      ["diff", "--city", "小諸市", "--from", "2024", "--to", "2025", "--imported"],
      ["diff", "--from", "2024", "--to", "2025"],
    ]) {
      const r = hoshin(args, env);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("使い方は hoshin help で表示されます。");
    }
    const missing = hoshin(["diff", "--city", "小諸市", "--from", "2023", "--to", "2024"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("小諸市の令和5年度（2023年度）の実施計画は登録されていません。");
  });

  it("lists the new commands in the help", () => {
    const help = hoshin(["help"], env);
    expect(help.stdout).toContain("rollover --city 市町村 --from 年度 [--replace] [--json]");
    expect(help.stdout).toContain("diff --city 市町村 --from 年度 --to 年度 [--json]");
    expect(help.stdout).toContain("diff --city 市町村 --year 年度 --imported [--json]");
  });
});
