/** Fiscal Data Package 1.0-rc.1: ColumnTypes, `extraFields`, `normalize`, and the minimal model we require. */

import {
  BUDGET_TAXONOMY,
  BUDGET_TAXONOMY_URLS,
  type ColumnTypeDef,
  isCurrency,
  VALUE_FACTOR,
} from "./budget-taxonomy.ts";
import { type Checker, isObj, MAX_DATA_PROBLEMS, q, type Table } from "./checker.ts";
import { reportDuplicates } from "./data.ts";
import { constraintProblems } from "./field-constraints.ts";
import { castDescriptorValue, type Field } from "./field-types.ts";
import { TYPES } from "./table-schema.ts";

export function readDeclaredColumnTypes(ctx: Checker, x: unknown): void {
  if (x === undefined) return; // the Budget taxonomy is the default
  if (!Array.isArray(x)) {
    ctx.add("columnTypes", "配列ではありません。");
    return;
  }
  const define = (d: unknown, where: string) => {
    if (!isObj(d) || typeof d.name !== "string" || d.name === "") {
      ctx.add(where, "name を持つ ColumnType の定義ではありません。");
      return;
    }
    if (d.dataType !== undefined && (typeof d.dataType !== "string" || !TYPES.has(d.dataType)))
      ctx.add(`${where}.dataType`, `Table Schema の型ではありません（${q(d.dataType)}）。`);
    if (d.unique !== undefined && typeof d.unique !== "boolean")
      ctx.add(`${where}.unique`, "真偽値ではありません。");
    for (const k of ["labelOf", "prior"]) {
      if (d[k] !== undefined && typeof d[k] !== "string") ctx.add(`${where}.${k}`, "文字列ではありません。");
    }
    ctx.columnTypes.set(d.name, {
      ...(typeof d.dataType === "string" ? { dataType: d.dataType } : {}),
      ...(d.unique === true ? { unique: true } : {}),
      ...(typeof d.labelOf === "string" ? { labelOf: d.labelOf } : {}),
    });
  };
  const declared = new Map<string, ColumnTypeDef>();
  ctx.columnTypes.clear();
  x.forEach((item, i) => {
    const where = `columnTypes[${i}]`;
    if (typeof item === "string") {
      if (BUDGET_TAXONOMY_URLS.has(item)) for (const [k, d] of BUDGET_TAXONOMY) declared.set(k, d);
      else ctx.add(where, `ColumnType の定義 ${q(item)} は取得しないため確かめられません。`);
    } else if (Array.isArray(item)) {
      item.forEach((d, j) => {
        define(d, `${where}[${j}]`);
      });
    } else define(item, where);
  });
  // Explicit definitions take precedence over the taxonomies they are listed with.
  for (const [k, d] of declared) if (!ctx.columnTypes.has(k)) ctx.columnTypes.set(k, d);
}

/** A ColumnType's properties: its own, or those of its known colon-separated prefixes (longer first). */
function resolveColumnType(ctx: Checker, name: string): ColumnTypeDef | null {
  const own = ctx.columnTypes.get(name);
  if (own) return own;
  const segments = name.split(":");
  let found = false;
  const merged: ColumnTypeDef = {};
  for (let k = 1; k < segments.length; k++) {
    const d = ctx.columnTypes.get(segments.slice(0, k).join(":"));
    if (!d) continue;
    found = true;
    Object.assign(merged, d);
  }
  return found ? merged : null;
}

