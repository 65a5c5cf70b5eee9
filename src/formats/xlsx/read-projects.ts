import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type {
  ActivityIndicator,
  ClassificationLevel,
  FiscalYearKey,
  Inputs,
  Measure,
  Project,
  ProjectStatus,
  Thousands,
} from "../../domain/plan/model.ts";
import { INPUT_FIELDS, sortedYears } from "../../domain/plan/model.ts";
import { cellAmount, cellFiscalYear, cellInteger, cellText, type Plain, shown } from "./cells.ts";
import {
  ACTIVITY,
  ACTUAL,
  BUDGET_ONLY_MARK,
  INDICATOR_DIRECTION,
  INPUT,
  INPUT_CHECK,
  MARK,
  PLEDGE_TEXT,
  PROJECT,
  STATUS_TEXT,
} from "./layout.ts";
import {
  indicatorValue,
  isDerivedHeading,
  measureOf,
  readIndicatorDirection,
  readPosition,
  requiredText,
} from "./read-structure.ts";
import { type Findings, type SheetRecord, sortByPosition, type Table } from "./table.ts";

/** Projects by 事業番号; null for a numbered row that was not read (its measure is unknown). */
export type ProjectsByNumber = Map<number, Project | null>;

export const YEAR_HINT = `「${formatWarekiFiscalYear(2024)}」のように令和・平成の年度で入力してください`;

function readStatus(rec: SheetRecord, f: Findings): ProjectStatus {
  const v = rec.key(PROJECT.status);
  const found = (Object.keys(STATUS_TEXT) as ProjectStatus[]).find((k) => STATUS_TEXT[k] === v);
  if (found) return found;
  f.error(
    v === null ? "missing-field" : "invalid-value",
    rec.at(PROJECT.status),
    v === null
      ? `${PROJECT.status}が空欄です（「${STATUS_TEXT.continuing}」として読みました）。`
      : `${PROJECT.status}「${v}」は「${STATUS_TEXT.new}」か「${STATUS_TEXT.continuing}」で入力してください（「${STATUS_TEXT.continuing}」として読みました）。`,
  );
  return "continuing";
}

const YES = new Set([PLEDGE_TEXT.yes, "2:有", "2：有", "あり", "有り", "TRUE", "true", "○", "〇"]);
const NO = new Set([PLEDGE_TEXT.no, "1:無", "1：無", "なし", "無し", "FALSE", "false", "×"]);

function readPledge(rec: SheetRecord, f: Findings): boolean | null {
  const v = rec.value(PROJECT.pledge);
  if (typeof v === "boolean") return v;
  const t = rec.key(PROJECT.pledge);
  if (t === null) return null;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  f.error(
    "invalid-value",
    rec.at(PROJECT.pledge),
    `${PROJECT.pledge}「${t}」は「${PLEDGE_TEXT.yes}」か「${PLEDGE_TEXT.no}」で入力してください（空欄は記載なし）。`,
  );
  return null;
}

const MARKED = new Set([MARK, BUDGET_ONLY_MARK, "〇", "◯", "はい", "TRUE", "true", "1"]);
const UNMARKED = new Set(["×", "いいえ", "FALSE", "false", "0"]);

/** A ticked cell (○): true; empty or 「×」: false; anything else false, reported (code invalid-value). */
export function readMark(
  rec: SheetRecord,
  heading: string,
  f: Findings,
  about?: { project?: string; fiscalYear?: FiscalYearKey },
): boolean {
  const v = rec.value(heading);
  if (typeof v === "boolean") return v;
  const t = rec.key(heading);
  if (t === null || UNMARKED.has(t)) return false;
  if (MARKED.has(t)) return true;
  f.error(
    "invalid-value",
    rec.at(heading),
    `${heading}「${t}」は「${MARK}」か空欄で入力してください。`,
    about,
  );
  return false;
}

function readBudgetOnly(rec: SheetRecord, f: Findings): boolean {
  return readMark(rec, PROJECT.budgetOnly, f);
}

