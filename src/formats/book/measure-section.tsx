import { MEASURE_RATING_LABELS, SIDE_LABELS } from "../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type { Measure, Policy } from "../../domain/plan/model.ts";
import { sortedYears } from "../../domain/plan/model.ts";
import { BookOutcomeTable } from "../../ui/outcome-table.tsx";
import { Prose } from "../../ui/prose.tsx";

// The book's section of a policy (政策: ミッション, 方針) and of a measure (施策: its texts, 成果指標 and 施策評価).

export function PolicySection(p: { policy: Policy }) {
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

export function MeasureSection(p: { policy: Policy; measure: Measure; fiscalYear: number }) {
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
      <BookOutcomeTable measure={m} />
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
                  <th scope="row">{SIDE_LABELS.self}</th>
                  <td class="center">{e.self.rating ? MEASURE_RATING_LABELS[e.self.rating] : "—"}</td>
                  <td>
                    <Prose text={e.self.assessment ?? "—"} />
                    {e.self.nextSteps ? <Prose text={`今後の取り組み: ${e.self.nextSteps}`} /> : null}
                  </td>
                </tr>
                <tr>
                  <th scope="row">{SIDE_LABELS.secondary}</th>
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
