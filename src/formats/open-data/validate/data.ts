/** The data against its schema: the CSV files cast field by field, constraints, primary and foreign keys. */

import { decodeCsv, parseCsv } from "../csv.ts";
import { type Checker, type Logical, MAX_DATA_PROBLEMS, type Obj, q, type Table } from "./checker.ts";
import { constraintProblems, keyOf } from "./field-constraints.ts";
import { castValue } from "./field-types.ts";

export function checkData(ctx: Checker, t: Table, paths: readonly string[], dialect: Obj): void {
  if (t.fields.length === 0) return;
  const label = paths.join("+");
  let count = 0;
  let over = 0;
  const problem = (where: string, what: string) => {
    if (count < MAX_DATA_PROBLEMS) ctx.add(where, what);
    else over++;
    count++;
  };
  const delimiter = typeof dialect.delimiter === "string" ? dialect.delimiter : ",";
  const quoteChar = typeof dialect.quoteChar === "string" ? dialect.quoteChar : '"';
  if ([...delimiter].length !== 1 || dialect.doubleQuote === false || dialect.escapeChar !== undefined) {
    ctx.add(label, "この検証器は1文字の区切りと二重引用符のエスケープ以外の方言を確かめられません。");
    return;
  }
  const header = dialect.header !== false;
  const caseSensitive = dialect.caseSensitiveHeader === true;
  const missing = new Set(t.missingValues);
  if (typeof dialect.nullSequence === "string") missing.add(dialect.nullSequence);
  const rows: Logical[][] = [];
  const rowWhere: string[] = [];

  for (const path of paths) {
    const bytes = ctx.files.get(path) as Uint8Array;
    let text: string;
    try {
      text = decodeCsv(bytes);
    } catch {
      problem(path, "UTF-8 として正しくないバイト列があります。");
      continue;
    }
    const parsed = parseCsv(text, {
      delimiter,
      quoteChar,
      skipInitialSpace: dialect.skipInitialSpace === true,
    });
    for (const p of parsed.problems) problem(path, p);
    const expected = typeof dialect.lineTerminator === "string" ? [dialect.lineTerminator] : ["\r\n", "\n"];
    for (const term of parsed.terminators) {
      if (!expected.includes(term))
        problem(
          path,
          `行末 ${q(term)} は dialect.lineTerminator（${expected.map((e) => q(e)).join("・")}）と違います。`,
        );
    }
    if (parsed.terminators.size > 1) problem(path, "行末の改行コードが混在しています。");
    // Rows are numbered as records, the header being row 1, as a spreadsheet shows them (a quoted field
    // may span text lines; parse problems above name text lines).
    let records = parsed.rows.map((cells, i) => ({ cells, line: i + 1 }));
    if (typeof dialect.commentChar === "string") {
      const cc = dialect.commentChar;
      records = records.filter((r) => !(r.cells[0] ?? "").startsWith(cc));
    }
    if (header) {
      const first = records.shift();
      const names = t.fields.map((f) => f.name);
      const got = first?.cells ?? [];
      const same =
        got.length === names.length &&
        got.every((h, i) => (caseSensitive ? h === names[i] : h.toLowerCase() === names[i]?.toLowerCase()));
      if (!same)
        problem(
          `${path} ${first?.line ?? 1}行目`,
          `見出しがスキーマのフィールド名と一致しません（見出し: ${got.join(",")} / スキーマ: ${names.join(",")}）。`,
        );
    }
    for (const r of records) {
      const at = `${path} ${r.line}行目`;
      if (r.cells.length !== t.fields.length) {
        problem(at, `フィールドの数が ${r.cells.length} です（スキーマは ${t.fields.length}）。`);
      }
      const values: Logical[] = [];
      t.fields.forEach((field, i) => {
        const raw = r.cells[i];
        if (raw === undefined || missing.has(raw)) {
          const required = field.constraints.required === true || t.primaryKey.includes(field.name);
          if (required) problem(`${at} ${field.name}`, "必須の値が空です。");
          values.push(null);
          return;
        }
        const cast = castValue(field, raw);
        if (!cast.ok) {
          problem(`${at} ${field.name}`, `${cast.why}（${q(raw)}）。`);
          values.push(null);
          return;
        }
        for (const p of constraintProblems(field, cast.value))
          problem(`${at} ${field.name}`, `${p}（${q(raw)}）。`);
        values.push(cast.value);
      });
      rows.push(values);
      rowWhere.push(at);
    }
  }

  // unique constraints and the primary key
  t.fields.forEach((field, i) => {
    if (field.constraints.unique !== true) return;
    reportDuplicates(ctx, rows, rowWhere, [i], `${field.name} の値（unique）`, problem);
  });
  const pk = t.primaryKey.map((k) => t.fields.findIndex((f) => f.name === k));
  if (pk.length > 0 && pk.every((i) => i >= 0))
    reportDuplicates(ctx, rows, rowWhere, pk, `主キー（${t.primaryKey.join(", ")}）`, problem);
  t.rows = rows;
  t.rowWhere = rowWhere;
  if (over > 0) ctx.add(label, `ほかにも ${over} 件の問題があります。`);
}

export function reportDuplicates(
  _ctx: Checker,
  rows: readonly Logical[][],
  rowWhere: readonly string[],
  columns: readonly number[],
  what: string,
  problem: (where: string, what: string) => void,
): void {
  const seen = new Map<string, string>();
  rows.forEach((row, r) => {
    const values = columns.map((i) => row[i] ?? null);
    if (values.some((v) => v === null)) return;
    const key = keyOf(values);
    const first = seen.get(key);
    if (first !== undefined)
      problem(rowWhere[r] ?? "", `${what}が ${first} と重複しています（${values.map(String).join(", ")}）。`);
    else seen.set(key, rowWhere[r] ?? "");
  });
}

export function checkForeignKeys(ctx: Checker, t: Table): void {
  for (const fk of t.foreignKeys) {
    const target = fk.resource === "" ? t : ctx.tables.find((x) => x.name === fk.resource);
    if (!target) {
      ctx.add(fk.where, `参照先の資源 ${q(fk.resource)} がありません。`);
      continue;
    }
    const refIdx = fk.referenced.map((k) => target.fields.findIndex((f) => f.name === k));
    const missingRef = fk.referenced.filter((_, i) => (refIdx[i] ?? -1) < 0);
    if (missingRef.length > 0) {
      ctx.add(
        fk.where,
        `参照先 ${q(target.name)} にフィールド ${missingRef.map((x) => q(x)).join("・")} がありません。`,
      );
      continue;
    }
    if (!t.rows || !target.rows) continue;
    const keys = new Set(target.rows.map((row) => keyOf(refIdx.map((i) => row[i] ?? null))));
    const local = fk.fields.map((k) => t.fields.findIndex((f) => f.name === k));
    let count = 0;
    t.rows.forEach((row, r) => {
      const values = local.map((i) => row[i] ?? null);
      if (values.some((v) => v === null)) return;
      if (keys.has(keyOf(values))) return;
      if (count++ < MAX_DATA_PROBLEMS)
        ctx.add(
          t.rowWhere[r] ?? t.where,
          `外部キー（${fk.fields.join(", ")}）の値 ${values.map(String).join(", ")} が ${target.name} にありません。`,
        );
    });
    if (count > MAX_DATA_PROBLEMS)
      ctx.add(fk.where, `ほかにも ${count - MAX_DATA_PROBLEMS} 件の外部キーの不一致があります。`);
  }
}
