import { fundingSum } from "../checks/check-plan.ts";
import { INPUT_LABELS } from "../labels.ts";
import { formatWarekiFiscalYear } from "../plan/fiscal-year.ts";
import type { Measure, Project } from "../plan/model.ts";
import { INPUT_FIELDS, sortedYears } from "../plan/model.ts";
import { formatThousands } from "../plan/money.ts";

/** A rule a saved project or measure must keep, broken at one field. Messages are Japanese. */
export interface RuleProblem {
  field: string;
  message: string;
}

/** Longest text accepted in one field (characters). A book's longest paragraph is far shorter. */
export const MAX_TEXT_LENGTH = 20_000;
/** Largest amount accepted in one cell, in 千円 (a trillion yen). */
export const MAX_AMOUNT = 1_000_000_000;

function checkText(out: RuleProblem[], field: string, label: string, v: string | null, required = false) {
  if (required && (v === null || v.trim() === ""))
    out.push({ field, message: `${label}を入力してください。` });
  else if (v !== null && v.length > MAX_TEXT_LENGTH) {
    out.push({
      field,
      message: `${label}が長すぎます（${MAX_TEXT_LENGTH.toLocaleString("ja-JP")}字まで）。`,
    });
  }
}

/**
 * What a project must satisfy to be saved from a form: a name and a department, amounts that are
 * non-negative integers in 千円, and for each fiscal year funding sources that add up to the 年度別事業費.
 */
export function projectRuleProblems(p: Project): RuleProblem[] {
  const out: RuleProblem[] = [];
  checkText(out, "name", "事務事業名", p.name, true);
  checkText(out, "leadDepartment", "所管課", p.leadDepartment, true);
  checkText(out, "classification.account", "会計", p.classification.account, true);
  for (const [field, label, v] of [
    ["summary", "事業概要", p.summary],
    ["purpose", "事業の目的", p.purpose],
    ["yearGoals", "年度目標", p.yearGoals],
    ["notes", "特記事項", p.notes],
    ["priority", "事業優先順位", p.priority],
  ] as const) {
    checkText(out, field, label, v);
  }
  for (const fy of sortedYears(Object.keys(p.inputs))) {
    const i = p.inputs[fy];
    if (!i) continue;
    const year = formatWarekiFiscalYear(fy);
    let bad = false;
    for (const k of INPUT_FIELDS) {
      const v = i[k];
      if (!Number.isSafeInteger(v) || v < 0 || v > MAX_AMOUNT) {
        bad = true;
        out.push({
          field: `inputs.${fy}.${k}`,
          message: `${year}の${INPUT_LABELS[k]}は 0 以上 ${formatThousands(MAX_AMOUNT)} 以下の整数（千円）で入力してください。`,
        });
      }
    }
    if (!bad && fundingSum(i) !== i.total) {
      out.push({
        field: `inputs.${fy}.total`,
        message: `${year}: 財源の合計 ${formatThousands(fundingSum(i))} 千円が年度別事業費 ${formatThousands(i.total)} 千円と一致しません。`,
      });
    }
  }
  p.activityIndicators.forEach((a, n) => {
    checkText(out, `activityIndicators.${n}.name`, `活動指標${n + 1}の指標名`, a.name, true);
  });
  return out;
}

export function measureRuleProblems(m: Measure): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const [field, label, v] of [
    ["currentIssues", "現状と課題", m.currentIssues],
    ["purpose", "方針・目的", m.purpose],
    ["futureActions", "今後の取り組み", m.futureActions],
    ["sectoralPlans", "個別計画", m.sectoralPlans],
    ["notes", "特記事項", m.notes],
  ] as const) {
    checkText(out, field, label, v);
  }
  m.outcomeIndicators.forEach((o, n) => {
    checkText(out, `outcomeIndicators.${n}.name`, `成果指標${n + 1}の指標名`, o.name, true);
  });
  return out;
}

/**
 * A project as edited on the plan form, with what that form does not hold taken from the stored project:
 * 決算額, evaluations, and the actuals of each activity indicator (matched by name; an indicator renamed
 * in place, with the same number of indicators, keeps the actuals of its row). These are entered on the
 * evaluation sheets, so saving the plan form never loses them.
 */
export function withCheckData(before: Project, edited: Project): Project {
  const byName = new Map(before.activityIndicators.map((a) => [a.name, a]));
  const sameRows = before.activityIndicators.length === edited.activityIndicators.length;
  const out: Project = {
    ...edited,
    activityIndicators: edited.activityIndicators.map((a, n) => {
      const source = byName.get(a.name) ?? (sameRows ? before.activityIndicators[n] : undefined);
      const { actual: _dropped, ...rest } = a;
      return source?.actual ? { ...rest, actual: source.actual } : rest;
    }),
  };
  delete out.settled;
  delete out.evaluations;
  if (before.settled) out.settled = before.settled;
  if (before.evaluations) out.evaluations = before.evaluations;
  return out;
}

/** A name as the model keys it (rollover, compare and the exports match projects by it). */
const nameKey = (name: string) => name.normalize("NFKC").trim();

/**
 * Project names are unique within a measure (issue 11, finding 9): the refusal of `name` when another
 * project of measure `code` has it, naming that project; null when the name is free.
 */
export function projectNameProblem(
  name: string,
  code: string,
  siblings: readonly { name: string; leadDepartment: string }[],
): RuleProblem | null {
  const other = siblings.find((s) => nameKey(s.name) === nameKey(name));
  if (!other) return null;
  return {
    field: "name",
    message: `事務事業名: 施策${code}には同じ名前の事務事業「${other.name}」（所管課 ${other.leadDepartment}）がすでにあります。施策の中で重ならない名前にしてください。`,
  };
}

/** Measure codes are unique within a plan: the refusal of `code` when another measure has it. */
export function measureCodeProblem(
  code: string,
  others: readonly { code: string; title: string }[],
): RuleProblem | null {
  const other = others.find((o) => nameKey(o.code) === nameKey(code));
  if (!other) return null;
  return {
    field: "code",
    message: `施策番号: 施策${other.code}「${other.title}」がすでにあります。計画の中で重ならない施策番号にしてください。`,
  };
}
