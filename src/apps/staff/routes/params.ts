import { z } from "zod";
import { EditConflict, HoshinError } from "../../../usecases/errors.ts";
import type { FormValues } from "../forms.ts";

// What the route files share: ids, years and form versions read from a request, the notices shown after
// a redirect, and how a form page comes back after a refused save.

const Id = z.coerce.number().int().positive().max(2_147_483_647);

/** A row id (a positive 32-bit integer) from a string, or null when it is none. */
export function parseId(raw: string | undefined): number | null {
  const r = Id.safeParse(raw);
  return r.success ? r.data : null;
}

/** The id in the path, or a not-found error (an id that is not a number names nothing). */
export function idParam(raw: string | undefined): number {
  const id = parseId(raw);
  if (id === null) throw new HoshinError("not-found", "指定のページは見つかりません。");
  return id;
}

/** A fiscal year in a path or query: four digits (2024), else not-found. */
export function yearParam(raw: string | undefined): number {
  if (raw === undefined || !/^\d{4}$/.test(raw)) {
    throw new HoshinError(
      "not-found",
      "指定の年度は見つかりません。年度は 2024 のように西暦で指定してください。",
    );
  }
  return Number(raw);
}

/** The version a form was made from (its hidden `version` field). */
export function versionField(raw: string): number {
  const version = parseId(raw);
  if (version === null) {
    throw new HoshinError(
      "invalid-input",
      "フォームの版番号が読み取れません。ページを読み込み直してください。",
    );
  }
  return version;
}

const NOTICES: Record<string, string> = {
  saved: "保存しました。",
  unchanged: "変更はありませんでした。",
  merged: "保存しました。編集中に他の人が保存した変更は、そのまま残しています。",
  submit: "提出しました。",
  return: "差し戻しました。",
  approve: "承認しました。",
  imported: "計画書を取り込みました。",
  "rolled-over": "次年度の計画を作成しました。すべての事業シートは作成中から始まります。",
};

/** The notice of `?notice=…` after a redirect; null for none or an unknown one. */
export function notice(raw: string | undefined): string | null {
  return raw ? (NOTICES[raw] ?? null) : null;
}

/** How a form page is shown: from what is stored, or again with what was typed and why it was refused. */
export interface FormOptions {
  values?: FormValues;
  version?: number;
  status?: 200 | 400 | 409;
  error?: { message: string; fields: { field: string; message: string }[] } | null;
  conflict?: EditConflict | null;
  /** The values the form was made from (hidden base fields); else those of what is stored. */
  base?: FormValues | null;
  /** Choices already made for conflicting fields. */
  choices?: Record<string, string>;
}

/** The messages of a refused form by field key, for the controls. */
export function fieldErrors(opts: FormOptions): Record<string, string> {
  return Object.fromEntries((opts.error?.fields ?? []).map((f) => [f.field, f.message]));
}

/** The version a form page carries: the stored one after a conflict, else the form's own. */
export function formVersion(opts: FormOptions, stored: number): number {
  // After a merge conflict the form keeps its version and base: the next save merges again, with the
  // choices made.
  if (opts.conflict?.merge) return opts.version ?? stored;
  return opts.conflict ? opts.conflict.currentVersion : (opts.version ?? stored);
}

/** The conflict panel's data of a refused save, or null. */
export function conflictProps<H>(opts: FormOptions, history: H) {
  const c = opts.conflict;
  if (!c) return null;
  return {
    differences: c.differences,
    conflicts: c.merge?.conflicts ?? [],
    history,
    choices: opts.choices ?? {},
  };
}

/**
 * How a refused save comes back: the form again with what was typed — with the differences after a
 * conflicting save, with the problems after invalid input (and, when `conflicts` is set, after a refusal
 * by the sheet's state) — else the error is thrown on to the error page.
 */
export function refusedSave(
  e: unknown,
  values: FormValues,
  version: number,
  opts: { conflicts: boolean },
): FormOptions {
  if (e instanceof EditConflict) {
    return {
      values,
      version,
      status: 409,
      error: {
        message: e.message,
        fields: (e.merge?.conflicts ?? []).map((c) => ({
          field: c.field,
          message: `${c.label}: あなたと他の人が違う内容に変更しました。「両方が変更した項目」で残す内容を選んでください。`,
        })),
      },
      conflict: e,
    };
  }
  if (e instanceof HoshinError && (e.code === "invalid-input" || (opts.conflicts && e.code === "conflict"))) {
    return {
      values,
      version,
      status: e.code === "invalid-input" ? 400 : 409,
      error: { message: e.message, fields: [...e.fields] },
    };
  }
  throw e;
}
