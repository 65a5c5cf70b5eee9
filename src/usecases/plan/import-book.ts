import { createHash } from "node:crypto";
import { insertAuditEvents } from "../../db/audit.ts";
import type { Database } from "../../db/client.ts";
import { findPlanVersion, type PlanVersionSummary, storedPolicies } from "../../db/plans.ts";
import type { Actor } from "../../domain/access.ts";
import { formatWarekiFiscalYear } from "../../domain/plan/fiscal-year.ts";
import { eachProject, type PlanDocument } from "../../domain/plan/model.ts";
import { storablePlanProblems } from "../../domain/plan/storable.ts";
import { type RollupRow, rollup } from "../../domain/rollups/rollups.ts";
import { type PlanFileReading, readPlanFile } from "../../formats/read-plan-file.ts";
import { authorize } from "../authorize.ts";
import { HoshinError } from "../errors.ts";
import { auditRows } from "../staff/audit-trail.ts";
import { importPlan } from "./import-plan.ts";
import { planKey } from "./plan-key.ts";

/**
 * Largest book file accepted by the app (a city's whole book is well under 1 MB of text, its workbook a
 * few MB). The confirmation sends the file back in base64, a third larger, within the upload limit.
 */
export const MAX_BOOK_BYTES = 15 * 1024 * 1024;

export interface BookPreview {
  city: string;
  fiscalYear: number;
  /** The file as uploaded, in base64: the confirmation sends it back and it is read again. */
  data: string;
  kind: PlanFileReading["kind"];
  encoding: string | null;
  /** SHA-256 of the file, shown so the user can tell two uploads apart. */
  digest: string;
  plan: PlanDocument;
  counts: { policies: number; measures: number; projects: number; budgetOnly: number };
  totals: RollupRow[];
  existing: PlanVersionSummary | null;
  /** Stored policies this book does not have: importing would drop them. */
  lostPolicies: { code: string; title: string }[];
}

async function readUpload(bytes: Uint8Array, cityInput: string, yearInput: number | null) {
  const reading = await readPlanFile(bytes);
  if (reading.plan.policies.length === 0) {
    const first = reading.plan.diagnostics.find((d) => d.severity === "error");
    throw new HoshinError(
      "invalid-input",
      `このファイルは実施計画として読み取れませんでした。${first ? first.message : "政策が見つかりません。"}`,
      {
        fields: [
          {
            field: "file",
            message:
              "実施計画書のテキストファイル（UTF-8 または Shift_JIS）か、Hoshin から書き出した Excel ブック（.xlsx）を選んでください。",
          },
        ],
      },
    );
  }
  // What the database would refuse (NUL, broken characters, too many rows) is refused here, at the preview.
  const unstorable = storablePlanProblems(reading.plan);
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
  const fiscalYear = yearInput ?? reading.fiscalYear;
  if (fiscalYear === null) {
    throw new HoshinError("invalid-input", "計画書から年度を読み取れませんでした。年度を指定してください。", {
      fields: [{ field: "fiscalYear", message: "年度を指定してください。" }],
    });
  }
  const city = cityInput.trim() === "" ? (reading.city ?? "") : cityInput;
  if (city.trim() === "") {
    throw new HoshinError("invalid-input", "市町村名を入力してください。", {
      fields: [{ field: "city", message: "市町村名を入力してください。" }],
    });
  }
  return { reading, ...planKey(city, fiscalYear) };
}

/** The file sent back by the confirmation form, or a Japanese error if it was damaged on the way. */
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

/** Reads an uploaded book and tells what importing it would do. Writes nothing. 管理者 only. */
export async function previewBookImport(opts: {
  db: Database;
  actor: Actor;
  file: Uint8Array;
  city: string;
  fiscalYear?: number | null;
}): Promise<BookPreview> {
  authorize(opts.actor, "importBook");
  const { reading, city, fiscalYear } = await readUpload(opts.file, opts.city, opts.fiscalYear ?? null);
  const plan = reading.plan;
  const projects = [...eachProject(plan)].map((e) => e.project);
  const incoming = new Set(plan.policies.map((p) => p.code));
  const [existing, stored] = await Promise.all([
    findPlanVersion(opts.db, { city, fiscalYear }),
    storedPolicies(opts.db, { city, fiscalYear }),
  ]);
  return {
    city,
    fiscalYear,
    data: Buffer.from(opts.file).toString("base64"),
    kind: reading.kind,
    encoding: reading.encoding,
    digest: createHash("sha256").update(opts.file).digest("hex").slice(0, 16),
    plan,
    counts: {
      policies: plan.policies.length,
      measures: plan.policies.reduce((n, p) => n + p.measures.length, 0),
      projects: projects.length,
      budgetOnly: projects.filter((p) => p.budgetOnly).length,
    },
    totals: rollup(plan, "all"),
    existing,
    lostPolicies: stored.filter((p) => !incoming.has(p.code)),
  };
}

/**
 * Imports a previewed book after the user confirmed: reads the file again (as sent back in base64), replaces the city's plan of
 * that fiscal year (edits, review states of the old version go with it; the audit log stays) and records
 * the import in the audit log, all in one transaction.
 */
export async function confirmBookImport(opts: {
  db: Database;
  actor: Actor;
  data: string;
  city: string;
  fiscalYear: number;
  sourceName: string;
  replace: boolean;
}): Promise<{ planVersionId: number; replaced: boolean }> {
  authorize(opts.actor, "importBook");
  const { reading, city, fiscalYear } = await readUpload(decodeData(opts.data), opts.city, opts.fiscalYear);
  return opts.db.transaction(async (tx) => {
    const result = await importPlan({
      db: tx,
      city,
      fiscalYear,
      plan: reading.plan,
      sourceName: opts.sourceName,
      ...(reading.encoding ? { sourceEncoding: reading.encoding } : {}),
      replace: opts.replace,
    });
    await insertAuditEvents(
      tx,
      auditRows(
        opts.actor,
        "import",
        {
          kind: "plan",
          id: result.planVersionId,
          label: `${city} ${formatWarekiFiscalYear(fiscalYear)} 実施計画`,
          planVersionId: result.planVersionId,
          city,
          fiscalYear,
        },
        [
          { field: "source", label: "取り込んだファイル", before: null, after: opts.sourceName },
          { field: "projects", label: "事務事業数", before: null, after: String(result.counts.projects) },
        ],
        result.replaced ? "既存の計画を置き換えました" : null,
      ),
    );
    return { planVersionId: result.planVersionId, replaced: result.replaced };
  });
}
