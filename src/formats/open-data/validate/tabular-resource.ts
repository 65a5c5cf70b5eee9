/** Data Resource and Tabular Data Resource 1.0-rc.2: a resource, its path, integrity (bytes, hash) and schema. */

import { createHash, getHashes } from "node:crypto";
import { type Checker, isObj, type Obj, q, type Table } from "./checker.ts";
import { checkDialect } from "./csv-dialect.ts";
import { checkData } from "./data.ts";
import { checkLicenses, NAME, urlOrPath } from "./data-package.ts";
import { checkTableSchema } from "./table-schema.ts";

export function checkResource(ctx: Checker, r: unknown, index: number): Table | null {
  const base = `resources[${index}]`;
  if (!isObj(r)) {
    ctx.add(base, "オブジェクトではありません。");
    return null;
  }
  const name = typeof r.name === "string" ? r.name : "";
  const where = name ? `${base}（${name}）` : base;
  if (typeof r.name !== "string" || !NAME.test(r.name))
    ctx.add(where, `資源名（name）は小文字の英数字と「.」「_」「-」だけが必要です（${q(r.name)}）。`);
  if (r.profile !== "tabular-data-resource")
    ctx.add(where, `profile は "tabular-data-resource" が必要です（${q(r.profile)}）。`);
  for (const k of ["title", "description"]) {
    if (r[k] !== undefined && typeof r[k] !== "string") ctx.add(`${where}.${k}`, "文字列ではありません。");
  }
  if (r.licenses !== undefined) checkLicenses(ctx, r.licenses, `${where}.licenses`);

  const hasPath = r.path !== undefined;
  const hasData = r.data !== undefined;
  if (hasPath === hasData) ctx.add(where, "path と data のどちらか一方だけが必要です。");

  const schema = resolveJson(ctx, r.schema, `${where}.schema`, "schema");
  const table: Table = {
    index,
    name,
    where,
    fields: [],
    extraFields: [],
    primaryKey: [],
    foreignKeys: [],
    rows: null,
    rowWhere: [],
    constants: new Map(),
    missingValues: [""],
  };
  if (schema) checkTableSchema(ctx, schema, table, `${where}.schema`);
  else if (r.schema === undefined) ctx.add(where, "schema（Table Schema）がありません。");

  const dialect = r.dialect === undefined ? {} : resolveJson(ctx, r.dialect, `${where}.dialect`, "dialect");
  if (dialect) checkDialect(ctx, dialect, `${where}.dialect`);

  if (hasData && !hasPath) {
    const rows = r.data;
    if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row) && !isObj(row)))
      ctx.add(`${where}.data`, "配列か オブジェクトの行からなる配列ではありません（JSON Tabular Data）。");
    return table;
  }
  if (!hasPath) return table;

  const paths = typeof r.path === "string" ? [r.path] : Array.isArray(r.path) ? r.path : null;
  if (!paths || paths.length === 0) {
    ctx.add(`${where}.path`, "文字列か空でない文字列の配列が必要です。");
    return table;
  }
  const kinds = paths.map((p, i) =>
    urlOrPath(ctx, p, Array.isArray(r.path) ? `${where}.path[${i}]` : `${where}.path`, true),
  );
  if (kinds.includes("url") && kinds.includes("path"))
    ctx.add(`${where}.path`, "URL と相対パスを混ぜることはできません。");
  if (kinds.includes("url")) {
    ctx.add(`${where}.path`, "URL のデータは取得しないため確かめられません。");
    return table;
  }
  const parts = paths.filter((p): p is string => typeof p === "string" && ctx.files.has(p));
  if (parts.length !== paths.length) return table;

  if (r.format !== undefined && r.format !== "csv")
    ctx.add(`${where}.format`, `ファイルのデータは CSV でなければなりません（${q(r.format)}）。`);
  if (r.mediatype !== undefined && (typeof r.mediatype !== "string" || !/^text\/csv(;|$)/.test(r.mediatype)))
    ctx.add(`${where}.mediatype`, `text/csv ではありません（${q(r.mediatype)}）。`);
  const bytes = concat(parts.map((p) => ctx.files.get(p) as Uint8Array));
  checkIntegrity(ctx, r, bytes, where);
  if (r.encoding !== undefined && (typeof r.encoding !== "string" || !/^utf-?8$/i.test(r.encoding))) {
    ctx.add(`${where}.encoding`, `UTF-8 以外の文字コード（${q(r.encoding)}）は確かめられません。`);
    return table;
  }
  if (schema && dialect) checkData(ctx, table, parts, dialect);
  return table;
}

/** A descriptor given inline or as a relative path to a JSON file among the files. */
function resolveJson(ctx: Checker, x: unknown, where: string, what: string): Obj | null {
  if (x === undefined) return null;
  if (isObj(x)) return x;
  if (typeof x === "string") {
    const kind = urlOrPath(ctx, x, where, true);
    if (kind === "url") ctx.add(where, `URL の ${what} は取得しないため確かめられません。`);
    const bytes = kind === "path" ? ctx.files.get(x) : undefined;
    if (!bytes) return null;
    try {
      const parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
      if (isObj(parsed)) return parsed;
    } catch {
      // reported below
    }
    ctx.add(where, `${q(x)} が JSON のオブジェクトではありません。`);
    return null;
  }
  ctx.add(where, "オブジェクトか、JSON ファイルへのパスが必要です。");
  return null;
}

function checkIntegrity(ctx: Checker, r: Obj, bytes: Uint8Array, where: string): void {
  if (r.bytes !== undefined) {
    if (typeof r.bytes !== "number" || !Number.isInteger(r.bytes) || r.bytes < 0)
      ctx.add(`${where}.bytes`, "0 以上の整数ではありません。");
    else if (r.bytes !== bytes.length)
      ctx.add(`${where}.bytes`, `ファイルの大きさ ${bytes.length} バイトと合いません（${r.bytes}）。`);
  }
  if (r.hash === undefined) return;
  const m = typeof r.hash === "string" ? /^(?:([^:]+):)?([a-fA-F0-9]+)$/.exec(r.hash) : null;
  if (!m || (m[1] === undefined && m[2]?.length !== 32)) {
    ctx.add(`${where}.hash`, `"アルゴリズム:16進" か MD5 の16進32桁ではありません（${q(r.hash)}）。`);
    return;
  }
  const algorithm = (m[1] ?? "md5").toLowerCase();
  if (!getHashes().includes(algorithm)) {
    ctx.add(`${where}.hash`, `ハッシュのアルゴリズム ${q(algorithm)} は確かめられません。`);
    return;
  }
  const actual = createHash(algorithm).update(bytes).digest("hex");
  if (actual !== m[2]?.toLowerCase()) ctx.add(`${where}.hash`, `ファイルの ${algorithm} と合いません。`);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
