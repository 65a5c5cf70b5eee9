/** Table Schema 1.0-rc.2 field types and formats: which formats a type has and how a CSV cell casts. */

import { isObj, type Logical, type Obj, q } from "./checker.ts";

export interface Field {
  name: string;
  type: string;
  format: string;
  descriptor: Obj;
  constraints: Obj;
  /** Compiled `constraints.pattern`. */
  pattern: RegExp | null;
}

type Cast = { ok: true; value: Logical } | { ok: false; why: string };

const good = (value: Logical): Cast => ({ ok: true, value });

export const bad = (why: string): Cast => ({ ok: false, why });

const DEFAULT_TRUE = ["true", "True", "TRUE", "1"];

const DEFAULT_FALSE = ["false", "False", "FALSE", "0"];

const STRING_FORMATS = new Set(["default", "email", "uri", "binary", "uuid"]);

export function formatProblem(type: string, format: string): string | null {
  if (format === "default") return null;
  switch (type) {
    case "string":
      return STRING_FORMATS.has(format)
        ? null
        : `string の format は default・email・uri・binary・uuid です。`;
    case "date":
    case "time":
    case "datetime":
      if (format === "any") return null;
      return strptimeRegex(format) ? null : `この検証器では確かめられない日付の書式です（${q(format)}）。`;
    case "geopoint":
      return format === "array" || format === "object"
        ? null
        : "geopoint の format は default・array・object です。";
    case "geojson":
      return format === "topojson" ? null : "geojson の format は default・topojson です。";
    case "any":
      return null;
    default:
      return `${type} 型に format の選択肢はありません（default のみ）。`;
  }
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function validDate(y: number, m: number, d: number): boolean {
  const days = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return Number.isInteger(y) && days !== undefined && Number.isInteger(d) && d >= 1 && d <= days;
}

function validTime(h: number, mi: number, s: number): boolean {
  return (h < 24 && mi < 60 && s < 60) || (h === 24 && mi === 0 && s === 0);
}

interface StrptimePart {
  directive: string;
}

/** A regular expression for a strptime pattern made of %Y %y %m %d %H %M %S %f %z %% and literals. */
function strptimeRegex(format: string): { re: RegExp; parts: StrptimePart[] } | null {
  let src = "";
  const parts: StrptimePart[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c !== "%") {
      src += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      continue;
    }
    const d = format[++i];
    const group: Record<string, string> = {
      Y: "(\\d{4})",
      y: "(\\d{2})",
      m: "(\\d{1,2})",
      d: "(\\d{1,2})",
      H: "(\\d{1,2})",
      M: "(\\d{1,2})",
      S: "(\\d{1,2})",
      f: "(\\d{1,6})",
      z: "(Z|[+-]\\d{2}:?\\d{2})",
    };
    if (d === "%") {
      src += "%";
      continue;
    }
    const g = d === undefined ? undefined : group[d];
    if (g === undefined || d === undefined) return null;
    src += g;
    parts.push({ directive: d });
  }
  return { re: new RegExp(`^${src}$`), parts };
}

/** Casts a strptime-formatted value to milliseconds since the epoch (UTC), or null. */
function strptime(format: string, value: string): number | null {
  const r = strptimeRegex(format);
  const m = r?.re.exec(value);
  if (!r || !m) return null;
  let y = 1900;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let offset = 0;
  r.parts.forEach((p, i) => {
    const t = m[i + 1] ?? "";
    const n = Number(t);
    if (p.directive === "Y") y = n;
    else if (p.directive === "y") y = n < 69 ? 2000 + n : 1900 + n;
    else if (p.directive === "m") mo = n;
    else if (p.directive === "d") d = n;
    else if (p.directive === "H") h = n;
    else if (p.directive === "M") mi = n;
    else if (p.directive === "S") s = n;
    else if (p.directive === "f") ms = Number(`0.${t}`) * 1000;
    else if (p.directive === "z" && t !== "Z") {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
      if (z) offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    }
  });
  if (!validDate(y, mo, d) || !validTime(h, mi, s)) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
}

function stripNonNumeric(s: string): string {
  return s.replace(/^[^0-9+\-.]+/, "").replace(/[^0-9.]+$/, "");
}

function castNumber(field: Field, raw: string): Cast {
  let s = raw;
  const d = field.descriptor;
  if (d.bareNumber === false) s = stripNonNumeric(s);
  if (typeof d.groupChar === "string" && d.groupChar !== "") s = s.split(d.groupChar).join("");
  if (typeof d.decimalChar === "string" && d.decimalChar !== "." && d.decimalChar !== "")
    s = s.split(d.decimalChar).join(".");
  if (/^nan$/i.test(s)) return good(Number.NaN);
  if (/^[+]?inf$/i.test(s)) return good(Number.POSITIVE_INFINITY);
  if (/^-inf$/i.test(s)) return good(Number.NEGATIVE_INFINITY);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return bad("数値ではありません");
  return good(Number(s));
}

function castInteger(field: Field, raw: string): Cast {
  const s = field.descriptor.bareNumber === false ? stripNonNumeric(raw) : raw;
  if (!/^[+-]?\d+$/.test(s)) return bad("整数ではありません");
  return good(BigInt(s));
}

function castDate(format: string, raw: string): Cast {
  if (format === "default") {
    const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(raw);
    if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3])))
      return bad("日付（YYYY-MM-DD）ではありません");
    return good(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  if (format === "any") {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? bad("日付として読めません") : good(t);
  }
  const t = strptime(format, raw);
  return t === null ? bad(`書式 ${q(format)} の日付ではありません`) : good(t);
}

