import { findNonstandardKanji, formatCodePoint } from "../plan/characters.ts";
import { formatWarekiFiscalYear } from "../plan/fiscal-year.ts";
import type { Diagnostic, FiscalYearKey, Inputs, PlanDocument, Project } from "../plan/model.ts";
import { eachProject, sortedYears } from "../plan/model.ts";
import { formatThousands } from "../plan/money.ts";

/** Where a finding sits in the source, so a reader can attach a line number. */
export type Locator =
  | { kind: "inputs"; projectIndex: number; fiscalYear: FiscalYearKey }
  | { kind: "inputsHeader"; projectIndex: number }
  | { kind: "project"; projectIndex: number }
  | { kind: "classification"; projectIndex: number }
  | { kind: "text"; text: string; char: string; projectIndex: number | null };

export type Locate = (where: Locator) => number | null;

const noLine: Locate = () => null;

/** The sum of the four funding sources; equals total when the project's money adds up. */
export function fundingSum(i: Inputs): number {
  return i.nationalPrefectural + i.localBonds + i.otherEarmarked + i.generalRevenue;
}

export function checkFundingSums(
  project: Project,
  projectIndex: number,
  locate: Locate = noLine,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const fy of sortedYears(Object.keys(project.inputs))) {
    const i = project.inputs[fy];
    if (!i) continue;
    const sum = fundingSum(i);
    if (sum !== i.total) {
      out.push({
        severity: "error",
        code: "funding-sum-mismatch",
        message:
          `「${project.name}」の${formatWarekiFiscalYear(fy)}: 財源の合計 ${formatThousands(sum)} 千円` +
          `（国・県支出金 ${formatThousands(i.nationalPrefectural)} + 地方債 ${formatThousands(i.localBonds)}` +
          ` + その他 ${formatThousands(i.otherEarmarked)} + 一般財源 ${formatThousands(i.generalRevenue)}）が` +
          `年度別事業費 ${formatThousands(i.total)} 千円と一致しません（差 ${formatThousands(sum - i.total)} 千円）。`,
        line: locate({ kind: "inputs", projectIndex, fiscalYear: fy }),
        project: project.name,
        fiscalYear: fy,
      });
    }
  }
  return out;
}

/** The plan period of a book: every fiscal year that any project prints, as a contiguous range. */
export function planPeriod(plan: PlanDocument): FiscalYearKey[] {
  const years = new Set<number>();
  for (const { project } of eachProject(plan))
    for (const fy of Object.keys(project.inputs)) years.add(Number(fy));
  if (years.size === 0) return [];
  const min = Math.min(...years);
  const max = Math.max(...years);
  if (max - min > 20) return sortedYears([...years].map(String));
  const out: FiscalYearKey[] = [];
  for (let y = min; y <= max; y++) out.push(String(y));
  return out;
}

export function checkMissingYears(
  project: Project,
  projectIndex: number,
  period: FiscalYearKey[],
  locate: Locate = noLine,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const printed = Object.keys(project.inputs);
  if (printed.length === 0) {
    return [
      {
        severity: "warning",
        code: "missing-fiscal-year",
        message: `「${project.name}」に投入指標（年度別事業費）がありません。`,
        line: locate({ kind: "project", projectIndex }),
        project: project.name,
      },
    ];
  }
  for (const fy of period) {
    if (!(fy in project.inputs)) {
      out.push({
        severity: "warning",
        code: "missing-fiscal-year",
        message: `「${project.name}」に${formatWarekiFiscalYear(fy)}の投入指標がありません（計画期間 ${formatWarekiFiscalYear(period[0] ?? fy)}〜${formatWarekiFiscalYear(period[period.length - 1] ?? fy)}）。`,
        line: locate({ kind: "inputsHeader", projectIndex }),
        project: project.name,
        fiscalYear: fy,
      });
    }
  }
  return out;
}

