import { createHash } from "node:crypto";
import { type ImportBlocker, importBlockers } from "../../domain/checks/import-findings.ts";
import type { CityIdentity } from "../../domain/city/city.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { mergePlans } from "../../domain/plan/merge.ts";
import type { Diagnostic, PlanDocument } from "../../domain/plan/model.ts";
import { type PlanFileReading, readPlanFile } from "../../formats/read-plan-file.ts";
import { resolveCity } from "../cities/resolve-city.ts";
import { HoshinError } from "../errors.ts";
import { planKey } from "./plan-key.ts";

/** A file to import: its name (for messages) and its bytes as uploaded or read from disk. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** One file as read for an import. */
export interface ImportFileReading {
  name: string;
  kind: PlanFileReading["kind"];
  encoding: string | null;
  /** SHA-256 of the file (16 hex digits), shown so the user can tell two uploads apart. */
  digest: string;
  fiscalYear: number | null;
  diagnostics: Diagnostic[];
  policies: number;
}

/** The books of one city and year read together, merged into one plan, with what blocks the import. */
export interface ImportReading {
  /** The city, resolved to its 全国地方公共団体コード (typed as a code or an unambiguous name). */
  city: CityIdentity;
  cityCode: string;
  fiscalYear: number;
  files: ImportFileReading[];
  /** The plan of all files, merged in the order given (diagnostics prefixed with the file's name). */
  plan: PlanDocument;
  /** Findings that mean the books could not be read: the import is refused while there is one. */
  blockers: ImportBlocker[];
}

const FILE_FIELD = {
  field: "file",
  message:
    "実施計画書のテキストファイル（UTF-8 または Shift_JIS）か、Hoshin から書き出した Excel ブック（.xlsx）を選んでください。",
};

/** 「a.txt: 」 before a message when several files are read together. */
const prefix = (name: string, several: boolean) => (several ? `${name}: ` : "");

/**
 * Reads the books of one plan (one file, or one book per policy) and checks them against the city and
 * year typed: a year the books print (令和6年度) that differs from the year typed is refused naming both,
 * so is a city that the books do not name while they name another (a workbook's 情報 sheet, the
 * 「○○市役所」 of a text). Empty city or year: taken from the books when they say. Writes nothing.
 * Throws HoshinError "invalid-input" (fields `file`, `city`, `fiscalYear`).
 */
export async function readImportFiles(opts: {
  files: readonly ImportFile[];
  city: string;
  fiscalYear: number | null;
}): Promise<ImportReading> {
  if (opts.files.length === 0) {
    throw new HoshinError("invalid-input", "計画書ファイルを選んでください。", { fields: [FILE_FIELD] });
  }
  const several = opts.files.length > 1;
  const readings = await Promise.all(
    opts.files.map(async (f) => ({ file: f, reading: await readPlanFile(f.bytes) })),
  );
  for (const { file, reading } of readings) {
    if (reading.plan.policies.length > 0) continue;
    const first = reading.plan.diagnostics.find((d) => d.severity === "error");
    throw new HoshinError(
      "invalid-input",
      `${file.name}: このファイルは実施計画として読み取れませんでした。${first ? first.message : "政策が見つかりません。"}`,
      { fields: [FILE_FIELD] },
    );
  }

  const fiscalYear = checkYear(readings, opts.fiscalYear, several);
  const city = checkCity(readings, opts.city.trim(), several);
  const { plan, duplicates } = mergePlans(readings.map((r) => ({ name: r.file.name, plan: r.reading.plan })));
  if (duplicates.length > 0) {
    const list = duplicates.map((d) => `政策 ${d.code} が複数のファイルにあります: ${d.books.join("、")}`);
    throw new HoshinError(
      "invalid-input",
      `${list.join("。")}。政策ごとのファイルを1つずつ選んでください。`,
      {
        fields: [{ field: "file", message: list.join("。") }],
        problems: list,
      },
    );
  }
  const blockers = readings.flatMap(({ file, reading }) =>
    importBlockers(reading.findings, reading.plan, several ? file.name : null),
  );
  return {
    ...planKey(city.code, fiscalYear),
    files: readings.map(({ file, reading }) => ({
      name: file.name,
      kind: reading.kind,
      encoding: reading.encoding,
      digest: createHash("sha256").update(file.bytes).digest("hex").slice(0, 16),
      fiscalYear: reading.fiscalYear,
      diagnostics: reading.plan.diagnostics,
      policies: reading.plan.policies.length,
    })),
    plan,
    blockers,
  };
}

