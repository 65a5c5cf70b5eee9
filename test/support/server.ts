import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./cli.ts";
import { createPostgresDatabase, testBackend } from "./db.ts";

export interface StartedServer {
  /** e.g. http://localhost:40123 */
  url: string;
  /** The password of the first administrator `admin`, printed once by `hoshin start`. */
  adminPassword: string;
  /** Everything the server printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real server as a user does (`hoshin start`, on a free port) on a fresh database of the
 * run's backend: a new PGlite folder, or with DATABASE_URL a new PostgreSQL database. The seed book is
 * loaded and the first administrator made by the server itself. With `databaseUrl` it serves that
 * PostgreSQL database instead (made and dropped by the caller; a second server on it has no new password).
 */
export async function startServer(opts: { databaseUrl?: string } = {}): Promise<StartedServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "hoshin-web-"));
  const pgUrl = process.env.DATABASE_URL;
  const database =
    opts.databaseUrl !== undefined
      ? null
      : testBackend === "postgres" && pgUrl
        ? await createPostgresDatabase(pgUrl)
        : null;
  const child: ChildProcess = spawn(
    process.execPath,
    [join(projectRoot, "bin/hoshin.js"), "start", "--port", "0"],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        HOSHIN_DATA_DIR: join(dataDir, "data"),
        DATABASE_URL: opts.databaseUrl ?? database?.url ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (b: Buffer) => {
    out += b.toString("utf8");
  });
  child.stderr?.on("data", (b: Buffer) => {
    out += b.toString("utf8");
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const started = await new Promise<{ url: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`サーバーが起動しませんでした:\n${out}`)), 90_000);
    const check = () => {
      const url = /職員用の画面: (http:\/\/\S+?)\/?\n/.exec(out)?.[1];
      const password = /パスワード: (\S+)/.exec(out)?.[1];
      // A second server on a database given here finds the administrator made by the first one.
      const shared = opts.databaseUrl !== undefined && out.includes("登録済みの利用者でログインしてください");
      if (url && (password || shared)) {
        clearTimeout(timer);
        resolve({ url, password: password ?? "" });
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`サーバーが終了しました（${code}）:\n${out}`));
    });
  });
  return {
    url: started.url,
    adminPassword: started.password,
    output: () => out,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
