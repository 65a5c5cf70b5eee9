import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { Diagnostic, FiscalYearKey, InputField, Inputs } from "../../domain/plan/model.ts";
import { parseThousands } from "../../domain/plan/money.ts";
import type { Line } from "./lines.ts";
import { squash } from "./lines.ts";
import type { RowProblem } from "./sheet-header.ts";

export const INPUT_LABELS: Record<InputField, string> = {
  total: "年度別事業費",
  nationalPrefectural: "国・県支出金",
  localBonds: "地方債",
  otherEarmarked: "その他",
  generalRevenue: "一般財源",
};

/** A cell that holds an amount, valid or not: 「38,430 千円」, 「0」, 「6,424.5 千円」, 「-」. */
export function looksLikeAmount(c: string): boolean {
  return /千円/.test(c) || /^[△▲\-－]?[0-9０-９][0-9０-９,，.．]*$/.test(c.trim());
}

/**
 * Which 投入指標 row a line is, from its label wherever it stands (column 0 or 1, 「特定財源 国・県支出金」
 * in one cell, 「特定 財源」 split by a space). "earmarkedHeading" for the bare 「特定財源」 row.
 */
export function inputField(line: Line): InputField | "earmarkedHeading" | null {
  const text = squash(line.cells.filter((c) => c !== "" && !looksLikeAmount(c)).join(""));
  const m = /^(?:特定財源)?(年度別事業費|国[・･]?県支出金|地方債|その他|一般財源)$/.exec(text);
  if (!m) return text === "特定財源" ? "earmarkedHeading" : null;
  switch (m[1]) {
    case "年度別事業費":
      return "total";
    case "地方債":
      return "localBonds";
    case "その他":
      return "otherEarmarked";
    case "一般財源":
      return "generalRevenue";
    default:
      return "nationalPrefectural";
  }
}

/** The amounts of one 投入指標 row, in order against the years of the 投入指標 header. */
export function readInputRow(
  line: Line,
  field: InputField,
  years: FiscalYearKey[],
  into: Record<FiscalYearKey, Partial<Inputs>>,
): RowProblem[] {
  const problems: RowProblem[] = [];
  const amounts = line.cells.filter((c) => c !== "" && looksLikeAmount(c));
  if (amounts.length !== years.length) {
    problems.push({
      code: "amount-count-mismatch",
      severity: "error",
      message: `${line.no}行目: ${INPUT_LABELS[field]}の金額が${amounts.length}個ありますが、年度は${years.length}個です。`,
    });
  }
  amounts.forEach((cell, k) => {
    const fy = years[k];
    if (fy === undefined) return;
    const n = parseThousands(cell);
    if (n === null) {
      problems.push({
        code: "invalid-amount",
        severity: "error",
        message: `${line.no}行目: ${INPUT_LABELS[field]}の金額「${cell}」を千円単位の整数として読めません。`,
      });
      return;
    }
    into[fy] ??= {};
    (into[fy] as Partial<Inputs>)[field] = n;
  });
  return problems;
}

/**
 * The inputs of each printed year. A row missing for a year is reported and counted as 0, so that the
 * sum check then fails loudly rather than the gap passing unseen.
 */
export function completeInputs(
  partial: Record<FiscalYearKey, Partial<Inputs>>,
  years: FiscalYearKey[],
  context: { project: string; line: number | null },
): { inputs: Record<FiscalYearKey, Inputs>; diagnostics: Diagnostic[] } {
  const inputs: Record<FiscalYearKey, Inputs> = {};
  const diagnostics: Diagnostic[] = [];
  for (const fy of years) {
    const p = partial[fy];
    if (!p) continue;
    const missing = (Object.keys(INPUT_LABELS) as InputField[]).filter((f) => p[f] === undefined);
    if (missing.length > 0) {
      diagnostics.push({
        severity: "error",
        code: "missing-field",
        message: `「${context.project}」の${formatWarekiFiscalYear(fy)}の投入指標に${missing.map((f) => INPUT_LABELS[f]).join("・")}がありません（0として扱います）。`,
        line: context.line,
        project: context.project,
        fiscalYear: fy,
      });
    }
    inputs[fy] = {
      total: p.total ?? 0,
      nationalPrefectural: p.nationalPrefectural ?? 0,
      localBonds: p.localBonds ?? 0,
      otherEarmarked: p.otherEarmarked ?? 0,
      generalRevenue: p.generalRevenue ?? 0,
    };
  }
  return { inputs, diagnostics };
}
