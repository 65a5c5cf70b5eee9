import type { PlanDocument } from "../plan/model.ts";

/** A measure an import would remove, or a measure kept whose projects it would remove. */
export interface MeasureRemoval {
  code: string;
  title: string;
  /** The measure itself goes (it is not in the new book); otherwise only the projects listed go. */
  whole: boolean;
  /** Names of the stored projects that go, in book order. */
  projects: string[];
}

/** A policy an import would remove, or a policy kept with measures or projects it would remove. */
export interface PolicyRemoval {
  code: string;
  title: string;
  whole: boolean;
  measures: MeasureRemoval[];
}

/**
 * What importing `incoming` over the stored plan would remove, per policy and measure, by name.
 * Policies are matched by code, measures by code within their policy, projects by name within their
 * measure (the keys the book prints). Empty when nothing goes.
 */
export function importRemovals(stored: PlanDocument | null, incoming: PlanDocument): PolicyRemoval[] {
  if (!stored) return [];
  const out: PolicyRemoval[] = [];
  for (const sp of stored.policies) {
    const ip = incoming.policies.find((p) => p.code === sp.code);
    const measures: MeasureRemoval[] = [];
    for (const sm of sp.measures) {
      const im = ip?.measures.find((m) => m.code === sm.code);
      const names = new Set(im?.projects.map((x) => x.name) ?? []);
      const projects = sm.projects.map((x) => x.name).filter((n) => !names.has(n));
      if (!im || projects.length > 0) measures.push({ code: sm.code, title: sm.title, whole: !im, projects });
    }
    if (!ip || measures.length > 0) out.push({ code: sp.code, title: sp.title, whole: !ip, measures });
  }
  return out;
}

/** How many policies, measures and projects would go (a whole policy counts its measures and projects). */
export function removalCounts(removals: readonly PolicyRemoval[]): {
  policies: number;
  measures: number;
  projects: number;
} {
  let measures = 0;
  let projects = 0;
  for (const p of removals)
    for (const m of p.measures) {
      if (m.whole) measures++;
      projects += m.projects.length;
    }
  return { policies: removals.filter((p) => p.whole).length, measures, projects };
}

/** 「政策 1、施策 2、事務事業 5」: the counts of what would go, for a button or a message. */
export function describeRemovalCounts(removals: readonly PolicyRemoval[]): string {
  const c = removalCounts(removals);
  return [
    c.policies > 0 ? `政策 ${c.policies} 件` : null,
    c.measures > 0 ? `施策 ${c.measures} 件` : null,
    c.projects > 0 ? `事務事業 ${c.projects} 件` : null,
  ]
    .filter((x) => x !== null)
    .join("、");
}

/** One Japanese line per policy and measure: what goes, by name. */
export function describeRemovals(removals: readonly PolicyRemoval[]): string[] {
  const out: string[] = [];
  for (const p of removals) {
    const policy = `政策 ${p.code}「${p.title}」`;
    if (p.whole) out.push(`${policy}（政策ごと削除）`);
    for (const m of p.measures) {
      const measure = `${policy} › 施策 ${m.code}「${m.title}」`;
      const names = m.projects.map((n) => `「${n}」`).join("、");
      if (m.whole) out.push(`${measure}（施策ごと削除）${names ? `: 事務事業 ${names}` : ""}`);
      else out.push(`${measure}: 事務事業 ${names}`);
    }
  }
  return out;
}

/**
 * A fingerprint of what would go, sent with the explicit 置き換え choice: the confirmation refuses when
 * what would go is no longer what the user was shown (another import in between). FNV-1a, 32 bits, hex:
 * it only tells two lists apart, it protects nothing.
 */
export function removalFingerprint(removals: readonly PolicyRemoval[]): string {
  const text = JSON.stringify(removals);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
