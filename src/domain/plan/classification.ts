import type { Classification, ClassificationLevel } from "./model.ts";
import { toHalfWidth } from "./money.ts";

/** One level as printed: 「2総務費」 → {number: 2, name: "総務費"}; null when empty. */
export function parseLevel(part: string | undefined): ClassificationLevel | null {
  if (part === undefined) return null;
  const p = part.trim();
  if (p === "") return null;
  const m = /^([0-9０-９]+)\s*(.*)$/s.exec(p);
  if (m?.[1] !== undefined) return { number: Number(toHalfWidth(m[1])), name: (m[2] ?? "").trim() };
  return { number: null, name: p };
}

/**
 * Splits 「一般会計・2総務費・1総務管理費・4企画費」 on its first three 「・」 into account, 款, 項 and 目,
 * each level's leading number parsed and its name kept as printed. The 目 keeps any further 「・」
 * (「2国保・年金事業費」).
 */
export function parseClassification(text: string): Classification {
  const parts = text.trim().split("・");
  const account = (parts[0] ?? "").trim();
  const kan = parts[1];
  const kou = parts[2];
  const moku = parts.length > 3 ? parts.slice(3).join("・") : undefined;
  return { account, kan: parseLevel(kan), kou: parseLevel(kou), moku: parseLevel(moku) };
}

/** The printed path: 「一般会計・2総務費・1総務管理費・4企画費」. */
export function formatClassification(c: Classification): string {
  const lv = (l: ClassificationLevel | null) => (l ? `${l.number ?? ""}${l.name}` : null);
  return [c.account, lv(c.kan), lv(c.kou), lv(c.moku)].filter((x): x is string => x !== null).join("・");
}

/** 「2総務費」: the code and name of one level, for tables and keys. */
export function formatLevel(l: ClassificationLevel | null): string {
  return l ? `${l.number ?? ""}${l.name}` : "";
}
