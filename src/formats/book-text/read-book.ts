import { checkPlan, type Locate } from "../../domain/checks/check-plan.ts";
import type { Diagnostic, Measure, PlanDocument, Policy } from "../../domain/plan/model.ts";
import { emptyPlan } from "../../domain/plan/model.ts";
import { type DecodedText, decodeText } from "../decode.ts";
import {
  isMeasureRow,
  isPageHeader,
  isPolicyRow,
  isProjectStart,
  type Line,
  normalizeCode,
  splitLines,
  TOC_MEASURE,
  TOC_POLICY,
} from "./lines.ts";
import { type ProjectSource, readProjectBlock } from "./project-block.ts";
import { collapse } from "./prose.ts";
import { readDepartments, readMeasureSections, readPolicySections, splitSections } from "./sections.ts";

export interface BookReading {
  plan: PlanDocument;
  /** How the bytes were decoded (absent when text was given). */
  encoding: DecodedText["encoding"] | null;
  /** The fiscal year the book is for, from 「令和N年度重点方針と目標」 or the first 投入指標 year. */
  fiscalYear: number | null;
  /**
   * The cities the text names as 「○○市役所」「○○町役場」, most named first: a text book has no city
   * field, but its own office is named in it (the sample: 「小諸市役所」). Empty when none is named.
   */
  cities: string[];
}

/** Reads a 実施計画書 兼 事業説明書 text file (bytes in any supported encoding, or decoded text). Never throws. */
export function readBook(input: Uint8Array | string): PlanDocument {
  return readBookDetailed(input).plan;
}

export function readBookText(text: string): PlanDocument {
  return readBookDetailed(text).plan;
}

/** Like readBook, with the detected encoding and fiscal year. Never throws. */
export function readBookDetailed(input: Uint8Array | string): BookReading {
  try {
    return read(input);
  } catch (e) {
    // A reader must never crash on malformed input; an internal fault is reported, not thrown.
    const plan = emptyPlan();
    plan.diagnostics.push({
      severity: "error",
      code: "reader-failure",
      message: `読み取り中に想定外の誤りが起きました（${e instanceof Error ? e.message : String(e)}）。この内容を開発者に報告してください。`,
      line: null,
    });
    return { plan, encoding: null, fiscalYear: null, cities: [] };
  }
}

function read(input: Uint8Array | string): BookReading {
  const plan = emptyPlan();
  let text: string;
  let encoding: DecodedText["encoding"] | null = null;
  if (typeof input === "string") {
    text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  } else {
    const decoded = decodeText(input);
    encoding = decoded.encoding;
    if (decoded.binary) {
      plan.diagnostics.push({
        severity: "error",
        code: "binary-input",
        message:
          "テキストファイルではありません（バイナリのデータが含まれています）。実施計画書をテキスト形式（UTF-8 または Shift_JIS）で保存したファイルを指定してください。",
        line: null,
      });
      return { plan, encoding, fiscalYear: null, cities: [] };
    }
    if (decoded.replacements > 0) {
      plan.diagnostics.push({
        severity: "warning",
        code: "undecodable-character",
        message: `文字コード（${decoded.encoding === "shift_jis" ? "Shift_JIS" : decoded.encoding.toUpperCase()}）として読めない文字が${decoded.replacements}個あります（「\uFFFD」に置き換えました）。`,
        line: null,
      });
    }
    text = decoded.text;
  }

  const lines = splitLines(text);
  if (lines.every((l) => l.blank)) {
    plan.diagnostics.push({
      severity: "error",
      code: "empty-input",
      message: "ファイルが空です。",
      line: null,
    });
    return { plan, encoding, fiscalYear: null, cities: [] };
  }

  const reader = new BookReader(lines, plan);
  reader.run();
  const locate = reader.locator();
  const checks = checkPlan(plan, locate);
  plan.diagnostics.push(...checks);
  plan.diagnostics.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  if (plan.policies.length === 0) {
    plan.diagnostics.push({
      severity: "error",
      code: "missing-field",
      message: "政策（「政策 N」で始まる行）が見つかりません。実施計画書のテキストではない可能性があります。",
      line: null,
    });
  }
  const firstYear = Object.keys(plan.policies[0]?.measures[0]?.projects[0]?.inputs ?? {})[0];
  return {
    plan,
    encoding,
    fiscalYear: reader.bookYear ?? (firstYear ? Number(firstYear) : null),
    cities: namedCities(text),
  };
}

