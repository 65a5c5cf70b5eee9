import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { Measure, PlanDocument, Project } from "../../domain/plan/model.ts";
import { sortedYears } from "../../domain/plan/model.ts";
import { BOOK_CSS } from "./book-css.ts";
import { MeasureSection, PolicySection } from "./measure-section.tsx";
import { BudgetOnlyTable, EvaluationSheet, ProjectSheet } from "./project-sheet.tsx";

// The 実施計画書 兼 事業説明書 as HTML, laid out as the printed book: the policy, each measure, each
// project's one-page sheet, then the budget-only projects in a compact table. One document serves the
// screen, print and the PDF (Chromium prints this HTML).

export interface BookMeta {
  /** The city's name, as the book prints it. */
  city: string;
  /** The city's 全国地方公共団体コード, written where a file names its city for a machine (workbook, open data). */
  cityCode?: string;
  fiscalYear: number;
}

function Contents(p: { plan: PlanDocument }) {
  let n = 0;
  return (
    <nav class="contents" aria-label="目次">
      <h1>目次</h1>
      <ol>
        {p.plan.policies.map((policy) => (
          <li>
            <a href={`#policy-${policy.code}`}>
              政策 {policy.code}　{policy.title}
            </a>
            <ol>
              {policy.measures.map((m) => (
                <li>
                  <a href={`#measure-${m.code}`}>
                    施策 {m.code}　{m.title}
                  </a>
                  <ul class="projects">
                    {m.projects.map((pr) => {
                      n++;
                      return pr.budgetOnly ? null : (
                        <li>
                          <a href={`#project-${n}`}>{pr.name}</a>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ol>
          </li>
        ))}
        <li>
          <a href="#budget-only">予算のみの事務事業</a>
        </li>
      </ol>
    </nav>
  );
}

/** The whole book as an HTML document (A4 portrait print CSS included). */
export async function renderBookHtml(plan: PlanDocument, meta: BookMeta): Promise<string> {
  const title = `${meta.city} ${formatWarekiFiscalYear(meta.fiscalYear)} ${plan.title ?? "実施計画書 兼 事業説明書"}`;
  let number = 0;
  const budgetOnly: { measure: Measure; project: Project }[] = [];
  const body = (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{BOOK_CSS}</style>
      </head>
      <body>
        <header class="cover">
          <p class="city">{meta.city}</p>
          <h1>{plan.title ?? "実施計画書 兼 事業説明書"}</h1>
          <p class="year">{formatWarekiFiscalYear(meta.fiscalYear)}</p>
        </header>
        <Contents plan={plan} />
        {plan.policies.map((policy) => (
          <>
            <PolicySection policy={policy} />
            {policy.measures.map((m) => (
              <>
                <MeasureSection policy={policy} measure={m} fiscalYear={meta.fiscalYear} />
                {m.projects.map((pr) => {
                  number++;
                  if (pr.budgetOnly) {
                    budgetOnly.push({ measure: m, project: pr });
                    return null;
                  }
                  return (
                    <>
                      <ProjectSheet measure={m} project={pr} fiscalYear={meta.fiscalYear} number={number} />
                      {sortedYears(Object.keys(pr.evaluations ?? {})).map((fy) => {
                        const e = pr.evaluations?.[fy];
                        return e ? <EvaluationSheet measure={m} project={pr} fiscalYear={fy} e={e} /> : null;
                      })}
                    </>
                  );
                })}
              </>
            ))}
          </>
        ))}
        <BudgetOnlyTable rows={budgetOnly} />
      </body>
    </html>
  );
  return `<!DOCTYPE html>${await body.toString()}`;
}
