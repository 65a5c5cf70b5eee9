// saveProjectEvaluation: the 事務事業評価 sheets and the actuals on them, for every role.
// Each test starts from a fresh copy of the seeded template (test/support/evaluation-fixture.ts): a test
// that needs what earlier tests of the old ordered suite wrote replays those writes first, so it runs alone.
import { describe, expect, it } from "vitest";
import { upsertProjectEvaluation } from "../../../src/db/edit-evaluations.ts";
import { loadPlan } from "../../../src/db/plans.ts";
import type { Actor } from "../../../src/domain/access.ts";
import { emptyProjectEvaluation } from "../../../src/domain/evaluation/evaluation.ts";
import { formatExecutionRate } from "../../../src/domain/evaluation/execution-rate.ts";
import type { Project } from "../../../src/domain/plan/model.ts";
import { EditConflict } from "../../../src/usecases/errors.ts";
import { readProjectEvaluation } from "../../../src/usecases/evaluation/list-evaluations.ts";
import { saveProjectEvaluation } from "../../../src/usecases/evaluation/save-project-evaluation.ts";
import { EvaluationConflict } from "../../../src/usecases/evaluation/sheets.ts";
import { failure } from "../../support/actors.ts";
import { codeOf } from "../../support/cities.ts";
import { testBackend } from "../../support/db.ts";
import {
  admin,
  auditRow,
  auditSince,
  CITY,
  FY,
  kikaku,
  lastAuditId,
  PLAN_YEAR,
  planVersionId,
  projectId,
  replay,
  saveSheetSteps,
  sheetState,
  soumu,
  t,
  trainingSave,
  viewer,
} from "../../support/evaluation-fixture.ts";
import {
  REASONS,
  T,
  TRAINING_SECONDARY,
  trainingSelf,
  withSecondary,
} from "../../support/evaluation-sheets.ts";