export function checkFiscalColumns(ctx: Checker, t: Table): void {
  const all = [...t.fields, ...t.extraFields];
  const extra = new Set(t.extraFields.map((f) => f.name));
  const fieldWhere = (f: Field) =>
    `${t.where}.schema.${extra.has(f.name) ? "extraFields" : "fields"}（${f.name}）`;

  for (const f of all) {
    const ct = f.descriptor.columnType;
    if (ct === undefined) continue;
    const w = fieldWhere(f);
    if (typeof ct !== "string" || ct === "") {
      ctx.add(w, "columnType が空でない文字列ではありません。");
      continue;
    }
    const def = resolveColumnType(ctx, ct);
    if (!def) {
      ctx.add(
        w,
        `未知の columnType ${q(ct)} です（Budget taxonomy にも columnTypes の定義にもありません）。`,
      );
      continue;
    }
    if (def.dataType && def.dataType !== f.type)
      ctx.add(w, `columnType ${q(ct)} の列は ${def.dataType} 型でなければなりません（${f.type}）。`);
    if (f.descriptor.constant !== undefined) {
      const c = castDescriptorValue(f, f.descriptor.constant);
      t.constants.set(
        ct,
        c.ok ? (typeof c.value === "bigint" ? Number(c.value) : c.value) : f.descriptor.constant,
      );
    }
  }

  // extraFields: constants, the normalisation target, and the reduced columns every measure names.
  const targets = t.extraFields.filter((f) => f.descriptor.normalizationTarget === true);
  const reduced = t.extraFields.filter(
    (f) => f.descriptor.constant === undefined && f.descriptor.normalizationTarget !== true,
  );
  for (const f of t.extraFields) {
    const w = fieldWhere(f);
    const nt = f.descriptor.normalizationTarget;
    if (nt !== undefined && typeof nt !== "boolean")
      ctx.add(w, "normalizationTarget が真偽値ではありません。");
    if (f.descriptor.constant !== undefined) {
      if (nt === true) ctx.add(w, "constant と normalizationTarget は同時に使えません。");
      const c = castDescriptorValue(f, f.descriptor.constant);
      if (!c.ok)
        ctx.add(w, `constant が ${f.type} 型の値ではありません: ${c.why}（${q(f.descriptor.constant)}）。`);
      else for (const p of constraintProblems(f, c.value)) ctx.add(w, `constant が ${p}。`);
    }
  }
  const measures = t.fields.filter((f) => f.descriptor.normalize !== undefined);
  if (targets.length > 1) ctx.add(`${t.where}.schema.extraFields`, "normalizationTarget が2つ以上あります。");
  if (measures.length > 0 && targets.length === 0)
    ctx.add(`${t.where}.schema.extraFields`, "normalize の値を受ける normalizationTarget の列がありません。");
  if (measures.length === 0 && targets.length > 0)
    ctx.add(
      `${t.where}.schema.extraFields`,
      "normalizationTarget の列に値を渡す normalize の列がありません。",
    );
  const combinations = new Map<string, string>();
  for (const m of measures) {
    const w = fieldWhere(m);
    const n = m.descriptor.normalize;
    if (!isObj(n)) {
      ctx.add(w, "normalize がオブジェクトではありません。");
      continue;
    }
    if (m.type !== "number" && m.type !== "integer")
      ctx.add(w, "normalize する列は数値型でなければなりません。");
    for (const k of Object.keys(n)) {
      const target = reduced.find((f) => f.name === k);
      if (!target) {
        ctx.add(
          w,
          `normalize のキー ${q(k)} は extraFields の（定数でも normalizationTarget でもない）列ではありません。`,
        );
        continue;
      }
      const c = castDescriptorValue(target, n[k]);
      if (!c.ok) ctx.add(w, `normalize の ${k} の値が ${target.type} 型ではありません（${q(n[k])}）。`);
      else for (const p of constraintProblems(target, c.value)) ctx.add(w, `normalize の ${k} の値が ${p}。`);
    }
    for (const r of reduced) if (!(r.name in n)) ctx.add(w, `normalize に ${q(r.name)} の値がありません。`);
    const key = JSON.stringify(reduced.map((r) => n[r.name] ?? null));
    const other = combinations.get(key);
    if (other !== undefined)
      ctx.add(w, `normalize の値が ${q(other)} と同じです（非正規化すると行が重なります）。`);
    combinations.set(key, m.name);
  }
  for (const r of reduced) {
    if (measures.length === 0)
      ctx.add(
        fieldWhere(r),
        "constant も normalizationTarget もなく、値の出どころのない extraFields の列です。",
      );
  }

  // Columns with `unique` ColumnTypes together identify a row.
  if (t.rows) {
    const unique = t.fields
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => {
        const ct = f.descriptor.columnType;
        return typeof ct === "string" && resolveColumnType(ctx, ct)?.unique === true;
      });
    if (unique.length > 0) {
      let count = 0;
      reportDuplicates(
        ctx,
        t.rows,
        t.rowWhere,
        unique.map((u) => u.i),
        `一意の columnType の列（${unique.map((u) => u.f.name).join(", ")}）の組`,
        (where, what) => {
          if (count++ < MAX_DATA_PROBLEMS) ctx.add(where, what);
        },
      );
    }
    // Physical currency columns hold ISO 4217 codes.
    t.fields.forEach((f, i) => {
      if (f.descriptor.columnType !== "value-currency:code") return;
      let count = 0;
      t.rows?.forEach((row, r) => {
        const v = row[i] ?? null;
        if (v !== null && !isCurrency(v) && count++ < MAX_DATA_PROBLEMS)
          ctx.add(
            `${t.rowWhere[r] ?? t.where} ${f.name}`,
            `ISO 4217 の通貨コードではありません（${q(v)}）。`,
          );
      });
    });
  }
}

/** Our minimal model: an amount, its fiscal year, and the currency it is in. */
export function checkFiscalRequirements(ctx: Checker): void {
  const typeOf = (t: Table) =>
    new Set(
      [...t.fields, ...t.extraFields]
        .map((f) => f.descriptor.columnType)
        .filter((c) => typeof c === "string"),
    );
  const fiscal = ctx.tables.filter((t) => typeOf(t).has("value"));
  if (fiscal.length === 0) {
    ctx.add(
      "resources",
      'columnType "value"（金額）の列を持つ資源がありません（Fiscal Data Package として最低限必要です）。',
    );
    return;
  }
  for (const t of fiscal) {
    const types = typeOf(t);
    if (!types.has("date:fiscal-year"))
      ctx.add(t.where, 'columnType "date:fiscal-year"（会計年度）の列がありません。');
    if (!types.has("value-currency:code"))
      ctx.add(t.where, 'columnType "value-currency:code"（通貨）の列がありません。');
    const currency = t.constants.get("value-currency:code");
    if (currency !== undefined && !isCurrency(currency))
      ctx.add(t.where, `通貨 ${q(currency)} は ISO 4217 の通貨コードではありません。`);
    const factor = t.constants.get(VALUE_FACTOR);
    if (factor !== undefined && !(typeof factor === "number" && Number.isFinite(factor) && factor > 0))
      ctx.add(t.where, `金額の倍率（${VALUE_FACTOR}）${q(factor)} が正の数値ではありません。`);
  }
}
