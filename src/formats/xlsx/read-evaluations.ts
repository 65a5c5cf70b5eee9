import { MEASURE_RATING_LABELS, OUTLOOK_LABELS, RATING_LABELS } from "../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import type {
  AspectRatings,
  FiscalYearKey,
  Measure,
  MeasureEvaluation,
  Outlook,
  Project,
  ProjectEvaluation,
  Rating,
} from "../../domain/plan/model.ts";
import { EVALUATION_ASPECTS, OUTLOOKS, RATINGS } from "../../domain/plan/model.ts";
import { toHalfWidth } from "../../domain/plan/money.ts";
import { cellFiscalYear, cellText, shown } from "./cells.ts";
import {
  aspectRatingHeading,
  aspectReasonHeading,
  type EvaluationStage,
  MEASURE_EVALUATION,
  OUTLOOK_TEXT,
  PROJECT_EVALUATION,
} from "./layout.ts";
import { byYear, type ProjectsByNumber, projectOf, readMark, YEAR_HINT } from "./read-projects.ts";
import { measureOf } from "./read-structure.ts";
import type { Findings, SheetRecord, Table } from "./table.ts";

type About = { project?: string; fiscalYear?: FiscalYearKey };

/** The fiscal year of an evaluation row; null (reported, the row is not read) when empty or wrong. */
function readYear(rec: SheetRecord, heading: string, f: Findings, about: About): FiscalYearKey | null {
  const y = rec.value(heading);
  if (cellText(y) === null) {
    f.error("missing-field", rec.at(heading), `${heading}が空欄です（この行は読みません）。`, about);
    return null;
  }
  const year = cellFiscalYear(y);
  if (year === null) {
    f.error(
      "invalid-fiscal-year",
      rec.at(heading),
      `${heading}「${shown(y)}」を読めません。${YEAR_HINT}（この行は読みません）。`,
      about,
    );
    return null;
  }
  return String(year);
}

/**
 * A rating: 「A」「B」「C」 (full-width or lower case too, or the label of the list, 「A（高い・適切）」);
 * empty is not rated (null), anything else null and reported.
 */
function readRating(
  rec: SheetRecord,
  heading: string,
  f: Findings,
  about: About,
  labels: Record<Rating, string>,
): Rating | null {
  const t = rec.key(heading);
  if (t === null) return null;
  const letter = toHalfWidth(t).replace(/\s+/g, "").toUpperCase();
  const found = RATINGS.find((r) => r === letter || labels[r] === t);
  if (found) return found;
  f.error(
    "invalid-value",
    rec.at(heading),
    `${heading}「${t}」は${RATINGS.map((r) => `「${r}」`).join("")}のいずれかで入力してください（空欄は未評価です。この値は読みません）。`,
    about,
  );
  return null;
}

/** 今後の方向性: 拡充・継続・改善・縮小・廃止・完了; empty is null, anything else null and reported. */
function readOutlook(rec: SheetRecord, heading: string, f: Findings, about: About): Outlook | null {
  const t = rec.key(heading);
  if (t === null) return null;
  const found = OUTLOOKS.find((o) => OUTLOOK_LABELS[o] === t || o === t);
  if (found) return found;
  f.error(
    "invalid-value",
    rec.at(heading),
    `${heading}「${t}」は${OUTLOOKS.map((o) => `「${OUTLOOK_TEXT[o]}」`).join("")}のいずれかで入力してください（この値は読みません）。`,
    about,
  );
  return null;
}

/**
 * Whether a row has a 二次評価: 二次評価あり is ticked (a 二次評価 whose fields are all empty), or any of
 * its fields is filled in.
 */
function hasSecondary(
  rec: SheetRecord,
  mark: string,
  fields: readonly string[],
  f: Findings,
  about: About,
): boolean {
  const marked = readMark(rec, mark, f, about);
  return marked || fields.some((h) => cellText(rec.value(h)) !== null);
}

/** Reports a second row for the same key and year; true when the row is the first. */
function firstOfYear<K>(
  seen: Map<K, Map<FiscalYearKey, string>>,
  key: K,
  fy: FiscalYearKey,
  rec: SheetRecord,
  heading: string,
  f: Findings,
  what: string,
  about: About,
): boolean {
  const years = seen.get(key) ?? new Map<FiscalYearKey, string>();
  seen.set(key, years);
  const earlier = years.get(fy);
  if (earlier !== undefined) {
    f.error(
      "duplicate-row",
      rec.at(heading),
      `${what}の${formatWarekiFiscalYear(fy)}の評価が重複しています（${earlier} と同じ。この行は読みません）。`,
      about,
    );
    return false;
  }
  years.set(fy, rec.at(heading));
  return true;
}