/** Kanji outside JIS X 0213 in any text of the project. */
export function checkCharacters(
  project: Project,
  projectIndex: number,
  locate: Locate = noLine,
): Diagnostic[] {
  const texts: string[] = [
    project.name,
    project.leadDepartment,
    project.classification.account,
    project.classification.kan?.name ?? "",
    project.classification.kou?.name ?? "",
    project.classification.moku?.name ?? "",
    project.priority ?? "",
    project.summary ?? "",
    project.purpose ?? "",
    project.yearGoals ?? "",
    project.notes ?? "",
    ...project.activityIndicators.flatMap((a) => [
      a.name,
      a.unit ?? "",
      ...Object.values(a.targets).map((t) => t.text),
    ]),
  ];
  return textCharacterDiagnostics(texts, projectIndex, locate, project.name);
}

export function textCharacterDiagnostics(
  texts: string[],
  projectIndex: number | null,
  locate: Locate,
  projectName?: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const text of texts) {
    for (const bad of findNonstandardKanji(text)) {
      const context = text.slice(Math.max(0, bad.index - 6), bad.index + bad.char.length + 6);
      out.push({
        severity: "warning",
        code: "nonstandard-character",
        message: `JIS X 0213 にない漢字「${bad.char}」（${formatCodePoint(bad.codePoint)}）が使われています: 「${context}」。印刷や他システムで正しく表示されない恐れがあります。`,
        line: locate({ kind: "text", text, char: bad.char, projectIndex }),
        ...(projectName !== undefined ? { project: projectName } : {}),
      });
    }
  }
  return out;
}

/**
 * One budget code, one name: 款, 項 and 目 are numbered within their account (and parent), so the same
 * number printed with another name (「2徴収費」 and 「2徴税費」 both as 款2の項2) is an inconsistency.
 */
export function checkClassificationNames(plan: PlanDocument, locate: Locate = noLine): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, { name: string; project: string }>();
  let index = 0;
  for (const { project } of eachProject(plan)) {
    const c = project.classification;
    const levels = [
      { label: "款", level: c.kan, key: [c.account, c.kan?.number] },
      { label: "項", level: c.kou, key: [c.account, c.kan?.number, c.kou?.number] },
      { label: "目", level: c.moku, key: [c.account, c.kan?.number, c.kou?.number, c.moku?.number] },
    ];
    for (const { label, level, key } of levels) {
      if (!level || key.some((k) => k === null || k === undefined)) continue;
      const id = `${label}|${key.join("|")}`;
      const first = seen.get(id);
      if (!first) {
        seen.set(id, { name: level.name, project: project.name });
      } else if (first.name !== level.name) {
        out.push({
          severity: "warning",
          code: "classification-name-mismatch",
          message:
            `「${project.name}」の${label}「${level.number}${level.name}」が、「${first.project}」の` +
            `「${level.number}${first.name}」と同じ番号で名称が異なります（${c.account}）。`,
          line: locate({ kind: "classification", projectIndex: index }),
          project: project.name,
        });
      }
    }
    index++;
  }
  return out;
}

/**
 * Every consistency check over a whole plan: funding that does not add up, projects printing fewer
 * fiscal years than the plan period, budget codes printed with different names, and kanji outside
 * JIS X 0213.
 */
export function checkPlan(plan: PlanDocument, locate: Locate = noLine): Diagnostic[] {
  const period = planPeriod(plan);
  const out: Diagnostic[] = [];
  let index = 0;
  for (const { project } of eachProject(plan)) {
    out.push(...checkFundingSums(project, index, locate));
    out.push(...checkMissingYears(project, index, period, locate));
    out.push(...checkCharacters(project, index, locate));
    index++;
  }
  out.push(...checkClassificationNames(plan, locate));
  for (const policy of plan.policies) {
    const texts = [
      policy.title,
      policy.mission ?? "",
      ...policy.missionPoints,
      ...policy.directions.flatMap((d) => [d.title, d.text]),
    ];
    for (const m of policy.measures) {
      texts.push(
        m.title,
        m.currentIssues ?? "",
        m.purpose ?? "",
        ...m.priorities,
        ...m.goalStates,
        m.futureActions ?? "",
        m.sectoralPlans ?? "",
        m.notes ?? "",
        ...m.sdgs.flatMap((s) => [s.title, s.text]),
        ...m.outcomeIndicators.flatMap((o) => [
          o.name ?? "",
          o.rationale ?? "",
          o.formula ?? "",
          o.unit ?? "",
        ]),
      );
    }
    out.push(...textCharacterDiagnostics(texts, null, locate));
  }
  return out;
}
