import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { listPlanVersions } from "../../../src/db/plans.ts";
import type { ActivityIndicator } from "../../../src/domain/plan/model.ts";
import { writePlanWorkbook } from "../../../src/formats/xlsx/write-workbook.ts";
import { saveProject } from "../../../src/usecases/editing/save-project.ts";
import { HoshinError } from "../../../src/usecases/errors.ts";
import { previewBookImport } from "../../../src/usecases/plan/import-book.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { testBackend } from "../../support/db.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";
import { admin, fixedTraining, projectEntry, t } from "../../support/staff-fixture.ts";

// Finding 15 of issue 11: a NUL byte, a lone surrogate or 680 activity indicators are refused before
// the database sees them, with the field named, never as a database error (a 500).

async function refusal(p: Promise<unknown>): Promise<HoshinError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HoshinError);
  return e as HoshinError;
}

describe(`storable checks on writes (${testBackend})`, () => {
  it("refuses a project saved with a NUL byte or a lone surrogate, by field", async () => {
    const entry = await projectEntry("職員研修費");
    const p = fixedTraining(entry.project);
    p.summary = "各種職員研修\u0000の実施";
    p.notes = "壊れた\uDC00文字";
    const e = await refusal(
      saveProject({
        db: t.db,
        actor: admin,
        projectId: entry.id,
        expectedVersion: entry.version,
        project: p,
      }),
    );
    expect(e.code).toBe("invalid-input");
    expect(e.fields).toEqual([
      { field: "summary", message: "事業概要: NUL 文字（\\0）は保存できません。取り除いてください。" },
      {
        field: "notes",
        message: "備考: 壊れた文字（対になっていないサロゲート）が含まれています。入力し直してください。",
      },
    ]);
    expect((await projectEntry("職員研修費")).project.summary).toBe(entry.project.summary);
  });

  it("refuses a project with 680 activity indicators with a message, not a database error", async () => {
    const entry = await projectEntry("職員研修費");
    const p = fixedTraining(entry.project);
    const template = p.activityIndicators[0] as ActivityIndicator;
    p.activityIndicators = Array.from({ length: 680 }, (_, i) => ({ ...template, name: `指標${i + 1}` }));
    const e = await refusal(
      saveProject({
        db: t.db,
        actor: admin,
        projectId: entry.id,
        expectedVersion: entry.version,
        project: p,
      }),
    );
    expect(e.code).toBe("invalid-input");
    expect(e.fields).toContainEqual({
      field: "activityIndicators",
      message: "活動指標: 多すぎます（680件、上限 100件）。",
    });
    expect((await projectEntry("職員研修費")).project.activityIndicators).toHaveLength(
      entry.project.activityIndicators.length,
    );
  });

  it("refuses to import a plan with a lone surrogate in a project name, and stores nothing", async () => {
    const plan = seedPlan();
    const p = projectsOf(plan).find((x) => x.name === "職員研修費");
    if (!p) throw new Error("the seed has no 職員研修費");
    p.summary = "研修\uD800";
    const before = await listPlanVersions(t.db);
    const e = await refusal(importPlan({ db: t.db, city: "松本市", fiscalYear: 2024, plan }));
    expect(e.code).toBe("invalid-input");
    expect(e.problems.join("\n")).toMatch(
      /施策[^ ]+ › 事務事業「職員研修費」 › 事業概要: 壊れた文字（対になっていないサロゲート）が含まれています。/,
    );
    expect(await listPlanVersions(t.db)).toEqual(before);
  });

  it("refuses at the preview a workbook whose text holds a lone surrogate (a character reference &#xD800;)", async () => {
    // The workbook Hoshin writes for the seed, with one shared string made to end in a lone surrogate:
    // UTF-8 cannot hold one, so a workbook carries it as an XML character reference.
    const workbook = await writePlanWorkbook(seedPlan(), { city: "小諸市", fiscalYear: 2024 });
    const zip = await JSZip.loadAsync(workbook);
    const part = "xl/sharedStrings.xml";
    const xml = (await zip.file(part)?.async("string")) ?? "";
    expect(xml).toContain("<t>職員研修費</t>");
    zip.file(part, xml.replace("<t>職員研修費</t>", "<t>職員研修費&#xD800;</t>"));
    const broken = await zip.generateAsync({ type: "uint8array" });
    const before = await listPlanVersions(t.db);
    const e = await refusal(
      previewBookImport({
        db: t.db,
        actor: admin,
        files: [{ name: "小諸市-2024.xlsx", bytes: broken }],
        city: "小諸市",
        fiscalYear: 2024,
      }),
    );
    // The workbook's XML itself is refused (XML cannot hold a surrogate even as a reference), at the
    // preview, naming the file and the place; nothing reaches the confirmation or the database.
    expect(e.code).toBe("invalid-input");
    expect(e.message).toMatch(
      /^小諸市-2024\.xlsx: このファイルは実施計画として読み取れませんでした。.*（\d+:\d+: malformed character entity\.）。$/,
    );
    expect(await listPlanVersions(t.db)).toEqual(before);
  });
});
