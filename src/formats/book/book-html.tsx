import {
  ACHIEVEMENT_LABELS,
  type Achievement,
  assessActivity,
  assessOutcome,
  formatRate,
} from "../../domain/evaluation/achievement.ts";
import { ASPECT_LABELS, MEASURE_RATING_LABELS, OUTLOOK_LABELS } from "../../domain/evaluation/evaluation.ts";
import { formatClassification } from "../../domain/plan/classification.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type {
  FiscalYearKey,
  Measure,
  PlanDocument,
  Policy,
  Project,
  ProjectEvaluation,
} from "../../domain/plan/model.ts";
import { EVALUATION_ASPECTS, sortedYears } from "../../domain/plan/model.ts";
import { formatThousands } from "../../domain/plan/money.ts";
import { BOOK_CSS } from "./book-css.ts";

// The 実施計画書 兼 事業説明書 as HTML, laid out as the printed book: the policy, each measure, each
// project's one-page sheet, then the budget-only projects in a compact table. One document serves the
// screen, print and the PDF (Chromium prints this HTML).

export interface BookMeta {
  city: string;
  fiscalYear: number;
}

const STATUS = { continuing: "継続", new: "新規" } as const;

function Prose(p: { text: string | null | undefined }) {
  if (!p.text) return null;
  return (
    <>
      {p.text.split("\n").map((l) => (
        <p>{l}</p>
      ))}
    </>
  );
}

function yen(n: number | undefined): string {
  return n === undefined ? "—" : `${formatThousands(n)} 千円`;
}

