// previewBookImport and confirmBookImport: importing a book or a workbook through the staff screens.
// Each test starts from a fresh copy of the seeded template (test/support/staff-fixture.ts): a test that
// needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listPlanVersions } from "../../../src/db/plans.ts";
import { writePlanWorkbook } from "../../../src/formats/xlsx/write-workbook.ts";
import { confirmBookImport, previewBookImport } from "../../../src/usecases/plan/import-book.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { readAuditLog } from "../../../src/usecases/staff/audit-log.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import {
  admin,
  allAdmin,
  brief,
  CITY,
  FISCAL_YEAR,
  kikaku,
  planVersionId,
  projectState,
  replay,
  replayPlanEdits,
  SEED_NAME,
  soumu,
  t,
  userName,
  viewer,
} from "../../support/staff-fixture.ts";

/** Every city's audit events: these tests import 東御市 besides the seed's 小諸市. */
const auditLog = () => readAuditLog({ db: t.db, actor: allAdmin, filter: { limit: 100_000 } });

const seedBytes = readFileSync(new URL(`../../fixtures/${SEED_NAME}`, import.meta.url));
// The seed book as another city's: the city check compares a typed city with the 「小諸市役所」 the book names.
const torikomiData = Buffer.from(seedBytes.toString("utf8").replaceAll("小諸市", "東御市")).toString(
  "base64",
);

/** What the "confirm" test wrote: the seed book imported for 東御市. */
async function importTorikomi(): Promise<void> {
  await confirmBookImport({
    db: t.db,
    actor: allAdmin,
    files: [{ name: SEED_NAME, data: torikomiData }],
    city: "東御市",
    fiscalYear: 2024,
    replace: "",
  });
}

