/** Fiscal Data Package 1.0-rc.1: the ColumnTypes of its Budget taxonomy, and the ISO 4217 currency codes. */

export interface ColumnTypeDef {
  dataType?: string;
  unique?: boolean;
  labelOf?: string;
}

/** The ColumnTypes of the Budget taxonomy 1.0-rc.1 (`level{1..n}` expanded). */
export const BUDGET_TAXONOMY: ReadonlyMap<string, ColumnTypeDef> = (() => {
  const m = new Map<string, ColumnTypeDef>();
  const s = (name: string, unique = false) =>
    m.set(name, { dataType: "string", ...(unique ? { unique } : {}) });
  const levels = (base: string, n: number, parts: readonly string[], unique: readonly string[]) => {
    for (let i = 1; i <= n; i++) for (const p of parts) s(`${base}:level${i}:${p}`, unique.includes(p));
  };
  m.set("value", { dataType: "number" });
  s("value-kind:code", true);
  s("value-kind:label");
  s("value-currency:code", true);
  s("value-currency:label");
  m.set("date:fiscal-year", { dataType: "integer", unique: true });
  for (const d of ["activity-approval", "activity-end", "activity-start", "final-payment", "first-payment"]) {
    m.set(`date:fiscal:${d}`, { dataType: "date", unique: true });
  }
  m.set("date:generic", { dataType: "date", unique: true });
  const cofog = "functional-classification:cofog";
  for (const level of ["class", "division", "group"]) {
    s(`${cofog}:${level}:code`, true);
    s(`${cofog}:${level}:description`);
    s(`${cofog}:${level}:label`);
  }
  s(`${cofog}:code`, true);
  s(`${cofog}:description`);
  s(`${cofog}:label`);
  const parts = ["code", "description", "label"] as const;
  for (const [base, n] of [
    ["functional-classification:generic", 8],
    ["economic-classification:generic", 4],
    ["administrative-classification:generic", 8],
  ] as const) {
    s(`${base}:code`, true);
    s(`${base}:description`);
    s(`${base}:label`);
    levels(base, n, parts, ["code"]);
  }
  levels("economic-classification:gfsm", 4, parts, ["code"]);
  for (const a of ["contract", "program", "project", "subprogram", "subproject"]) {
    s(`activity:generic:${a}:code`, true);
    s(`activity:generic:${a}:label`);
  }
  s("budget-line-id", true);
  s("budgetary-transfers");
  s("direction", true);
  s("phase:id", true);
  s("phase:label");
  s("expenditure-type:code", true);
  s("expenditure-type:label");
  s("fin-source:generic:code", true);
  s("fin-source:generic:label");
  levels("fin-source:generic", 3, ["code", "label"], ["code"]);
  for (const g of ["generic", "source", "target"]) {
    s(`geo:${g}:code`, true);
    s(`geo:${g}:codeList`, true);
    s(`geo:${g}:title`);
  }
  levels("geo:target", 2, ["code", "title"], ["code"]);
  return m;
})();

export const BUDGET_TAXONOMY_URLS = new Set([
  "https://frictionlessdata.io/taxonomies/fiscal/budgets.json",
  "https://specs.frictionlessdata.io/taxonomies/fiscal/budgets.json",
]);

export const VALUE_FACTOR = "value-factor";

/** ISO 4217 codes as ICU knows them; the three-letter pattern where Intl cannot list them. */
const CURRENCIES: ReadonlySet<string> | null = (() => {
  try {
    return new Set(Intl.supportedValuesOf("currency"));
  } catch {
    return null;
  }
})();

export const isCurrency = (x: unknown): boolean =>
  typeof x === "string" && /^[A-Z]{3}$/.test(x) && (CURRENCIES === null || CURRENCIES.has(x));
