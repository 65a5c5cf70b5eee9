// Imports that cannot destroy (issue 11, findings 1–4), through the use cases the staff screens and the
// CLI share: an unreadable book is refused with its reasons and nothing written; an import that would
// remove stored policies, measures or projects needs the explicit choice of exactly what goes; several
// books of one year go in one upload; the city and year typed are checked against the book.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { writePlanWorkbook } from "../../../src/formats/xlsx/write-workbook.ts";
import { confirmBookImport, previewBookImport } from "../../../src/usecases/plan/import-book.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import {
  admin,
  allAdmin,
  CITY,
  FISCAL_YEAR,
  planVersionId,
  SEED_NAME,
  t,
  viewer,
} from "../../support/staff-fixture.ts";
import { renumberPolicy, seedVariant } from "../../support/variants.ts";

const seedBytes = readFileSync(new URL(`../../fixtures/${SEED_NAME}`, import.meta.url));
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

/** The stored plan of the seed city: its id and its project count, to show nothing was written. */
async function stored() {
  const versions = await listPlanVersions(t.db);
  const view = await readPlan({ db: t.db, actor: viewer, planVersionId });
  return { versions: versions.map((v) => [v.id, v.city, v.fiscalYear]), projects: view.projects.length };
}

describe(`import guards (${testBackend})`, () => {
  it("refuses a book cut short (head -c 40000): the reasons are listed and the stored year keeps its 45 projects", async () => {
    const before = await stored();
    expect(before.projects).toBe(45);
    const half = seedBytes.subarray(0, 40000);
    const preview = await previewBookImport({
      db: t.db,
      actor: allAdmin,
      files: [{ name: "half.txt", bytes: half }],
      city: CITY,
      fiscalYear: FISCAL_YEAR,
    });
    const reasons = preview.blockers.map((b) => b.message);
    // Lines 16, 18 and 20 of the seed are the contents' 【施策 6-3】, 【施策 6-4】, 【施策 6-5】.
    expect(reasons).toContain("16行目: 目次にある施策 6-3が本文にありません。");
    expect(reasons).toContain("20行目: 目次にある施策 6-5が本文にありません。");
    // The cut falls inside 「議会事務局人件費」: its 一般財源 would have been stored as 0.
    expect(reasons).toContain(
      "「議会事務局人件費」の令和6年度の投入指標に一般財源がありません（0として扱います）。",
    );
    const refused = await failure(
      confirmBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "half.txt", data: b64(half) }],
        city: CITY,
        fiscalYear: FISCAL_YEAR,
        replace: preview.removalFingerprint,
      }),
    );
    expect(refused.code).toBe("invalid-input");
    expect(refused.message).toContain("取り込みませんでした（何も保存していません）");
    expect(refused.problems).toContain("16行目: 目次にある施策 6-3が本文にありません。");
    expect(await stored()).toEqual(before);
  });

  it("refuses a shuffled book: no 「政策?」 or 「施策?（施策不明）」 is stored, no new city appears", async () => {
    const before = await stored();
    // The seed's lines in reverse order: every block falls apart.
    const text = seedVariant().text.split("\n").reverse().join("\n").replaceAll("小諸市", "茅野市");
    const bytes = new Uint8Array(Buffer.from(text));
    const preview = await previewBookImport({
      db: t.db,
      actor: allAdmin,
      files: [{ name: "shuffled.txt", bytes }],
      city: "茅野市",
      fiscalYear: FISCAL_YEAR,
    });
    expect(preview.blockers.length).toBeGreaterThan(0);
    const refused = await failure(
      confirmBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "shuffled.txt", data: b64(bytes) }],
        city: "茅野市",
        fiscalYear: FISCAL_YEAR,
        replace: "",
      }),
    );
    expect(refused.code).toBe("invalid-input");
    expect(await stored()).toEqual(before);
  });

  it("refuses a workbook with an amount typed as 「千四百」, naming the cell; nothing is stored as 0", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(await writePlanWorkbook(seedPlan(), { city: "千曲市", fiscalYear: 2024 })) as never,
    );
    const sheet = wb.getWorksheet("投入指標");
    if (!sheet) throw new Error("the workbook has 投入指標");
    expect(sheet.getCell("D1").value).toBe("年度別事業費");
    sheet.getCell("D11").value = "千四百";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const preview = await previewBookImport({
      db: t.db,
      actor: allAdmin,
      files: [{ name: "book.xlsx", bytes }],
      city: "",
    });
    expect(preview.blockers.map((b) => b.message)).toEqual([
      "投入指標!D11: 年度別事業費「千四百」は整数（千円）ではありません。",
    ]);
    const refused = await failure(
      confirmBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "book.xlsx", data: b64(bytes) }],
        city: "千曲市",
        fiscalYear: 2024,
        replace: "",
      }),
    );
    expect(refused.code).toBe("invalid-input");
    expect(refused.problems).toEqual(["投入指標!D11: 年度別事業費「千四百」は整数（千円）ではありません。"]);
    expect((await listPlanVersions(t.db)).map((v) => v.city)).toEqual([CITY]);
  });

  it("a 政策4 book over the year of 政策6: refused without the choice, taken with exactly what was shown", async () => {
    const four = new Uint8Array(Buffer.from(renumberPolicy(seedVariant(), 4).text));
    const preview = await previewBookImport({
      db: t.db,
      actor: allAdmin,
      files: [{ name: "seisaku4.txt", bytes: four }],
      city: CITY,
      fiscalYear: FISCAL_YEAR,
    });
    expect(preview.blockers).toEqual([]);
    expect(preview.removals.map((p) => [p.code, p.whole])).toEqual([["6", true]]);
    expect(preview.removalSummary).toBe("政策 1 件、施策 5 件、事務事業 45 件");
    const confirm = (replace: string) =>
      confirmBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "seisaku4.txt", data: b64(four) }],
        city: CITY,
        fiscalYear: FISCAL_YEAR,
        replace,
      });
    const plain = await failure(confirm(""));
    expect(plain.code).toBe("conflict");
    expect(plain.message).toContain(
      "この計画書にない政策 6「すべての主体が参加し、協働するまちづくり」が登録されています",
    );
    const stale = await failure(confirm("00000000"));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toContain("確認画面と異なります");
    expect((await stored()).projects).toBe(45);
    const r = await confirm(preview.removalFingerprint);
    expect(r.removed.map((p) => p.code)).toEqual(["6"]);
    const now = await readPlan({ db: t.db, actor: viewer, planVersionId: r.planVersionId });
    expect(now.plan.policies.map((p) => p.code)).toEqual(["4"]);
  });

  it("refuses to drop a measure or a project silently (not only policies); `replace` allows it", async () => {
    const plan = seedPlan();
    const policy = plan.policies[0];
    const m62 = policy?.measures.find((m) => m.code === "6-2");
    if (!policy || !m62) throw new Error("seed has 施策 6-2");
    m62.projects = m62.projects.filter((p) => p.name !== "職員研修費");
    const dropProject = await failure(importPlan({ db: t.db, city: CITY, fiscalYear: FISCAL_YEAR, plan }));
    expect(dropProject.code).toBe("conflict");
    expect(dropProject.problems).toEqual([
      "政策 6「すべての主体が参加し、協働するまちづくり」 › 施策 6-2「戦略的で効率的・効果的な行政経営を推進します」: 事務事業 「職員研修費」",
    ]);
    policy.measures = policy.measures.filter((m) => m.code !== "6-4");
    const dropMeasure = await failure(importPlan({ db: t.db, city: CITY, fiscalYear: FISCAL_YEAR, plan }));
    expect(dropMeasure.message).toContain("（施策 1 件、事務事業 3 件）");
    expect((await stored()).projects).toBe(45);
    const r = await importPlan({ db: t.db, city: CITY, fiscalYear: FISCAL_YEAR, plan, replace: true });
    expect(r.counts.projects).toBe(42);
  });

  it("takes several books of one year in one upload, merged like the CLI merges them", async () => {
    const three = new Uint8Array(Buffer.from(renumberPolicy(seedVariant(), 3).text));
    const files = [
      { name: "seisaku6.txt", bytes: new Uint8Array(seedBytes) },
      { name: "seisaku3.txt", bytes: three },
    ];
    const preview = await previewBookImport({ db: t.db, actor: allAdmin, files, city: CITY });
    expect(preview.counts).toEqual({ policies: 2, measures: 10, projects: 90, budgetOnly: 36 });
    expect(preview.removals).toEqual([]);
    expect(preview.plan.diagnostics[0]?.message.startsWith("seisaku6.txt: ")).toBe(true);
    const r = await confirmBookImport({
      db: t.db,
      actor: allAdmin,
      files: preview.files.map((f) => ({ name: f.name, data: f.data })),
      city: CITY,
      fiscalYear: FISCAL_YEAR,
      replace: "",
    });
    const now = await readPlan({ db: t.db, actor: viewer, planVersionId: r.planVersionId });
    expect(now.plan.policies.map((p) => p.code)).toEqual(["6", "3"]);
    expect(now.version.sourceName).toBe("seisaku6.txt, seisaku3.txt");
  });

  it("checks the city and year typed against the book (令和6年度, 小諸市役所)", async () => {
    const files = [{ name: SEED_NAME, bytes: new Uint8Array(seedBytes) }];
    const year = await failure(
      previewBookImport({ db: t.db, actor: allAdmin, files, city: CITY, fiscalYear: 2025 }),
    );
    expect([year.code, year.fields[0]?.field]).toEqual(["invalid-input", "fiscalYear"]);
    expect(year.message).toContain(
      "入力された年度 令和7年度（2025年度） は、計画書に記載の 令和6年度（2024年度） と異なります。",
    );
    const city = await failure(previewBookImport({ db: t.db, actor: allAdmin, files, city: "上田市" }));
    expect([city.code, city.fields[0]?.field]).toEqual(["invalid-input", "city"]);
    expect(city.message).toContain(
      "入力された市町村「上田市」（202037）は、計画書の本文（「小諸市役所」など）に記載の「小諸市」と異なります。",
    );
    const workbook = await writePlanWorkbook(seedPlan(), { city: "千曲市", fiscalYear: 2024 });
    const book = await failure(
      previewBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "b.xlsx", bytes: workbook }],
        city: CITY,
      }),
    );
    expect(book.message).toContain("ブックの「情報」シートに記載の「千曲市」と異なります");
  });
});
