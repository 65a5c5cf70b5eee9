import { parseWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { parseIndicatorValue } from "../../domain/plan/indicator-value.ts";
import type {
  Diagnostic,
  FiscalYearKey,
  IndicatorValue,
  Measure,
  OutcomeIndicator,
  Policy,
  SdgLink,
} from "../../domain/plan/model.ts";
import { toHalfWidth } from "../../domain/plan/money.ts";
import { filled, isBlockStart, type Line, label, sectionHeading, squash } from "./lines.ts";
import { collapse, paragraphs, prose, stripBullet } from "./prose.ts";

/** The lines of a ◆ section: from after its heading to the next heading or block. */
export interface Section {
  name: string;
  heading: Line;
  body: Line[];
}

export interface SectionedBlock {
  /** Rows before the first ◆ heading (所管, 関連, separators). */
  head: Line[];
  sections: Section[];
  next: number;
}

/** Splits a policy or measure block into its head rows and ◆ sections, stopping at the next block. */
export function splitSections(lines: Line[], start: number): SectionedBlock {
  const head: Line[] = [];
  const sections: Section[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isBlockStart(line)) break;
    if (line.blank) continue;
    const name = sectionHeading(line);
    if (name !== null) {
      sections.push({ name, heading: line, body: [] });
      continue;
    }
    const current = sections[sections.length - 1];
    if (current) current.body.push(line);
    else head.push(line);
  }
  return { head, sections, next: i };
}

type Warn = (line: Line, message: string) => void;

const DASHES = new Set(["", "—", "―", "－", "-", "ー", "--"]);

/** 所管 and 関連 rows of a policy or measure head. */
export function readDepartments(head: Line[], warn: Warn): { lead: string | null; related: string[] } {
  let lead: string | null = null;
  const related: string[] = [];
  for (const line of head) {
    const lab = label(line);
    if (lab === "所管") {
      const v = collapse(line.cells.slice(1).join(" "));
      lead = DASHES.has(v) ? null : v;
    } else if (lab === "関連") {
      for (const c of line.cells.slice(1)) if (!DASHES.has(c)) related.push(collapse(c));
    } else if (/^[-―─ー\s]+$/.test(line.raw.replace(/\t/g, ""))) {
      // the rule under a policy heading
    } else {
      warn(line, `読み取れない行です: 「${collapse(line.raw).slice(0, 60)}」`);
    }
  }
  return { lead, related };
}

/** Prose sections hold one cell per line; a line with several cells is kept as text but reported. */
function warnTableRows(section: Section, warn: Warn): void {
  for (const line of section.body) {
    if (filled(line).length > 1) {
      warn(
        line,
        `「◆${section.name}」の文章の中に表の行のような行があります（文章として読みました）: 「${collapse(line.raw).slice(0, 60)}」`,
      );
    }
  }
}

function bodyText(section: Section): string[] {
  return section.body.map((l) => l.cells.filter((c) => c !== "").join(" "));
}

/** The policy's ◆ミッション and ◆方針. */
export function readPolicySections(policy: Policy, sections: Section[], warn: Warn): void {
  for (const s of sections) {
    warnTableRows(s, warn);
    if (s.name === "ミッション") {
      const mission: string[] = [];
      for (const line of bodyText(s)) {
        const t = line.trim();
        if (t.startsWith("◎")) policy.missionPoints.push(collapse(t.slice(1)));
        else mission.push(t);
      }
      policy.mission = prose(mission);
    } else if (s.name === "方針") {
      let current: { title: string; text: string[] } | null = null;
      const flush = () => {
        if (current) policy.directions.push({ title: current.title, text: prose(current.text) ?? "" });
      };
      for (const [k, t] of bodyText(s).entries()) {
        if (t.trim().startsWith("◎")) {
          flush();
          current = { title: collapse(t.trim().slice(1)), text: [] };
        } else if (current) current.text.push(t);
        else warn(s.body[k] as Line, `方針の見出し（◎）の前に文があります: 「${collapse(t).slice(0, 60)}」`);
      }
      flush();
    } else {
      warn(s.heading, `政策の欄として知らない見出しです: 「◆${s.name}」`);
    }
  }
}

/** Lines without the sub-headings the book prints inside sections (「・目標の計画と達成状況」, 「計 画」, 「目的」). */
function withoutSubheadings(lines: Line[]): Line[] {
  return lines.filter((l) => {
    const t = squash(l.raw);
    return !(
      t === "・目標の計画と達成状況" ||
      t === "-・目標の計画と達成状況" ||
      t === "計画" ||
      t === "目的"
    );
  });
}

/** The measure's ◆ sections. Returns the fiscal year named by 「令和N年度重点方針と目標」, if any. */
export function readMeasureSections(
  measure: Measure,
  sections: Section[],
  warn: Warn,
  diagnostics: Diagnostic[],
): number | null {
  let bookYear: number | null = null;
  for (const s of sections) {
    if (!s.name.startsWith("成果指標")) warnTableRows(s, warn);
    const body = withoutSubheadings(s.body);
    const texts = body.map((l) => l.cells.filter((c) => c !== "").join(" "));
    if (s.name === "現状と課題") {
      measure.currentIssues = prose(texts);
    } else if (s.name === "方針" || s.name === "方針/目的" || s.name === "目的") {
      measure.purpose = prose(texts);
    } else if (s.name.includes("重点方針")) {
      const m = /(令和|平成)(元|[0-9０-９]{1,2})年度/.exec(s.name);
      if (m) bookYear = parseWarekiFiscalYear(m[0]);
      measure.priorities = paragraphs(texts)
        .map(stripBullet)
        .filter((p) => p !== "");
    } else if (s.name === "目標" || s.name === "目標(計画)" || s.name === "目標（計画）") {
      measure.goalStates = paragraphs(texts);
    } else if (s.name.startsWith("成果指標")) {
      measure.outcomeIndicators = readOutcomeIndicators(body, warn, diagnostics);
    } else if (s.name.includes("今後の取り組み") || s.name.includes("今後の取組")) {
      measure.futureActions = prose(texts);
    } else if (s.name.startsWith("SDGs")) {
      measure.sdgs = readSdgs(body, warn);
    } else if (s.name === "個別計画") {
      measure.sectoralPlans = prose(texts);
    } else if (s.name === "特記事項") {
      measure.notes = prose(texts);
    } else {
      warn(s.heading, `施策の欄として知らない見出しです: 「◆${s.name}」`);
    }
  }
  return bookYear;
}