describe(`evaluation use cases (${testBackend})`, () => {
  it("starts from the seed: 職員研修費 and 文書費 of 総務課, no sheets, no actuals", async () => {
    const training = await readProjectEvaluation({
      db: t.db,
      actor: viewer,
      projectId: await projectId("職員研修費"),
      fiscalYear: FY,
    });
    expect(training.entry.measure.code).toBe("6-2");
    expect(training.entry.project.leadDepartment).toBe("総務課");
    expect(training.years).toEqual(["2024", "2025", "2026"]);
    expect(training.budget).toEqual({
      total: 1443,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 0,
      generalRevenue: 1443,
    });
    expect(
      training.entry.project.activityIndicators.map((a) => [a.name, a.targets["2024"]?.text ?? null]),
    ).toEqual([
      ["人材育成基本方針の見直し", "実施する"],
      ["人材育成基本方針に沿った職員研修の実施", null],
    ]);
    expect(training.state).toEqual({ id: null, version: 1, reviewState: "draft", reviewComment: null });
    expect(training.evaluation).toEqual(emptyProjectEvaluation());
    expect(training.settled).toBe(null);
    expect(training.actuals).toEqual([null, null]);

    const documents = await readProjectEvaluation({
      db: t.db,
      actor: viewer,
      projectId: await projectId("文書費"),
      fiscalYear: FY,
    });
    expect(documents.entry.measure.code).toBe("6-5");
    expect(documents.entry.project.leadDepartment).toBe("総務課");
    expect(["2024", "2025", "2026"].map((fy) => documents.entry.project.inputs[fy]?.total)).toEqual([
      9562, 9562, 9562,
    ]);
    expect(documents.budget?.generalRevenue).toBe(9425);
    expect(
      documents.entry.project.activityIndicators.map((a) => [
        a.name,
        a.unit,
        a.targets["2024"]?.text ?? null,
      ]),
    ).toEqual([
      ["職員1人のファイルメータ3m以内の実現", "m", "3"],
      ["ファイリング研修の開催", "回", "2"],
    ]);
  });

  describe("saveProjectEvaluation", () => {
    it("refuses the 企画課 user and the viewer on a 総務課 project (forbidden), changing and logging nothing", async () => {
      const before = await sheetState("職員研修費");
      const logBefore = await lastAuditId();
      for (const actor of [kikaku, viewer]) {
        const e = await failure(saveProjectEvaluation(await trainingSave(actor, 1)));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("「職員研修費」は総務課の事務事業のため、評価シートを編集できません。");
      }
      expect(await sheetState("職員研修費")).toEqual(before);
      expect(await auditSince(logBefore)).toEqual([]);
    });

    it("refuses a year outside the plan, a budget-only project and an unknown project (not-found)", async () => {
      for (const fiscalYear of [2023, 2027]) {
        const e = await failure(saveProjectEvaluation({ ...(await trainingSave(soumu, 1)), fiscalYear }));
        expect(e.code).toBe("not-found");
        expect(e.message).toBe(
          `${fiscalYear === 2023 ? "令和5年度" : "令和9年度"}は、この実施計画の年度（令和6年度〜令和8年度）ではありません。`,
        );
      }
      const budgetOnly = await failure(
        saveProjectEvaluation({
          ...(await trainingSave(admin, 1)),
          projectId: await projectId("一般管理費人件費"),
          activityActuals: [],
        }),
      );
      expect(budgetOnly.code).toBe("not-found");
      expect(budgetOnly.message).toBe(
        "「一般管理費人件費」は予算のみの掲載の事業（事業シートなし）のため、事務事業評価のシートはありません。",
      );
      const unknown = await failure(
        saveProjectEvaluation({ ...(await trainingSave(admin, 1)), projectId: 999_999 }),
      );
      expect(unknown.code).toBe("not-found");
      expect(unknown.message).toBe("指定の事務事業は登録されていません。");
    });

    it("refuses what breaks the rules, naming each field, and writes nothing", async () => {
      const before = await sheetState("職員研修費");
      const logBefore = await lastAuditId();
      const e = trainingSelf();
      e.self.aspects.necessity = { rating: "C", reason: null };
      e.self.outlook = "abolish";
      const refused = await failure(
        saveProjectEvaluation(
          await trainingSave(soumu, 1, {
            evaluation: e,
            settled: -1398,
            activityActuals: ["実施", "x".repeat(201)],
          }),
        ),
      );
      expect(refused.code).toBe("invalid-input");
      expect(refused.message).toBe("入力に誤りがあります。赤く示した項目を直してください。");
      expect(refused.fields).toEqual([
        {
          field: "evaluations.2024.self.aspects.necessity.reason",
          message: "一次評価の必要性を C とした理由を入力してください。",
        },
        {
          field: "evaluations.2024.self.changes",
          message: "一次評価で今後の方向性を「廃止」とする場合は、改善内容を入力してください。",
        },
        {
          field: "settled.2024",
          message: "令和6年度の決算額は 0 以上 1,000,000,000 以下の整数（千円）で入力してください。",
        },
        {
          field: "activityIndicators.1.actual.2024",
          message: "活動指標2 令和6年度実績が長すぎます（200字まで）。",
        },
      ]);
      const fraction = await failure(
        saveProjectEvaluation(await trainingSave(soumu, 1, { settled: 1398.5 })),
      );
      expect(fraction.fields.map((f) => f.field)).toEqual(["settled.2024"]);
      const count = await failure(
        saveProjectEvaluation(await trainingSave(soumu, 1, { activityActuals: ["実施"] })),
      );
      expect(count.code).toBe("conflict");
      expect(count.message).toBe(
        "この事務事業の活動指標は 2 件ですが、1 件の実績が送られました。編集を始めた後に活動指標が変更されたようです。入力を控えてから、ページを読み込み直してください。",
      );
      expect(await sheetState("職員研修費")).toEqual(before);
      expect(await auditSince(logBefore)).toEqual([]);
    });

    it("saves nothing and creates no sheet when a first save changes nothing", async () => {
      const r = await saveProjectEvaluation({
        ...(await trainingSave(soumu, 1)),
        evaluation: emptyProjectEvaluation(),
        settled: null,
        activityActuals: [null, ""],
      });
      expect(r).toEqual({ id: null, version: 1, changes: [] });
      expect((await sheetState("職員研修費")).state.id).toBe(null);
    });

    let trainingSheetId = 0;
    const trainingEntity = () => ({
      kind: "project-evaluation" as const,
      id: trainingSheetId,
      label: "職員研修費（令和6年度 事務事業評価）",
      department: "総務課",
    });
    /** What the "first save creates the sheet" test wrote, keeping the sheet's id for trainingEntity(). */
    const createTrainingSheet = async () => {
      trainingSheetId = await saveSheetSteps.soumuWritesTraining();
    };

    it("lets the 総務課 user write the 一次評価, 決算額 and actuals: the first save creates the sheet at version 2", async () => {
      const logBefore = await lastAuditId();
      const r = await saveProjectEvaluation(await trainingSave(soumu, 1));
      const changes = [
        T("令和6年度 一次評価 必要性", null, "A"),
        T("令和6年度 一次評価 必要性 理由", null, REASONS.necessity),
        T("令和6年度 一次評価 有効性", null, "B"),
        T("令和6年度 一次評価 有効性 理由", null, REASONS.effectiveness),
        T("令和6年度 一次評価 効率性", null, "B"),
        T("令和6年度 一次評価 効率性 理由", null, REASONS.efficiency),
        T("令和6年度 一次評価 公平性", null, "A"),
        T("令和6年度 一次評価 公平性 理由", null, REASONS.equity),
        T("令和6年度 一次評価 今後の方向性", null, "継続"),
        T("令和6年度 決算額", null, "1398"),
        T("活動指標1 令和6年度実績", null, "実施"),
        T("活動指標2 令和6年度実績", null, "12回"),
      ];
      expect(r.version).toBe(2);
      expect(r.id).toEqual(expect.any(Number));
      trainingSheetId = r.id as number;
      expect(r.changes.map((c) => T(c.label, c.before, c.after))).toEqual(changes);
      expect(r.changes.map((c) => c.field).slice(-3)).toEqual([
        "settled.2024",
        "activityIndicators.0.actual.2024",
        "activityIndicators.1.actual.2024",
      ]);
      expect(await auditSince(logBefore)).toEqual(
        changes.map((c) => auditRow(soumu, "update", trainingEntity(), c)),
      );

      const now = await sheetState("職員研修費");
      expect(now.state).toEqual({
        id: trainingSheetId,
        version: 2,
        reviewState: "draft",
        reviewComment: null,
      });
      expect(now.evaluation).toEqual(trainingSelf());
      expect(now.settled).toBe(1398);
      expect(now.actuals).toEqual([
        { text: "実施", value: null, comparator: "=" },
        { text: "12回", value: null, comparator: "=" },
      ]);
      // The plan as stored carries them: 決算額 per year and 実績 per indicator and year.
      const stored = await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: PLAN_YEAR });
      const training = stored?.policies[0]?.measures[1]?.projects.find(
        (p) => p.name === "職員研修費",
      ) as Project;
      expect(training.settled).toEqual({ "2024": 1398 });
      expect(training.activityIndicators[0]?.actual).toEqual({
        "2024": { text: "実施", value: null, comparator: "=" },
      });
      expect(training.evaluations).toEqual({ "2024": trainingSelf() });
      // 1,398 of the budget 1,443: 96.9 %.
      expect(formatExecutionRate(now.project.inputs["2024"]?.total ?? 0, now.settled ?? 0)).toBe("96.9%");
    });

    it("parses actuals as indicator values and replaces only the year's: numbers, 以上, dashes", async () => {
      // Given: what the tests before this one wrote.
      await replay(createTrainingSheet);
      const documents = await projectId("文書費");
      const r = await saveProjectEvaluation({
        db: t.db,
        actor: soumu,
        projectId: documents,
        fiscalYear: 2024,
        expectedVersion: 1,
        evaluation: emptyProjectEvaluation(),
        settled: 9000,
        activityActuals: ["２.８", "—"],
      });
      expect(r.changes.map((c) => [c.label, c.after])).toEqual([
        ["令和6年度 決算額", "9000"],
        ["活動指標1 令和6年度実績", "２.８"],
      ]);
      const s = await sheetState("文書費");
      expect(s.actuals).toEqual([{ text: "２.８", value: 2.8, comparator: "=" }, null]);
      expect(s.settled).toBe(9000);
      // Another year of the same project keeps its own actuals.
      const r2025 = await saveProjectEvaluation({
        db: t.db,
        actor: soumu,
        projectId: documents,
        fiscalYear: 2025,
        expectedVersion: 1,
        evaluation: emptyProjectEvaluation(),
        settled: null,
        activityActuals: ["3以下", "2"],
      });
      expect(r2025.version).toBe(2);
      expect((await sheetState("文書費", 2025)).actuals).toEqual([
        { text: "3以下", value: 3, comparator: "<=" },
        { text: "2", value: 2, comparator: "=" },
      ]);
      expect((await sheetState("文書費")).actuals).toEqual(s.actuals);
      const stored = await loadPlan(t.db, { cityCode: codeOf(CITY), fiscalYear: PLAN_YEAR });
      const doc = stored?.policies[0]?.measures[4]?.projects.find((p) => p.name === "文書費") as Project;
      expect(doc.settled).toEqual({ "2024": 9000 });
      expect(doc.activityIndicators.map((a) => a.actual)).toEqual([
        {
          "2024": { text: "２.８", value: 2.8, comparator: "=" },
          "2025": { text: "3以下", value: 3, comparator: "<=" },
        },
        { "2025": { text: "2", value: 2, comparator: "=" } },
      ]);
    });

    it("refuses a 二次評価 from the 総務課 user (forbidden), naming the fields, and changes nothing", async () => {
      // Given: what the tests before this one wrote.
      await replay(createTrainingSheet, saveSheetSteps.soumuEntersDocumentsActuals);
      const before = await sheetState("職員研修費");
      const logBefore = await lastAuditId();
      const e = await failure(
        saveProjectEvaluation(
          await trainingSave(soumu, 2, { evaluation: withSecondary(trainingSelf(), TRAINING_SECONDARY) }),
        ),
      );
      expect(e.code).toBe("forbidden");
      expect(e.message).toBe(
        "二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: 令和6年度 二次評価 必要性、令和6年度 二次評価 有効性、令和6年度 二次評価 有効性 理由、令和6年度 二次評価 効率性、令和6年度 二次評価 公平性、令和6年度 二次評価 今後の方向性、令和6年度 二次評価 コメント）。",
      );
      expect(await sheetState("職員研修費")).toEqual(before);
      // Nothing stored; the forged fields are on record, one refused-change row each (seven, as named).
      const refused = await auditSince(logBefore);
      expect(refused.map((r) => r.action)).toEqual(Array(7).fill("refused-change"));
      expect(refused.map((r) => r.field)).toContain("令和6年度 二次評価 コメント");
    });

    it("throws EvaluationConflict on a stale version, listing what differs from what was typed, and keeps what is stored", async () => {
      // Given: what the tests before this one wrote.
      await replay(createTrainingSheet, saveSheetSteps.soumuEntersDocumentsActuals);
      // The administrator saves first (a 二次評価, in 作成中 the administrator writes everything) ...
      const logBefore = await lastAuditId();
      const admins = await saveProjectEvaluation(
        await trainingSave(admin, 2, { evaluation: withSecondary(trainingSelf(), TRAINING_SECONDARY) }),
      );
      expect(admins.version).toBe(3);
      expect(admins.changes.map((c) => T(c.label, c.before, c.after))).toEqual([
        T("令和6年度 二次評価 必要性", null, "A"),
        T("令和6年度 二次評価 有効性", null, "C"),
        T("令和6年度 二次評価 有効性 理由", null, "人事評価制度の定着が成果に表れていない。"),
        T("令和6年度 二次評価 効率性", null, "B"),
        T("令和6年度 二次評価 公平性", null, "A"),
        T("令和6年度 二次評価 今後の方向性", null, "改善"),
        T("令和6年度 二次評価 コメント", null, "研修の効果測定を取り入れ、内容を見直すこと。"),
      ]);
      expect(await auditSince(logBefore)).toEqual(
        admins.changes.map((c) => auditRow(admin, "update", trainingEntity(), c)),
      );
      const stored = await sheetState("職員研修費");

      // ... then the 総務課 user saves the form opened at version 2, with a new 決算額.
      const e = await failure(saveProjectEvaluation(await trainingSave(soumu, 2, { settled: 1400 })));
      expect(e).toBeInstanceOf(EvaluationConflict);
      expect(e).toBeInstanceOf(EditConflict);
      expect(e.code).toBe("conflict");
      expect(e.message).toBe(
        "この評価シートは、あなたが編集を始めた後に他の人が保存しました。あなたの入力は消えていません。下の「他の人の変更」を確かめ、必要なら入力を直してから、もう一度保存してください。",
      );
      const conflict = e as EvaluationConflict;
      expect(conflict.currentVersion).toBe(3);
      expect(conflict.differences.map((c) => T(c.label, c.before, c.after))).toEqual([
        ...admins.changes.map((c) => T(c.label, c.before, c.after)),
        T("令和6年度 決算額", "1400", "1398"),
      ]);
      expect(await sheetState("職員研修費")).toEqual(stored);
    });

    it("lets the 総務課 user save the 一次評価 again with the 二次評価 unchanged, but never change or drop it", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        createTrainingSheet,
        saveSheetSteps.soumuEntersDocumentsActuals,
        saveSheetSteps.adminAddsTrainingSecondary,
      );
      const logBefore = await lastAuditId();
      const stored = withSecondary(trainingSelf(), TRAINING_SECONDARY);
      const dropped = await failure(
        saveProjectEvaluation(await trainingSave(soumu, 3, { evaluation: trainingSelf() })),
      );
      expect(dropped.code).toBe("forbidden");
      expect(dropped.message).toMatch(
        /^二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: /,
      );
      const changed = structuredClone(stored);
      if (changed.secondary) changed.secondary.outlook = "continue";
      const e = await failure(saveProjectEvaluation(await trainingSave(soumu, 3, { evaluation: changed })));
      expect(e.message).toBe(
        "二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: 令和6年度 二次評価 今後の方向性）。",
      );
      const since = await auditSince(logBefore);
      expect(since.filter((r) => r.action !== "refused-change")).toEqual([]);
      expect(since.map((r) => r.field)).toContain("令和6年度 二次評価 今後の方向性");

      const mine = structuredClone(stored);
      mine.self.changes = "  研修後アンケートを実施する。\r\n  ";
      const r = await saveProjectEvaluation(
        await trainingSave(soumu, 3, { evaluation: mine, settled: 1400 }),
      );
      expect(r.version).toBe(4);
      expect(r.changes.map((c) => T(c.label, c.before, c.after))).toEqual([
        T("令和6年度 一次評価 改善内容", null, "研修後アンケートを実施する。"),
        T("令和6年度 決算額", "1398", "1400"),
      ]);
      expect((await auditSince(logBefore)).filter((r) => r.action !== "refused-change")).toEqual(
        r.changes.map((c) => auditRow(soumu, "update", trainingEntity(), c)),
      );
      const now = await sheetState("職員研修費");
      expect(now.evaluation.secondary).toEqual(TRAINING_SECONDARY);
      expect(now.settled).toBe(1400);
      expect(formatExecutionRate(1443, 1400)).toBe("97.0%");
    });

    it("refuses a NUL byte in an actual before anything is written (it was a late database refusal)", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        createTrainingSheet,
        saveSheetSteps.soumuEntersDocumentsActuals,
        saveSheetSteps.adminAddsTrainingSecondary,
        saveSheetSteps.soumuSavesTrainingAgain,
      );
      const before = await sheetState("職員研修費");
      const logBefore = await lastAuditId();
      const e = trainingSelf();
      e.self.changes = "研修の内容を見直す。";
      // PostgreSQL text cannot hold NUL: the storable check (domain/plan/storable.ts) refuses it by field
      // before the sheet, the 決算額 or the actuals are written.
      const refused = await failure(
        saveProjectEvaluation(
          await trainingSave(soumu, 4, {
            evaluation: withSecondary(e, TRAINING_SECONDARY),
            settled: 1111,
            activityActuals: ["実施\u0000", "12回"],
          }),
        ),
      );
      expect(refused.code).toBe("invalid-input");
      expect(refused.fields).toContainEqual({
        field: expect.stringMatching(/^activityIndicators\.0\.actual\.\d{4}$/),
        message: expect.stringContaining("NUL 文字（\\0）は保存できません。"),
      });
      expect(await sheetState("職員研修費")).toEqual(before);
      expect(await auditSince(logBefore)).toEqual([]);
    });

    it("lets two first saves race: one creates the sheet, the other gets a conflict", async () => {
      // Given: what the tests before this one wrote.
      await replay(
        createTrainingSheet,
        saveSheetSteps.soumuEntersDocumentsActuals,
        saveSheetSteps.adminAddsTrainingSecondary,
        saveSheetSteps.soumuSavesTrainingAgain,
      );
      const system = await projectId("市民協働推進事業");
      const actuals = (await sheetState("市民協働推進事業")).actuals.map(() => null);
      const save = (actor: Actor, settled: number) =>
        saveProjectEvaluation({
          db: t.db,
          actor,
          projectId: system,
          fiscalYear: FY,
          expectedVersion: 1,
          evaluation: emptyProjectEvaluation(),
          settled,
          activityActuals: actuals,
        });
      const results = await Promise.allSettled([save(soumu, 100), save(admin, 200)]);
      expect(results.filter((r) => r.status === "fulfilled").map((r) => r.value.version)).toEqual([2]);
      const rejected = results.filter((r) => r.status === "rejected").map((r) => r.reason);
      expect(rejected.length).toBe(1);
      expect(rejected[0]).toBeInstanceOf(EvaluationConflict);
      expect((rejected[0] as EvaluationConflict).currentVersion).toBe(2);
      const s = await sheetState("市民協働推進事業");
      expect(s.state.version).toBe(2);
      expect([100, 200]).toContain(s.settled);

      // The unique key alone stops a second first save: the upsert finds the row and writes nothing.
      const lost = await t.db.transaction((tx) =>
        upsertProjectEvaluation(
          tx,
          { cityCode: "202088", projectId: system, planVersionId, fiscalYear: FY },
          1,
          trainingSelf(),
        ),
      );
      expect(lost).toBe(null);
      expect((await sheetState("市民協働推進事業")).evaluation).toEqual(emptyProjectEvaluation());
    });
  });
});
