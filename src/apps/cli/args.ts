import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { parseFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { UsageError } from "./cli-io.ts";

/** Every option of every command (node:util parseArgs, strict: an unknown option is a usage error). */
export const OPTIONS = {
  city: { type: "string" },
  year: { type: "string" },
  format: { type: "string" },
  json: { type: "boolean" },
  from: { type: "string" },
  to: { type: "string" },
  imported: { type: "boolean" },
  compact: { type: "boolean" },
  replace: { type: "boolean" },
  yes: { type: "boolean" },
  port: { type: "string" },
  host: { type: "string" },
  "no-server": { type: "boolean" },
  admin: { type: "boolean" },
  role: { type: "string" },
  login: { type: "string" },
  name: { type: "string" },
  department: { type: "string" },
  "all-cities": { type: "boolean" },
  "password-stdin": { type: "boolean" },
  out: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
  debug: { type: "boolean" },
  population: { type: "string" },
  "population-year": { type: "string" },
  group: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

type OptionValues = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean;
};

/** What a command is given: the options and the words after the command name. */
export interface CommandArgs {
  values: OptionValues;
  positionals: string[];
}

export function parseYear(value: string | undefined, required: boolean): number | null {
  if (value === undefined) {
    if (required)
      throw new UsageError("--year で年度を指定してください（例: --year 2024 または --year 令和6年度）。");
    return null;
  }
  const year = parseFiscalYear(value);
  if (year !== null) return year;
  throw new UsageError(`年度「${value}」を読めません（例: 2024、令和6年度 または R6）。`);
}

/** A year given with another option than --year (--from, --to). */
export function yearOption(value: string | undefined, flag: string): number {
  if (value === undefined)
    throw new UsageError(`${flag} で年度を指定してください（例: ${flag} 2024 または ${flag} 令和6年度）。`);
  return parseYear(value, true) as number;
}

export function requireCity(value: string | undefined): string {
  if (!value || value.trim() === "")
    throw new UsageError("--city で市町村名を指定してください（例: --city 小諸市）。");
  return value.trim();
}

export async function readInput(path: string | undefined): Promise<{ bytes: Uint8Array; name: string }> {
  if (!path) throw new UsageError("読み込むファイルを指定してください。");
  try {
    return { bytes: await readFile(path), name: basename(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "見つかりません"
        : code === "EISDIR"
          ? "フォルダです"
          : `読めません（${code ?? String(e)}）`;
    throw new UsageError(`ファイル「${path}」が${why}。`);
  }
}

export function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 3000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`ポート番号「${raw}」が正しくありません。`);
  return n;
}
