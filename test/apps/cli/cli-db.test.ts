import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hoshin, projectRoot } from "../../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../../support/db.ts";
import { startServer } from "../../support/server.ts";
import { rename, renumberPolicy, seedVariant } from "../../support/variants.ts";

const seedPath = join(projectRoot, "test/fixtures/komoro-2024-policy6.txt");

/**
 * The CLI against a database of its own: a temporary PGlite directory, or with DATABASE_URL a fresh
 * PostgreSQL database made for this file.
 */
let env: Record<string, string | undefined>;
let testDb: TestDatabase | null = null;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-db-"));
  if (process.env.DATABASE_URL) {
    testDb = await createTestDatabase();
    env = { DATABASE_URL: testDb.url, HOSHIN_DATA_DIR: join(dir, "unused") };
  } else {
    env = { DATABASE_URL: "", HOSHIN_DATA_DIR: join(dir, "data") };
  }
});
afterAll(async () => {
  await testDb?.dispose();
});

describe("hoshin import, export and summary", { timeout: 300_000 }, () => {
  it("imports the seed, and export gives back exactly what parse printed", () => {
    const imported = hoshin(["import", seedPath, "--city", "小諸市", "--year", "2024"], env);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("小諸市（202088） 令和6年度の実施計画を取り込みました");
    expect(imported.stdout).toContain("政策 1、施策 5、事務事業 45。");
    expect(imported.stdout).toContain("komoro-2024-policy6.txt:503: エラー:");

    const parsed = hoshin(["parse", seedPath], env);
    const exported = hoshin(["export", "--city", "小諸市", "--year", "2024", "--format", "json"], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(parsed.stdout);
  });

  it("replaces the version on re-import instead of doubling it, and accepts 和暦 years", () => {
    const again = hoshin(["import", seedPath, "--city", "小諸市", "--year", "令和6年度"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("置き換えて取り込みました");
    const summary = hoshin(["summary", "--city", "小諸市", "--year", "2024", "--json"], env);
    const all = JSON.parse(summary.stdout).rollups.all;
    expect(all.map((r: { projects: number }) => r.projects)).toEqual([45, 45, 39]);
  });

  it("prints the whole-book totals of the seed as a Japanese table and as JSON", () => {
    const text = hoshin(["summary", "--city", "小諸市", "--year", "2024"], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("小諸市 令和6年度 実施計画 集計（単位: 千円）");
    expect(text.stdout).toMatch(/年度別事業費\s+3,984,986\s+4,022,511\s+3,656,321/);
    expect(text.stdout).toMatch(/うち一般財源\s+3,734,364\s+3,735,953\s+3,455,206/);
    expect(text.stdout).toMatch(/事業数\s+45\s+45\s+39/);
    const json = JSON.parse(hoshin(["summary", "--city", "小諸市", "--year", "2024", "--json"], env).stdout);
    expect(json.unit).toBe("千円");
    const totals = Object.fromEntries(
      json.rollups.all.map((r: { fiscalYear: string; total: number; generalRevenue: number }) => [
        r.fiscalYear,
        [r.total, r.generalRevenue],
      ]),
    );
    expect(totals).toEqual({
      "2024": [3984986, 3734364],
      "2025": [4022511, 3735953],
      "2026": [3656321, 3455206],
    });
  });

  it("refuses a file that is not a book and leaves the stored plan as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-bad-"));
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, "これは実施計画書ではありません\n");
    const r = hoshin(["import", bad, "--city", "小諸市", "--year", "2024"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad.txt: このファイルは実施計画として読み取れませんでした。");
    expect(r.stderr).toContain("取り込みませんでした。データベースは変更していません。");
    const exported = hoshin(["export", "--city", "小諸市", "--year", "2024"], env);
    expect(JSON.parse(exported.stdout).policies[0].measures).toHaveLength(5);
  });

  it("lists what is stored", () => {
    const r = hoshin(["list"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /202088\s+長野県小諸市\s+令和6年度（2024）\s+komoro-2024-policy6\.txt\s+\d{4}\/\d{1,2}\/\d{1,2}/,
    );
    const dir = mkdtempSync(join(tmpdir(), "hoshin-empty-"));
    const empty = hoshin(["list"], { DATABASE_URL: "", HOSHIN_DATA_DIR: join(dir, "data") });
    expect(empty.stdout).toContain("取り込まれた実施計画はまだありません。");
  });

  it("says in Japanese when there is nothing stored for a city and year", () => {
    const r = hoshin(["export", "--city", "存在しない市", "--year", "2030"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/存在しない市/);
    expect(r.stdout).toBe("");
  });
});

describe("a year published as one book per policy", { timeout: 300_000 }, () => {
  it("refuses a book that would drop stored policies, takes all books at once, and --replace", () => {
    const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-books-"));
    const policy3 = join(dir, "seisaku3.txt");
    writeFileSync(policy3, renumberPolicy(seedVariant(), 3).text);

    const alone = hoshin(["import", policy3, "--city", "小諸市", "--year", "2024"], env);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain(
      "この計画書にない政策 6「すべての主体が参加し、協働するまちづくり」が登録されています",
    );
    expect(alone.stderr).toContain("--replace");
    const unchanged = JSON.parse(hoshin(["export", "--city", "小諸市", "--year", "2024"], env).stdout);
    expect(unchanged.policies.map((p: { code: string }) => p.code)).toEqual(["6"]);

    const both = hoshin(["import", seedPath, policy3, "--city", "小諸市", "--year", "2024"], env);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain("政策 2、施策 10、事務事業 90。");
    expect(both.stdout).toContain("seisaku3.txt:503: エラー:");
    const merged = JSON.parse(hoshin(["export", "--city", "小諸市", "--year", "2024"], env).stdout);
    expect(merged.policies.map((p: { code: string }) => p.code)).toEqual(["6", "3"]);
    const json = JSON.parse(hoshin(["summary", "--city", "小諸市", "--year", "2024", "--json"], env).stdout);
    expect(json.rollups.all.map((r: { total: number }) => r.total)).toEqual([
      3984986 * 2,
      4022511 * 2,
      3656321 * 2,
    ]);

    const duplicate = hoshin(["import", seedPath, seedPath, "--city", "小諸市", "--year", "2024"], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("政策 6 が複数のファイルにあります");

    const replaced = hoshin(["import", seedPath, "--city", "小諸市", "--year", "2024", "--replace"], env);
    expect(replaced.code).toBe(0);
    const back = JSON.parse(hoshin(["export", "--city", "小諸市", "--year", "2024"], env).stdout);
    expect(back.policies.map((p: { code: string }) => p.code)).toEqual(["6"]);
  });
});

describe("imports that cannot destroy", { timeout: 300_000 }, () => {
  it("refuses a book cut short, a project that would go without --replace, and a year the book does not print", () => {
    // Given: the seed stored for 小諸市 2024 (whatever the tests before left).
    expect(hoshin(["import", seedPath, "--city", "小諸市", "--year", "2024", "--replace"], env).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-guards-"));
    const half = join(dir, "half.txt");
    writeFileSync(half, readFileSync(seedPath).subarray(0, 40000));
    const cut = hoshin(["import", half, "--city", "小諸市", "--year", "2024"], env);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain("読み取れない箇所が 7 件あります（記載どおりに取り込めません）:");
    expect(cut.stderr).toContain("half.txt:16: 16行目: 目次にある施策 6-3が本文にありません。");
    expect(cut.stderr).toContain("取り込みませんでした。データベースは変更していません。");

    const renamed = join(dir, "renamed.txt");
    writeFileSync(renamed, rename(seedVariant(), "職員研修費", "職員研修事業").text);
    const dropped = hoshin(["import", renamed, "--city", "小諸市", "--year", "2024"], env);
    expect(dropped.code).toBe(1);
    expect(dropped.stderr).toContain(
      "政策 6「すべての主体が参加し、協働するまちづくり」 › 施策 6-2「戦略的で効率的・効果的な行政経営を推進します」: 事務事業 「職員研修費」",
    );
    expect(dropped.stderr).toContain("--replace");

    const year = hoshin(["import", seedPath, "--city", "小諸市", "--year", "R7"], env);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain(
      "入力された年度 令和7年度（2025年度） は、計画書に記載の 令和6年度（2024年度） と異なります。",
    );

    const exported = JSON.parse(hoshin(["export", "--city", "小諸市", "--year", "2024"], env).stdout);
    const names = exported.policies[0].measures.flatMap((m: { projects: { name: string }[] }) =>
      m.projects.map((p) => p.name),
    );
    expect(names).toHaveLength(45);
    expect(names).toContain("職員研修費");
  });
});

describe("npm start (hoshin start)", { timeout: 300_000 }, () => {
  it("loads the sample book on first start and prints its totals; the second start reuses it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hoshin-start-"));
    const startEnv = testDb ? env : { DATABASE_URL: "", HOSHIN_DATA_DIR: join(dir, "nested", "data") };
    const first = hoshin(["start", "--no-server"], startEnv);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/年度別事業費\s+3,984,986\s+4,022,511\s+3,656,321/);
    const second = hoshin(["start", "--no-server"], startEnv);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("読み込みました");
    expect(second.stdout).toMatch(/年度別事業費\s+3,984,986/);
  });

  it("serves the login page on an empty data folder, with the totals and the admin password printed", async () => {
    const server = await startServer();
    try {
      const res = await fetch(`${server.url}/login`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<title>ログイン | Hoshin");
      const out = server.output();
      expect(out).toContain("見本の実施計画書（小諸市 令和6年度 政策6）を読み込みました。");
      expect(out).toMatch(/年度別事業費\s+3,984,986\s+4,022,511\s+3,656,321/);
      expect(out).toMatch(/最初の管理者を作成しました。ログイン名: admin　パスワード: \S{16}\n/);
      // The totals come before the address and the password, as README shows.
      expect(out.indexOf("年度別事業費")).toBeLessThan(out.indexOf("職員用の画面: http://localhost:"));
      expect(out).toContain("止めるには Ctrl+C を押します。");
    } finally {
      await server.stop();
    }
    expect(server.output()).toContain("サーバーを停止しました。");
  });
});
