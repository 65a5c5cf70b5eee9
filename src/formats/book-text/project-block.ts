import { parseWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { Diagnostic, FiscalYearKey, InputField, Inputs, Project } from "../../domain/plan/model.ts";
import { filled, isBlockStart, type Line, label, squash } from "./lines.ts";
import { collapse, prose } from "./prose.ts";
import { looksLikeIndicatorName, readActivityRow } from "./sheet-activity.ts";
import { type RowProblem, readClassificationRow, readNameRow } from "./sheet-header.ts";
import { completeInputs, inputField, readInputRow } from "./sheet-inputs.ts";

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
  /** Index of the first line after the sheet. */
  next: number;
  diagnostics: Diagnostic[];
}

type Field = "summary" | "purpose" | "yearGoals" | "notes";

const YEAR_GOALS_LABEL = /^(令和|平成)(元|[0-9０-９]{1,2})年度の目標$/;
/** 「目的」 cells that carry 「令和6年度の目標」 inline, as one seed sheet prints them. */
const INLINE_YEAR_GOALS = /\s*(令和|平成)(元|[0-9０-９]{1,2})年度の目標\s*/;

function yearsOf(cells: string[]): FiscalYearKey[] {
  return cells.map(parseWarekiFiscalYear).flatMap((y) => (y === null ? [] : [String(y)]));
}

function contentOf(line: Line): string {
  return line.cells
    .slice(1)
    .filter((c) => c !== "")
    .join(" ");
}

