/** CSV Dialect 1.2: the `dialect` of a resource. */

import { type Checker, type Obj, q } from "./checker.ts";

const DIALECT_KEYS = new Set([
  "csvddfVersion",
  "delimiter",
  "doubleQuote",
  "lineTerminator",
  "nullSequence",
  "quoteChar",
  "escapeChar",
  "skipInitialSpace",
  "header",
  "commentChar",
  "caseSensitiveHeader",
]);

export function checkDialect(ctx: Checker, d: Obj, where: string): void {
  for (const k of Object.keys(d)) if (!DIALECT_KEYS.has(k)) ctx.add(where, `未知のプロパティ ${q(k)} です。`);
  // The registry's csv-dialect.json requires these two.
  if (d.delimiter === undefined) ctx.add(where, "delimiter がありません。");
  if (d.doubleQuote === undefined) ctx.add(where, "doubleQuote がありません。");
  for (const k of ["delimiter", "lineTerminator", "quoteChar", "escapeChar", "nullSequence", "commentChar"]) {
    if (d[k] !== undefined && typeof d[k] !== "string") ctx.add(`${where}.${k}`, "文字列ではありません。");
  }
  for (const k of ["doubleQuote", "skipInitialSpace", "header", "caseSensitiveHeader"]) {
    if (d[k] !== undefined && typeof d[k] !== "boolean") ctx.add(`${where}.${k}`, "真偽値ではありません。");
  }
  if (d.csvddfVersion !== undefined && typeof d.csvddfVersion !== "number")
    ctx.add(`${where}.csvddfVersion`, "数値ではありません。");
  for (const k of ["quoteChar", "escapeChar", "commentChar"]) {
    if (typeof d[k] === "string" && [...(d[k] as string)].length !== 1)
      ctx.add(`${where}.${k}`, "1文字ではありません。");
  }
  if (typeof d.lineTerminator === "string" && !["\r\n", "\n", "\r"].includes(d.lineTerminator))
    ctx.add(`${where}.lineTerminator`, "この検証器では CRLF・LF・CR 以外の行末を確かめられません。");
}