describe(`staff use cases (${testBackend})`, () => {
  describe("previewBookImport and confirmBookImport", () => {
    it("refuses department users and viewers (forbidden)", async () => {
      for (const actor of [soumu, kikaku, viewer]) {
        const preview = await failure(
          previewBookImport({ db: t.db, actor, files: [{ name: SEED_NAME, bytes: seedBytes }], city: CITY }),
        );
        expect(preview.code).toBe("forbidden");
        expect(preview.message).toBe("計画書の取り込みは管理者だけが行えます。");
        const confirm = await failure(
          confirmBookImport({
            db: t.db,
            actor,
            files: [{ name: SEED_NAME, data: torikomiData }],
            city: "東御市",
            fiscalYear: 2024,
            replace: "",
          }),
        );
        expect(confirm.code).toBe("forbidden");
      }
      expect((await listPlanVersions(t.db)).map((v) => [v.city, v.fiscalYear])).toEqual([
        [CITY, FISCAL_YEAR],
      ]);
    });

    it("lets the administrator preview without writing anything", async () => {
      const logBefore = await auditLog();
      const versionsBefore = await listPlanVersions(t.db);
      const preview = await previewBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: SEED_NAME, bytes: seedBytes }],
        city: ` ${CITY} `,
      });
      expect(preview.city).toEqual({
        code: "202088",
        name: CITY,
        nameKana: "こもろし",
        prefecture: "長野県",
      });
      expect(preview.fiscalYear).toBe(2024);
      expect(preview.files[0]?.encoding).toBe("utf-8");
      expect(preview.counts).toEqual({ policies: 1, measures: 5, projects: 45, budgetOnly: 18 });
      expect(preview.existing?.id).toBe(planVersionId);
      expect(preview.removals).toEqual([]);
      expect(preview.blockers).toEqual([]);
      expect(preview.files[0]?.kind).toBe("book-text");
      // The file goes back to the confirmation exactly as uploaded.
      expect(Buffer.from(preview.files[0]?.data ?? "", "base64").equals(seedBytes)).toBe(true);

      const fresh = await previewBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: SEED_NAME, bytes: Buffer.from(torikomiData, "base64") }],
        city: "東御市",
      });
      expect(fresh.existing).toBe(null);
      expect(fresh.files[0]?.digest).not.toBe(preview.files[0]?.digest);

      expect(await listPlanVersions(t.db)).toEqual(versionsBefore);
      expect(await auditLog()).toEqual(logBefore);
    });

    it("lets the administrator confirm: the plan is imported and the import is audited", async () => {
      // Given: what the tests before this one wrote.
      await replay(replayPlanEdits);
      const logBefore = await auditLog();
      const r = await confirmBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: SEED_NAME, data: torikomiData }],
        city: "東御市",
        fiscalYear: 2024,
        replace: "",
      });
      expect(r.replaced).toBe(false);
      expect(
        (await listPlanVersions(t.db)).map((v) => [v.id === r.planVersionId, v.city, v.sourceName]),
      ).toEqual([
        // In code order: 小諸市 202088, 東御市 202193.
        [false, CITY, SEED_NAME],
        [true, "東御市", SEED_NAME],
      ]);
      const imported = await readPlan({ db: t.db, actor: allAdmin, planVersionId: r.planVersionId });
      expect(imported.projects.length).toBe(45);
      // The other city's plan is untouched by the import.
      expect((await projectState("職員研修費")).reviewComment).toBe("再度見直してください");

      const log = await auditLog();
      expect(log.length).toBe(logBefore.length + 2);
      const importRow = {
        userId: admin.userId,
        userName: userName(admin),
        action: "import",
        planVersionId: r.planVersionId,
        city: "東御市",
        fiscalYear: 2024,
        entityKind: "plan",
        entityId: r.planVersionId,
        entityLabel: "東御市 令和6年度 実施計画",
        department: null,
        comment: null,
      };
      expect(log.slice(0, 2).map(brief)).toEqual([
        { ...importRow, field: "事務事業数", before: null, after: "45" },
        { ...importRow, field: "取り込んだファイル", before: null, after: SEED_NAME },
      ]);
    });

    it("records a replacing import with a comment", async () => {
      // Given: what the tests before this one wrote.
      await replay(replayPlanEdits, importTorikomi);
      const r = await confirmBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "again.txt", data: torikomiData }],
        city: "東御市",
        fiscalYear: 2024,
        replace: "",
      });
      expect(r.replaced).toBe(true);
      const [latest] = await auditLog();
      expect(latest && [latest.action, latest.entityId, latest.comment]).toEqual([
        "import",
        r.planVersionId,
        "既存の計画を置き換えました",
      ]);
      expect((await listPlanVersions(t.db)).length).toBe(2);
    });

    it("reads an Excel workbook written by Hoshin: the city and year come from the workbook", async () => {
      const workbook = await writePlanWorkbook(seedPlan(), { city: "千曲市", fiscalYear: 2024 });
      const preview = await previewBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "book.xlsx", bytes: workbook }],
        city: "",
      });
      expect([
        preview.files[0]?.kind,
        preview.files[0]?.encoding,
        preview.city.name,
        preview.fiscalYear,
      ]).toEqual(["xlsx", "xlsx", "千曲市", 2024]);
      expect(preview.counts).toEqual({ policies: 1, measures: 5, projects: 45, budgetOnly: 18 });
      expect(preview.plan).toStrictEqual(seedPlan());
      const r = await confirmBookImport({
        db: t.db,
        actor: allAdmin,
        files: [{ name: "book.xlsx", data: preview.files[0]?.data ?? "" }],
        city: preview.city.code,
        fiscalYear: 2024,
        replace: "",
      });
      const stored = await listPlanVersions(t.db);
      expect(stored.find((v) => v.id === r.planVersionId)?.city).toBe("千曲市");
      expect(stored.find((v) => v.id === r.planVersionId)?.sourceEncoding).toBe("xlsx");
    });

    it("refuses a damaged confirmation and a workbook that is not a plan, writing nothing", async () => {
      const before = await listPlanVersions(t.db);
      const damaged = await failure(
        confirmBookImport({
          db: t.db,
          actor: allAdmin,
          files: [{ name: "x.txt", data: "not base64!" }],
          city: "東御市",
          fiscalYear: 2024,
          replace: "",
        }),
      );
      expect([damaged.code, damaged.message]).toEqual([
        "invalid-input",
        "確認画面から送られたファイルの内容が壊れています。もう一度ファイルを選んでください。",
      ]);
      const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
      const old = await failure(
        previewBookImport({
          db: t.db,
          actor: allAdmin,
          files: [{ name: "old.xls", bytes: xls }],
          city: "東御市",
        }),
      );
      expect(old.code).toBe("invalid-input");
      expect(old.message).toContain("古い形式の Excel ファイル（.xls）は読めません");
      expect(await listPlanVersions(t.db)).toEqual(before);
    });
  });
});
