/**
 * Property-generated broken books and workbooks (fast-check): truncations, shuffled and deleted lines,
 * garbage amounts and bytes; deleted cells, garbage values and truncated parts of the workbook. Each goes
 * through the import use case: the preview (reads, writes nothing) always, and every CONFIRM_EVERY-th case
 * also the confirmation (reads and writes in one transaction). Never a crash: only a HoshinError may refuse
 * a file. Never a partial write: after a confirmation the stored plan equals the state before, or, if the
 * import succeeded, exactly what the file was read as. Also `sendThroughRoute` posts a few of the same
 * files to the real upload route: never a 500.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import JSZip from "jszip";
import type { Database } from "../../src/db/client.ts";
import type { PlanDocument } from "../../src/domain/plan/model.ts";
import { readPlanFile } from "../../src/formats/read-plan-file.ts";
import { writePlanWorkbook } from "../../src/formats/xlsx/write-workbook.ts";
import { COMMAND_LINE } from "../../src/usecases/authorize.ts";
import { HoshinError } from "../../src/usecases/errors.ts";
import { exportPlan } from "../../src/usecases/plan/export-plan.ts";
import { confirmBookImport, previewBookImport } from "../../src/usecases/plan/import-book.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { type CheckResult, CITY, SEED_BOOK, type Session, YEAR } from "./harness.ts";

const CONFIRM_EVERY = 10;

type BookOp =
  | { op: "truncate"; at: number }
  | { op: "shuffle"; from: number; length: number; seed: number }
  | { op: "delete"; from: number; length: number }
  | { op: "amounts"; every: number; garbage: string }
  | { op: "bytes"; at: number; bytes: readonly number[] };

type SheetOp =
  | { op: "delete-cells"; sheet: number; every: number }
  | { op: "garbage-values"; sheet: number; every: number; garbage: string }
  | { op: "truncate-part"; sheet: number; at: number }
  | { op: "truncate-file"; at: number };

const GARBAGE = [
  "千四百",
  "1,2,3",
  "-5",
  "１２a",
  "",
  "∞",
  "1e999",
  "0x10",
  "\u0000",
  "ー",
  "1.5",
  "９９９９９９９９９９９９９９９９",
];
const frac = fc.double({ min: 0, max: 1, noNaN: true });

const bookOp: fc.Arbitrary<BookOp> = fc.oneof(
  frac.map((at) => ({ op: "truncate" as const, at })),
  fc.record({
    op: fc.constant("shuffle" as const),
    from: frac,
    length: fc.integer({ min: 2, max: 400 }),
    seed: fc.integer(),
  }),
  fc.record({ op: fc.constant("delete" as const), from: frac, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    op: fc.constant("amounts" as const),
    every: fc.integer({ min: 1, max: 50 }),
    garbage: fc.constantFrom(...GARBAGE),
  }),
  fc.record({
    op: fc.constant("bytes" as const),
    at: frac,
    bytes: fc.constantFrom([0], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xc3], [0xef, 0xbb, 0xbf], [0x0d]),
  }),
);

const sheetOp: fc.Arbitrary<SheetOp> = fc.oneof(
  fc.record({
    op: fc.constant("delete-cells" as const),
    sheet: fc.nat(),
    every: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({
    op: fc.constant("garbage-values" as const),
    sheet: fc.nat(),
    every: fc.integer({ min: 1, max: 20 }),
    garbage: fc.constantFrom(...GARBAGE),
  }),
  fc.record({ op: fc.constant("truncate-part" as const), sheet: fc.nat(), at: frac }),
  fc.record({ op: fc.constant("truncate-file" as const), at: frac }),
);

export const brokenCase = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .array(bookOp, { minLength: 1, maxLength: 3 })
      .map((ops) => ({ kind: "book" as const, ops })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(sheetOp, { minLength: 1, maxLength: 2 })
      .map((ops) => ({ kind: "workbook" as const, ops })),
  },
);
export type BrokenCase = typeof brokenCase extends fc.Arbitrary<infer T> ? T : never;

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function applyBook(base: Buffer, ops: BookOp[]): Uint8Array {
  let bytes: Buffer = base;
  for (const o of ops) {
    if (o.op === "truncate") bytes = bytes.subarray(0, Math.floor(bytes.length * o.at));
    else if (o.op === "bytes") {
      const at = Math.floor(bytes.length * o.at);
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(o.bytes), bytes.subarray(at)]);
    } else {
      const text = bytes.toString("utf8");
      let lines = text.split("\n");
      if (o.op === "amounts") {
        let k = 0;
        lines = lines.map((l) => l.replace(/\d[\d,]*/g, (m) => (k++ % o.every === 0 ? o.garbage : m)));
      } else {
        const from = Math.floor(lines.length * o.from);
        const part = lines.slice(from, from + o.length);
        lines.splice(from, part.length, ...(o.op === "shuffle" ? shuffled(part, o.seed) : []));
      }
      bytes = Buffer.from(lines.join("\n"), "utf8");
    }
  }
  return new Uint8Array(bytes);
}