/** 成果指標 laid out as the book prints them: 指標名, 設定理由, 算式 and 単位, then 計画 and 実績 per year. */
function OutcomeTable(p: { measure: Measure }) {
  const list = p.measure.outcomeIndicators;
  if (list.length === 0) return null;
  const years = sortedYears(
    new Set(list.flatMap((o) => [...Object.keys(o.planned), ...Object.keys(o.actual)])),
  );
  const span = 2 + years.length;
  return (
    <>
      <h2>◆成果指標(アウトカム)</h2>
      {list.map((o) => (
        <table class="grid outcome">
          <tbody>
            <tr>
              <th scope="row">指標名</th>
              <td colspan={span} class="indicator-name">
                {o.name ?? "—"}
              </td>
            </tr>
            <tr>
              <th scope="row">設定理由</th>
              <td colspan={span}>{o.rationale ?? "—"}</td>
            </tr>
            <tr>
              <th scope="row">算式</th>
              <td colspan={span - 2}>{o.formula ?? "—"}</td>
              <th scope="row">単位</th>
              <td>{o.unit ?? "—"}</td>
            </tr>
            <tr>
              <th scope="row" rowspan={Object.keys(o.actual).length > 0 ? 4 : 3}>
                目標値
              </th>
              <th scope="col">計画策定時</th>
              <th scope="col">区分</th>
              {years.map((fy) => (
                <th scope="col">{formatWarekiFiscalYear(fy)}</th>
              ))}
            </tr>
            <tr>
              <td rowspan={Object.keys(o.actual).length > 0 ? 3 : 2} class="num">
                {o.baseline?.text ?? "—"}
              </td>
              <th scope="row">計画</th>
              {years.map((fy) => (
                <td class="num">{o.planned[fy]?.text ?? "—"}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">実績</th>
              {years.map((fy) => (
                <td class="num">{o.actual[fy]?.text ?? "—"}</td>
              ))}
            </tr>
            {Object.keys(o.actual).length > 0 ? (
              <AchievementRow achievements={assessOutcome(o)} years={years} />
            ) : null}
          </tbody>
        </table>
      ))}
    </>
  );
}

/** 達成状況 under the actuals: 「達成 183.5%」, 「未達成 97.6%」, or 「—」 for a year without an actual. */
function AchievementRow(p: { achievements: Achievement[]; years: FiscalYearKey[] }) {
  const by = new Map(p.achievements.map((a) => [a.fiscalYear, a]));
  return (
    <tr class="achievement">
      <th scope="row">達成状況</th>
      {p.years.map((fy) => {
        const a = by.get(fy);
        if (!a || a.actual === null) return <td class="num">—</td>;
        return (
          <td class="num">
            {ACHIEVEMENT_LABELS.status[a.status]}
            {a.rate === null ? "" : ` ${formatRate(a.rate)}`}
          </td>
        );
      })}
    </tr>
  );
}

function PolicySection(p: { policy: Policy }) {
  const { policy } = p;
  return (
    <section class="policy" id={`policy-${policy.code}`}>
      <h1>
        政策 {policy.code}　{policy.title}
      </h1>
      <p class="dept">
        所管: {policy.leadDepartment ?? "—"}
        {policy.relatedDepartments.length > 0 ? `　関連: ${policy.relatedDepartments.join("、")}` : ""}
      </p>
      <h2>◆ミッション</h2>
      <Prose text={policy.mission} />
      <ul class="points">
        {policy.missionPoints.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
      {policy.directions.length > 0 ? (
        <>
          <h2>◆方針</h2>
          {policy.directions.map((d) => (
            <>
              <h3>{d.title}</h3>
              <Prose text={d.text} />
            </>
          ))}
        </>
      ) : null}
    </section>
  );
}

function MeasureSection(p: { policy: Policy; measure: Measure; fiscalYear: number }) {
  const m = p.measure;
  return (
    <section class="measure" id={`measure-${m.code}`}>
      <p class="band">
        政策 {p.policy.code}　{p.policy.title}
      </p>
      <h1>
        施策 {m.code}　{m.title}
      </h1>
      <p class="dept">
        所管: {m.leadDepartment ?? "—"}
        {m.relatedDepartments.length > 0 ? `　関連: ${m.relatedDepartments.join("、")}` : ""}
      </p>
      <h2>◆現状と課題</h2>
      <Prose text={m.currentIssues} />
      <h2>◆方針（目的）</h2>
      <Prose text={m.purpose} />
      <h2>◆今後の取り組みのうち{formatWarekiFiscalYear(p.fiscalYear)}重点方針と目標</h2>
      <ul class="points">
        {m.priorities.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      <h2>◆目標（計画）</h2>
      {m.goalStates.map((x) => (
        <p>{x}</p>
      ))}
      <OutcomeTable measure={m} />
      <h2>◆目標の実現に向けた今後の取り組み</h2>
      <Prose text={m.futureActions} />
      <h2>◆SDGsの取り組み</h2>
      {m.sdgs.map((s) => (
        <>
          <h3>
            ゴール{s.goal}「{s.title}」
          </h3>
          <Prose text={s.text} />
        </>
      ))}
      <h2>◆個別計画</h2>
      <Prose text={m.sectoralPlans ?? "—"} />
      <h2>◆特記事項</h2>
      <Prose text={m.notes ?? "—"} />
      <MeasureEvaluations measure={m} />
    </section>
  );
}

function InputsTable(p: { project: Project }) {
  const years = sortedYears(Object.keys(p.project.inputs));
  const i = (fy: FiscalYearKey) => p.project.inputs[fy];
  const settled = p.project.settled;
  const estimated = new Set(p.project.estimatedYears ?? []);
  return (
    <table class="grid inputs">
      <thead>
        <tr>
          <th scope="col" colspan={2}>
            投入指標
          </th>
          {years.map((fy) => (
            <th scope="col">
              {formatWarekiFiscalYear(fy)}
              {estimated.has(fy) ? "（見込み）" : ""}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row" colspan={2}>
            年度別事業費
          </th>
          {years.map((fy) => (
            <td class="num">{yen(i(fy)?.total)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row" rowspan={3}>
            特定財源
          </th>
          <th scope="row">国・県支出金</th>
          {years.map((fy) => (
            <td class="num">{yen(i(fy)?.nationalPrefectural)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row">地方債</th>
          {years.map((fy) => (
            <td class="num">{yen(i(fy)?.localBonds)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row">その他</th>
          {years.map((fy) => (
            <td class="num">{yen(i(fy)?.otherEarmarked)}</td>
          ))}
        </tr>
        <tr>
          <th scope="row" colspan={2}>
            一般財源
          </th>
          {years.map((fy) => (
            <td class="num">{yen(i(fy)?.generalRevenue)}</td>
          ))}
        </tr>
        {settled ? (
          <>
            <tr>
              <th scope="row" colspan={2}>
                決算額
              </th>
              {years.map((fy) => (
                <td class="num">{yen(settled[fy])}</td>
              ))}
            </tr>
            <tr>
              <th scope="row" colspan={2}>
                執行率
              </th>
              {years.map((fy) => {
                const budget = i(fy)?.total;
                const spent = settled[fy];
                return (
                  <td class="num">
                    {spent === undefined || budget === undefined || budget === 0
                      ? "—"
                      : formatRate(spent / budget)}
                  </td>
                );
              })}
            </tr>
          </>
        ) : null}
      </tbody>
    </table>
  );
}

function ProjectSheet(p: { measure: Measure; project: Project; fiscalYear: number; number: number }) {
  const pr = p.project;
  const years = sortedYears(
    new Set([
      ...Object.keys(pr.inputs),
      ...pr.activityIndicators.flatMap((a) => [...Object.keys(a.targets), ...Object.keys(a.actual ?? {})]),
    ]),
  );
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
            <td class="center">{STATUS[pr.status]}</td>
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
            <td class="center">{pr.mayoralPledge === null ? "—" : pr.mayoralPledge ? "2:有" : "1:無"}</td>
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
      <InputsTable project={pr} />
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
              if (!a.actual || Object.keys(a.actual).length === 0) {
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
              const by = new Map(assessActivity(a).map((x) => [x.fiscalYear, x]));
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
                          {actual && x ? `（${ACHIEVEMENT_LABELS.status[x.status]}）` : ""}
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
function EvaluationSheet(p: {
  measure: Measure;
  project: Project;
  fiscalYear: FiscalYearKey;
  e: ProjectEvaluation;
}) {
  const { e } = p;
  const outlook = (o: ProjectEvaluation["self"]["outlook"]) => (o ? OUTLOOK_LABELS[o] : "—");
  return (
    <section class="sheet evaluation">
      <p class="band">
        施策 {p.measure.code}　{p.measure.title}
      </p>
      <h2 class="evaluation-title">
        事務事業評価（{formatWarekiFiscalYear(p.fiscalYear)}）　{p.project.name}
      </h2>
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">観点</th>
            <th scope="col">一次評価</th>
            <th scope="col" class="w40">
              理由
            </th>
            <th scope="col">二次評価</th>
            <th scope="col" class="w40">
              理由
            </th>
          </tr>
        </thead>
        <tbody>
          {EVALUATION_ASPECTS.map((k) => (
            <tr>
              <th scope="row">{ASPECT_LABELS[k]}</th>
              <td class="center">{e.self.aspects[k].rating ?? "—"}</td>
              <td>{e.self.aspects[k].reason ?? ""}</td>
              <td class="center">{e.secondary?.aspects[k].rating ?? "—"}</td>
              <td>{e.secondary?.aspects[k].reason ?? ""}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">今後の方向性</th>
            <td class="center" colspan={2}>
              {outlook(e.self.outlook)}
            </td>
            <td class="center" colspan={2}>
              {e.secondary ? outlook(e.secondary.outlook) : "—"}
            </td>
          </tr>
        </tbody>
      </table>
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

/** 施策評価 of each fiscal year evaluated, at the end of the measure's section. */
function MeasureEvaluations(p: { measure: Measure }) {
  const evaluations = p.measure.evaluations;
  if (!evaluations) return null;
  return (
    <>
      {sortedYears(Object.keys(evaluations)).map((fy) => {
        const e = evaluations[fy];
        if (!e) return null;
        return (
          <>
            <h2>◆施策評価（{formatWarekiFiscalYear(fy)}）</h2>
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">区分</th>
                  <th scope="col">評価</th>
                  <th scope="col" class="w70">
                    内容
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">一次評価</th>
                  <td class="center">{e.self.rating ? MEASURE_RATING_LABELS[e.self.rating] : "—"}</td>
                  <td>
                    <Prose text={e.self.assessment ?? "—"} />
                    {e.self.nextSteps ? <Prose text={`今後の取り組み: ${e.self.nextSteps}`} /> : null}
                  </td>
                </tr>
                <tr>
                  <th scope="row">二次評価</th>
                  <td class="center">
                    {e.secondary?.rating ? MEASURE_RATING_LABELS[e.secondary.rating] : "—"}
                  </td>
                  <td>
                    <Prose text={e.secondary?.comment ?? "—"} />
                  </td>
                </tr>
              </tbody>
            </table>
          </>
        );
      })}
    </>
  );
}

const BUDGET_ROWS = [
  ["事業費", "total"],
  ["国・県支出金", "nationalPrefectural"],
  ["地方債", "localBonds"],
  ["その他", "otherEarmarked"],
  ["一般財源", "generalRevenue"],
] as const;

function BudgetOnlyTable(p: { rows: { measure: Measure; project: Project }[] }) {
  const years = sortedYears(new Set(p.rows.flatMap((r) => Object.keys(r.project.inputs))));
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
