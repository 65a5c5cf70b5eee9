import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { findPlanVersion, loadPlan, type PlanVersionSummary } from "../../db/plans.ts";
import type { Actor } from "../../domain/access.ts";
import { blockerText, type ImportBlocker } from "../../domain/checks/import-findings.ts";
import {
  describeRemovalCounts,
  importRemovals,
  type PolicyRemoval,
  removalFingerprint,
} from "../../domain/checks/import-removals.ts";
import type { CityIdentity } from "../../domain/city/city.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { eachProject, type PlanDocument } from "../../domain/plan/model.ts";
import { storablePlanProblems } from "../../domain/plan/storable.ts";
import { type RollupRow, rollup } from "../../domain/rollups/rollups.ts";
import { authorize, authorizedCities } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";
import { type ImportFile, type ImportFileReading, readImportFiles } from "./import-files.ts";
import { importPlan } from "./import-plan.ts";

/**
 * Largest upload accepted by the app, all files together (a city's whole book is well under 1 MB of
 * text, its workbook a few MB). The confirmation sends the files back in base64, a third larger, within
 * the upload limit.
 */
export const MAX_BOOK_BYTES = 15 * 1024 * 1024;

export interface BookPreview {
  /** The city, resolved to its code; the confirmation sends the code back. */
  city: CityIdentity;
  fiscalYear: number;
  /** Each file as read, with its content in base64: the confirmation sends it back and it is read again. */
  files: (ImportFileReading & { data: string })[];
  plan: PlanDocument;
  counts: { policies: number; measures: number; projects: number; budgetOnly: number };
  totals: RollupRow[];
  existing: PlanVersionSummary | null;
  /** Why the books cannot be imported (unreadable amounts, lines, a book cut short); empty when they can. */
  blockers: ImportBlocker[];
  /** What importing would remove of the stored plan, per policy and measure; empty when nothing goes. */
  removals: PolicyRemoval[];
  /** 「政策 1 件、事務事業 3 件」: the counts of `removals`, for the 置き換え button. */
  removalSummary: string;
  /** Sent with the explicit 置き換え choice; the confirmation refuses if what would go has changed. */
  removalFingerprint: string;
}

/** Reads uploaded books (one file, or one per policy) and tells what importing them would do. Writes nothing. 管理者 only. */
export async function previewBookImport(opts: {
  db: Database;
  actor: Actor;
  files: readonly ImportFile[];
  city: string;
  fiscalYear?: number | null;
}): Promise<BookPreview> {
  authorizedCities(opts.actor, "importBook");
  refuseLarge(opts.files);
  const r = await readImportFiles({
    files: opts.files,
    city: opts.city,
    fiscalYear: opts.fiscalYear ?? null,
  });
  const { city, fiscalYear, plan } = r;
  // An administrator imports only into its own cities (a city new to the instance: an all-cities one);
  // checked before anything stored of the city is read.
  authorize(opts.actor, "importBook", { cityCode: city.code });
  // What the database would refuse (NUL, broken characters, too many rows) is refused here, at the preview.
  const unstorable = storablePlanProblems(plan);
  if (unstorable.length > 0) {
    throw new HoshinError(
      "invalid-input",
      "このファイルには保存できない内容があります。直してから取り込んでください。",
      {
        problems: unstorable.map((p) => p.message),
        fields: [{ field: "file", message: unstorable.map((p) => p.message).join("\n") }],
      },
    );
  }
  const projects = [...eachProject(plan)].map((e) => e.project);
  const [existing, stored] = await Promise.all([findPlanVersion(opts.db, r), loadPlan(opts.db, r)]);
  const removals = importRemovals(stored, plan);
  return {
    city,
    fiscalYear,
    files: r.files.map((f, i) => ({
      ...f,
      data: Buffer.from(opts.files[i]?.bytes ?? new Uint8Array()).toString("base64"),
    })),
    plan,
    counts: {
      policies: plan.policies.length,
      measures: plan.policies.reduce((n, p) => n + p.measures.length, 0),
      projects: projects.length,
      budgetOnly: projects.filter((p) => p.budgetOnly).length,
    },
    totals: rollup(plan, "all"),
    existing,
    blockers: r.blockers,
    removals,
    removalSummary: describeRemovalCounts(removals),
    removalFingerprint: removalFingerprint(removals),
  };
}

