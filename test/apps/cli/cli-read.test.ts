import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeShiftJis } from "../../../src/formats/decode.ts";
import { hoshin, projectRoot } from "../../support/cli.ts";
import {
  diagnosticKeys,
  expectedSeedDiagnosticKeys,
  normalizeForComparison,
} from "../../support/plan-compare.ts";

const root = projectRoot;
const seedPath = join(root, "test/fixtures/komoro-2024-policy6.txt");
const expected = JSON.parse(
  readFileSync(join(root, "test/fixtures/komoro-2024-policy6.expected.json"), "utf8"),
);

describe("hoshin parse and check (no database)", () => {
  it("parse prints the seed as hoshin-plan/1 JSON equal to the expected reading", () => {
    const r = hoshin(["parse", seedPath]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.format).toBe("hoshin-plan/1");
    expect(normalizeForComparison(plan)).toEqual(normalizeForComparison(expected));
    expect(diagnosticKeys(plan.diagnostics)).toEqual(expectedSeedDiagnosticKeys(expected.diagnostics));
  });

  it("check lists each problem in Japanese with file and line, and exits 1 on errors", () => {
    const r = hoshin(["check", seedPath]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("komoro-2024-policy6.txt:503: エラー: 「職員研修費」の令和7年度");
    expect(r.stdout).toContain(
      "komoro-2024-policy6.txt:555: 警告: 「議員報酬等」に令和8年度の投入指標がありません",
    );
    expect(r.stdout).toContain("komoro-2024-policy6.txt:986: 警告: JIS X 0213 にない漢字「费」");
    expect(r.stdout).toContain(
      "komoro-2024-policy6.txt:986: 警告: 「税務総務費人件費」の項「2徴税费」が、「賦課徴収費運営費」の「2徴収費」と同じ番号で名称が異なります",
    );
    expect(r.stdout.trim().split("\n").at(-1)).toBe("エラー 2 件、警告 8 件、情報 0 件");
  });

  it("check exits 0 on a book without errors, read from Shift_JIS with CRLF", () => {
    const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-"));
    const fixed = readFileSync(seedPath, "utf8")
      .replace("\t1,443 千円\t1,453 千円\t1,453 千円", "\t1,443 千円\t1,443 千円\t1,443 千円")
      .replace("徴税费", "徴税費");
    const file = join(dir, "book-sjis.txt");
    writeFileSync(file, encodeShiftJis(fixed.replace(/\n/g, "\r\n")));
    const r = hoshin(["check", file]);
    expect(r.stdout.trim().split("\n").at(-1)).toBe("エラー 0 件、警告 7 件、情報 0 件");
    expect(r.code).toBe(0);
  });

  it("says what is wrong with the command line, in Japanese, with exit code 2", () => {
    const missing = hoshin(["check", "/nonexistent/book.txt"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("ファイル「/nonexistent/book.txt」が見つかりません。");
    const unknown = hoshin(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("「frobnicate」というコマンドはありません。");
    const noCity = hoshin(["summary", "--year", "2024"]);
    expect(noCity.code).toBe(2);
    expect(noCity.stderr).toContain("--city で市町村名を指定してください");
    const badYear = hoshin(["summary", "--city", "小諸市", "--year", "二千"]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain("年度「二千」を読めません");
  });

  it("parse never crashes on a binary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "hoshin-cli-"));
    const file = join(dir, "image.png");
    writeFileSync(file, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
    const r = hoshin(["check", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("テキストファイルではありません");
  });
});

describe("hoshin in a shell pipeline", () => {
  it("stops quietly when the reader of its output closes the pipe (parse | head)", () => {
    const r = spawnSync(
      "sh",
      ["-c", `node bin/hoshin.js parse '${seedPath}' | head -c 100 >/dev/null; echo "$?"`],
      {
        cwd: projectRoot,
        encoding: "utf8",
      },
    );
    expect(r.stderr).not.toContain("EPIPE");
    expect(r.stdout.trim()).toBe("0");
  });
});
