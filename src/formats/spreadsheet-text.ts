/**
 * Text that a spreadsheet must not run as a formula (CSV injection, OWASP "CSV Injection").
 *
 * A spreadsheet program that opens a CSV file takes a field that begins with `=`, `+`, `-` or `@` (and, in
 * some programs, a tab or a CR before one of them) as a formula: 「=HYPERLINK(...)」 typed by anyone who can
 * edit a project would run in a citizen's Excel. OWASP recommends prefixing such a field with an
 * apostrophe `'`, which Excel takes as "this is text". The full-width forms ＝ ＋ － ＠ are guarded too:
 * Japanese input converts them when a cell is typed, so they are treated alike (a conservative choice).
 *
 * The guard is reversible, so that the original text can always be recovered exactly: a text is prefixed
 * when it begins with any number of apostrophes followed by a trigger character (so 「'=x」 becomes
 * 「''=x」 and not 「'=x」, which would read back as 「=x」), and `unguardFormulaText` removes exactly one
 * apostrophe from a text of that shape. Every other text is left as it is: `unguard(guard(x)) === x` for
 * every string x.
 *
 * Where it is used: the CSV files of the open data (they are written for people, UTF-8 with a byte-order
 * mark so that Excel opens them; `datapackage.json` says on each resource what was done, and plan.json keeps
 * every text exactly). The Excel workbook needs no prefix: its texts are written as string cells (shared
 * strings, never `<f>` formulas), which Excel shows as text; `test/formats/xlsx/formula-text.test.ts` reads
 * the written file back to prove it.
 */

/** The characters that make a spreadsheet read a field as a formula, when they begin it. */
export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"] as const;

const GUARDED = /^'*[=+\-@\t\r＝＋－＠]/;
const PREFIXED = /^'+[=+\-@\t\r＝＋－＠]/;

/** True when a spreadsheet opening this text as a cell could take it as a formula. */
export function startsLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r＝＋－＠]/.test(text);
}

/** The text with an apostrophe before it when it could run as a formula (see the module comment). */
export function guardFormulaText(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/** The original of a text written by `guardFormulaText`. */
export function unguardFormulaText(text: string): string {
  return PREFIXED.test(text) ? text.slice(1) : text;
}

/** What was done, in Japanese, for the descriptor of a file whose texts were guarded. */
export const FORMULA_GUARD_NOTE =
  "表計算ソフトで開いたときに数式として実行されないよう、「=」「+」「-」「@」（全角の「＝」「＋」「－」「＠」、タブ、CR を含む）で始まる文字列の値には、先頭にアポストロフィ「'」を付けています（OWASP の CSV インジェクション対策）。" +
  "アポストロフィだけが続いたあとにこれらの文字がある値にも 1 つ付けるため、先頭の「'」を 1 つ取り除けば元の文字列に戻ります。元の文字列そのものは plan.json にあります。数値の列と、決まった記号だけを持つ列挙値の列（比較の向きの「=」など）には付けていません。";
