/** What every check of `validateDataPackage` shares: the problems found so far, the files, the tables read. */

import { BUDGET_TAXONOMY, type ColumnTypeDef } from "./budget-taxonomy.ts";
import type { Field } from "./field-types.ts";

export type Obj = Record<string, unknown>;

export type Logical = string | number | bigint | boolean | Obj | unknown[] | null;

export const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);

export const q = (x: unknown): string => JSON.stringify(x) ?? String(x);

/** How many data problems one file may report before the rest are only counted. */
export const MAX_DATA_PROBLEMS = 50;

interface ForeignKey {
  where: string;
  fields: string[];
  resource: string;
  referenced: string[];
}

export interface Table {
  index: number;
  name: string;
  where: string;
  fields: Field[];
  extraFields: Field[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** Logical rows (one value per field), once the data has been read. */
  rows: Logical[][] | null;
  /** Where each data row is, for messages: its file and record number (the header is row 1). */
  rowWhere: string[];
  /** Constant extra fields by ColumnType (Fiscal Data Package), as logical values where they cast. */
  constants: Map<string, unknown>;
  /** Table Schema `missingValues`: the physical values read as null. */
  missingValues: string[];
}

/** What a check of one package has found so far, and what it has read. */
export class Checker {
  readonly problems: string[] = [];
  readonly tables: Table[] = [];
  readonly columnTypes = new Map<string, ColumnTypeDef>(BUDGET_TAXONOMY);
  readonly files: Map<string, Uint8Array>;

  constructor(files: Map<string, Uint8Array>) {
    this.files = files;
  }

  add(where: string, what: string): void {
    this.problems.push(`${where}: ${what}`);
  }
}
