// The evaluation sheets the tests write for 職員研修費 (令和6年度): pure data, shared by the rule tests and
// the use-case tests.
import type { ProjectEvaluation } from "../../src/domain/plan/model.ts";

export const REASONS = {
  necessity: "職員の育成は市の責務であり、必要性は高い。",
  effectiveness: "研修の参加率は上がったが、人事評価制度の定着は途上である。",
  efficiency: "外部講師を絞り、庁内講師で経費を抑えた。",
  equity: "全職員を対象としている。",
};

/** The 一次評価 the 総務課 writes for 職員研修費 (令和6年度). */
export function trainingSelf(): ProjectEvaluation {
  return {
    self: {
      aspects: {
        necessity: { rating: "A", reason: REASONS.necessity },
        effectiveness: { rating: "B", reason: REASONS.effectiveness },
        efficiency: { rating: "B", reason: REASONS.efficiency },
        equity: { rating: "A", reason: REASONS.equity },
      },
      outlook: "continue",
      changes: null,
    },
    secondary: null,
  };
}

export function withSecondary(
  e: ProjectEvaluation,
  secondary: ProjectEvaluation["secondary"],
): ProjectEvaluation {
  return { ...structuredClone(e), secondary: structuredClone(secondary) };
}

export const TRAINING_SECONDARY: NonNullable<ProjectEvaluation["secondary"]> = {
  aspects: {
    necessity: { rating: "A", reason: null },
    effectiveness: { rating: "C", reason: "人事評価制度の定着が成果に表れていない。" },
    efficiency: { rating: "B", reason: null },
    equity: { rating: "A", reason: null },
  },
  outlook: "improve",
  comment: "研修の効果測定を取り入れ、内容を見直すこと。",
};

/** A change as a test writes it: label, before, after. */
export const T = (label: string, before: string | null, after: string | null) => ({ label, before, after });