function readLevel(rec: SheetRecord, numberHeading: string, nameHeading: string, f: Findings) {
  const n = rec.value(numberHeading);
  const name = rec.text(nameHeading);
  if (cellText(n) === null && name === null) return null;
  let number: number | null = null;
  if (cellText(n) !== null) {
    number = cellInteger(n);
    if (number === null) {
      f.error(
        "invalid-value",
        rec.at(numberHeading),
        `${numberHeading}「${shown(n)}」は整数ではありません。`,
      );
    }
  }
  const level: ClassificationLevel = { number, name: name ?? "" };
  return level;
}

/** The 事務事業 sheet: one project per row, placed in its measure in the order of 事業番号. */
export function readProjects(
  table: Table,
  measures: Map<string, Measure>,
  f: Findings,
  measureSheet: string,
): ProjectsByNumber {
  const byNumber: ProjectsByNumber = new Map();
  const first = new Map<number, string>();
  const byMeasure = new Map<Measure, { position: number | null; row: number; item: Project }[]>();
  for (const rec of table.records) {
    const raw = rec.value(PROJECT.number);
    let number: number | null = null;
    if (cellText(raw) === null) {
      f.error(
        "missing-field",
        rec.at(PROJECT.number),
        `${PROJECT.number}が空欄です（この事務事業の投入指標・活動指標は読めません）。`,
      );
    } else {
      number = cellInteger(raw);
      if (number === null || number < 1) {
        f.error(
          "invalid-value",
          rec.at(PROJECT.number),
          `${PROJECT.number}「${shown(raw)}」は1以上の整数ではありません（この事務事業の投入指標・活動指標は読めません）。`,
        );
        number = null;
      } else if (byNumber.has(number)) {
        f.error(
          "duplicate-row",
          rec.at(PROJECT.number),
          `${PROJECT.number}「${number}」が重複しています（${first.get(number)} と同じ。この行は読みません）。`,
        );
        continue;
      }
    }
    const measure = measureOf(rec, PROJECT.measure, measures, f, measureSheet);
    if (number !== null) first.set(number, rec.at(PROJECT.number));
    if (!measure) {
      if (number !== null) byNumber.set(number, null);
      continue;
    }
    const name = rec.text(PROJECT.name);
    if (name === null) f.error("missing-field", rec.at(PROJECT.name), `${PROJECT.name}が空欄です。`);
    const project: Project = {
      name: name ?? "",
      status: readStatus(rec, f),
      priority: rec.text(PROJECT.priority),
      classification: {
        account: rec.text(PROJECT.account) ?? "",
        kan: readLevel(rec, PROJECT.kanNumber, PROJECT.kanName, f),
        kou: readLevel(rec, PROJECT.kouNumber, PROJECT.kouName, f),
        moku: readLevel(rec, PROJECT.mokuNumber, PROJECT.mokuName, f),
      },
      leadDepartment: rec.text(PROJECT.lead) ?? "",
      mayoralPledge: readPledge(rec, f),
      summary: rec.text(PROJECT.summary),
      purpose: rec.text(PROJECT.purpose),
      yearGoals: rec.text(PROJECT.yearGoals),
      notes: rec.text(PROJECT.notes),
      inputs: {},
      activityIndicators: [],
      budgetOnly: readBudgetOnly(rec, f),
    };
    if (number !== null) byNumber.set(number, project);
    const list = byMeasure.get(measure) ?? [];
    list.push({ position: number, row: rec.row, item: project });
    byMeasure.set(measure, list);
  }
  for (const [m, list] of byMeasure) m.projects = sortByPosition(list);
  return byNumber;
}

/** The project a row of 投入指標, 活動指標 or 事務事業評価 refers to by 事業番号; undefined (reported) when none. */
export function projectOf(
  rec: SheetRecord,
  heading: string,
  projects: ProjectsByNumber,
  f: Findings,
  projectSheet: string,
): Project | undefined {
  const raw = rec.value(heading);
  if (cellText(raw) === null) {
    f.error("missing-field", rec.at(heading), `${heading}が空欄です（この行は読みません）。`);
    return undefined;
  }
  const n = cellInteger(raw);
  if (n === null || !projects.has(n)) {
    f.error(
      "unknown-project",
      rec.at(heading),
      `${heading}「${shown(raw)}」の事務事業が「${projectSheet}」シートにありません（この行は読みません）。`,
    );
    return undefined;
  }
  // null: the project row itself was not read, which is reported there.
  return projects.get(n) ?? undefined;
}

