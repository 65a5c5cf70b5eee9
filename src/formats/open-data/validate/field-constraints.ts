/** Table Schema 1.0-rc.2 constraints of a value (required, enum, minimum, maximum, lengths, pattern). */

import { isObj, type Logical, q } from "./checker.ts";
import { castDescriptorValue, type Field } from "./field-types.ts";

/** A key under which equal logical values meet (1 and 1n alike; strings apart from numbers). */
function keyPart(v: Logical): unknown {
  if (v === null) return null;
  if (typeof v === "bigint") return `n:${v}`;
  if (typeof v === "number") return Number.isInteger(v) ? `n:${BigInt(v)}` : `n:${v}`;
  if (typeof v === "string") return `s:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  return `j:${JSON.stringify(v)}`;
}

export const keyOf = (values: readonly Logical[]): string => JSON.stringify(values.map(keyPart));

function compare(a: Logical, b: Logical): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  const x = typeof a === "bigint" ? Number(a) : a;
  const y = typeof b === "bigint" ? Number(b) : b;
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/** The problems of one logical value against its field's constraints (uniqueness is checked per file). */
export function constraintProblems(field: Field, value: Logical): string[] {
  const c = field.constraints;
  const out: string[] = [];
  if (Array.isArray(c.enum)) {
    const keys = new Set(
      c.enum.map((e) => {
        const cast = castDescriptorValue(field, e);
        return cast.ok ? keyOf([cast.value]) : null;
      }),
    );
    if (!keys.has(keyOf([value]))) out.push(`enum ${q(c.enum)} のどれでもありません`);
  }
  if (c.minimum !== undefined) {
    const m = castDescriptorValue(field, c.minimum);
    if (m.ok && compare(value, m.value) < 0) out.push(`minimum ${q(c.minimum)} より小さい値です`);
  }
  if (c.maximum !== undefined) {
    const m = castDescriptorValue(field, c.maximum);
    if (m.ok && compare(value, m.value) > 0) out.push(`maximum ${q(c.maximum)} より大きい値です`);
  }
  const length =
    typeof value === "string"
      ? [...value].length
      : Array.isArray(value)
        ? value.length
        : isObj(value)
          ? Object.keys(value).length
          : null;
  if (length !== null && typeof c.minLength === "number" && length < c.minLength)
    out.push(`minLength ${c.minLength} より短い値です`);
  if (length !== null && typeof c.maxLength === "number" && length > c.maxLength)
    out.push(`maxLength ${c.maxLength} より長い値です`);
  if (field.pattern && typeof value === "string" && !field.pattern.test(value))
    out.push(`pattern ${q(c.pattern)} に合いません`);
  return out;
}
