import { parseClassification } from "../../domain/plan/classification.ts";
import type { Classification, ProjectStatus } from "../../domain/plan/model.ts";
import type { Line } from "./lines.ts";
import { filled, squash } from "./lines.ts";
import { collapse } from "./prose.ts";

/** A problem found in a row, reported by the caller with the row's line. */
export interface RowProblem {
  code: string;
  message: string;
  severity?: "error" | "warning";
}

/**
 * The value row under 「事務事業名 | 新規・継続 | 事業優先順位」, matched by content, not column:
 * the name comes first, the status is 新規 or 継続, the priority is what follows when the header has one.
 */
export function readNameRow(
  row: Line,
  hasPriorityColumn: boolean,
): { name: string; status: ProjectStatus; priority: string | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const vals = filled(row);
  const name = collapse(vals[0] ?? "");
  const statusIdx = vals.findIndex((c, k) => k > 0 && /^(新規|継続)$/.test(squash(c)));
  let status: ProjectStatus = "continuing";
  if (statusIdx >= 0) {
    status = squash(vals[statusIdx] ?? "") === "新規" ? "new" : "continuing";
  } else {
    problems.push({
      code: "missing-field",
      message: `${row.no}行目: 「${name}」の新規・継続が読み取れません（「継続」として扱います）。`,
    });
  }
  let priority: string | null = null;
  if (hasPriorityColumn) {
    const after = vals.filter((_, k) => k > 0 && k !== statusIdx);
    priority = after.length > 0 ? squash(after.join("")) : null;
  } else if (vals.length > (statusIdx >= 0 ? 2 : 1)) {
    problems.push({
      code: "unparsed-line",
      message: `${row.no}行目: 事務事業名の行に読み取れない値があります: 「${vals.slice(1).join("」「")}」`,
    });
  }
  return { name, status, priority, problems };
}

/**
 * The value row under 「会計・款・項・目 | 所管課 | 市長公約事項」: the classification is the cell with
 * 「・」, the pledge is 「1:無」/「2:有」, the department is what remains.
 */
export function readClassificationRow(
  row: Line,
  hasPledgeColumn: boolean,
): { classification: Classification; department: string; pledge: boolean | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const vals = filled(row);
  const pledgeIdx = vals.findIndex((c) => /^([12])?[:：]?(有|無)$/.test(squash(c)));
  let pledge: boolean | null = null;
  if (pledgeIdx >= 0) {
    pledge = squash(vals[pledgeIdx] ?? "").endsWith("有");
  } else if (hasPledgeColumn) {
    problems.push({
      code: "missing-field",
      message: `${row.no}行目: 市長公約事項（「1:無」または「2:有」）が読み取れません。`,
    });
  }
  const others = vals.filter((_, k) => k !== pledgeIdx);
  const classText = others.find((c) => c.includes("・")) ?? others[0] ?? "";
  const classification = parseClassification(classText);
  if (!classification.kan || !classification.kou || !classification.moku) {
    problems.push({
      code: "invalid-classification",
      message: `${row.no}行目: 会計・款・項・目「${classText}」を4つに分けられません（「一般会計・2総務費・1総務管理費・4企画費」の形）。`,
    });
  }
  const department = collapse(others.filter((c) => c !== classText).join(" "));
  return { classification, department, pledge, problems };
}
