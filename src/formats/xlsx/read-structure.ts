import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { parseIndicatorValue } from "../../domain/plan/indicator-value.ts";
import type {
  Direction,
  FiscalYearKey,
  IndicatorDirection,
  IndicatorValue,
  Measure,
  OutcomeIndicator,
  Policy,
  SdgLink,
} from "../../domain/plan/model.ts";
import { toHalfWidth } from "../../domain/plan/money.ts";
import { cellFiscalYear, cellInteger, cellText, shown } from "./cells.ts";
import {
  ACTUAL,
  DEPARTMENT_SEPARATOR,
  DERIVED_HEADING,
  DIRECTION_HEADING,
  DIRECTION_TEXT,
  INDICATOR_DIRECTION,
  LIST_SEPARATOR,
  MEASURE,
  OUTCOME,
  PLANNED,
  POLICY,
  SDG,
} from "./layout.ts";
import { type Findings, type SheetRecord, sortByPosition, type Table } from "./table.ts";

/** One item per line; blank lines are ignored. */
export function splitList(text: string | null): string[] {
  if (text === null) return [];
  return text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** 「市民課、全課」 (also 「,」 「，」 or one per line) → ["市民課", "全課"]. */
export function splitDepartments(text: string | null): string[] {
  if (text === null) return [];
  return text
    .split(new RegExp(`[${DEPARTMENT_SEPARATOR},，\\n]`))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The 番号 of a record: a whole number from 1, or null (rows then keep their order) when empty or wrong. */
export function readPosition(rec: SheetRecord, heading: string, f: Findings): number | null {
  const v = rec.value(heading);
  if (cellText(v) === null) return null;
  const n = cellInteger(v);
  if (n === null || n < 1) {
    f.error("invalid-value", rec.at(heading), `${heading}「${shown(v)}」は1以上の整数ではありません。`);
    return null;
  }
  return n;
}

/** A required text: reported when empty, then read as 「」. */
export function requiredText(rec: SheetRecord, heading: string, f: Findings): string {
  const t = rec.text(heading);
  if (t === null) {
    f.error("missing-field", rec.at(heading), `${heading}が空欄です。`);
    return "";
  }
  return t;
}

export function readPolicies(table: Table, f: Findings): Map<string, Policy> {
  const policies = new Map<string, Policy>();
  const first = new Map<string, string>();
  // 方針n and 方針nの説明, by n (the heading as written, full-width digits allowed).
  const directionColumns = new Map<number, { title?: string; text?: string }>();
  for (const h of table.headings) {
    const m = DIRECTION_HEADING.exec(h.label);
    if (!m?.[1]) continue;
    const n = Number(toHalfWidth(m[1]));
    const c = directionColumns.get(n) ?? {};
    if (m[2]) c.text = h.label;
    else c.title = h.label;
    directionColumns.set(n, c);
  }
  const directionOrder = [...directionColumns.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  for (const rec of table.records) {
    const code = rec.key(POLICY.code);
    if (code === null) {
      f.error("missing-field", rec.at(POLICY.code), `${POLICY.code}が空欄です（この行は読みません）。`);
      continue;
    }
    if (policies.has(code)) {
      f.error(
        "duplicate-row",
        rec.at(POLICY.code),
        `${POLICY.code}「${code}」が重複しています（${first.get(code)} と同じ。この行は読みません）。`,
      );
      continue;
    }
    first.set(code, rec.at(POLICY.code));
    const directions: Direction[] = [];
    for (const c of directionOrder) {
      const title = c.title === undefined ? null : rec.text(c.title);
      const text = c.text === undefined ? null : rec.text(c.text);
      if (title === null && text === null) continue;
      directions.push({ title: title ?? "", text: text ?? "" });
    }
    policies.set(code, {
      code,
      title: requiredText(rec, POLICY.title, f),
      leadDepartment: rec.text(POLICY.lead),
      relatedDepartments: splitDepartments(rec.text(POLICY.related)),
      mission: rec.text(POLICY.mission),
      missionPoints: splitList(rec.text(POLICY.missionPoints)),
      directions,
      measures: [],
    });
  }
  return policies;
}

export function readMeasures(table: Table, policies: Map<string, Policy>, f: Findings): Map<string, Measure> {
  const measures = new Map<string, Measure>();
  const first = new Map<string, string>();
  for (const rec of table.records) {
    const code = rec.key(MEASURE.code);
    if (code === null) {
      f.error("missing-field", rec.at(MEASURE.code), `${MEASURE.code}が空欄です（この行は読みません）。`);
      continue;
    }
    if (measures.has(code)) {
      f.error(
        "duplicate-row",
        rec.at(MEASURE.code),
        `${MEASURE.code}「${code}」が重複しています（${first.get(code)} と同じ。この行は読みません）。`,
      );
      continue;
    }
    const policyCode = rec.key(MEASURE.policy);
    const policy = policyCode === null ? undefined : policies.get(policyCode);
    if (!policy) {
      f.error(
        policyCode === null ? "missing-field" : "unknown-policy",
        rec.at(MEASURE.policy),
        policyCode === null
          ? `${MEASURE.policy}が空欄です（この施策は読みません）。`
          : `${MEASURE.policy}「${policyCode}」の政策が「政策」シートにありません（この施策は読みません）。`,
      );
      continue;
    }
    first.set(code, rec.at(MEASURE.code));
    const measure: Measure = {
      code,
      title: requiredText(rec, MEASURE.title, f),
      leadDepartment: rec.text(MEASURE.lead),
      relatedDepartments: splitDepartments(rec.text(MEASURE.related)),
      currentIssues: rec.text(MEASURE.currentIssues),
      purpose: rec.text(MEASURE.purpose),
      priorities: splitList(rec.text(MEASURE.priorities)),
      goalStates: splitList(rec.text(MEASURE.goalStates)),
      outcomeIndicators: [],
      futureActions: rec.text(MEASURE.futureActions),
      sdgs: [],
      sectoralPlans: rec.text(MEASURE.sectoralPlans),
      notes: rec.text(MEASURE.notes),
      projects: [],
    };
    measures.set(code, measure);
    policy.measures.push(measure);
  }
  return measures;
}

/** The measure a record names by 施策コード, or undefined (reported). */
export function measureOf(
  rec: SheetRecord,
  heading: string,
  measures: Map<string, Measure>,
  f: Findings,
  sheetOfMeasures: string,
): Measure | undefined {
  const code = rec.key(heading);
  if (code === null) {
    f.error("missing-field", rec.at(heading), `${heading}が空欄です（この行は読みません）。`);
    return undefined;
  }
  const m = measures.get(code);
  if (!m) {
    f.error(
      "unknown-measure",
      rec.at(heading),
      `${heading}「${code}」の施策が「${sheetOfMeasures}」シートにありません（この行は読みません）。`,
    );
  }
  return m;
}

export function readSdgs(table: Table, measures: Map<string, Measure>, f: Findings, measureSheet: string) {
  const byMeasure = new Map<Measure, { position: number | null; row: number; item: SdgLink }[]>();
  for (const rec of table.records) {
    const m = measureOf(rec, SDG.measure, measures, f, measureSheet);
    if (!m) continue;
    const position = readPosition(rec, SDG.position, f);
    const g = rec.value(SDG.goal);
    let goal = cellInteger(g);
    if (goal === null || goal < 1 || goal > 17) {
      f.error("invalid-value", rec.at(SDG.goal), `${SDG.goal}「${shown(g)}」は1〜17の整数ではありません。`);
      goal = goal ?? 0;
    }
    const list = byMeasure.get(m) ?? [];
    list.push({
      position,
      row: rec.row,
      item: { goal, title: rec.text(SDG.title) ?? "", text: rec.text(SDG.text) ?? "" },
    });
    byMeasure.set(m, list);
  }
  for (const [m, list] of byMeasure) m.sdgs = sortByPosition(list);
}

/** An indicator value as typed; an empty cell or a dash is none. */
export function indicatorValue(text: string | null): IndicatorValue | null {
  return text === null ? null : parseIndicatorValue(text);
}

/**
 * 評価の向き of an indicator: 「高いほど良い」 → higher, 「低いほど良い」 → lower; an empty cell (or no
 * column) is none, and so is a value that is neither (reported).
 */
export function readIndicatorDirection(
  rec: SheetRecord,
  f: Findings,
  about?: { project?: string },
): IndicatorDirection | null {
  const t = rec.key(INDICATOR_DIRECTION);
  if (t === null) return null;
  const s = toHalfWidth(t).replace(/\s+/g, "");
  for (const [k, v] of Object.entries(DIRECTION_TEXT) as [IndicatorDirection, string][]) {
    if (s === v || s.toLowerCase() === k) return k;
  }
  f.error(
    "invalid-value",
    rec.at(INDICATOR_DIRECTION),
    `${INDICATOR_DIRECTION}「${t}」は「${DIRECTION_TEXT.higher}」か「${DIRECTION_TEXT.lower}」で入力してください（空欄は目標値の以上・以下から判断します。この値は読みません）。`,
    about,
  );
  return null;
}

/** A derived column (「令和3年度達成状況」, 「令和3年度計画策定時比」): written for the eye, never read. */
export function isDerivedHeading(label: string): boolean {
  return DERIVED_HEADING.test(label);
}

export function readOutcomes(
  table: Table,
  measures: Map<string, Measure>,
  f: Findings,
  measureSheet: string,
) {
  const known = new Set<string>([...Object.values(OUTCOME), INDICATOR_DIRECTION]);
  const series: { label: string; kind: "planned" | "actual"; fy: FiscalYearKey }[] = [];
  for (const h of table.headings) {
    if (known.has(h.label) || isDerivedHeading(h.label)) continue;
    const m = new RegExp(`^(.+?)\\s*(${PLANNED}|${ACTUAL})$`).exec(h.label);
    const fy = m?.[1] ? cellFiscalYear(m[1]) : null;
    if (!m || fy === null) {
      f.error(
        "invalid-heading",
        h.at,
        `見出し「${h.label}」を読めません。年度の列は「${formatWarekiFiscalYear(2024)}${PLANNED}」「${formatWarekiFiscalYear(2024)}${ACTUAL}」のように書いてください（この列は読みません）。`,
      );
      continue;
    }
    series.push({ label: h.label, kind: m[2] === PLANNED ? "planned" : "actual", fy: String(fy) });
  }
  series.sort((a, b) => Number(a.fy) - Number(b.fy));
  const byMeasure = new Map<Measure, { position: number | null; row: number; item: OutcomeIndicator }[]>();
  for (const rec of table.records) {
    const m = measureOf(rec, OUTCOME.measure, measures, f, measureSheet);
    if (!m) continue;
    const o: OutcomeIndicator = {
      name: rec.text(OUTCOME.name),
      rationale: rec.text(OUTCOME.rationale),
      formula: rec.text(OUTCOME.formula),
      unit: rec.text(OUTCOME.unit),
      baseline: indicatorValue(rec.text(OUTCOME.baseline)),
      planned: {},
      actual: {},
    };
    for (const s of series) {
      const v = indicatorValue(rec.text(s.label));
      if (v === null) continue;
      if (s.fy in o[s.kind]) {
        f.error(
          "duplicate-column",
          rec.at(s.label),
          `${s.label}の列が重複しています（この値は読みません）。`,
        );
        continue;
      }
      o[s.kind][s.fy] = v;
    }
    const direction = readIndicatorDirection(rec, f);
    if (direction !== null) o.direction = direction;
    const list = byMeasure.get(m) ?? [];
    list.push({ position: readPosition(rec, OUTCOME.position, f), row: rec.row, item: o });
    byMeasure.set(m, list);
  }
  for (const [m, list] of byMeasure) m.outcomeIndicators = sortByPosition(list);
}