async function applyWorkbook(base: JSZip, ops: SheetOp[]): Promise<Uint8Array> {
  const truncateFile = ops.find((o) => o.op === "truncate-file");
  const sheets = Object.keys(base.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const zip = new JSZip();
  const changed = new Map<string, string>();
  for (const o of ops) {
    if (o.op === "truncate-file") continue;
    const name = sheets[o.sheet % sheets.length] as string;
    let xml = changed.get(name) ?? (await base.file(name)?.async("string")) ?? "";
    if (o.op === "truncate-part") xml = xml.slice(0, Math.floor(xml.length * o.at));
    else {
      let k = 0;
      xml = xml.replace(/<c\b[^>]*?(\/>|>[\s\S]*?<\/c>)/g, (cell) => {
        if (k++ % o.every !== 0) return cell;
        if (o.op === "delete-cells") return "";
        const ref = /\br="([A-Z]+\d+)"/.exec(cell)?.[1] ?? "A1";
        const text = o.garbage.replace(/&/g, "&amp;").replace(/</g, "&lt;");
        return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
      });
    }
    changed.set(name, xml);
  }
  for (const [name, entry] of Object.entries(base.files)) {
    if (entry.dir) continue;
    zip.file(name, changed.get(name) ?? (await entry.async("uint8array")));
  }
  const bytes = await zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 1 },
  });
  return truncateFile ? bytes.subarray(0, Math.floor(bytes.length * truncateFile.at)) : bytes;
}

