import { DIRECTION_LABELS, INPUT_LABELS, PLEDGE_LABELS, PROJECT_STATUS_LABELS } from "../labels.ts";
import { formatLevel } from "../plan/classification.ts";
import { formatWarekiFiscalYear } from "../plan/fiscal-year.ts";
import type { Measure, OutcomeIndicator, Project } from "../plan/model.ts";
import { INPUT_FIELDS, sortedYears } from "../plan/model.ts";

/**
 * Field-by-field comparison of two versions of a project or a measure, for the audit log and for showing
 * a conflicting change. Every field has a stable key (`inputs.2025.total`) and a Japanese label
 * (「令和7年度 年度別事業費」); values are the printed text, or null when empty.
 */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** A flattening: each field key with its Japanese label and printed value (null when empty). */
export type Fields = Map<string, { label: string; value: string | null }>;

/** 評価の向き as the audit shows it; "auto" (no setting) is left out of the flattening. */
const DIRECTION_OR_NONE = { ...DIRECTION_LABELS, auto: null } as const;

function text(v: string | null | undefined): string | null {
  return v === null || v === undefined || v === "" ? null : v;
}

/** Every field of a project, flattened. */
export function projectFields(p: Project): Fields {
  const f: Fields = new Map();
  const put = (field: string, label: string, value: string | null | undefined) =>
    f.set(field, { label, value: text(value) });
  put("name", "事務事業名", p.name);
  put("status", "新規・継続", PROJECT_STATUS_LABELS[p.status]);
  put("priority", "事業優先順位", p.priority);
  put("classification.account", "会計", p.classification.account);
  put("classification.kan", "款", formatLevel(p.classification.kan));
  put("classification.kou", "項", formatLevel(p.classification.kou));
  put("classification.moku", "目", formatLevel(p.classification.moku));
  put("leadDepartment", "所管課", p.leadDepartment);
  put(
    "mayoralPledge",
    "市長公約事項",
    p.mayoralPledge === null ? null : p.mayoralPledge ? PLEDGE_LABELS.yes : PLEDGE_LABELS.no,
  );
  put("summary", "事業概要", p.summary);
  put("purpose", "事業の目的", p.purpose);
  put("yearGoals", "年度目標", p.yearGoals);
  put("notes", "特記事項", p.notes);
  const estimated = new Set(p.estimatedYears ?? []);
  for (const fy of sortedYears(Object.keys(p.inputs))) {
    const i = p.inputs[fy];
    if (!i) continue;
    for (const k of INPUT_FIELDS) {
      put(`inputs.${fy}.${k}`, `${formatWarekiFiscalYear(fy)} ${INPUT_LABELS[k]}`, String(i[k]));
    }
    put(`estimated.${fy}`, `${formatWarekiFiscalYear(fy)} 見込み`, estimated.has(fy) ? "見込み" : null);
  }
  for (const fy of sortedYears(Object.keys(p.settled ?? {}))) {
    put(`settled.${fy}`, `${formatWarekiFiscalYear(fy)} 決算額`, String(p.settled?.[fy]));
  }
  p.activityIndicators.forEach((a, n) => {
    const at = `活動指標${n + 1}`;
    put(`activityIndicators.${n}.name`, `${at} 指標名`, a.name);
    put(`activityIndicators.${n}.unit`, `${at} 単位`, a.unit);
    put(`activityIndicators.${n}.direction`, `${at} 評価の向き`, DIRECTION_OR_NONE[a.direction ?? "auto"]);
    for (const fy of sortedYears(Object.keys(a.targets))) {
      put(
        `activityIndicators.${n}.targets.${fy}`,
        `${at} ${formatWarekiFiscalYear(fy)}目標`,
        a.targets[fy]?.text,
      );
    }
    for (const fy of sortedYears(Object.keys(a.actual ?? {}))) {
      put(
        `activityIndicators.${n}.actual.${fy}`,
        `${at} ${formatWarekiFiscalYear(fy)}実績`,
        a.actual?.[fy]?.text,
      );
    }
  });
  return f;
}

function outcomeFields(put: (field: string, label: string, v: string | null | undefined) => void) {
  return (o: OutcomeIndicator, n: number) => {
    const at = `成果指標${n + 1}`;
    put(`outcomeIndicators.${n}.name`, `${at} 指標名`, o.name);
    put(`outcomeIndicators.${n}.rationale`, `${at} 設定理由`, o.rationale);
    put(`outcomeIndicators.${n}.formula`, `${at} 算式`, o.formula);
    put(`outcomeIndicators.${n}.unit`, `${at} 単位`, o.unit);
    put(`outcomeIndicators.${n}.baseline`, `${at} 計画策定時`, o.baseline?.text);
    put(`outcomeIndicators.${n}.direction`, `${at} 評価の向き`, DIRECTION_OR_NONE[o.direction ?? "auto"]);
    for (const fy of sortedYears(Object.keys(o.planned))) {
      put(
        `outcomeIndicators.${n}.planned.${fy}`,
        `${at} ${formatWarekiFiscalYear(fy)}計画`,
        o.planned[fy]?.text,
      );
    }
    for (const fy of sortedYears(Object.keys(o.actual))) {
      put(
        `outcomeIndicators.${n}.actual.${fy}`,
        `${at} ${formatWarekiFiscalYear(fy)}実績`,
        o.actual[fy]?.text,
      );
    }
  };
}

/** Every editable field of a measure (its texts and outcome indicators), flattened. */
export function measureFields(m: Measure): Fields {
  const f: Fields = new Map();
  const put = (field: string, label: string, value: string | null | undefined) =>
    f.set(field, { label, value: text(value) });
  put("currentIssues", "現状と課題", m.currentIssues);
  put("purpose", "方針・目的", m.purpose);
  put("priorities", "重点方針と目標", m.priorities.join("\n"));
  put("goalStates", "目標(計画)", m.goalStates.join("\n"));
  put("futureActions", "今後の取り組み", m.futureActions);
  put("sectoralPlans", "個別計画", m.sectoralPlans);
  put("notes", "特記事項", m.notes);
  m.outcomeIndicators.forEach(outcomeFields(put));
  return f;
}

/** The fields that differ between two flattenings, in the order of `after` then fields only in `before`. */
export function diffFields(before: Fields, after: Fields): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, a] of after) {
    const b = before.get(field);
    if ((b?.value ?? null) !== a.value)
      out.push({ field, label: a.label, before: b?.value ?? null, after: a.value });
  }
  for (const [field, b] of before) {
    if (!after.has(field) && b.value !== null)
      out.push({ field, label: b.label, before: b.value, after: null });
  }
  return out;
}

export function diffProjects(before: Project, after: Project): FieldChange[] {
  return diffFields(projectFields(before), projectFields(after));
}

export function diffMeasures(before: Measure, after: Measure): FieldChange[] {
  return diffFields(measureFields(before), measureFields(after));
}
