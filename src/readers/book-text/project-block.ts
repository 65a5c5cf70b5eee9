import { parseClassification } from "../../domain/classification.ts";
import { formatWarekiFiscalYear, parseWarekiFiscalYear } from "../../domain/fiscal-year.ts";
import { parseIndicatorValue } from "../../domain/indicator-value.ts";
import { parseThousands } from "../../domain/money.ts";
import type {
  ActivityIndicator,
  Diagnostic,
  FiscalYearKey,
  IndicatorValue,
  InputField,
  Inputs,
  Project,
} from "../../domain/plan.ts";
import { filled, isBlockStart, type Line, label, squash } from "./lines.ts";
import { cellText, collapse, paragraphsOf, prose } from "./prose.ts";

/** Where each part of a project sheet sits in the source, for diagnostics. */
export interface ProjectSource {
  startLine: number;
  endLine: number;
  inputsHeaderLine: number | null;
  classificationLine: number | null;
  inputRowLines: Partial<Record<InputField, number>>;
}

export interface ProjectBlockResult {
  project: Project;
  source: ProjectSource;
  next: number;
  diagnostics: Diagnostic[];
}

/** A cell that holds an amount, valid or not: 「38,430 千円」, 「0」, 「6,424.5 千円」, 「-」. */
function looksLikeAmount(c: string): boolean {
  return /千円/.test(c) || /^[△▲\-－]?[0-9０-９][0-9０-９,，.．]*$/.test(c.trim());
}