/**
 * 投入指標: one row per project and fiscal year, the five amounts in 千円; 決算額 and 見込み when the
 * columns are there. A row whose five amounts are all empty but which has a 決算額 or 見込み carries no
 * inputs for its year.
 */
export function readInputs(
  table: Table,
  projects: ProjectsByNumber,
  f: Findings,
  projectSheet: string,
): void {
  const seen = new Map<Project, Map<FiscalYearKey, string>>();
  const settledOf = new Map<Project, Record<FiscalYearKey, Thousands>>();
  const estimatedOf = new Map<Project, FiscalYearKey[]>();
  for (const rec of table.records) {
    const project = projectOf(rec, INPUT.number, projects, f, projectSheet);
    if (!project) continue;
    const about = { project: project.name };
    const y = rec.value(INPUT.fiscalYear);
    if (cellText(y) === null) {
      f.error(
        "missing-field",
        rec.at(INPUT.fiscalYear),
        `${INPUT.fiscalYear}が空欄です（この行は読みません）。`,
        about,
      );
      continue;
    }
    const year = cellFiscalYear(y);
    if (year === null) {
      f.error(
        "invalid-fiscal-year",
        rec.at(INPUT.fiscalYear),
        `${INPUT.fiscalYear}「${shown(y)}」を読めません。${YEAR_HINT}（この行は読みません）。`,
        about,
      );
      continue;
    }
    const fy = String(year);
    const years = seen.get(project) ?? new Map<FiscalYearKey, string>();
    seen.set(project, years);
    const earlier = years.get(fy);
    if (earlier !== undefined) {
      f.error(
        "duplicate-row",
        rec.at(INPUT.fiscalYear),
        `「${project.name}」の${formatWarekiFiscalYear(year)}の投入指標が重複しています（${earlier} と同じ。この行は読みません）。`,
        { project: project.name, fiscalYear: fy },
      );
      continue;
    }
    years.set(fy, rec.at(INPUT.fiscalYear));
    const yearAbout = { project: project.name, fiscalYear: fy };
    const settled = readSettled(rec, f, yearAbout);
    const estimated = readMark(rec, INPUT_CHECK.estimated, f, yearAbout);
    const noAmounts = INPUT_FIELDS.every((field) => cellText(rec.value(INPUT[field])) === null);
    if (!(noAmounts && (cellText(rec.value(INPUT_CHECK.settled)) !== null || estimated))) {
      const inputs = {} as Inputs;
      for (const field of INPUT_FIELDS) inputs[field] = readAmount(rec, INPUT[field], f, yearAbout);
      project.inputs[fy] = inputs;
    }
    if (settled !== null) {
      const record = settledOf.get(project) ?? {};
      record[fy] = settled;
      settledOf.set(project, record);
    }
    if (estimated) estimatedOf.set(project, [...(estimatedOf.get(project) ?? []), fy]);
  }
  for (const project of seen.keys()) {
    project.inputs = byYear(project.inputs);
    // In the order of hoshin-plan/1: settled, then estimatedYears (evaluations are read later).
    const settled = settledOf.get(project);
    if (settled) project.settled = byYear(settled);
    const estimated = estimatedOf.get(project);
    if (estimated) project.estimatedYears = sortedYears(estimated);
  }
}

/** A record by fiscal year with its keys in fiscal-year order. */
export function byYear<T>(record: Record<FiscalYearKey, T>): Record<FiscalYearKey, T> {
  const sorted: Record<FiscalYearKey, T> = {};
  for (const fy of sortedYears(Object.keys(record))) {
    const v = record[fy];
    if (v !== undefined) sorted[fy] = v;
  }
  return sorted;
}

/** 決算額 in 千円: null when empty (or the column is missing); a wrong amount is reported and not read. */
function readSettled(rec: SheetRecord, f: Findings, about: { project: string; fiscalYear: FiscalYearKey }) {
  const heading = INPUT_CHECK.settled;
  const v: Plain = rec.value(heading);
  const a = cellAmount(v);
  if (a.ok) return a.value;
  if (a.problem === "empty") return null;
  f.error(
    "invalid-amount",
    rec.at(heading),
    a.problem === "negative"
      ? `${heading}「${shown(v)}」が負の値です。0 以上の整数（千円）で入力してください（この値は読みません）。`
      : `${heading}「${shown(v)}」は整数（千円）ではありません（この値は読みません）。`,
    about,
  );
  return null;
}