function readAspects(rec: SheetRecord, stage: EvaluationStage, f: Findings, about: About): AspectRatings {
  const out = {} as AspectRatings;
  for (const aspect of EVALUATION_ASPECTS) {
    out[aspect] = {
      rating: readRating(rec, aspectRatingHeading(stage, aspect), f, about, RATING_LABELS),
      reason: rec.text(aspectReasonHeading(stage, aspect)),
    };
  }
  return out;
}

const SECONDARY_PROJECT_FIELDS = [
  ...EVALUATION_ASPECTS.flatMap((a) => [
    aspectRatingHeading("secondary", a),
    aspectReasonHeading("secondary", a),
  ]),
  PROJECT_EVALUATION.secondaryOutlook,
  PROJECT_EVALUATION.comment,
];

/** 事務事業評価: one row per project (by 事業番号) and fiscal year. */
export function readProjectEvaluations(
  table: Table,
  projects: ProjectsByNumber,
  f: Findings,
  projectSheet: string,
): void {
  const seen = new Map<Project, Map<FiscalYearKey, string>>();
  const read = new Map<Project, Record<FiscalYearKey, ProjectEvaluation>>();
  for (const rec of table.records) {
    const project = projectOf(rec, PROJECT_EVALUATION.number, projects, f, projectSheet);
    if (!project) continue;
    const fy = readYear(rec, PROJECT_EVALUATION.fiscalYear, f, { project: project.name });
    if (fy === null) continue;
    const about = { project: project.name, fiscalYear: fy };
    if (
      !firstOfYear(seen, project, fy, rec, PROJECT_EVALUATION.fiscalYear, f, `「${project.name}」`, about)
    ) {
      continue;
    }
    const evaluation: ProjectEvaluation = {
      self: {
        aspects: readAspects(rec, "self", f, about),
        outlook: readOutlook(rec, PROJECT_EVALUATION.selfOutlook, f, about),
        changes: rec.text(PROJECT_EVALUATION.changes),
      },
      secondary: hasSecondary(rec, PROJECT_EVALUATION.secondary, SECONDARY_PROJECT_FIELDS, f, about)
        ? {
            aspects: readAspects(rec, "secondary", f, about),
            outlook: readOutlook(rec, PROJECT_EVALUATION.secondaryOutlook, f, about),
            comment: rec.text(PROJECT_EVALUATION.comment),
          }
        : null,
    };
    const record = read.get(project) ?? {};
    record[fy] = evaluation;
    read.set(project, record);
  }
  for (const [project, record] of read) project.evaluations = byYear(record);
}

const SECONDARY_MEASURE_FIELDS = [MEASURE_EVALUATION.secondaryRating, MEASURE_EVALUATION.comment];

/** 施策評価: one row per measure (by 施策コード) and fiscal year. */
export function readMeasureEvaluations(
  table: Table,
  measures: Map<string, Measure>,
  f: Findings,
  measureSheet: string,
): void {
  const seen = new Map<Measure, Map<FiscalYearKey, string>>();
  const read = new Map<Measure, Record<FiscalYearKey, MeasureEvaluation>>();
  for (const rec of table.records) {
    const measure = measureOf(rec, MEASURE_EVALUATION.measure, measures, f, measureSheet);
    if (!measure) continue;
    const fy = readYear(rec, MEASURE_EVALUATION.fiscalYear, f, {});
    if (fy === null) continue;
    const about = { fiscalYear: fy };
    if (
      !firstOfYear(seen, measure, fy, rec, MEASURE_EVALUATION.fiscalYear, f, `施策${measure.code}`, about)
    ) {
      continue;
    }
    const rating = (heading: string) => readRating(rec, heading, f, about, MEASURE_RATING_LABELS);
    const evaluation: MeasureEvaluation = {
      self: {
        rating: rating(MEASURE_EVALUATION.selfRating),
        assessment: rec.text(MEASURE_EVALUATION.assessment),
        nextSteps: rec.text(MEASURE_EVALUATION.nextSteps),
      },
      secondary: hasSecondary(rec, MEASURE_EVALUATION.secondary, SECONDARY_MEASURE_FIELDS, f, about)
        ? {
            rating: rating(MEASURE_EVALUATION.secondaryRating),
            comment: rec.text(MEASURE_EVALUATION.comment),
          }
        : null,
    };
    const record = read.get(measure) ?? {};
    record[fy] = evaluation;
    read.set(measure, record);
  }
  for (const [measure, record] of read) measure.evaluations = byYear(record);
}