/** The labels of the 投入指標 rows, squashed, mapped to the field they carry. */
function inputField(line: Line): InputField | "earmarkedHeading" | null {
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

const INPUT_LABELS: Record<InputField, string> = {
  total: "年度別事業費",
  nationalPrefectural: "国・県支出金",
  localBonds: "地方債",
  otherEarmarked: "その他",
  generalRevenue: "一般財源",
};

function yearsOf(cells: string[]): FiscalYearKey[] {
  const out: FiscalYearKey[] = [];
  for (const c of cells) {
    const y = parseWarekiFiscalYear(c);
    if (y !== null) out.push(String(y));
  }
  return out;
}

const YEAR_GOALS_LABEL = /^(令和|平成)(元|[0-9０-９]{1,2})年度の目標$/;
const INLINE_YEAR_GOALS = /\s*(令和|平成)(元|[0-9０-９]{1,2})年度の目標\s*/;

/** A text that reads as an indicator name rather than a remark (no sentence, no list, no change note). */
function looksLikeIndicatorName(text: string): boolean {
  if (text.length > 30) return false;
  if (/[。、：:「」]|<|^[・･\-①-⑳]/.test(text)) return false;
  if (/年度(から|より|以降)|変更|統合|削除|予定/.test(text)) return false;
  return true;
}

function isValueLike(text: string): boolean {
  const v = parseIndicatorValue(text);
  return v !== null && v.value !== null;
}

type Field = "summary" | "purpose" | "yearGoals" | "notes";

/**
 * Reads one project sheet starting at a 「事務事業名」 row, by the labels of its rows, never by column
 * position: the books shift columns in many ways. Stops at the next block.
 */
export function readProjectBlock(lines: Line[], start: number): ProjectBlockResult {
  const diagnostics: Diagnostic[] = [];
  const first = lines[start] as Line;
  const project: Project = {
    name: "",
    status: "continuing",
    priority: null,
    classification: { account: "", kan: null, kou: null, moku: null },
    leadDepartment: "",
    mayoralPledge: null,
    summary: null,
    purpose: null,
    yearGoals: null,
    notes: null,
    inputs: {},
    activityIndicators: [],
    budgetOnly: true,
  };
  const source: ProjectSource = {
    startLine: first.no,
    endLine: first.no,
    inputsHeaderLine: null,
    classificationLine: null,
    inputRowLines: {},
  };
  const text: Record<Field, string[]> = { summary: [], purpose: [], yearGoals: [], notes: [] };
  const warn = (line: Line, code: string, message: string, severity: Diagnostic["severity"] = "warning") =>
    diagnostics.push({ severity, code, message, line: line.no });

  let inputYears: FiscalYearKey[] = [];
  const partial: Record<FiscalYearKey, Partial<Inputs>> = {};
  let activityYears: FiscalYearKey[] | null = null;
  let notesStarted = false;
  let pendingField: Field | null = null;
  let sawPriorityColumn = false;
  let sawPledgeColumn = false;

  let i = start;
  const headerValues = (header: Line): Line | null => {
    const v = lines[i + 1];
    if (!v || v.blank || isBlockStart(v)) {
      warn(
        header,
        "missing-field",
        `${header.no}行目: 「${filled(header).join("・")}」の値の行がありません。`,
        "error",
      );
      return null;
    }
    i++;
    return v;
  };

  for (; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (i > start && isBlockStart(line)) break;
    if (line.blank) continue;
    source.endLine = line.no;
    const lab = label(line);
    const cells = filled(line);

    if (lab === "事務事業名" || (cells.some((c) => squash(c) === "事務事業名") && i === start)) {
      sawPriorityColumn = cells.some((c) => squash(c).includes("優先順位"));
      const v = headerValues(line);
      if (!v) continue;
      const vals = filled(v);
      project.name = collapse(vals[0] ?? "");
      const statusIdx = vals.findIndex((c, k) => k > 0 && /^(新規|継続)$/.test(squash(c)));
      if (statusIdx >= 0) {
        project.status = squash(vals[statusIdx] ?? "") === "新規" ? "new" : "continuing";
      } else {
        warn(
          v,
          "missing-field",
          `${v.no}行目: 「${project.name}」の新規・継続が読み取れません（「継続」として扱います）。`,
        );
      }
      if (sawPriorityColumn) {
        const after = vals.filter((_, k) => k > 0 && k !== statusIdx);
        project.priority = after.length > 0 ? squash(after.join("")) : null;
      } else if (vals.length > (statusIdx >= 0 ? 2 : 1)) {
        warn(
          v,
          "unparsed-line",
          `${v.no}行目: 事務事業名の行に読み取れない値があります: 「${vals.slice(1).join("」「")}」`,
        );
      }
      continue;
    }

    if (/^会計・?款・?項・?目?$/.test(lab) || /^会計・款・項/.test(lab)) {
      sawPledgeColumn = cells.some((c) => squash(c).includes("市長公約"));
      const v = headerValues(line);
      if (!v) continue;
      const vals = filled(v);
      const pledgeIdx = vals.findIndex((c) => /^([12])?[:：]?(有|無)$/.test(squash(c)));
      if (pledgeIdx >= 0) {
        const p = squash(vals[pledgeIdx] ?? "");
        project.mayoralPledge = p.endsWith("有");
      } else if (sawPledgeColumn) {
        warn(v, "missing-field", `${v.no}行目: 市長公約事項（「1:無」または「2:有」）が読み取れません。`);
      }
      source.classificationLine = v.no;
      const others = vals.filter((_, k) => k !== pledgeIdx);
      const classText = others.find((c) => c.includes("・")) ?? others[0] ?? "";
      project.classification = parseClassification(classText);
      if (!project.classification.kan || !project.classification.kou || !project.classification.moku) {
        warn(
          v,
          "invalid-classification",
          `${v.no}行目: 会計・款・項・目「${classText}」を4つに分けられません（「一般会計・2総務費・1総務管理費・4企画費」の形）。`,
        );
      }
      project.leadDepartment = collapse(others.filter((c) => c !== classText).join(" "));
      continue;
    }

    if (lab === "事業概要") {
      pendingField = takeField(text, "summary", line);
      continue;
    }

    if (lab === "投入指標") {
      inputYears = yearsOf(line.cells);
      source.inputsHeaderLine = line.no;
      if (inputYears.length === 0)
        warn(line, "missing-fiscal-year", `${line.no}行目: 投入指標の年度（令和N年度）が読み取れません。`);
      pendingField = null;
      continue;
    }

    const field = source.inputsHeaderLine !== null && activityYears === null ? inputField(line) : null;
    if (field !== null) {
      pendingField = null;
      if (field === "earmarkedHeading") continue;
      const amountCells = line.cells.filter((c) => c !== "" && looksLikeAmount(c));
      source.inputRowLines[field] = line.no;
      if (amountCells.length !== inputYears.length) {
        warn(
          line,
          "amount-count-mismatch",
          `${line.no}行目: ${INPUT_LABELS[field]}の金額が${amountCells.length}個ありますが、年度は${inputYears.length}個です。`,
          "error",
        );
      }
      amountCells.forEach((c, k) => {
        const fy = inputYears[k];
        if (fy === undefined) return;
        const n = parseThousands(c);
        if (n === null) {
          warn(
            line,
            "invalid-amount",
            `${line.no}行目: ${INPUT_LABELS[field]}の金額「${c}」を千円単位の整数として読めません。`,
            "error",
          );
          return;
        }
        partial[fy] ??= {};
        (partial[fy] as Partial<Inputs>)[field] = n;
      });
      continue;
    }

    if (lab === "目的") {
      const content = line.cells
        .slice(1)
        .filter((c) => c !== "")
        .join(" ");
      const m = INLINE_YEAR_GOALS.exec(content);
      if (m && m.index > 0) {
        text.purpose.push(content.slice(0, m.index));
        text.yearGoals.push(content.slice(m.index + m[0].length));
        pendingField = null;
      } else {
        pendingField = takeField(text, "purpose", line);
      }
      continue;
    }

    if (YEAR_GOALS_LABEL.test(lab)) {
      pendingField = takeField(text, "yearGoals", line);
      continue;
    }

    if (lab === "活動目標") {
      activityYears = yearsOf(line.cells);
      pendingField = null;
      continue;
    }

    if (activityYears !== null && (lab === "" || lab === "特記事項")) {
      const rowCells = line.cells.slice(1).filter((c) => c !== "");
      if (rowCells.length === 0) continue;
      const [name, ...values] = rowCells as [string, ...string[]];
      const isIndicator =
        !notesStarted &&
        (values.length > 0 || (looksLikeIndicatorName(collapse(name)) && !/<[a-z]/i.test(name)));
      if (isIndicator) {
        project.activityIndicators.push(readActivityRow(line, collapse(name), values, activityYears, warn));
      } else {
        notesStarted = true;
        text.notes.push(rowCells.join(" "));
      }
      pendingField = null;
      continue;
    }

    if (lab === "特記事項") {
      pendingField = takeField(text, "notes", line);
      continue;
    }

    if (pendingField !== null) {
      // A line under a label whose content is printed below it (「令和6年度の目標」).
      text[pendingField].push(cells.join(" "));
      continue;
    }

    warn(
      line,
      "unparsed-line",
      `${line.no}行目: 事務事業「${project.name || "（名称不明）"}」の中で読み取れない行です: 「${collapse(line.raw).slice(0, 60)}」`,
    );
  }

  for (const fy of inputYears) {
    const p = partial[fy];
    if (!p) continue;
    const missing = (Object.keys(INPUT_LABELS) as InputField[]).filter((f) => p[f] === undefined);
    if (missing.length > 0) {
      diagnostics.push({
        severity: "error",
        code: "missing-field",
        message: `「${project.name}」の${formatWarekiFiscalYear(fy)}の投入指標に${missing.map((f) => INPUT_LABELS[f]).join("・")}がありません（0として扱います）。`,
        line: source.inputsHeaderLine,
        project: project.name,
        fiscalYear: fy,
      });
    }
    project.inputs[fy] = {
      total: p.total ?? 0,
      nationalPrefectural: p.nationalPrefectural ?? 0,
      localBonds: p.localBonds ?? 0,
      otherEarmarked: p.otherEarmarked ?? 0,
      generalRevenue: p.generalRevenue ?? 0,
    };
  }

  project.summary = prose(text.summary);
  project.purpose = prose(text.purpose);
  project.yearGoals = prose(text.yearGoals);
  project.notes = prose(text.notes);
  project.budgetOnly =
    !sawPriorityColumn &&
    !sawPledgeColumn &&
    activityYears === null &&
    project.summary === null &&
    project.purpose === null &&
    project.yearGoals === null;

  if (project.name === "") {
    diagnostics.push({
      severity: "error",
      code: "missing-field",
      message: `${first.no}行目: 事務事業名がありません。`,
      line: first.no,
    });
  }
  if (project.leadDepartment === "") {
    diagnostics.push({
      severity: "warning",
      code: "missing-field",
      message: `${first.no}行目: 「${project.name}」の所管課がありません。`,
      line: first.no,
      project: project.name,
    });
  }
  for (const d of diagnostics) if (d.project === undefined && project.name !== "") d.project = project.name;
  return { project, source, next: i, diagnostics };
}

function takeField(text: Record<Field, string[]>, field: Field, line: Line): Field | null {
  const content = line.cells.slice(1).filter((c) => c !== "");
  if (content.length > 0) {
    text[field].push(content.join(" "));
    return null;
  }
  // The content is printed on the following lines (「令和6年度の目標」 puts it below its label).
  return field;
}

/** One activity-indicator row: name, then an optional unit, then one target per fiscal year. */
function readActivityRow(
  line: Line,
  name: string,
  values: string[],
  years: FiscalYearKey[],
  warn: (line: Line, code: string, message: string) => void,
): ActivityIndicator {
  let unit: string | null = null;
  let targetCells = values;
  const y = years.length;
  if (values.length === y + 1) {
    unit = values[0] ?? null;
    targetCells = values.slice(1);
  } else if (values.length > y + 1) {
    unit = values[values.length - y - 1] ?? null;
    targetCells = values.slice(values.length - y);
    warn(
      line,
      "unparsed-line",
      `${line.no}行目: 活動目標「${name}」の列が多すぎます: 「${values.slice(0, values.length - y - 1).join("」「")}」を読み飛ばしました。`,
    );
  } else if (values.length > 0 && values.length <= y) {
    const [firstValue, ...others] = values as [string, ...string[]];
    if (!isValueLike(firstValue) && others.length > 0 && others.every(isValueLike)) {
      unit = firstValue;
      targetCells = others;
    }
    if (targetCells.length < y) {
      warn(
        line,
        "missing-field",
        `${line.no}行目: 活動目標「${name}」の目標値が${targetCells.length}年度分しかありません（${y}年度分の欄があります）。`,
      );
    }
  }
  const targets: Record<FiscalYearKey, IndicatorValue> = {};
  targetCells.forEach((c, k) => {
    const fy = years[k];
    const v = parseIndicatorValue(cellText(c) ?? "");
    if (fy !== undefined && v) targets[fy] = v;
  });
  return { name, unit: unit === null ? null : collapse(unit), targets };
}

export { paragraphsOf };
