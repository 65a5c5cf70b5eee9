import {
  ASPECT_LABELS,
  NO_OUTLOOK_LABEL,
  NO_RATING_LABEL,
  OUTLOOK_LABELS,
  RATING_LABELS,
  SIDE_LABELS,
} from "../domain/labels.ts";
import {
  type AspectRatings,
  EVALUATION_ASPECTS,
  type Outlook,
  type ProjectEvaluation,
  type Rating,
} from "../domain/plan/model.ts";

// The evaluation aspects (必要性・有効性・効率性・公平性) with their ratings and reasons.

/** A rating with its meaning, 「未評価」 when none is given. */
export function ratingText(r: Rating | null, labels: Record<Rating, string> = RATING_LABELS): string {
  return r === null ? NO_RATING_LABEL : labels[r];
}

/** 今後の方向性, or `none` (「未選択」 unless told) when none is chosen. */
export function outlookText(o: Outlook | null, none: string = NO_OUTLOOK_LABEL): string {
  return o === null ? none : OUTLOOK_LABELS[o];
}

/** One side's ratings: 観点 | 評価 | 理由 (the staff sheet). */
export function AspectsTable(p: { aspects: AspectRatings; caption: string; id: string }) {
  return (
    <div class="table-wrap">
      <table class="table" id={p.id}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">観点</th>
            <th scope="col">評価</th>
            <th scope="col">理由</th>
          </tr>
        </thead>
        <tbody>
          {EVALUATION_ASPECTS.map((a) => (
            <tr>
              <th scope="row">{ASPECT_LABELS[a]}</th>
              <td class="nowrap">{ratingText(p.aspects[a].rating)}</td>
              <td class="change">{p.aspects[a].reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Both sides side by side: 観点 | 一次評価 | 理由 | 二次評価 | 理由, then 今後の方向性 (the book). */
export function AspectComparisonTable(p: { e: ProjectEvaluation }) {
  const { e } = p;
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">観点</th>
          <th scope="col">{SIDE_LABELS.self}</th>
          <th scope="col" class="w40">
            理由
          </th>
          <th scope="col">{SIDE_LABELS.secondary}</th>
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
            {outlookText(e.self.outlook, "—")}
          </td>
          <td class="center" colspan={2}>
            {e.secondary ? outlookText(e.secondary.outlook, "—") : "—"}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
