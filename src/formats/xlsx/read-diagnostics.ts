import { Bag, CHECK_CODES, keyOf } from "../../domain/checks/current-diagnostics.ts";
import type { Diagnostic, Severity } from "../../domain/plan/model.ts";
import { cellFiscalYear, cellInteger, shown } from "./cells.ts";
import { BASELINE, DIAGNOSTIC, NO_LINE, SEVERITY_TEXT } from "./layout.ts";
import type { Findings, Table } from "./table.ts";

function severityOf(text: string | null): Severity | null {
  if (text === null) return null;
  for (const [k, v] of Object.entries(SEVERITY_TEXT) as [Severity, string][]) {
    if (text === v || text === k) return k;
  }
  return null;
}

/**
 * 点検結果: the plan's diagnostics as they were written, each key kept or left out as it was
 * (an empty 行 is no `line`, 「—」 a null line; an empty メッセージ no `message`).
 */
export function readCarriedDiagnostics(table: Table, f: Findings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rec of table.records) {
    const s = rec.key(DIAGNOSTIC.severity);
    const severity = severityOf(s);
    if (severity === null) {
      f.error(
        "invalid-value",
        rec.at(DIAGNOSTIC.severity),
        `${DIAGNOSTIC.severity}「${s ?? ""}」は${Object.values(SEVERITY_TEXT)
          .map((x) => `「${x}」`)
          .join("")}のいずれかで入力してください（この行は読みません）。`,
      );
      continue;
    }
    const code = rec.key(DIAGNOSTIC.code);
    if (code === null) {
      f.error(
        "missing-field",
        rec.at(DIAGNOSTIC.code),
        `${DIAGNOSTIC.code}が空欄です（この行は読みません）。`,
      );
      continue;
    }
    const d: Record<string, unknown> = { severity, code };
    const message = rec.text(DIAGNOSTIC.message);
    if (message !== null) d.message = message;
    const lineValue = rec.value(DIAGNOSTIC.line);
    const lineText = rec.key(DIAGNOSTIC.line);
    if (lineText === NO_LINE) d.line = null;
    else if (lineText !== null) {
      const line = cellInteger(lineValue);
      if (line === null || line < 1) {
        f.error(
          "invalid-value",
          rec.at(DIAGNOSTIC.line),
          `${DIAGNOSTIC.line}「${shown(lineValue)}」は1以上の整数か「${NO_LINE}」で入力してください。`,
        );
        d.line = null;
      } else d.line = line;
    }
    const project = rec.text(DIAGNOSTIC.project);
    if (project !== null) d.project = project;
    const fyValue = rec.value(DIAGNOSTIC.fiscalYear);
    if (rec.key(DIAGNOSTIC.fiscalYear) !== null) {
      const fy = cellFiscalYear(fyValue);
      if (fy === null) {
        f.error(
          "invalid-fiscal-year",
          rec.at(DIAGNOSTIC.fiscalYear),
          `${DIAGNOSTIC.fiscalYear}「${shown(fyValue)}」を読めません。「令和6年度」のように入力してください。`,
        );
      } else d.fiscalYear = String(fy);
    }
    out.push(d as unknown as Diagnostic);
  }
  return out;
}

/** What checkPlan found when a workbook was written (点検基準), by key, and whether the plan listed it. */
export interface Baseline {
  found: string[];
  unlisted: string[];
}

/** 点検基準 (hidden): the keys of what checkPlan found when the workbook was written. */
export function readBaseline(table: Table): Baseline {
  const out: Baseline = { found: [], unlisted: [] };
  for (const rec of table.records) {
    const code = rec.key(BASELINE.code);
    if (code === null) continue;
    const fy = rec.key(BASELINE.fiscalYear) === null ? null : cellFiscalYear(rec.value(BASELINE.fiscalYear));
    const key = keyOf({
      code,
      project: rec.text(BASELINE.project) ?? undefined,
      fiscalYear: fy === null ? undefined : String(fy),
    });
    out.found.push(key);
    if (rec.key(BASELINE.listed) === null) out.unlisted.push(key);
  }
  return out;
}

/**
 * The diagnostics of a plan read from a workbook, without duplicates:
 * 1. the carried diagnostics (点検結果) as they were, except a checkPlan finding that an edit has fixed
 *    (found when the workbook was written, not found now);
 * 2. what this reading found, located by sheet and cell, unless carried word for word;
 * 3. what checkPlan finds now that is not carried, unless it was found when the workbook was written and
 *    the plan's list left it out (a hand-checked list may leave a finding out on purpose). A listed
 *    finding whose row a user deletes from 点検結果 while it still holds comes back.
 * Findings are matched by code, project and fiscal year. Without 点検基準 (a workbook made by hand), a
 * carried finding that no longer holds is dropped and every finding not carried is added.
 */
export function reconcileDiagnostics(
  carried: readonly Diagnostic[],
  reading: readonly Diagnostic[],
  checks: readonly Diagnostic[],
  baseline: Baseline | null,
): Diagnostic[] {
  const now = new Bag(checks.map(keyOf));
  const found = baseline === null ? null : new Bag(baseline.found);
  const unlisted = new Bag(baseline?.unlisted ?? []);
  const claimed = new Bag();
  const out: Diagnostic[] = [];
  for (const d of carried) {
    if (!CHECK_CODES.has(d.code)) {
      out.push(d);
      continue;
    }
    const k = keyOf(d);
    if (now.take(k)) {
      claimed.put(k);
      out.push(d);
    } else if (found !== null && !found.take(k)) {
      // Not a finding of checkPlan when written (typed in by hand, or from another reader): kept.
      out.push(d);
    }
    // Otherwise checkPlan found it then and does not now: the edit fixed it.
  }
  // A finding of reading that was carried (the plan was read from a workbook and written again) and
  // is made again now is the same finding: kept once.
  const sameReading = new Bag(carried.map((d) => `${keyOf(d)}\u0000${d.message ?? ""}`));
  for (const d of reading) {
    if (!sameReading.take(`${keyOf(d)}\u0000${d.message}`)) out.push(d);
  }
  for (const c of checks) {
    const k = keyOf(c);
    if (claimed.take(k)) continue;
    if (unlisted.take(k)) continue;
    out.push(c);
  }
  return out;
}
