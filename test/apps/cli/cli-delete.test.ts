import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hoshin, projectRoot } from "../../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../../support/db.ts";

// hoshin delete as a user runs it: without --yes it names what would go and changes nothing; with --yes
// it deletes the year (or, without --year, the city).

const seedPath = join(projectRoot, "test/fixtures/komoro-2024-policy6.txt");
let env: Record<string, string | undefined>;
let testDb: TestDatabase | null = null;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-delete-"));
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

describe("hoshin delete", { timeout: 300_000 }, () => {
  it("names what would go without --yes, deletes with it, and deletes a whole city without --year", () => {
    expect(hoshin(["import", seedPath, "--city", "小諸市", "--year", "2024"], env).code).toBe(0);

    const asked = hoshin(["delete", "--city", "小諸市", "--year", "令和6年度"], env);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toBe(
      "小諸市 2024年度を削除すると、政策 1件、施策 5件、事務事業 45件、評価シート 0件が失われます（年度: 2024）。\n" +
        "削除するには --yes を付けて、もう一度実行してください。何も変更していません。\n",
    );
    expect(hoshin(["list"], env).stdout).toContain("小諸市");

    const done = hoshin(["delete", "--city", "小諸市", "--year", "2024", "--yes"], env);
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(
      "小諸市 2024年度を削除しました（政策 1件、施策 5件、事務事業 45件、評価シート 0件）。\n",
    );
    expect(hoshin(["list"], env).stdout).toContain("取り込まれた実施計画はまだありません。");

    const again = hoshin(["delete", "--city", "小諸市", "--year", "2024", "--yes"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("hoshin: 小諸市の2024年度の実施計画は登録されていません。\n");

    // The city row is still there (no plan): deleting the city removes it.
    const city = hoshin(["delete", "--city", "小諸市", "--yes"], env);
    expect(city.code).toBe(0);
    expect(city.stdout).toBe(
      "小諸市（すべての年度）を削除しました（政策 0件、施策 0件、事務事業 0件、評価シート 0件）。\n",
    );
    expect(hoshin(["delete", "--city", "小諸市"], env).stderr).toBe(
      "hoshin: 市町村「小諸市」は登録されていません。\n",
    );
  });
});