function refuseLarge(files: readonly ImportFile[]): void {
  if (files.reduce((n, f) => n + f.bytes.byteLength, 0) <= MAX_BOOK_BYTES) return;
  const message = "ファイルが大きすぎます（まとめて 15 MB まで）。";
  throw new HoshinError("invalid-input", message, { fields: [{ field: "file", message }] });
}

/** A file sent back by the confirmation form, or a Japanese error if it was damaged on the way. */
function decodeData(data: string): Uint8Array {
  const clean = data.replace(/\s+/g, "");
  if (clean === "" || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new HoshinError(
      "invalid-input",
      "確認画面から送られたファイルの内容が壊れています。もう一度ファイルを選んでください。",
      { fields: [{ field: "file", message: "もう一度ファイルを選んでください。" }] },
    );
  }
  return new Uint8Array(Buffer.from(clean, "base64"));
}

/** The import refused for the reasons listed, one a line, each with its file and line. */
export function blockedError(blockers: readonly ImportBlocker[]): HoshinError {
  const lines = blockers.map(blockerText);
  return new HoshinError(
    "invalid-input",
    `計画書に読み取れない箇所が ${blockers.length} 件あるため、取り込みませんでした（何も保存していません）。` +
      "計画書を直すか、元のファイルを確かめてください:\n" +
      lines.map((l) => `  ${l}`).join("\n"),
    { problems: lines },
  );
}

/**
 * Imports previewed books after the user confirmed: reads the files again (as sent back in base64) and
 * checks them as the preview did (nothing the form says is trusted), replaces the city's plan of that
 * fiscal year (edits, review states of the old version go with it; the audit log stays) and records the
 * import in the audit log, all in one transaction. `replace` is the removal fingerprint the preview
 * showed with its 置き換え button: without it nothing stored may go; with it exactly what was shown.
 */
export async function confirmBookImport(opts: {
  db: Database;
  actor: Actor;
  files: readonly { name: string; data: string }[];
  city: string;
  fiscalYear: number;
  replace: string;
}): Promise<{ planVersionId: number; replaced: boolean; removed: PolicyRemoval[] }> {
  authorizedCities(opts.actor, "importBook");
  const files = opts.files.map((f) => ({ name: f.name, bytes: decodeData(f.data) }));
  refuseLarge(files);
  const r = await readImportFiles({ files, city: opts.city, fiscalYear: opts.fiscalYear });
  if (r.blockers.length > 0) throw blockedError(r.blockers);
  const { city, fiscalYear } = r;
  authorize(opts.actor, "importBook", { cityCode: city.code });
  const sourceName = files.map((f) => f.name).join(", ");
  return opts.db.transaction(async (tx) => {
    const result = await importPlan({
      db: tx,
      city: city.code,
      fiscalYear,
      plan: r.plan,
      sourceName,
      sourceEncoding: [...new Set(r.files.map((f) => f.encoding ?? "text"))].join(", "),
      replace: opts.replace,
    });
    const removed = describeRemovalCounts(result.removed);
    await insertAuditEvents(
      tx,
      auditRows(
        opts.actor,
        "import",
        {
          kind: "plan",
          id: result.planVersionId,
          label: `${city.name} ${formatWarekiFiscalYear(fiscalYear)} 実施計画`,
          planVersionId: result.planVersionId,
          city: city.name,
          cityCode: city.code,
          fiscalYear,
        },
        [
          { field: "source", label: "取り込んだファイル", before: null, after: sourceName },
          { field: "projects", label: "事務事業数", before: null, after: String(result.counts.projects) },
        ],
        result.replaced ? `既存の計画を置き換えました${removed ? `（削除: ${removed}）` : ""}` : null,
      ),
    );
    return { planVersionId: result.planVersionId, replaced: result.replaced, removed: result.removed };
  });
}
