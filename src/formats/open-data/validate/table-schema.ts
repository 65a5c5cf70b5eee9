/** Table Schema 1.0-rc.2: the fields, constraints, missing values, primary and foreign keys of a schema. */

import { type Checker, isObj, type Obj, q, type Table } from "./checker.ts";
import { castDescriptorValue, type Field, formatProblem } from "./field-types.ts";

export const TYPES = new Set([
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "date",
  "time",
  "datetime",
  "year",
  "yearmonth",
  "duration",
  "geopoint",
  "geojson",
  "any",
]);

const CONSTRAINTS = new Set([
  "required",
  "unique",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "pattern",
  "enum",
]);

const LENGTH_TYPES = new Set(["string", "array", "object"]);

const RANGE_TYPES = new Set(["integer", "number", "date", "time", "datetime", "year", "yearmonth"]);

function checkField(ctx: Checker, f: unknown, where: string): Field | null {
  if (!isObj(f)) {
    ctx.add(where, "フィールド記述子がオブジェクトではありません。");
    return null;
  }
  if (typeof f.name !== "string" || f.name === "") {
    ctx.add(where, "name（空でない文字列）がありません。");
    return null;
  }
  const w = `${where}（${f.name}）`;
  const type = f.type === undefined ? "string" : f.type;
  if (typeof type !== "string" || !TYPES.has(type)) {
    ctx.add(w, `未知の型 ${q(f.type)} です。`);
    return null;
  }
  const format = f.format === undefined ? "default" : f.format;
  if (typeof format !== "string") ctx.add(w, "format が文字列ではありません。");
  else {
    const p = formatProblem(type, format);
    if (p) ctx.add(w, p);
  }
  for (const k of ["title", "description", "rdfType"]) {
    if (f[k] !== undefined && typeof f[k] !== "string") ctx.add(`${w}.${k}`, "文字列ではありません。");
  }
  if (type === "boolean") {
    for (const k of ["trueValues", "falseValues"]) {
      const x = f[k];
      if (x !== undefined && (!Array.isArray(x) || x.some((s) => typeof s !== "string")))
        ctx.add(`${w}.${k}`, "文字列の配列ではありません。");
    }
  }
  if (type === "number") {
    for (const k of ["decimalChar", "groupChar"]) {
      if (f[k] !== undefined && typeof f[k] !== "string") ctx.add(`${w}.${k}`, "文字列ではありません。");
    }
  }
  if (
    (type === "number" || type === "integer") &&
    f.bareNumber !== undefined &&
    typeof f.bareNumber !== "boolean"
  )
    ctx.add(`${w}.bareNumber`, "真偽値ではありません。");

  const field: Field = {
    name: f.name,
    type,
    format: typeof format === "string" ? format : "default",
    descriptor: f,
    constraints: {},
    pattern: null,
  };
  if (f.constraints !== undefined) {
    if (!isObj(f.constraints)) ctx.add(`${w}.constraints`, "オブジェクトではありません。");
    else field.constraints = checkConstraints(ctx, f.constraints, field, `${w}.constraints`);
  }
  return field;
}

function checkConstraints(ctx: Checker, c: Obj, field: Field, where: string): Obj {
  const ok: Obj = {};
  for (const [k, x] of Object.entries(c)) {
    if (!CONSTRAINTS.has(k)) {
      ctx.add(where, `未知の制約 ${q(k)} です。`);
      continue;
    }
    if (k === "required" || k === "unique") {
      if (typeof x !== "boolean") ctx.add(`${where}.${k}`, "真偽値ではありません。");
      else ok[k] = x;
    } else if (k === "minLength" || k === "maxLength") {
      if (!LENGTH_TYPES.has(field.type)) ctx.add(`${where}.${k}`, `${field.type} 型には使えない制約です。`);
      else if (typeof x !== "number" || !Number.isInteger(x) || x < 0)
        ctx.add(`${where}.${k}`, "0 以上の整数ではありません。");
      else ok[k] = x;
    } else if (k === "minimum" || k === "maximum") {
      if (!RANGE_TYPES.has(field.type)) ctx.add(`${where}.${k}`, `${field.type} 型には使えない制約です。`);
      else {
        const cast = castDescriptorValue(field, x);
        if (cast.ok) ok[k] = x;
        else ctx.add(`${where}.${k}`, `${cast.why}（${q(x)}）。`);
      }
    } else if (k === "pattern") {
      if (field.type !== "string") ctx.add(`${where}.pattern`, `${field.type} 型には使えない制約です。`);
      else if (typeof x !== "string") ctx.add(`${where}.pattern`, "文字列ではありません。");
      else {
        try {
          // XML Schema patterns match the whole value.
          field.pattern = new RegExp(`^(?:${x})$`, "u");
          ok.pattern = x;
        } catch {
          ctx.add(`${where}.pattern`, `正規表現として読めません（${q(x)}）。`);
        }
      }
    } else if (k === "enum") {
      if (!Array.isArray(x) || x.length === 0) ctx.add(`${where}.enum`, "空でない配列ではありません。");
      else {
        const bad = x.map((e) => castDescriptorValue(field, e)).find((r) => !r.ok);
        if (bad && !bad.ok) ctx.add(`${where}.enum`, `${bad.why}。`);
        else ok.enum = x;
      }
    }
  }
  return ok;
}

