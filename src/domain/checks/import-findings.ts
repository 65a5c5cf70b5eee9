import type { Diagnostic, PlanDocument } from "../plan/model.ts";

/**
 * What a finding of a reader says about an import:
 * - "faithful": the book as printed (a sum that does not add up, a missing year, a name printed two
 *   ways). The plan is imported as printed, with the finding.
 * - "unreadable": the reader could not read the book (an amount it cannot read, a line it could not
 *   place, a measure of the contents missing from the body, a file that is no book). Importing would
 *   store something the book does not say (an amount as 0, a half book as the whole year), so the
 *   import is refused.
 */
export type FindingKind = "faithful" | "unreadable";

/** Findings of checkPlan and of the readers that describe the book as printed, whatever their severity. */
const FAITHFUL_CODES: ReadonlySet<string> = new Set([
  "funding-sum-mismatch",
  "missing-fiscal-year",
  "nonstandard-character",
  "classification-name-mismatch",
  "title-mismatch",
  "invalid-classification",
  "duplicate-project",
]);

/**
 * Findings that mean text or cells were not read, even as warnings: a line the reader could not place,
 * a character the encoding could not decode, a policy or measure of the contents that the body lacks
 * (a book cut short).
 */
const UNREADABLE_CODES: ReadonlySet<string> = new Set([
  "unparsed-line",
  "undecodable-character",
  "contents-mismatch",
  "invalid-amount",
  "amount-count-mismatch",
  "reader-failure",
]);

/**
 * Any other code follows its severity: an error of a reader (a missing 一般財源 row read as 0, a cell
 * that is not a number, a missing sheet) is unreadable; a warning (an empty cell, an unread 市長公約事項)
 * is kept with the plan. Information never blocks (「施策が目次にありません」 only notes the contents).
 */
export function findingKind(d: Pick<Diagnostic, "code" | "severity">): FindingKind {
  if (d.severity === "info") return "faithful";
  if (FAITHFUL_CODES.has(d.code)) return "faithful";
  if (UNREADABLE_CODES.has(d.code)) return "unreadable";
  return d.severity === "error" ? "unreadable" : "faithful";
}

/**
 * A structure no book prints: a policy or measure without a code or title (「政策?」, 「施策?（施策不明）」,
 * what a reader makes of projects it cannot place), a measure without 所管課 (「所管未設定」). Each is a
 * Japanese reason naming the policy or measure.
 */
export function structureProblems(plan: PlanDocument): string[] {
  const out: string[] = [];
  const unknown = (code: string) => code.trim() === "" || code.includes("?");
  for (const policy of plan.policies) {
    const p = `政策 ${policy.code || "（番号なし）"}`;
    if (unknown(policy.code)) out.push(`${p}: 政策の番号を読み取れませんでした。`);
    if (policy.title.trim() === "") out.push(`${p}: 政策の名称を読み取れませんでした。`);
    if (policy.measures.length === 0) out.push(`${p}「${policy.title}」: 施策が1つもありません。`);
    for (const m of policy.measures) {
      const where = `施策 ${m.code || "（番号なし）"}${m.title ? `「${m.title}」` : ""}`;
      if (unknown(m.code)) {
        const shown = m.projects.slice(0, 3).map((x) => `「${x.name.slice(0, 30)}」`);
        if (m.projects.length > 3) shown.push(`ほか ${m.projects.length - 3} 件`);
        const names = shown.join("、");
        out.push(
          `${where}: どの施策に属するか読み取れない事務事業があります${names ? `（${names}）` : ""}。`,
        );
        continue;
      }
      if (m.title.trim() === "") out.push(`${where}: 施策の名称を読み取れませんでした。`);
      if (m.leadDepartment === null || m.leadDepartment.trim() === "")
        out.push(`${where}: 施策の所管課を読み取れませんでした。`);
    }
  }
  return out;
}

/** One reason an import is refused, located as its finding is (the file, the line or the cell). */
export interface ImportBlocker {
  /** The file the reason is about, when several are imported together. */
  file: string | null;
  line: number | null;
  message: string;
}

/**
 * Why a plan read from a book must not be imported: the unreadable findings of this reading (not the
 * ones a workbook carries from an earlier import) and the structure problems of the plan read.
 */
export function importBlockers(
  readingFindings: readonly Diagnostic[],
  plan: PlanDocument,
  file: string | null = null,
): ImportBlocker[] {
  const out: ImportBlocker[] = readingFindings
    .filter((d) => findingKind(d) === "unreadable")
    .map((d) => ({ file, line: d.line, message: d.message }));
  for (const message of structureProblems(plan)) out.push({ file, line: null, message });
  return out;
}

/** 「a.txt: 16行目: …」: a blocker as one line (the line number is not repeated when the message has it). */
export function blockerText(b: ImportBlocker): string {
  const line = b.line !== null && !b.message.startsWith(`${b.line}行目`) ? `${b.line}行目: ` : "";
  return `${b.file ? `${b.file}: ` : ""}${line}${b.message}`;
}
