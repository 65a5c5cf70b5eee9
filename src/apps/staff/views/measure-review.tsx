import type { MeasureRights } from "../../../domain/access.ts";
import type { ReviewState } from "../../../domain/editing/review.ts";
import { Hidden, StateBadge } from "./components.tsx";

/**
 * The review of a measure on its page: its state, the return comment, and the buttons the actor may
 * press. The public side shows the measure as last approved; a save makes it 作成中 again.
 */
export function MeasureReview(p: {
  id: number;
  state: ReviewState;
  comment: string | null;
  rights: MeasureRights;
  csrf: string;
}) {
  const url = `/measures/${p.id}/review`;
  const form = (action: string, label: string, cls: string) => (
    <form method="post" action={url} class="inline-form">
      <Hidden name="_csrf" value={p.csrf} />
      <Hidden name="action" value={action} />
      <button type="submit" class={`button ${cls}`}>
        {label}
      </button>
    </form>
  );
  return (
    <section id="measure-review">
      <p>
        状態: <StateBadge state={p.state} />
        <span class="muted">
          {" "}
          公開されるのは承認された内容だけです（記述や成果指標の実績を保存すると作成中に戻り、承認されるまで前に承認された内容が公開されます）。
        </span>
      </p>
      {p.comment ? (
        <div class="notice notice--warning" id="measure-review-comment">
          <p>
            <strong>差戻しコメント:</strong> {p.comment}
          </p>
        </div>
      ) : null}
      <div class="actions">
        {p.state === "draft" && p.rights.submit ? form("submit", "提出する", "button--secondary") : null}
        {p.state === "submitted" && p.rights.approve ? form("approve", "承認する", "button--primary") : null}
        {p.state !== "draft" && p.rights.return ? (
          <form method="post" action={url} class="return-form">
            <Hidden name="_csrf" value={p.csrf} />
            <Hidden name="action" value="return" />
            <label for="measure-return-comment">差戻しの理由</label>
            <textarea id="measure-return-comment" name="comment" rows={2} required></textarea>
            <button type="submit" class="button button--danger">
              差し戻す
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}