/** 「小諸市役所」「○○町役場」 → the city, most named first (a leading 「長野県」 dropped). */
export function namedCities(text: string): string[] {
  const counts = new Map<string, number>();
  // Found from each 役所/役場 backwards: one short match per office named, never a scan of every position.
  for (const office of text.matchAll(/役[所場]/g)) {
    const m = /(\p{Script=Han}{1,8}[市町村])$/u.exec(text.slice(Math.max(0, office.index - 9), office.index));
    if (!m) continue;
    const city = (m[1] ?? "").replace(/^\p{Script=Han}{1,3}?[都道府県](?=\p{Script=Han}{2})/u, "");
    if (city === "" || /^(市町村|市町|町村|市)$/.test(city)) continue;
    counts.set(city, (counts.get(city) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

class BookReader {
  private policy: Policy | null = null;
  private measure: Measure | null = null;
  private readonly projectSources: ProjectSource[] = [];
  private readonly contents: { kind: "policy" | "measure"; code: string; title: string; line: number }[] = [];
  bookYear: number | null = null;

  constructor(
    private readonly lines: Line[],
    private readonly plan: PlanDocument,
  ) {}

  private diag(d: Diagnostic): void {
    this.plan.diagnostics.push(d);
  }

  private unparsed(line: Line, message?: string): void {
    this.diag({
      severity: "warning",
      code: "unparsed-line",
      message: message
        ? `${line.no}行目: ${message}`
        : `${line.no}行目: 読み取れない行です: 「${collapse(line.raw).slice(0, 60)}」`,
      line: line.no,
    });
  }

  run(): void {
    const { lines } = this;
    let i = 0;
    let tocPolicyTitlePending = false;
    while (i < lines.length) {
      const line = lines[i] as Line;
      if (line.blank) {
        i++;
        continue;
      }
      const trimmed = line.raw.trim();
      const tocPolicy = TOC_POLICY.exec(trimmed);
      if (tocPolicy) {
        tocPolicyTitlePending = true;
        this.contents.push({
          kind: "policy",
          code: normalizeCode(tocPolicy[1] ?? ""),
          title: "",
          line: line.no,
        });
        i++;
        continue;
      }
      const tocMeasure = TOC_MEASURE.exec(trimmed);
      if (tocMeasure) {
        tocPolicyTitlePending = false;
        this.contents.push({
          kind: "measure",
          code: normalizeCode(tocMeasure[1] ?? ""),
          title: collapse(tocMeasure[2] ?? ""),
          line: line.no,
        });
        i++;
        continue;
      }
      const policyRow = isPolicyRow(line);
      if (policyRow) {
        tocPolicyTitlePending = false;
        i = this.readPolicyOrMeasure(i, normalizeCode(policyRow[1] ?? ""), collapse(line.cells[1] ?? ""));
        continue;
      }
      const measureRow = isMeasureRow(line);
      if (measureRow) {
        i = this.readMeasure(i, normalizeCode(measureRow[1] ?? ""), collapse(line.cells[1] ?? ""));
        continue;
      }
      const page = isPageHeader(line);
      if (page) {
        this.enterMeasure(normalizeCode(page[1] ?? ""), collapse(page[2] ?? ""), line);
        i++;
        continue;
      }
      if (isProjectStart(line)) {
        i = this.readProject(i);
        continue;
      }
      if (
        this.policy === null &&
        this.plan.title === null &&
        !line.raw.includes("\t") &&
        /計画|説明書/.test(trimmed)
      ) {
        this.plan.title = collapse(trimmed);
        i++;
        continue;
      }
      if (tocPolicyTitlePending && !line.raw.includes("\t")) {
        // The policy's title printed under 【政策 N : …】 in the contents.
        tocPolicyTitlePending = false;
        const entry = this.contents[this.contents.length - 1];
        if (entry) entry.title = collapse(trimmed);
        i++;
        continue;
      }
      this.unparsed(line);
      i++;
    }
    this.checkContents();
  }

  /** The contents (【政策 N : …】, 【施策 N-M】 …) must name the policies and measures the book prints. */
  private checkContents(): void {
    for (const entry of this.contents) {
      const policy = this.findPolicy(entry.kind === "policy" ? entry.code : (entry.code.split("-")[0] ?? ""));
      const found = entry.kind === "policy" ? policy : policy?.measures.find((m) => m.code === entry.code);
      const what = entry.kind === "policy" ? `政策 ${entry.code}` : `施策 ${entry.code}`;
      if (!found) {
        this.diag({
          severity: "warning",
          code: "contents-mismatch",
          message: `${entry.line}行目: 目次にある${what}が本文にありません。`,
          line: entry.line,
        });
      } else if (entry.title !== "" && found.title !== "" && entry.title !== found.title) {
        this.diag({
          severity: "warning",
          code: "title-mismatch",
          message: `${entry.line}行目: 目次の${what}の名称「${entry.title}」が本文の「${found.title}」と異なります。`,
          line: entry.line,
        });
      }
    }
    if (this.contents.some((e) => e.kind === "measure")) {
      for (const policy of this.plan.policies) {
        for (const m of policy.measures) {
          if (!this.contents.some((e) => e.kind === "measure" && e.code === m.code)) {
            this.diag({
              severity: "info",
              code: "contents-mismatch",
              message: `施策 ${m.code}「${m.title}」が目次にありません。`,
              line: null,
            });
          }
        }
      }
    }
  }

  private findPolicy(code: string): Policy | undefined {
    return this.plan.policies.find((p) => p.code === code);
  }

  private ensurePolicy(code: string, title: string): Policy {
    let p = this.findPolicy(code);
    if (!p) {
      p = {
        code,
        title,
        leadDepartment: null,
        relatedDepartments: [],
        mission: null,
        missionPoints: [],
        directions: [],
        measures: [],
      };
      this.plan.policies.push(p);
    } else if (p.title === "" && title !== "") {
      p.title = title;
    }
    this.policy = p;
    return p;
  }

  /** 「政策 N\t…」: a policy block, or (when a 「施策 N-M\t…」 row follows) the head of a measure block. */
  private readPolicyOrMeasure(i: number, code: string, title: string): number {
    this.ensurePolicy(code, title);
    let j = i + 1;
    while (j < this.lines.length && (this.lines[j] as Line).blank) j++;
    const next = this.lines[j];
    if (next) {
      const m = isMeasureRow(next);
      if (m) return this.readMeasure(j, normalizeCode(m[1] ?? ""), collapse(next.cells[1] ?? ""));
    }
    const policy = this.policy as Policy;
    const block = splitSections(this.lines, i + 1);
    const warn = (line: Line, message: string) => this.unparsed(line, message);
    const { lead, related } = readDepartments(block.head, warn);
    if (lead !== null) policy.leadDepartment = lead;
    policy.relatedDepartments.push(...related);
    readPolicySections(policy, block.sections, warn);
    this.measure = null;
    return block.next;
  }

  private enterMeasure(code: string, title: string, line: Line): Measure {
    const policyCode = code.split("-")[0] ?? code;
    if (!this.policy || this.policy.code !== policyCode) {
      this.ensurePolicy(policyCode, this.findPolicy(policyCode)?.title ?? "");
    }
    const policy = this.policy as Policy;
    let m = policy.measures.find((x) => x.code === code);
    if (!m) {
      m = {
        code,
        title,
        leadDepartment: null,
        relatedDepartments: [],
        currentIssues: null,
        purpose: null,
        priorities: [],
        goalStates: [],
        outcomeIndicators: [],
        futureActions: null,
        sdgs: [],
        sectoralPlans: null,
        notes: null,
        projects: [],
      };
      policy.measures.push(m);
    } else if (title !== "" && m.title !== title && m.title !== "") {
      this.diag({
        severity: "warning",
        code: "title-mismatch",
        message: `${line.no}行目: 施策 ${code} の名称「${title}」が、先に書かれた「${m.title}」と異なります。`,
        line: line.no,
      });
    } else if (m.title === "") {
      m.title = title;
    }
    this.measure = m;
    return m;
  }

  private readMeasure(i: number, code: string, title: string): number {
    const measure = this.enterMeasure(code, title, this.lines[i] as Line);
    const block = splitSections(this.lines, i + 1);
    const warn = (line: Line, message: string) => this.unparsed(line, message);
    const { lead, related } = readDepartments(block.head, warn);
    if (lead !== null) measure.leadDepartment = lead;
    measure.relatedDepartments.push(...related);
    const year = readMeasureSections(measure, block.sections, warn, this.plan.diagnostics);
    if (year !== null && this.bookYear === null) this.bookYear = year;
    return block.next;
  }

  private readProject(i: number): number {
    const result = readProjectBlock(this.lines, i);
    this.plan.diagnostics.push(...result.diagnostics);
    if (!this.measure) {
      this.diag({
        severity: "error",
        code: "missing-field",
        message: `${(this.lines[i] as Line).no}行目: 事務事業「${result.project.name}」がどの施策に属するか分かりません（前に「施策 N-M」の行がありません）。`,
        line: (this.lines[i] as Line).no,
        project: result.project.name,
      });
      this.enterMeasure("?", "（施策不明）", this.lines[i] as Line);
    }
    (this.measure as Measure).projects.push(result.project);
    this.projectSources.push(result.source);
    return Math.max(result.next, i + 1);
  }

  /** Line numbers for the domain checks: 一般財源 row for sums, 投入指標 row for years, the line with the character. */
  locator(): Locate {
    const sources = this.projectSources;
    const lines = this.lines;
    return (where) => {
      switch (where.kind) {
        case "inputs": {
          const s = sources[where.projectIndex];
          return s ? (s.inputRowLines.generalRevenue ?? s.inputRowLines.total ?? s.inputsHeaderLine) : null;
        }
        case "inputsHeader": {
          const s = sources[where.projectIndex];
          return s ? (s.inputsHeaderLine ?? s.startLine) : null;
        }
        case "project":
          return sources[where.projectIndex]?.startLine ?? null;
        case "classification": {
          const s = sources[where.projectIndex];
          return s ? (s.classificationLine ?? s.startLine) : null;
        }
        case "text": {
          const s = where.projectIndex === null ? null : sources[where.projectIndex];
          const from = s ? s.startLine : 1;
          const to = s ? s.endLine : lines.length;
          for (let n = from; n <= to; n++) if (lines[n - 1]?.raw.includes(where.char)) return n;
          return null;
        }
      }
    };
  }
}
