/**
 * Validates a Fiscal Data Package: its descriptor and the CSV files it describes.
 *
 * Specifications followed (frictionlessdata, the versions published with Fiscal Data Package 1.0-rc.1):
 *  - Data Package 1.0.0-rc.2, Data Resource 1.0-rc.2, Tabular Data Package 1.0.0-rc.2, Tabular Data
 *    Resource 1.0-rc.2, Table Schema 1.0.0-rc.2, CSV Dialect 1.2, and the registry JSON Schemas
 *    (tabular-data-package.json, tabular-data-resource.json, table-schema.json, csv-dialect.json);
 *  - Fiscal Data Package 1.0-rc.1 (22 April 2018) with its Budget taxonomy 1.0-rc.1 (ColumnTypes,
 *    `columnTypes`, `extraFields`, `normalize`, `normalizationTarget`, `constant`);
 *  - the `model` of Fiscal Data Package 0.3.0, which the registry's fiscal-data-package.json (the JSON
 *    Schema the 1.0-rc.1 specification links) still requires: measures with an ISO 4217 `currency` and a
 *    numeric `factor`, dimensions with attributes and a primary key.
 *
 * Rules checked:
 *  - package: a JSON object; `profile` "tabular-data-package"; `name` lower-case /^[a-z0-9._-]+$/;
 *    `resources` a non-empty array of resources with unique names; the types of title, description,
 *    homepage, version, keywords, licenses, sources, contributors, created; relative `sources` paths exist.
 *  - resource: `profile` "tabular-data-resource"; `name` /^[a-z0-9._-]+$/; exactly one of `path` / `data`;
 *    each path a relative POSIX path (no "/", ".", "~" at the start, no "..") or an http(s) URL, not mixed;
 *    every relative path present among the files; `format` csv, `mediatype` text/csv; `encoding` UTF-8;
 *    `bytes` and `hash` (md5, or "algorithm:hex") equal to the file's; `dialect` per CSV Dialect 1.2.
 *  - Table Schema: `fields` non-empty, each with a unique `name`, a known `type` and a `format` of that
 *    type, type-specific properties of the right kind, `constraints` that apply to the type;
 *    `missingValues` strings; `primaryKey` and `foreignKeys` naming existing fields and resources, with
 *    matching lengths.
 *  - data: the file is UTF-8 (a BOM is allowed and skipped), parses as RFC 4180 CSV with the dialect's
 *    delimiter, quote and line terminator; the header equals the field names in order; every row has one
 *    cell per field; every cell casts to its field's type and format (integer fields hold integers) and
 *    meets its constraints (required, unique, enum, minimum, maximum, minLength, maxLength, pattern);
 *    primary keys are unique and never empty; foreign keys resolve (SQL MATCH SIMPLE: a key with an
 *    empty part is not checked).
 *  - Fiscal Data Package 1.0-rc.1: every `columnType` is in the Budget taxonomy, derives from one of its
 *    types by a colon-separated prefix, or is declared inline in `columnTypes` (the specification accepts
 *    undeclared types too; this validator reports them, so that a misspelt type is not silently ignored);
 *    a field's `type` equals its ColumnType's `dataType`; the columns with `unique` ColumnTypes identify
 *    each row; `extraFields` are constants (castable to their type), the one `normalizationTarget`, or
 *    reduced columns that every `normalize` mapping names; the package has a resource with a `value`
 *    column and a `date:fiscal-year` column (the specification leaves every part optional and lets
 *    implementations require a minimal model: this is ours), whose currency (`value-currency:code`) is an
 *    ISO 4217 code and whose factor (`value-factor`), if any, is a positive number.
 *  - Fiscal Data Package 0.3 `model`: at least one measure and one dimension; measures name a numeric field
 *    of an existing resource, with an ISO 4217 `currency`, a positive numeric `factor`, `direction` and
 *    `phase` from their lists, and agree with the 1.0 currency and factor constants of their resource;
 *    dimension attributes name existing fields, `parent` / `labelfor` / `primaryKey` name attributes,
 *    `dimensionType` and `classificationType` from their lists, a classification has a `code` attribute;
 *    `countryCode`, `granularity` and `fiscalPeriod` as the schema says.
 *
 * Not checked: URLs (nothing is fetched; a URL path or schema is reported as not checkable), inline
 * `data` beyond its shape, encodings other than UTF-8, dialects with an escape character or without
 * doubled quotes. Problems are in Japanese, each prefixed with where it is.
 */

import { Checker, isObj, q } from "./checker.ts";
import { checkForeignKeys } from "./data.ts";
import { checkPackageMetadata } from "./data-package.ts";
import {
  checkFiscalColumns,
  checkFiscalRequirements,
  readDeclaredColumnTypes,
} from "./fiscal-data-package.ts";
import { checkModel } from "./fiscal-model.ts";
import { checkResource } from "./tabular-resource.ts";

/** The problems of a package (descriptor and files); an empty list means it is valid. */
export function validateDataPackage(descriptor: unknown, files: Map<string, Uint8Array>): string[] {
  const ctx = new Checker(files);
  checkPackage(ctx, descriptor);
  return ctx.problems;
}

function checkPackage(ctx: Checker, descriptor: unknown): void {
  if (!isObj(descriptor)) {
    ctx.add("datapackage.json", "記述子が JSON のオブジェクトではありません。");
    return;
  }
  checkPackageMetadata(ctx, descriptor);
  readDeclaredColumnTypes(ctx, descriptor.columnTypes);
  const resources = descriptor.resources;
  if (!Array.isArray(resources) || resources.length === 0) {
    ctx.add("resources", "空でない配列が必要です（Tabular Data Package には1つ以上の資源が必要）。");
    return;
  }
  const names = new Set<string>();
  resources.forEach((r, i) => {
    const t = checkResource(ctx, r, i);
    if (!t) return;
    if (names.has(t.name)) ctx.add(t.where, `資源名 ${q(t.name)} が重複しています。`);
    names.add(t.name);
    ctx.tables.push(t);
  });
  for (const t of ctx.tables) checkForeignKeys(ctx, t);
  for (const t of ctx.tables) checkFiscalColumns(ctx, t);
  checkFiscalRequirements(ctx);
  checkModel(ctx, descriptor);
}
