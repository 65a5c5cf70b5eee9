// saveProject from a stale form (issue 11, finding 5) and the unique name within a measure (finding 9),
// against a real database. 職員厚生費 (施策6-2, 総務課): 令和6年度 11,659 千円 = その他 2,050 + 一般財源 9,609
// (book lines 479–483).
import { describe, expect, it } from "vitest";
import type { Project } from "../../../src/domain/plan/model.ts";
import { saveProject } from "../../../src/usecases/editing/save-project.ts";
import { EditConflict } from "../../../src/usecases/errors.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  auditLog,
  fixedTraining,
  form,
  inputsOf,
  projectState,
  soumu,
  t,
  userName,
} from "../../support/staff-fixture.ts";

/** The administrator's edit: 令和6年度 11,660 千円, 一般財源 9,610 (so the sources still add up). */
function adminAmount(p: Project): Project {
  const f = form(p);
  inputsOf(f, "2024").total = 11_660;
  inputsOf(f, "2024").generalRevenue = 9_610;
  return f;
}

describe(`saveProject: a stale form is merged three ways (${testBackend})`, () => {
  it("keeps the administrator's 11,660 and writes only what the 担当課 changed", async () => {
    const opened = await projectState("職員厚生費");
    const saved = await saveProject({
      db: t.db,
      actor: admin,
      projectId: opened.id,
      expectedVersion: opened.version,
      project: adminAmount(opened.project),
    });
    expect(saved.version).toBe(opened.version + 1);
    const logBefore = await auditLog();

    // The 担当課 opened the form before that: it still shows 11,659, which it never touched.
    const mine = form(opened.project);
    mine.yearGoals = "ストレスチェックの受検率を90%以上にする。";
    const r = await saveProject({
      db: t.db,
      actor: soumu,
      projectId: opened.id,
      expectedVersion: opened.version,
      base: opened.project,
      project: mine,
    });
    expect(r.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ["yearGoals", opened.project.yearGoals, "ストレスチェックの受検率を90%以上にする。"],
    ]);
    expect(r.kept?.map((c) => [c.label, c.before, c.after])).toEqual([
      ["令和6年度 年度別事業費", "11659", "11660"],
      ["令和6年度 一般財源", "9609", "9610"],
    ]);
    const now = await projectState("職員厚生費");
    expect(now.version).toBe(opened.version + 2);
    expect(now.project.inputs["2024"]).toEqual({
      total: 11_660,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 2_050,
      generalRevenue: 9_610,
    });
    expect(now.project.yearGoals).toBe("ストレスチェックの受検率を90%以上にする。");
    // One audit row, the 担当課's one field: nothing of the administrator's is reverted.
    const log = await auditLog();
    expect(log.length).toBe(logBefore.length + 1);
    expect([log[0]?.userName, log[0]?.field]).toEqual([userName(soumu), "年度目標"]);
  });

  it("a field both changed differently is a conflict (base, theirs, mine); nothing is written until decided", async () => {
    const opened = await projectState("職員厚生費");
    await saveProject({
      db: t.db,
      actor: admin,
      projectId: opened.id,
      expectedVersion: opened.version,
      project: adminAmount(opened.project),
    });
    const stored = await projectState("職員厚生費");
    const mine = form(opened.project);
    inputsOf(mine, "2024").total = 12_000;
    inputsOf(mine, "2024").generalRevenue = 9_950;
    mine.notes = "担当課の特記事項";
    const save = (choices?: Record<string, "mine" | "theirs">) =>
      saveProject({
        db: t.db,
        actor: soumu,
        projectId: opened.id,
        expectedVersion: opened.version,
        base: opened.project,
        project: mine,
        ...(choices ? { choices } : {}),
      });
    const e = await failure(save());
    expect(e).toBeInstanceOf(EditConflict);
    const conflict = e as EditConflict<Project>;
    expect(conflict.currentVersion).toBe(opened.version + 1);
    expect(conflict.message).toContain("両方が変更した項目");
    expect(conflict.differences).toEqual([]);
    expect(conflict.merge?.conflicts).toEqual([
      {
        field: "inputs.2024.total",
        label: "令和6年度 年度別事業費",
        base: "11659",
        theirs: "11660",
        mine: "12000",
      },
      {
        field: "inputs.2024.generalRevenue",
        label: "令和6年度 一般財源",
        base: "9609",
        theirs: "9610",
        mine: "9950",
      },
    ]);
    // The form comes back with mine in the conflicting fields and the 特記事項 typed.
    expect(conflict.merge?.proposal.inputs["2024"]?.total).toBe(12_000);
    expect(conflict.merge?.proposal.notes).toBe("担当課の特記事項");
    expect(await projectState("職員厚生費")).toEqual(stored);

    // Decided for theirs: the administrator's amounts stay, the 特記事項 is written.
    const r = await save({ "inputs.2024.total": "theirs", "inputs.2024.generalRevenue": "theirs" });
    expect(r.changes.map((c) => c.field)).toEqual(["notes"]);
    const now = await projectState("職員厚生費");
    expect(now.project.inputs["2024"]?.total).toBe(11_660);
    expect(now.project.notes).toBe("担当課の特記事項");
  });

  it("a conflict decided for mine writes mine", async () => {
    const opened = await projectState("職員厚生費");
    await saveProject({
      db: t.db,
      actor: admin,
      projectId: opened.id,
      expectedVersion: opened.version,
      project: adminAmount(opened.project),
    });
    const mine = form(opened.project);
    inputsOf(mine, "2024").total = 12_000;
    inputsOf(mine, "2024").generalRevenue = 9_950;
    await saveProject({
      db: t.db,
      actor: soumu,
      projectId: opened.id,
      expectedVersion: opened.version,
      base: opened.project,
      project: mine,
      choices: { "inputs.2024.total": "mine", "inputs.2024.generalRevenue": "mine" },
    });
    const now = await projectState("職員厚生費");
    expect(now.project.inputs["2024"]).toMatchObject({ total: 12_000, generalRevenue: 9_950 });
  });
});

describe(`saveProject: project names are unique within a measure (${testBackend})`, () => {
  it("refuses renaming 職員研修費 to its sibling 職員厚生費 (both 施策6-2), naming the field and the other project", async () => {
    const before = await projectState("職員研修費");
    const logBefore = await auditLog();
    for (const name of ["職員厚生費", " 職員厚生費 "]) {
      const p = fixedTraining(before.project);
      p.name = name;
      const e = await failure(
        saveProject({
          db: t.db,
          actor: soumu,
          projectId: before.id,
          expectedVersion: before.version,
          project: p,
        }),
      );
      expect(e.code).toBe("invalid-input");
      expect(e.fields[0]).toEqual({
        field: "name",
        message:
          "事務事業名: 施策6-2には同じ名前の事務事業「職員厚生費」（所管課 総務課）がすでにあります。施策の中で重ならない名前にしてください。",
      });
    }
    expect(await projectState("職員研修費")).toEqual(before);
    expect(await auditLog()).toEqual(logBefore);
  });

  it("accepts the name of a project of another measure (文書費 is in 施策6-5)", async () => {
    const before = await projectState("職員研修費");
    const p = fixedTraining(before.project);
    p.name = "文書費";
    const r = await saveProject({
      db: t.db,
      actor: soumu,
      projectId: before.id,
      expectedVersion: before.version,
      project: p,
    });
    expect(r.changes.map((c) => c.field)).toContain("name");
  });
});
