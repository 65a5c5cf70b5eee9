import { sqlMessage, sqlState } from "../db/errors.ts";
import type { FieldChange } from "../domain/editing/changes.ts";
import type { FieldConflict } from "../domain/editing/three-way.ts";
import { formatWarekiFiscalYear } from "../domain/plan/fiscal-year.ts";

/**
 * What went wrong, as a code the transports map to an exit code or an HTTP status in one place:
 * not-found 404, invalid-input 400 (422), conflict 409, unauthenticated 401, forbidden 403,
 * too-many-requests 429.
 */
export type HoshinErrorCode =
  | "not-found"
  | "invalid-input"
  | "conflict"
  | "unauthenticated"
  | "forbidden"
  | "too-many-requests";

/** A problem with one field of a form or document: its key (`inputs.2025.total`) and a Japanese message. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An error the user can act on; `message` is Japanese, `problems` lists the details one per line. */
export class HoshinError extends Error {
  override readonly name = "HoshinError";
  readonly code: HoshinErrorCode;
  readonly problems: readonly string[];
  /** Problems located by field, for forms. */
  readonly fields: readonly FieldProblem[];

  constructor(
    code: HoshinErrorCode,
    message: string,
    options: { cause?: unknown; problems?: string[]; fields?: FieldProblem[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? options.fields?.map((f) => f.message) ?? [];
    this.fields = options.fields ?? [];
  }
}

/** What a three-way merge left for the user to decide (domain/editing/three-way.ts). */
export interface MergeConflicts<T = unknown> {
  /** Fields both changed to different values: base, theirs and mine side by side. */
  conflicts: FieldConflict[];
  /** The merge with mine in the conflicting fields: what the form shows again. */
  proposal: T;
}

/** The message of a conflict, for `subject` (この事務事業, この評価シート …). */
export function conflictMessage(subject: string, decide: boolean): string {
  return decide
    ? `${subject}は、あなたが編集を始めた後に他の人が保存し、同じ項目をあなたと違う内容に変えました。` +
        "あなたの入力は消えていません。下の「両方が変更した項目」で項目ごとに残す内容を選び、もう一度保存してください。" +
        "あなたが変更していない項目は、他の人の内容のまま保存されます。"
    : `${subject}は、あなたが編集を始めた後に他の人が保存しました。あなたの入力は消えていません。` +
        "下の「他の人の変更」を確かめ、必要なら入力を直してから、もう一度保存してください。";
}

/**
 * Thrown when someone saved the project (or measure, or, as EvaluationConflict, the sheet) after the form
 * was opened and the save cannot be merged. Without a base (a form that did not send one) `differences`
 * runs from what the user typed to what is stored now; with a base it lists only what the other person
 * changed (base → theirs), and `merge` holds the fields both changed, for the user to decide.
 */
export class EditConflict<T = unknown> extends HoshinError {
  constructor(
    readonly currentVersion: number,
    readonly differences: FieldChange[],
    readonly merge: MergeConflicts<T> | null = null,
    subject = "この事務事業",
  ) {
    super("conflict", conflictMessage(subject, merge !== null));
  }
}

export function planNotFound(city: string, fiscalYear: number): HoshinError {
  return new HoshinError(
    "not-found",
    `${city}の${describeFiscalYear(fiscalYear)}の実施計画は登録されていません。`,
  );
}

export function describeFiscalYear(fiscalYear: number): string {
  return Number.isInteger(fiscalYear)
    ? `${formatWarekiFiscalYear(fiscalYear)}（${fiscalYear}年度）`
    : `年度「${fiscalYear}」`;
}

/**
 * A database error as a HoshinError when it is the data's fault (a constraint or a value PostgreSQL
 * refuses) or a conflict with a concurrent change; anything else is returned as it is.
 */
export function fromDatabaseError(e: unknown): unknown {
  const state = sqlState(e);
  if (state === undefined) return e;
  const detail = sqlMessage(e) ?? "";
  if (state === "23505" || state === "40001" || state === "40P01") {
    return new HoshinError(
      "conflict",
      "同じデータが同時に更新されたため、保存できませんでした。もう一度お試しください。",
      { cause: e, problems: [detail] },
    );
  }
  // Class 22: data exception (a value PostgreSQL cannot store); class 23: integrity constraint violation.
  if (state.startsWith("22") || state.startsWith("23")) {
    return new HoshinError(
      "invalid-input",
      `データベースが計画の内容を受け付けなかったため、保存できませんでした（${state}: ${detail}）。何も変更していません。`,
      { cause: e, problems: [detail] },
    );
  }
  return e;
}