type Readings = { file: ImportFile; reading: PlanFileReading }[];

function checkYear(readings: Readings, typed: number | null, several: boolean): number {
  const printed = [...new Set(readings.map((r) => r.reading.fiscalYear).filter((y) => y !== null))];
  const describe = (y: number) => `${formatWarekiFiscalYear(y)}（${y}年度）`;
  if (printed.length > 1) {
    const each = readings
      .filter((r) => r.reading.fiscalYear !== null)
      .map((r) => `${r.file.name}: ${describe(r.reading.fiscalYear as number)}`);
    throw new HoshinError(
      "invalid-input",
      `ファイルごとに年度が異なります（${each.join("、")}）。同じ年度の計画書だけを選んでください。`,
      { fields: [{ field: "file", message: "同じ年度の計画書だけを選んでください。" }] },
    );
  }
  const book = printed[0] ?? null;
  if (typed !== null && book !== null && typed !== book) {
    const which = readings.find((r) => r.reading.fiscalYear === book)?.file.name ?? "";
    const message =
      `入力された年度 ${describe(typed)} は、${several ? `${which} の` : ""}計画書に記載の ${describe(book)} と異なります。` +
      "年度を確かめてください（年度を指定しなければ計画書の年度で取り込みます）。";
    throw new HoshinError("invalid-input", message, { fields: [{ field: "fiscalYear", message }] });
  }
  const year = typed ?? book;
  if (year === null) {
    throw new HoshinError("invalid-input", "計画書から年度を読み取れませんでした。年度を指定してください。", {
      fields: [{ field: "fiscalYear", message: "年度を指定してください。" }],
    });
  }
  return year;
}

function checkCity(readings: Readings, typedText: string, several: boolean): CityIdentity {
  const codes = [...new Set(readings.map((r) => r.reading.cityCode).filter((c) => c !== null))];
  if (typedText === "" && codes.length === 1 && codes[0]) return resolveCity(codes[0]);
  if (typedText === "") {
    const named = [...new Set(readings.map((r) => r.reading.city).filter((c) => c !== null))];
    const only = named.length === 1 && readings.every((r) => r.reading.city !== null) ? named[0] : undefined;
    if (only) return resolveCity(only);
    const message =
      named.length > 1
        ? `ファイルごとに市町村が異なります（${named.join("、")}）。市町村を全国地方公共団体コードか名前で入力してください。`
        : "市町村を全国地方公共団体コードか名前で入力してください（例: 202088 または 小諸市）。";
    throw new HoshinError("invalid-input", message, { fields: [{ field: "city", message }] });
  }
  const city = resolveCity(typedText);
  const typed = city.name;
  for (const { file, reading } of readings) {
    if (reading.cityCode !== null && reading.cityCode.normalize("NFKC") !== city.code) {
      const message =
        `入力された市町村「${typed}」（${city.code}）は、${prefix(file.name, several)}ブックの「情報」シートに記載の` +
        `全国地方公共団体コード「${reading.cityCode}」と異なります。市町村を確かめてください。`;
      throw new HoshinError("invalid-input", message, { fields: [{ field: "city", message }] });
    }
    if (
      reading.namedCities.length === 0 ||
      reading.namedCities.includes(typed) ||
      reading.namedCities.includes(city.prefecture + typed)
    )
      continue;
    const book = reading.namedCities[0] ?? "";
    const where =
      reading.kind === "xlsx"
        ? "ブックの「情報」シート"
        : `本文（「${book}${book.endsWith("市") ? "役所" : "役場"}」など）`;
    const message =
      `入力された市町村「${typed}」（${city.code}）は、${prefix(file.name, several)}計画書の${where}に記載の「${book}」と異なります。` +
      "市町村を確かめてください。";
    throw new HoshinError("invalid-input", message, { fields: [{ field: "city", message }] });
  }
  return city;
}