function keyList(ctx: Checker, x: unknown, names: ReadonlySet<string>, where: string): string[] | null {
  const list = typeof x === "string" ? [x] : Array.isArray(x) && x.length > 0 ? x : null;
  if (!list || list.some((k) => typeof k !== "string")) {
    ctx.add(where, "フィールド名の文字列か、空でない文字列の配列が必要です。");
    return null;
  }
  const keys = list as string[];
  let ok = true;
  for (const k of keys) {
    if (!names.has(k)) {
      ctx.add(where, `フィールド ${q(k)} がありません。`);
      ok = false;
    }
  }
  if (new Set(keys).size !== keys.length) {
    ctx.add(where, "同じフィールドが2度あります。");
    ok = false;
  }
  return ok ? keys : null;
}

export function checkTableSchema(ctx: Checker, s: Obj, t: Table, where: string): void {
  if (!Array.isArray(s.fields) || s.fields.length === 0) {
    ctx.add(`${where}.fields`, "空でない配列が必要です。");
    return;
  }
  const seen = new Set<string>();
  s.fields.forEach((f, i) => {
    const field = checkField(ctx, f, `${where}.fields[${i}]`);
    if (!field) return;
    const lower = field.name.toLowerCase();
    if (seen.has(lower)) ctx.add(`${where}.fields[${i}]`, `フィールド名 ${q(field.name)} が重複しています。`);
    seen.add(lower);
    t.fields.push(field);
  });
  const names = new Set(t.fields.map((f) => f.name));
  if (s.missingValues !== undefined) {
    if (!Array.isArray(s.missingValues) || s.missingValues.some((m) => typeof m !== "string"))
      ctx.add(`${where}.missingValues`, "文字列の配列ではありません。");
  }
  if (s.primaryKey !== undefined) {
    t.primaryKey = keyList(ctx, s.primaryKey, names, `${where}.primaryKey`) ?? [];
  }
  if (s.foreignKeys !== undefined) {
    if (!Array.isArray(s.foreignKeys)) ctx.add(`${where}.foreignKeys`, "配列ではありません。");
    else
      s.foreignKeys.forEach((fk, i) => {
        const w = `${where}.foreignKeys[${i}]`;
        if (!isObj(fk) || !isObj(fk.reference)) {
          ctx.add(w, "fields と reference（オブジェクト）が必要です。");
          return;
        }
        const fields = keyList(ctx, fk.fields, names, `${w}.fields`);
        const ref = fk.reference;
        if (typeof ref.resource !== "string") {
          ctx.add(`${w}.reference.resource`, "資源名の文字列が必要です（自己参照は空文字列）。");
          return;
        }
        const refFields =
          typeof ref.fields === "string" ? [ref.fields] : Array.isArray(ref.fields) ? ref.fields : null;
        if (!refFields || refFields.some((x) => typeof x !== "string")) {
          ctx.add(`${w}.reference.fields`, "フィールド名の文字列か文字列の配列が必要です。");
          return;
        }
        if ((typeof fk.fields === "string") !== (typeof ref.fields === "string"))
          ctx.add(w, "fields が文字列なら reference.fields も文字列、配列なら配列でなければなりません。");
        if (fields && refFields.length !== fields.length)
          ctx.add(w, "fields と reference.fields の数が合いません。");
        if (fields)
          t.foreignKeys.push({
            where: w,
            fields,
            resource: ref.resource,
            referenced: refFields as string[],
          });
      });
  }
  // Fiscal Data Package 1.0-rc.1: fields of the denormalised form not held in the file.
  if (s.extraFields !== undefined) {
    if (!Array.isArray(s.extraFields)) ctx.add(`${where}.extraFields`, "配列ではありません。");
    else
      s.extraFields.forEach((f, i) => {
        const field = checkField(ctx, f, `${where}.extraFields[${i}]`);
        if (!field) return;
        const lower = field.name.toLowerCase();
        if (seen.has(lower))
          ctx.add(`${where}.extraFields[${i}]`, `フィールド名 ${q(field.name)} が重複しています。`);
        seen.add(lower);
        t.extraFields.push(field);
      });
  }
  t.missingValues = Array.isArray(s.missingValues)
    ? s.missingValues.filter((m): m is string => typeof m === "string")
    : [""];
}
