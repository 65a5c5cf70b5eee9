import { PROJECT_STATUS_LABELS, PROJECT_STATUSES } from "../../../domain/labels.ts";
import {
  eachProject,
  type Measure,
  type PlanDocument,
  type Policy,
  type Project,
} from "../../../domain/plan/model.ts";
import {
  classificationColumns,
  leadDepartmentColumn,
  measureCodeColumn,
  measureTitleColumn,
  policyCodeColumn,
  projectIdColumn,
  projectNameColumn,
} from "./columns.ts";
import { OPEN_DATA_FILES } from "./files.ts";
import type { TableSpec } from "./table.ts";

export interface ProjectRow {
  policy: Policy;
  measure: Measure;
  project: Project;
  /** `${measure.code}-${position in the measure}`: "6-2-5". */
  id: string;
  /** 1-based position in the book, over the whole plan. */
  number: number;
}

export function projectRows(plan: PlanDocument): ProjectRow[] {
  const rows: ProjectRow[] = [];
  let number = 0;
  let measure: Measure | null = null;
  let inMeasure = 0;
  for (const e of eachProject(plan)) {
    if (e.measure !== measure) {
      measure = e.measure;
      inMeasure = 0;
    }
    number++;
    inMeasure++;
    rows.push({ ...e, id: `${e.measure.code}-${inMeasure}`, number });
  }
  return rows;
}

export const PROJECTS: TableSpec<ProjectRow> = {
  name: "projects",
  file: OPEN_DATA_FILES.projects,
  title: "事務事業",
  description:
    "事務事業の一覧。1行が1事務事業で、計画書の掲載順です。予算のみ掲載の事業（事業シートのない事業）も含みます。",
  primaryKey: ["project_id"],
  columns: [
    projectIdColumn((r) => r),
    {
      name: "project_number",
      type: "integer",
      title: "事業番号",
      description: "計画書での掲載順（1から）。",
      required: true,
      value: (r) => r.number,
    },
    policyCodeColumn((r) => r.policy, { description: "政策の番号（例: 6）。" }),
    {
      name: "policy_title",
      type: "string",
      title: "政策名",
      description: "政策の名称。",
      value: (r) => r.policy.title,
    },
    measureCodeColumn((r) => r.measure, { description: "施策の番号（例: 6-2）。" }),
    measureTitleColumn((r) => r.measure),
    projectNameColumn((r) => r.project, { description: "事務事業の名称。計画書の記載どおり。" }),
    {
      name: "status",
      type: "string",
      title: "新規・継続（コード）",
      description: "continuing = 継続、new = 新規。",
      required: true,
      enum: ["continuing", "new"],
      value: (r) => r.project.status,
    },
    {
      name: "status_label",
      type: "string",
      title: "新規・継続",
      description: "「継続」または「新規」。",
      required: true,
      enum: PROJECT_STATUSES.map((s) => PROJECT_STATUS_LABELS[s]),
      value: (r) => PROJECT_STATUS_LABELS[r.project.status],
    },
    {
      name: "priority",
      type: "string",
      title: "事業優先順位",
      description: "事業優先順位。計画書の記載どおり（例: B、A(B)）。記載のない事業は空欄。",
      value: (r) => r.project.priority,
    },
    leadDepartmentColumn((r) => r.project),
    {
      name: "mayoral_pledge",
      type: "boolean",
      title: "市長公約事項",
      description: "市長公約事項に当たるか。true = 有、false = 無、空欄 = 記載なし。",
      value: (r) => r.project.mayoralPledge,
    },
    {
      name: "budget_only",
      type: "boolean",
      title: "予算のみ掲載",
      description:
        "true = 事業シートがなく、事業名・新規継続・会計款項目・所管課・投入指標だけが掲載された事業。",
      required: true,
      value: (r) => r.project.budgetOnly,
    },
    ...classificationColumns<ProjectRow>(false),
    {
      name: "summary",
      type: "string",
      title: "事業概要",
      description: "事業概要。計画書の記載どおり（段落は改行で区切られます。以下の文章の列も同じ）。",
      value: (r) => r.project.summary,
    },
    {
      name: "purpose",
      type: "string",
      title: "目的",
      description: "事業の目的。計画書の記載どおり。",
      value: (r) => r.project.purpose,
    },
    {
      name: "year_goals",
      type: "string",
      title: "年度の目標",
      description: "計画年度の目標（令和N年度の目標）。計画書の記載どおり。",
      value: (r) => r.project.yearGoals,
    },
    {
      name: "notes",
      type: "string",
      title: "特記事項",
      description: "特記事項。計画書の記載どおり。",
      value: (r) => r.project.notes,
    },
  ],
};
