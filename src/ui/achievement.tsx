import { type Achievement, formatRate } from "../domain/evaluation/achievement.ts";
import { ACHIEVEMENT_STATUS_LABELS, DIRECTION_LABELS } from "../domain/labels.ts";

/** 「達成 183.5%」, 「未達成 97.6%」, 「実績なし」: the status with the rate when there is one. */
export function achievementText(a: Achievement): string {
  return `${ACHIEVEMENT_STATUS_LABELS[a.status]}${a.rate === null ? "" : ` ${formatRate(a.rate)}`}`;
}

/** 達成 / 未達成 / … as a badge, with the rate when there is one. */
export function AchievementBadge(p: { a: Achievement }) {
  const tone =
    p.a.status === "met"
      ? "ok"
      : p.a.status === "not-met"
        ? "ng"
        : p.a.status === "no-actual"
          ? "none"
          : "warn";
  return (
    <span class={`badge badge--achievement badge--${tone}`} title={DIRECTION_LABELS[p.a.direction]}>
      {ACHIEVEMENT_STATUS_LABELS[p.a.status]}
      {p.a.rate !== null ? `（${formatRate(p.a.rate)}）` : ""}
    </span>
  );
}