const SDG_HEADING = /ゴール\s*([0-9０-９]{1,2})\s*[「『]([^」』]*)[」』]\s*(.*)$/;

function readSdgs(body: Line[], warn: Warn): SdgLink[] {
  const out: SdgLink[] = [];
  let current: { goal: number; title: string; text: string[] } | null = null;
  const flush = () => {
    if (current) out.push({ goal: current.goal, title: current.title, text: prose(current.text) ?? "" });
  };
  const texts = body.map((l) => l.cells.filter((c) => c !== "").join(" "));
  const paras = paragraphs(texts);
  for (const p of paras) {
    const m = SDG_HEADING.exec(p);
    if (m && p.indexOf("ゴール") <= 2) {
      flush();
      const goal = Number(toHalfWidth(m[1] ?? ""));
      current = { goal, title: collapse(m[2] ?? ""), text: m[3] ? [m[3]] : [] };
      if (goal < 1 || goal > 17) warn(body[0] as Line, `SDGsのゴール番号 ${goal} は1〜17の範囲外です。`);
    } else if (current) {
      current.text.push(p);
    } else if (body[0]) {
      warn(body[0], `SDGsのゴール（「ゴールN「…」」）の前に文があります: 「${p.slice(0, 60)}」`);
    }
  }
  flush();
  return out;
}

/** The ◆成果指標 tables: 指標名, 設定理由, 算式/単位, 目標値 header, 計画 row and 実績 row per indicator. */
function readOutcomeIndicators(body: Line[], warn: Warn, diagnostics: Diagnostic[]): OutcomeIndicator[] {
  const out: OutcomeIndicator[] = [];
  let current: OutcomeIndicator | null = null;
  let years: FiscalYearKey[] = [];
  const finish = () => {
    if (!current) return;
    const empty =
      current.name === null &&
      current.rationale === null &&
      current.formula === null &&
      current.baseline === null &&
      Object.keys(current.planned).length === 0 &&
      Object.keys(current.actual).length === 0;
    if (!empty) out.push(current);
    current = null;
  };
  for (const line of body) {
    const lab = label(line);
    const content = collapse(
      line.cells
        .slice(1)
        .filter((c) => c !== "")
        .join(" "),
    );
    if (lab === "指標名") {
      finish();
      current = {
        name: content === "" ? null : content,
        rationale: null,
        formula: null,
        unit: null,
        baseline: null,
        planned: {},
        actual: {},
      };
      years = [];
      continue;
    }
    if (!current) {
      warn(line, `成果指標の「指標名」の前にある行です: 「${collapse(line.raw).slice(0, 60)}」`);
      continue;
    }
    if (lab === "設定理由") {
      current.rationale = content === "" ? null : content;
    } else if (lab === "算式") {
      const cells = line.cells.slice(1);
      const unitIdx = cells.findIndex((c) => squash(c) === "単位");
      const formulaCells = (unitIdx >= 0 ? cells.slice(0, unitIdx) : cells).filter((c) => c !== "");
      current.formula = formulaCells.length ? collapse(formulaCells.join(" ")) : null;
      if (unitIdx >= 0) {
        const u = cells.slice(unitIdx + 1).filter((c) => c !== "");
        current.unit = u.length ? collapse(u.join(" ")) : null;
      }
    } else if (lab === "単位") {
      current.unit = content === "" ? null : content;
    } else if (lab === "目標値" || line.cells.some((c) => squash(c) === "計画策定時")) {
      years = [];
      for (const c of line.cells) {
        const y = parseWarekiFiscalYear(c);
        if (y !== null) years.push(String(y));
      }
    } else if (line.cells.some((c) => squash(c) === "計画") || line.cells.some((c) => squash(c) === "実績")) {
      const isPlan = line.cells.some((c) => squash(c) === "計画");
      const idx = line.cells.findIndex((c) => squash(c) === (isPlan ? "計画" : "実績"));
      if (isPlan) {
        const before = line.cells.slice(0, idx).filter((c) => c !== "");
        if (before.length > 1) warn(line, `計画策定時の値が複数あります: 「${before.join("」「")}」`);
        current.baseline = before.length ? parseIndicatorValue(before[before.length - 1] ?? "") : null;
      }
      const values = line.cells.slice(idx + 1);
      const target: Record<FiscalYearKey, IndicatorValue> = {};
      values.forEach((c, k) => {
        if (c === "") return;
        const fy = years[k];
        if (fy === undefined) {
          diagnostics.push({
            severity: "warning",
            code: "unparsed-line",
            message: `${line.no}行目: 成果指標「${current?.name ?? ""}」の値「${c}」に対応する年度がありません。`,
            line: line.no,
          });
          return;
        }
        const v = parseIndicatorValue(c);
        if (v) target[fy] = v;
      });
      if (isPlan) current.planned = target;
      else current.actual = target;
    } else if (filled(line).length > 0) {
      warn(line, `成果指標の表の中で読み取れない行です: 「${collapse(line.raw).slice(0, 60)}」`);
    }
  }
  finish();
  return out;
}
