// Faults and account commands of the CLI (issue 11, findings 8 and 10): one Japanese line naming the cause
// and what to do, no stack trace unless --debug, an exit code per cause; user add names the option.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeFault, EXIT_CODES } from "../../../src/apps/cli/main.ts";
import { processStartTime } from "../../../src/db/data-dir-lock.ts";
import { hoshin, projectRoot } from "../../support/cli.ts";

const scratch = mkdtempSync(join(tmpdir(), "hoshin-cli-faults-"));

describe("hoshin faults", { timeout: 300_000 }, () => {
  it("says in one line that the data folder is in use, exit 3; --debug adds the trace", async () => {
    const data = join(scratch, "busy");
    mkdirSync(data);
    // A live owner: this test process.
    const owner = {
      pid: process.pid,
      started: await processStartTime(process.pid),
      host: hostname(),
      token: "t",
    };
    writeFileSync(join(data, "hoshin.lock"), JSON.stringify(owner));
    const env = { DATABASE_URL: "", HOSHIN_DATA_DIR: data };
    const r = hoshin(["list"], env);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      `hoshin: データフォルダ ${data} は別のプロセス（pid ${process.pid}）が使用中です。サーバーを止めてから実行してください（組み込みデータベースは同時に一つのプロセスしか開けません。同時に使うには DATABASE_URL で PostgreSQL を指定します）。`,
    ]);
    const debug = hoshin(["list", "--debug"], env);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at .*data-dir-lock\.ts/);
  });

  it("asks which city a name two municipalities share means, and refuses a wrong check digit, before opening anything", () => {
    const env = { DATABASE_URL: "", HOSHIN_DATA_DIR: join(scratch, "never-opened") };
    const shared = hoshin(["export", "--city", "伊達市", "--year", "2024"], env);
    expect(shared.code).not.toBe(0);
    expect(shared.stderr).toContain(
      "「伊達市」という市区町村は2つあります: 012335（北海道伊達市）、072133（福島県伊達市）。どれかを全国地方公共団体コードで指定してください。",
    );
    const digit = hoshin(["export", "--city", "202089", "--year", "2024"], env);
    expect(digit.stderr).toContain("全国地方公共団体コード「202089」の検査数字（6桁目）が合いません。");
  });

  it("names the option a refused user add is about, and an unknown user of unlock", () => {
    const env = { DATABASE_URL: "", HOSHIN_DATA_DIR: join(scratch, "users") };
    const r = spawnWithInput(
      ["user", "add", "--login", "x!", "--role", "department", "--department", "総務", "--password-stdin"],
      env,
      "long-enough-pass-1\n",
    );
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe("hoshin: 利用者を追加できません。--login、--city を確かめてください。");
    expect(lines[1]).toBe(
      "  --login: ログイン名は半角英数字と . _ - で、2〜64文字にしてください（先頭は英数字）。",
    );
    // No --city (nor --all-cities): the account would work for no city; its department is not checked
    // until it has one.
    expect(lines[2]).toBe("  --city: 利用者が担当する市町村を1つ以上指定してください。");
    const unlock = hoshin(["user", "unlock", "nobody01"], env);
    expect(unlock.code).toBe(1);
    expect(unlock.stderr.split("\n")[0]).toBe("hoshin: ログイン名「nobody01」の利用者は登録されていません。");
  });

  it("says in one line that the port is in use when hoshin start cannot listen, exit 4", async () => {
    const { createServer } = await import("node:net");
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    const port = (busy.address() as { port: number }).port;
    try {
      const data = join(scratch, "port");
      const r = hoshin(["start", "--port", String(port)], { DATABASE_URL: "", HOSHIN_DATA_DIR: data });
      expect(r.code).toBe(EXIT_CODES.portInUse);
      expect(r.stderr.trim().split("\n")).toEqual([
        `hoshin: ポート ${port} は別のプロセスが使用中です。そのプロセスを止めるか、--port で別のポートを指定してください（例: --port 3001）。`,
      ]);
    } finally {
      await new Promise((done) => busy.close(done));
    }
  });

  it.each([
    [
      Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE", port: 3000 }),
      EXIT_CODES.portInUse,
      "ポート 3000 は別のプロセスが使用中です。そのプロセスを止めるか、--port で別のポートを指定してください（例: --port 3001）。",
    ],
    [
      new Error("Chromium が見つかりません（/usr/bin/chromium）。PDF を作るには\napt-get install chromium"),
      EXIT_CODES.chromiumMissing,
      "Chromium が見つかりません（/usr/bin/chromium）。PDF を作るには apt-get install chromium",
    ],
  ])("describes %s as one line with exit code %i", (e, code, message) => {
    expect(describeFault(e)).toEqual({ code, message });
    expect(message).not.toContain("\n");
  });
});

function spawnWithInput(args: string[], env: Record<string, string>, input: string) {
  const r = spawnSync(process.execPath, [join(projectRoot, "bin/hoshin.js"), ...args], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, ...env },
    input,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