function castTime(format: string, raw: string): Cast {
  if (format === "default" || format === "any") {
    const re =
      format === "default"
        ? /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/
        : /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
    const m = re.exec(raw);
    if (!m || !validTime(Number(m[1]), Number(m[2]), Number(m[3] ?? 0))) return bad("時刻ではありません");
    return good(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0));
  }
  const t = strptime(format, raw);
  return t === null ? bad(`書式 ${q(format)} の時刻ではありません`) : good(t);
}

function castDatetime(format: string, raw: string): Cast {
  if (format === "default") {
    const m = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/.exec(raw);
    if (
      !m ||
      !validDate(Number(m[1]), Number(m[2]), Number(m[3])) ||
      !validTime(Number(m[4]), Number(m[5]), Number(m[6]))
    )
      return bad("日時（YYYY-MM-DDThh:mm:ssZ）ではありません");
    return good(Date.parse(raw));
  }
  if (format === "any") {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? bad("日時として読めません") : good(t);
  }
  const t = strptime(format, raw);
  return t === null ? bad(`書式 ${q(format)} の日時ではありません`) : good(t);
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

const inRange = (lon: unknown, lat: unknown) =>
  typeof lon === "number" &&
  typeof lat === "number" &&
  Math.abs(lon) <= 180 &&
  Math.abs(lat) <= 90 &&
  Number.isFinite(lon) &&
  Number.isFinite(lat);

/** The logical value of a physical (string) cell, per Table Schema types and formats. */
export function castValue(field: Field, raw: string): Cast {
  const { type, format } = field;
  switch (type) {
    case "string": {
      if (format === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw))
        return bad("メールアドレスではありません");
      if (format === "uri") {
        if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) return bad("URI ではありません");
        try {
          new URL(raw);
        } catch {
          return bad("URI ではありません");
        }
      }
      if (format === "binary" && !(/^[A-Za-z0-9+/]*={0,2}$/.test(raw) && raw.length % 4 === 0))
        return bad("base64 ではありません");
      if (format === "uuid" && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw))
        return bad("UUID ではありません");
      return good(raw);
    }
    case "integer":
      return castInteger(field, raw);
    case "number":
      return castNumber(field, raw);
    case "boolean": {
      const t = Array.isArray(field.descriptor.trueValues) ? field.descriptor.trueValues : DEFAULT_TRUE;
      const f = Array.isArray(field.descriptor.falseValues) ? field.descriptor.falseValues : DEFAULT_FALSE;
      if (t.includes(raw)) return good(true);
      if (f.includes(raw)) return good(false);
      return bad("真偽値ではありません");
    }
    case "object": {
      const j = parseJson(raw);
      return j.ok && isObj(j.value) ? good(j.value) : bad("JSON のオブジェクトではありません");
    }
    case "array": {
      const j = parseJson(raw);
      return j.ok && Array.isArray(j.value) ? good(j.value) : bad("JSON の配列ではありません");
    }
    case "date":
      return castDate(format, raw);
    case "time":
      return castTime(format, raw);
    case "datetime":
      return castDatetime(format, raw);
    case "year":
      return /^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$/.test(raw)
        ? good(Number.parseInt(raw, 10))
        : bad("年ではありません");
    case "yearmonth": {
      const m = /^(-?\d{4,})-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?$/.exec(raw);
      return m ? good(Number(m[1]) * 12 + Number(m[2]) - 1) : bad("年月（YYYY-MM）ではありません");
    }
    case "duration":
      return /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(raw)
        ? good(raw)
        : bad("期間（ISO 8601）ではありません");
    case "geopoint": {
      if (format === "default") {
        const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(raw);
        return m && inRange(Number(m[1]), Number(m[2])) ? good(raw) : bad("「経度, 緯度」ではありません");
      }
      const j = parseJson(raw);
      if (format === "array")
        return j.ok && Array.isArray(j.value) && j.value.length === 2 && inRange(j.value[0], j.value[1])
          ? good(raw)
          : bad("[経度, 緯度] ではありません");
      return j.ok && isObj(j.value) && Object.keys(j.value).length === 2 && inRange(j.value.lon, j.value.lat)
        ? good(raw)
        : bad("{lon, lat} ではありません");
    }
    case "geojson": {
      const j = parseJson(raw);
      if (!j.ok || !isObj(j.value) || typeof j.value.type !== "string") return bad("GeoJSON ではありません");
      if (format === "topojson" && j.value.type !== "Topology") return bad("TopoJSON ではありません");
      return good(j.value);
    }
    default:
      return good(raw);
  }
}

/** A constraint or constant value: JSON primitives as they are, strings cast by the field's rules. */
export function castDescriptorValue(field: Field, x: unknown): Cast {
  if (typeof x === "string") return castValue(field, x);
  if (field.type === "integer") {
    return typeof x === "number" && Number.isInteger(x) ? good(BigInt(x)) : bad("整数ではありません");
  }
  if (field.type === "number" || field.type === "year") {
    return typeof x === "number" ? good(x) : bad("数値ではありません");
  }
  if (field.type === "boolean") return typeof x === "boolean" ? good(x) : bad("真偽値ではありません");
  if (field.type === "object") return isObj(x) ? good(x) : bad("オブジェクトではありません");
  if (field.type === "array") return Array.isArray(x) ? good(x) : bad("配列ではありません");
  if (field.type === "any") return good(x as Logical);
  return bad(`${field.type} 型の値として読めません`);
}