function emptyProject(): Project {
  return {
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
}

/**
 * Reads one project sheet starting at a 「事務事業名」 row, by the labels of its rows, never by column
 * position: the books shift columns in many ways. Stops at the next block. Every line of the sheet is
 * either read into the project or reported.
 */
export function readProjectBlock(lines: Line[], start: number): ProjectBlockResult {
  const first = lines[start] as Line;
  const project = emptyProject();
  const source: ProjectSource = {
    startLine: first.no,
    endLine: first.no,
    inputsHeaderLine: null,
    classificationLine: null,
    inputRowLines: {},
  };
  const diagnostics: Diagnostic[] = [];
  const report = (line: Line, problems: RowProblem[]) => {
    for (const p of problems) {
      diagnostics.push({
        severity: p.severity ?? "warning",
        code: p.code,
        message: p.message,
        line: line.no,
      });
    }
  };
  const text: Record<Field, string[]> = { summary: [], purpose: [], yearGoals: [], notes: [] };
  /** A field whose content is printed on the lines below its label (「令和6年度の目標」). */
  const state: { pending: Field | null } = { pending: null };
  const take = (field: Field, line: Line) => {
    const content = contentOf(line);
    if (content !== "") text[field].push(content);
    state.pending = content === "" ? field : null;
  };

  let inputYears: FiscalYearKey[] = [];
  const partialInputs: Record<FiscalYearKey, Partial<Inputs>> = {};
  let activityYears: FiscalYearKey[] | null = null;
  let notesStarted = false;
  let hasPriorityColumn = false;
  let hasPledgeColumn = false;

  let i = start;
  /** The value row under a header row, or null (reported) when the header stands alone. */
  const valueRow = (header: Line): Line | null => {
    const v = lines[i + 1];
    if (!v || v.blank || isBlockStart(v)) {
      report(header, [
        {
          code: "missing-field",
          severity: "error",
          message: `${header.no}行目: 「${filled(header).join("・")}」の値の行がありません。`,
        },
      ]);
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
    const headerCells = filled(line).map(squash);

    if (lab === "事務事業名" || (i === start && headerCells.includes("事務事業名"))) {
      hasPriorityColumn = headerCells.some((c) => c.includes("優先順位"));
      const row = valueRow(line);
      if (!row) continue;
      const r = readNameRow(row, hasPriorityColumn);
      Object.assign(project, { name: r.name, status: r.status, priority: r.priority });
      report(row, r.problems);
      state.pending = null;
    } else if (/^会計・?款・?項/.test(lab)) {
      hasPledgeColumn = headerCells.some((c) => c.includes("市長公約"));
      const row = valueRow(line);
      if (!row) continue;
      const r = readClassificationRow(row, hasPledgeColumn);
      source.classificationLine = row.no;
      Object.assign(project, { classification: r.classification, leadDepartment: r.department });
      project.mayoralPledge = r.pledge;
      report(row, r.problems);
      state.pending = null;
    } else if (lab === "事業概要") {
      take("summary", line);
    } else if (lab === "投入指標") {
      inputYears = yearsOf(line.cells);
      source.inputsHeaderLine = line.no;
      if (inputYears.length === 0) {
        report(line, [
          {
            code: "missing-fiscal-year",
            message: `${line.no}行目: 投入指標の年度（令和N年度）が読み取れません。`,
          },
        ]);
      }
      state.pending = null;
    } else if (source.inputsHeaderLine !== null && activityYears === null && inputField(line) !== null) {
      const field = inputField(line);
      state.pending = null;
      if (field === null || field === "earmarkedHeading") continue;
      source.inputRowLines[field] = line.no;
      report(line, readInputRow(line, field, inputYears, partialInputs));
    } else if (lab === "目的") {
      const content = contentOf(line);
      const inline = INLINE_YEAR_GOALS.exec(content);
      if (inline && inline.index > 0) {
        text.purpose.push(content.slice(0, inline.index));
        text.yearGoals.push(content.slice(inline.index + inline[0].length));
        state.pending = null;
      } else {
        take("purpose", line);
      }
    } else if (YEAR_GOALS_LABEL.test(lab)) {
      take("yearGoals", line);
    } else if (lab === "活動目標") {
      activityYears = yearsOf(line.cells);
      state.pending = null;
    } else if (activityYears !== null && (lab === "" || lab === "特記事項")) {
      // Indicator rows, one of which may carry the 特記事項 label; then the notes.
      state.pending = null;
      const cells = line.cells.slice(1).filter((c) => c !== "");
      const [name, ...values] = cells;
      if (name === undefined) continue;
      if (!notesStarted && (values.length > 0 || looksLikeIndicatorName(name))) {
        const r = readActivityRow(line, collapse(name), values, activityYears);
        project.activityIndicators.push(r.indicator);
        report(line, r.problems);
      } else {
        notesStarted = true;
        text.notes.push(cells.join(" "));
      }
    } else if (lab === "特記事項") {
      take("notes", line);
    } else if (state.pending !== null) {
      text[state.pending].push(filled(line).join(" "));
    } else {
      report(line, [
        {
          code: "unparsed-line",
          message: `${line.no}行目: 事務事業「${project.name || "（名称不明）"}」の中で読み取れない行です: 「${collapse(line.raw).slice(0, 60)}」`,
        },
      ]);
    }
  }

  const completed = completeInputs(partialInputs, inputYears, {
    project: project.name,
    line: source.inputsHeaderLine,
  });
  project.inputs = completed.inputs;
  diagnostics.push(...completed.diagnostics);
  project.summary = prose(text.summary);
  project.purpose = prose(text.purpose);
  project.yearGoals = prose(text.yearGoals);
  project.notes = prose(text.notes);
  project.budgetOnly =
    !hasPriorityColumn &&
    !hasPledgeColumn &&
    activityYears === null &&
    project.summary === null &&
    project.purpose === null &&
    project.yearGoals === null;

  if (project.name === "") {
    report(first, [
      { code: "missing-field", severity: "error", message: `${first.no}行目: 事務事業名がありません。` },
    ]);
  } else if (project.leadDepartment === "") {
    report(first, [
      { code: "missing-field", message: `${first.no}行目: 「${project.name}」の所管課がありません。` },
    ]);
  }
  for (const d of diagnostics) if (d.project === undefined && project.name !== "") d.project = project.name;
  return { project, source, next: i, diagnostics };
}
