import {
  ACHIEVEMENT_STATUS_LABELS,
  BUDGET_ROW_LABELS,
  PLEDGE_BOOK_LABELS,
  PROJECT_STATUS_LABELS,
} from "../../domain/labels.ts";
import { formatClassification } from "../../domain/plan/classification.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { FiscalYearKey, Measure, Project, ProjectEvaluation } from "../../domain/plan/model.ts";
import { INPUT_FIELDS } from "../../domain/plan/model.ts";
import { formatThousands } from "../../domain/plan/money.ts";
import {
  activityAchievements,
  hasActuals,
  inputYears,
  inputYearsOf,
  projectSheetYears,
} from "../../domain/presenters/project-figures.ts";
import { AspectComparisonTable } from "../../ui/evaluation.tsx";
import { BookInputsTable } from "../../ui/inputs-table.tsx";
import { Prose } from "../../ui/prose.tsx";

// The book's one-page sheet of a project, its 事務事業評価 pages, and the table of budget-only projects.

export function ProjectSheet(p: { measure: Measure; project: Project; fiscalYear: number; number: number }) {
  const pr = p.project;
  const years = projectSheetYears(pr);
  return (
    <section class="sheet" id={`project-${p.number}`}>
      <p class="band">
        施策 {p.measure.code}　{p.measure.title}
      </p>
      <table class="grid head">
        <tbody>
          <tr>
            <th scope="col" class="w50">
              事務事業名
            </th>
            <th scope="col">新規・継続</th>
            <th scope="col">事業優先順位</th>
          </tr>
          <tr>
            <td class="project-name">{pr.name}</td>
            <td class="center">{PROJECT_STATUS_LABELS[pr.status]}</td>
            <td class="center">{pr.priority ?? "—"}</td>
          </tr>
          <tr>
            <th scope="col">会計・款・項・目</th>
            <th scope="col">所管課</th>
            <th scope="col">市長公約事項</th>
          </tr>
          <tr>
            <td>{formatClassification(pr.classification)}</td>
            <td class="center">{pr.leadDepartment}</td>
            <td class="center">
              {pr.mayoralPledge === null
                ? "—"
                : pr.mayoralPledge
                  ? PLEDGE_BOOK_LABELS.yes
                  : PLEDGE_BOOK_LABELS.no}
            </td>
          </tr>
        </tbody>
      </table>
      <table class="grid text">
        <tbody>
          <tr>
            <th scope="row">事業概要</th>
            <td>
              <Prose text={pr.summary ?? "—"} />
            </td>
          </tr>
        </tbody>
      </table>
      <BookInputsTable project={pr} years={inputYears(pr)} />
      <table class="grid text">
        <tbody>
          <tr>
            <th scope="row">目的</th>
            <td>
              <Prose text={pr.purpose ?? "—"} />
            </td>
          </tr>
          <tr>
            <th scope="row">{formatWarekiFiscalYear(p.fiscalYear)}の目標</th>
            <td>
              <Prose text={pr.yearGoals ?? "—"} />
            </td>
          </tr>
        </tbody>
      </table>
      <table class="grid activity">
        <thead>
          <tr>
            <th scope="col" class="w40">
              活動目標 指標名
            </th>
            <th scope="col">単位</th>
            {years.map((fy) => (
              <th scope="col">{formatWarekiFiscalYear(fy)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pr.activityIndicators.length === 0 ? (
            <tr>
              <td colspan={2 + years.length}>—</td>
            </tr>
          ) : (
            pr.activityIndicators.map((a) => {
              if (!hasActuals(a)) {
                return (
                  <tr>
                    <td>{a.name}</td>
                    <td class="center">{a.unit ?? ""}</td>
                    {years.map((fy) => (
                      <td class="num">{a.targets[fy]?.text ?? "—"}</td>
                    ))}
                  </tr>
                );
              }
              const by = activityAchievements(a);
              return (
                <>
                  <tr>
                    <td rowspan={2}>{a.name}</td>
                    <td class="center" rowspan={2}>
                      {a.unit ?? ""}
                    </td>
                    {years.map((fy) => (
                      <td class="num">{a.targets[fy]?.text ?? "—"}</td>
                    ))}
                  </tr>
                  <tr class="achievement">
                    {years.map((fy) => {
                      const x = by.get(fy);
                      const actual = a.actual?.[fy];
                      return (
                        <td class="num">
                          {actual ? `実績 ${actual.text}` : "—"}
                          {actual && x ? `（${ACHIEVEMENT_STATUS_LABELS[x.status]}）` : ""}
                        </td>
                      );
                    })}
                  </tr>
                </>
              );
            })
          )}
        </tbody>
      </table>
      <table class="grid text">
        <tbody>
          <tr>
            <th scope="row">特記事項</th>
            <td>
              <Prose text={pr.notes ?? "—"} />
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** 事務事業評価 of one fiscal year, on a page of its own after the project's sheet. */
export function EvaluationSheet(p: {
  measure: Measure;
  project: Project;
  fiscalYear: FiscalYearKey;
  e: ProjectEvaluation;
}) {
  const { e } = p;
  return (
    <section class="sheet evaluation">
      <p class="band">
        施策 {p.measure.code}　{p.measure.title}
      </p>
      <h2 class="evaluation-title">
        事務事業評価（{formatWarekiFiscalYear(p.fiscalYear)}）　{p.project.name}
      </h2>
      <AspectComparisonTable e={e} />
      <table class="grid text">
        <tbody>
          <tr>
            <th scope="row">改善・見直しの内容</th>
            <td>
              <Prose text={e.self.changes ?? "—"} />
            </td>
          </tr>
          <tr>
            <th scope="row">二次評価の意見</th>
            <td>
              <Prose text={e.secondary?.comment ?? "—"} />
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

const BUDGET_ROWS = INPUT_FIELDS.map((k) => [BUDGET_ROW_LABELS[k], k] as const);

export function BudgetOnlyTable(p: { rows: { measure: Measure; project: Project }[] }) {
  const years = inputYearsOf(p.rows.map((r) => r.project));
  return (
    <section class="budget-only" id="budget-only">
      <h1>予算のみの事務事業</h1>
      <p>事業シートのない事務事業の年度別事業費と財源（千円）です。</p>
      <table class="grid compact">
        <thead>
          <tr>
            <th scope="col">施策</th>
            <th scope="col">事務事業名・所管課</th>
            <th scope="col">会計・款・項・目</th>
            <th scope="col">区分</th>
            {years.map((fy) => (
              <th scope="col">{formatWarekiFiscalYear(fy)}</th>
            ))}
          </tr>
        </thead>
        {p.rows.map(({ measure, project }) => (
          <tbody class="keep">
            {BUDGET_ROWS.map(([label, key], i) => (
              <tr>
                {i === 0 ? (
                  <>
                    <td rowspan={BUDGET_ROWS.length}>{measure.code}</td>
                    <td rowspan={BUDGET_ROWS.length}>
                      <strong>{project.name}</strong>
                      <div class="small">{project.leadDepartment}</div>
                    </td>
                    <td rowspan={BUDGET_ROWS.length} class="small">
                      {formatClassification(project.classification)}
                    </td>
                  </>
                ) : null}
                <th scope="row">{label}</th>
                {years.map((fy) => (
                  <td class="num">{project.inputs[fy] ? formatThousands(project.inputs[fy][key]) : "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}