/** Keys sorted, so that two plans compare by content. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

async function stored(db: Database): Promise<string> {
  try {
    return canonical(await exportPlan({ db, city: CITY, fiscalYear: YEAR }));
  } catch (e) {
    return `(no plan: ${e instanceof Error ? e.message : String(e)})`;
  }
}

export interface BrokenInputs {
  book: Buffer;
  workbook: Uint8Array;
  zip: JSZip;
}

export async function brokenInputs(seed: PlanDocument): Promise<BrokenInputs> {
  const workbook = await writePlanWorkbook(seed, { city: CITY, fiscalYear: YEAR });
  return { book: readFileSync(SEED_BOOK), workbook, zip: await JSZip.loadAsync(workbook) };
}

export function makeCase(inputs: BrokenInputs, c: BrokenCase): Promise<Uint8Array> {
  return c.kind === "book"
    ? Promise.resolve(applyBook(inputs.book, c.ops))
    : applyWorkbook(inputs.zip, c.ops);
}

/** The use-case part: `count` cases (or as many as fit in `budgetMs`) on an open database holding the seed. */
export async function brokenImports(
  db: Database,
  seed: PlanDocument,
  count: number,
  budgetMs: number,
  seedNumber: number,
): Promise<CheckResult> {
  const inputs = await brokenInputs(seed);
  const cases = fc.sample(brokenCase, { numRuns: count, seed: seedNumber });
  const started = performance.now();
  let run = 0;
  let books = 0;
  let workbooks = 0;
  let refused = 0;
  let previewed = 0;
  let confirmed = 0;
  let accepted = 0;
  const crashes: string[] = [];
  const partial: string[] = [];
  let before = await stored(db);
  for (const [i, c] of cases.entries()) {
    if (performance.now() - started > budgetMs) break;
    run++;
    if (c.kind === "book") books++;
    else workbooks++;
    const file = await makeCase(inputs, c);
    const what = `#${i} ${c.kind} ${JSON.stringify(c.ops).slice(0, 160)}`;
    try {
      const name = c.kind === "book" ? "broken.txt" : "broken.xlsx";
      await previewBookImport({
        db,
        actor: COMMAND_LINE,
        files: [{ name, bytes: file }],
        city: CITY,
        fiscalYear: YEAR,
      });
      previewed++;
    } catch (e) {
      if (e instanceof HoshinError) refused++;
      else crashes.push(`${what}: preview: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (i % CONFIRM_EVERY !== 0) continue;
    confirmed++;
    let reading: PlanDocument | null = null;
    try {
      await confirmBookImport({
        db,
        actor: COMMAND_LINE,
        files: [
          {
            name: c.kind === "book" ? "broken.txt" : "broken.xlsx",
            data: Buffer.from(file).toString("base64"),
          },
        ],
        city: CITY,
        fiscalYear: YEAR,
        replace: "",
      });
      reading = (await readPlanFile(file)).plan;
      accepted++;
    } catch (e) {
      if (!(e instanceof HoshinError))
        crashes.push(`${what}: confirm: ${e instanceof Error ? e.message : String(e)}`);
    }
    const after = await stored(db);
    if (after !== before && (reading === null || after !== canonical(reading))) {
      partial.push(`${what}: the stored plan is neither the state before nor the file as read`);
    }
    if (reading !== null) {
      // Back to the seed, so that every case starts from the same plan.
      await importPlan({ db, city: CITY, fiscalYear: YEAR, plan: structuredClone(seed), replace: true });
      before = await stored(db);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const short = run < count ? `, only ${run} of ${count} within the ${budgetMs / 1000} s budget` : "";
  for (const x of [...crashes, ...partial].slice(0, 5)) process.stdout.write(`  ${x}\n`);
  return {
    check: "broken-imports",
    counts:
      `${run} cases (${books} books, ${workbooks} workbooks) in ${seconds} s${short}: ${refused} refused, ${previewed} previewed, ` +
      `${confirmed} confirmed (${accepted} imported), ${crashes.length} crashes, ${partial.length} partial writes`,
    ok: crashes.length === 0 && partial.length === 0,
    ...(crashes.length + partial.length > 0
      ? { why: `${crashes.length} crashes, ${partial.length} partial writes` }
      : {}),
  };
}

/** A few of the same broken files through the real upload route (preview only): never a 500. */
export async function sendThroughRoute(
  session: Session,
  seed: PlanDocument,
  count: number,
  seedNumber: number,
): Promise<CheckResult> {
  const inputs = await brokenInputs(seed);
  const cases = fc.sample(brokenCase, { numRuns: count, seed: seedNumber + 1 });
  const statuses = new Map<number, number>();
  let errors = 0;
  for (const c of cases) {
    const file = await makeCase(inputs, c);
    const form = new FormData();
    form.set("_csrf", session.csrf);
    form.set("city", CITY);
    form.set("fiscalYear", String(YEAR));
    form.set("file", new Blob([file]), c.kind === "book" ? "broken.txt" : "broken.xlsx");
    try {
      const res = await session.post("/import", form);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    } catch {
      errors++;
    }
  }
  const fives = [...statuses].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0);
  const shown = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, k]) => `${k}×${s}`)
    .join(", ");
  return {
    check: "broken-uploads",
    counts: `${count} uploads through POST /import: ${shown}; ${errors} connection errors`,
    ok: fives === 0 && errors === 0,
    ...(fives + errors > 0 ? { why: `${fives} answers 5xx, ${errors} connection errors` } : {}),
  };
}