function readAmount(
  rec: SheetRecord,
  heading: string,
  f: Findings,
  about: { project: string; fiscalYear: FiscalYearKey },
): number {
  const v: Plain = rec.value(heading);
  const a = cellAmount(v);
  if (a.ok) return a.value;
  const at = rec.at(heading);
  switch (a.problem) {
    case "empty":
      f.warning("missing-field", at, `${heading}が空欄です（0 千円として読みました）。`, about);
      return 0;
    case "not-integer":
      f.error("invalid-amount", at, `${heading}「${shown(v)}」は整数（千円）ではありません。`, about);
      return 0;
    case "negative":
      f.error(
        "invalid-amount",
        at,
        `${heading}「${shown(v)}」が負の値です。0 以上の整数（千円）で入力してください。`,
        about,
      );
      return a.value ?? 0;
  }
}

/** 活動指標: one row per indicator, a column per fiscal year for the targets as printed. */
export function readActivities(
  table: Table,
  projects: ProjectsByNumber,
  f: Findings,
  projectSheet: string,
): void {
  const known = new Set<string>([...Object.values(ACTIVITY), INDICATOR_DIRECTION]);
  const yearColumns: { label: string; fy: FiscalYearKey }[] = [];
  const actualColumns: { label: string; fy: FiscalYearKey }[] = [];
  const actualHeading = new RegExp(`^(.+?)\\s*${ACTUAL}$`);
  for (const h of table.headings) {
    if (known.has(h.label) || isDerivedHeading(h.label)) continue;
    // 「令和6年度」 is a target, 「令和6年度実績」 an actual.
    const actual = actualHeading.exec(h.label);
    const year = cellFiscalYear(actual?.[1] ?? h.label);
    if (year === null) {
      f.error(
        "invalid-heading",
        h.at,
        actual
          ? `見出し「${h.label}」の年度を読めません。実績の列は「${formatWarekiFiscalYear(2024)}${ACTUAL}」のように書いてください（この列は読みません）。`
          : `見出し「${h.label}」を年度として読めません。${YEAR_HINT}（この列は読みません）。`,
      );
      continue;
    }
    const columns = actual ? actualColumns : yearColumns;
    if (columns.some((c) => c.fy === String(year))) {
      f.error(
        "duplicate-column",
        h.at,
        `見出し「${h.label}」の年度の列が重複しています（この列は読みません）。`,
      );
      continue;
    }
    columns.push({ label: h.label, fy: String(year) });
  }
  yearColumns.sort((a, b) => Number(a.fy) - Number(b.fy));
  actualColumns.sort((a, b) => Number(a.fy) - Number(b.fy));
  const byProject = new Map<Project, { position: number | null; row: number; item: ActivityIndicator }[]>();
  for (const rec of table.records) {
    const project = projectOf(rec, ACTIVITY.number, projects, f, projectSheet);
    if (!project) continue;
    const a: ActivityIndicator = {
      name: requiredText(rec, ACTIVITY.indicator, f),
      unit: rec.text(ACTIVITY.unit),
      targets: {},
    };
    for (const c of yearColumns) {
      const v = indicatorValue(rec.text(c.label));
      if (v !== null) a.targets[c.fy] = v;
    }
    const actual: ActivityIndicator["targets"] = {};
    for (const c of actualColumns) {
      const v = indicatorValue(rec.text(c.label));
      if (v !== null) actual[c.fy] = v;
    }
    if (Object.keys(actual).length > 0) a.actual = actual;
    const direction = readIndicatorDirection(rec, f, { project: project.name });
    if (direction !== null) a.direction = direction;
    const list = byProject.get(project) ?? [];
    list.push({ position: readPosition(rec, ACTIVITY.position, f), row: rec.row, item: a });
    byProject.set(project, list);
  }
  for (const [p, list] of byProject) p.activityIndicators = sortByPosition(list);
}
