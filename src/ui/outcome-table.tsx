import type { Achievement } from "../domain/evaluation/achievement.ts";
import { formatWarekiFiscalYear } from "../domain/plan/fiscal-year.ts";
import type { FiscalYearKey, Measure } from "../domain/plan/model.ts";
import { hasActuals, outcomeAchievements, outcomeYears } from "../domain/presenters/project-figures.ts";
import { achievementText } from "./achievement.tsx";

/** 成果指標 laid out as the book prints them: 指標名, 設定理由, 算式 and 単位, then 計画 and 実績 per year. */
export function BookOutcomeTable(p: { measure: Measure }) {
  const list = p.measure.outcomeIndicators;
  if (list.length === 0) return null;
  const years = outcomeYears(list);
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
              <th scope="row" rowspan={hasActuals(o) ? 4 : 3}>
                目標値
              </th>
              <th scope="col">計画策定時</th>
              <th scope="col">区分</th>
              {years.map((fy) => (
                <th scope="col">{formatWarekiFiscalYear(fy)}</th>
              ))}
            </tr>
            <tr>
              <td rowspan={hasActuals(o) ? 3 : 2} class="num">
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
            {hasActuals(o) ? <AchievementRow achievements={outcomeAchievements(o)} years={years} /> : null}
          </tbody>
        </table>
      ))}
    </>
  );
}

/** 達成状況 under the actuals: 「達成 183.5%」, 「未達成 97.6%」, or 「—」 for a year without an actual. */
function AchievementRow(p: { achievements: Map<FiscalYearKey, Achievement>; years: FiscalYearKey[] }) {
  const by = p.achievements;
  return (
    <tr class="achievement">
      <th scope="row">達成状況</th>
      {p.years.map((fy) => {
        const a = by.get(fy);
        if (!a || a.actual === null) return <td class="num">—</td>;
        return <td class="num">{achievementText(a)}</td>;
      })}
    </tr>
  );
}
