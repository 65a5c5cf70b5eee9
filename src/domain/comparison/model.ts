/**
 * What the comparison of cities reads: per city, who it is and its PUBLISHED plan of one fiscal year
 * (usecases/plan/published-plan.ts: approved project sheets only, measures as last approved). Nothing
 * here can hold a draft: the loader gives only approved content, so comparing never shows another
 * city's unapproved work. Pure types.
 */
import type { City } from "../city/city.ts";
import type {
  Classification,
  FiscalYearKey,
  Inputs,
  OutcomeIndicator,
  ProjectEvaluation,
} from "../plan/model.ts";
import type { ApprovalCounts } from "../publication/approval.ts";

/**
 * A municipality as the comparison names and groups it (domain/city/city.ts): its 6-digit
 * 全国地方公共団体コード (202088 for 小諸市), name, 都道府県, residents as registered and the year of that figure (null: per capita shows
 * 「—」) and 類似団体区分 (総務省, e.g. 「都市Ⅰ-1」「町村Ⅳ-2」; null when not set).
 */
export type CityInfo = Pick<
  City,
  "code" | "name" | "prefecture" | "population" | "populationYear" | "similarityGroup"
>;

/** An approved project sheet, as far as the comparison reads it. */
export interface ComparedProject {
  classification: Pick<Classification, "account" | "kan">;
  /** 投入指標 by fiscal year as printed (the comparison reads the plan's own fiscal year). */
  inputs: Readonly<Record<FiscalYearKey, Inputs>>;
}

/** A measure of the published plan: its outcome indicators as last approved (none if never approved). */
export interface ComparedMeasure {
  outcomeIndicators: readonly OutcomeIndicator[];
  /** Its 承認済 project sheets only. */
  projects: readonly ComparedProject[];
}

/** A policy (政策) of the city's own plan: not aligned with other cities' policies. */
export interface ComparedPolicy {
  code: string;
  title: string;
  measures: readonly ComparedMeasure[];
}

/**
 * The published plan of one fiscal year. A PublishedPlan's `plan.policies` fits `policies` as it is;
 * `evaluations` must be the 承認済 事務事業評価 sheets of that fiscal year only.
 */
export interface PublishedYear {
  approval: ApprovalCounts;
  policies: readonly ComparedPolicy[];
  evaluations: readonly ProjectEvaluation[];
}

/** One city of the comparison; `published` is null when it has no published plan of the fiscal year. */
export interface CityYear {
  city: CityInfo;
  published: PublishedYear | null;
}
