/** Fiscal Data Package 0.3: the `model` (measures with currency and factor, dimensions with attributes). */

import { isCurrency, VALUE_FACTOR } from "./budget-taxonomy.ts";
import { type Checker, isObj, type Obj, q, type Table } from "./checker.ts";
import type { Field } from "./field-types.ts";

const MEASURE_DIRECTIONS = new Set(["expenditure", "revenue"]);

const MEASURE_PHASES = new Set(["proposed", "approved", "adjusted", "executed"]);

const DIMENSION_TYPES = new Set([
  "datetime",
  "entity",
  "classification",
  "activity",
  "fact",
  "location",
  "other",
]);

const CLASSIFICATION_TYPES = new Set(["functional", "administrative", "economic"]);

export function checkModel(ctx: Checker, d: Obj): void {
  const m = d.model;
  if (m === undefined) {
    ctx.add("model", "model がありません（fiscal-data-package.json の JSON Schema が必要とします）。");
    return;
  }
  if (!isObj(m)) {
    ctx.add("model", "オブジェクトではありません。");
    return;
  }
  const first = ctx.tables[0];
  const tableOf = (resource: unknown, where: string): Table | null => {
    if (resource === undefined) return first ?? null;
    const t = typeof resource === "string" ? ctx.tables.find((x) => x.name === resource) : undefined;
    if (!t) ctx.add(`${where}.resource`, `資源 ${q(resource)} がありません。`);
    return t ?? null;
  };
  const fieldOf = (t: Table | null, source: unknown, where: string): Field | null => {
    if (typeof source !== "string") {
      ctx.add(`${where}.source`, "フィールド名の文字列が必要です。");
      return null;
    }
    const f = t?.fields.find((x) => x.name === source) ?? null;
    if (t && !f) ctx.add(`${where}.source`, `資源 ${q(t.name)} にフィールド ${q(source)} がありません。`);
    return f;
  };

  const measures = m.measures;
  if (!isObj(measures) || Object.keys(measures).length === 0) {
    ctx.add("model.measures", "1つ以上の measure を持つオブジェクトが必要です。");
  } else {
    for (const [key, x] of Object.entries(measures)) {
      const w = `model.measures.${key}`;
      if (!/^\w/.test(key)) ctx.add(w, "measure の名前は英数字か「_」で始めてください。");
      if (!isObj(x)) {
        ctx.add(w, "オブジェクトではありません。");
        continue;
      }
      const t = tableOf(x.resource, w);
      const f = fieldOf(t, x.source, w);
      if (f && f.type !== "integer" && f.type !== "number")
        ctx.add(`${w}.source`, `数値の列ではありません（${f.type}）。`);
      if (!isCurrency(x.currency))
        ctx.add(`${w}.currency`, `ISO 4217 の通貨コードが必要です（${q(x.currency)}）。`);
      if (
        x.factor !== undefined &&
        !(typeof x.factor === "number" && Number.isFinite(x.factor) && x.factor > 0)
      )
        ctx.add(`${w}.factor`, `正の数値ではありません（${q(x.factor)}）。`);
      if (x.direction !== undefined && !MEASURE_DIRECTIONS.has(String(x.direction)))
        ctx.add(`${w}.direction`, `"expenditure" か "revenue" が必要です（${q(x.direction)}）。`);
      if (x.phase !== undefined && !MEASURE_PHASES.has(String(x.phase)))
        ctx.add(`${w}.phase`, `proposed・approved・adjusted・executed のどれかが必要です（${q(x.phase)}）。`);
      const currency = t?.constants.get("value-currency:code");
      if (t && currency !== undefined && x.currency !== currency)
        ctx.add(`${w}.currency`, `資源 ${t.name} の通貨 ${q(currency)} と違います（${q(x.currency)}）。`);
      const factor = t?.constants.get(VALUE_FACTOR);
      if (t && factor !== undefined && (x.factor ?? 1) !== factor)
        ctx.add(`${w}.factor`, `資源 ${t.name} の倍率 ${q(factor)} と違います（${q(x.factor ?? 1)}）。`);
    }
  }

  const dimensions = m.dimensions;
  if (!isObj(dimensions) || Object.keys(dimensions).length === 0) {
    ctx.add("model.dimensions", "1つ以上の dimension を持つオブジェクトが必要です。");
    return;
  }
  for (const [key, x] of Object.entries(dimensions)) {
    const w = `model.dimensions.${key}`;
    if (!/^\w/.test(key)) ctx.add(w, "dimension の名前は英数字か「_」で始めてください。");
    if (!isObj(x)) {
      ctx.add(w, "オブジェクトではありません。");
      continue;
    }
    const attrs = x.attributes;
    if (!isObj(attrs) || Object.keys(attrs).length === 0) {
      ctx.add(`${w}.attributes`, "1つ以上の属性を持つオブジェクトが必要です。");
      continue;
    }
    const names = new Set(Object.keys(attrs));
    for (const [an, a] of Object.entries(attrs)) {
      const aw = `${w}.attributes.${an}`;
      if (!isObj(a)) {
        ctx.add(aw, "オブジェクトではありません。");
        continue;
      }
      fieldOf(tableOf(a.resource, aw), a.source, aw);
      if (a.constant !== undefined && typeof a.constant !== "string" && typeof a.constant !== "number")
        ctx.add(`${aw}.constant`, "文字列か数値が必要です。");
      for (const k of ["parent", "labelfor"]) {
        if (a[k] === undefined) continue;
        if (typeof a[k] !== "string" || !names.has(a[k] as string) || a[k] === an)
          ctx.add(`${aw}.${k}`, `同じ dimension の別の属性名が必要です（${q(a[k])}）。`);
      }
    }
    if (x.primaryKey === undefined) ctx.add(w, "primaryKey がありません。");
    else {
      const pk = typeof x.primaryKey === "string" ? [x.primaryKey] : x.primaryKey;
      if (!Array.isArray(pk) || pk.length === 0 || pk.some((k) => typeof k !== "string" || !names.has(k)))
        ctx.add(`${w}.primaryKey`, `属性名か属性名の配列が必要です（${q(x.primaryKey)}）。`);
    }
    if (x.dimensionType !== undefined && !DIMENSION_TYPES.has(String(x.dimensionType)))
      ctx.add(`${w}.dimensionType`, `未知の種類です（${q(x.dimensionType)}）。`);
    if (x.classificationType !== undefined && !CLASSIFICATION_TYPES.has(String(x.classificationType)))
      ctx.add(
        `${w}.classificationType`,
        `functional・administrative・economic のどれかが必要です（${q(x.classificationType)}）。`,
      );
    if (x.dimensionType === "classification" && !names.has("code"))
      ctx.add(w, "分類（classification）の dimension には code 属性が必要です。");
  }
}
