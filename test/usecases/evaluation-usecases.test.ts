// The evaluation sheets (事務事業評価・施策評価) and the actuals entered on them, for every role on every
// write, against a real database (PGlite in memory, or PostgreSQL with DATABASE_URL). The tests of this
// file share one database and run in order: each describe block starts from what the blocks before it left.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEventRow } from "../../src/db/audit.ts";
import { upsertProjectEvaluation } from "../../src/db/edit-evaluations.ts";
import { loadPlan } from "../../src/db/plans.ts";
import { emptyMeasureEvaluation, emptyProjectEvaluation } from "../../src/domain/evaluation/evaluation.ts";
import { formatExecutionRate } from "../../src/domain/evaluation/evaluation-rules.ts";
import type { MeasureEvaluation, Project } from "../../src/domain/plan/model.ts";
import type { Actor } from "../../src/usecases/actor.ts";
import { EditConflict } from "../../src/usecases/editing/save-project.ts";
import {
  listEvaluations,
  readMeasureEvaluation,
  readProjectEvaluation,
} from "../../src/usecases/evaluation/list-evaluations.ts";
import { reviewEvaluation } from "../../src/usecases/evaluation/review-evaluation.ts";
import { saveMeasureEvaluation } from "../../src/usecases/evaluation/save-measure-evaluation.ts";
import {
  EvaluationConflict,
  type SaveProjectEvaluationOptions,
  saveProjectEvaluation,
} from "../../src/usecases/evaluation/save-project-evaluation.ts";
import { importPlan } from "../../src/usecases/plan/import-plan.ts";
import { readPlan } from "../../src/usecases/plan/read-plan.ts";
import { readAuditLog } from "../../src/usecases/staff/audit-log.ts";
import type { NewUser } from "../../src/usecases/staff/manage-users.ts";
import { createActor as createUserActor, failure } from "../support/actors.ts";
import { testBackend, withTestDatabase } from "../support/db.ts";
import { REASONS, TRAINING_SECONDARY, trainingSelf, withSecondary } from "../support/evaluation-sheets.ts";
import { seedPlan } from "../support/plans.ts";

const t = withTestDatabase();

const CITY = "小諸市";
const PLAN_YEAR = 2024;
const FY = 2024;

let planVersionId = 0;
let admin: Actor;
let soumu: Actor;
let kikaku: Actor;
let viewer: Actor;

// ---------------------------------------------------------------------------------------------------------
// Helpers

const createActor = (user: NewUser): Promise<Actor> => createUserActor(t.db, user);

async function projectId(name: string): Promise<number> {
  const view = await readPlan({ db: t.db, actor: admin, planVersionId });
  const found = view.projects.filter((e) => e.project.name === name);
  if (found.length !== 1) throw new Error(`expected one project named ${name}, found ${found.length}`);
  return (found[0] as (typeof found)[number]).id;
}

async function measureId(code: string): Promise<number> {
  const view = await readPlan({ db: t.db, actor: admin, planVersionId });
  const found = view.measures.find((e) => e.measure.code === code);
  if (!found) throw new Error(`no measure ${code}`);
  return found.id;
}

/** What the screens see of a project's sheet: to show that a refused write changed nothing. */
async function sheetState(name: string, fy = FY) {
  const r = await readProjectEvaluation({
    db: t.db,
    actor: viewer,
    projectId: await projectId(name),
    fiscalYear: fy,
  });
  return {
    state: r.state,
    evaluation: r.evaluation,
    settled: r.settled,
    actuals: r.actuals,
    project: r.entry.project,
  };
}

async function measureSheetState(code: string, fy = FY) {
  const r = await readMeasureEvaluation({
    db: t.db,
    actor: viewer,
    measureId: await measureId(code),
    fiscalYear: fy,
  });
  return { state: r.state, evaluation: r.evaluation };
}

async function auditLog(): Promise<AuditEventRow[]> {
  return readAuditLog({ db: t.db, actor: admin, filter: { limit: 100_000 } });
}

async function lastAuditId(): Promise<number> {
  return (await auditLog())[0]?.id ?? 0;
}

/** The audit rows written since `after` (an audit id), oldest first, without their id and time. */
async function auditSince(after: number) {
  return (await auditLog())
    .filter((r) => r.id > after)
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      userId: r.userId,
      userName: r.userName,
      action: r.action,
      planVersionId: r.planVersionId,
      city: r.city,
      fiscalYear: r.fiscalYear,
      entityKind: r.entityKind,
      entityId: r.entityId,
      entityLabel: r.entityLabel,
      department: r.department,
      field: r.field,
      before: r.before,
      after: r.after,
      comment: r.comment,
    }));
}

function auditRow(
  actor: Actor,
  action: string,
  entity: {
    kind: "project-evaluation" | "measure-evaluation";
    id: number;
    label: string;
    department: string | null;
  },
  change: { label: string; before: string | null; after: string | null },
  comment: string | null = null,
) {
  return {
    userId: actor.userId,
    userName: `${actor.displayName}（${actor.loginName}）`,
    action,
    planVersionId,
    city: CITY,
    fiscalYear: PLAN_YEAR,
    entityKind: entity.kind,
    entityId: entity.id,
    entityLabel: entity.label,
    department: entity.department,
    field: change.label,
    before: change.before,
    after: change.after,
    comment,
  };
}

const T = (label: string, before: string | null, after: string | null) => ({ label, before, after });

/** Save options for 職員研修費 2024 by `actor` from the version `expectedVersion`. */
async function trainingSave(
  actor: Actor,
  expectedVersion: number,
  changes: Partial<Omit<SaveProjectEvaluationOptions, "db" | "actor" | "projectId">> = {},
): Promise<SaveProjectEvaluationOptions> {
  return {
    db: t.db,
    actor,
    projectId: await projectId("職員研修費"),
    fiscalYear: FY,
    expectedVersion,
    evaluation: trainingSelf(),
    settled: 1398,
    activityActuals: ["実施", "12回"],
    ...changes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The seed plan and the staff

beforeAll(async () => {
  const imported = await importPlan({ db: t.db, city: CITY, fiscalYear: PLAN_YEAR, plan: seedPlan() });
  planVersionId = imported.planVersionId;
  admin = await createActor({
    loginName: "kikaku-admin",
    displayName: "企画 花子",
    password: "kikaku-admin-pass-1",
    role: "admin",
    department: null,
  });
  soumu = await createActor({
    loginName: "soumu01",
    displayName: "総務 太郎",
    password: "soumu-pass-0001",
    role: "department",
    department: "総務課",
  });
  kikaku = await createActor({
    loginName: "kikaku01",
    displayName: "企画 次郎",
    password: "kikaku-pass-0001",
    role: "department",
    department: "企画課",
  });
  viewer = await createActor({
    loginName: "etsuran01",
    displayName: "閲覧 三郎",
    password: "etsuran-pass-0001",
    role: "viewer",
    department: null,
  });
});

// ---------------------------------------------------------------------------------------------------------
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

  // -------------------------------------------------------------------------------------------------------
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
      const stored = await loadPlan(t.db, { city: CITY, fiscalYear: PLAN_YEAR });
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
      const stored = await loadPlan(t.db, { city: CITY, fiscalYear: PLAN_YEAR });
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
      expect(await auditSince(logBefore)).toEqual([]);
    });

    it("throws EvaluationConflict on a stale version, listing what differs from what was typed, and keeps what is stored", async () => {
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
      expect(await auditSince(logBefore)).toEqual([]);

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
      expect(await auditSince(logBefore)).toEqual(
        r.changes.map((c) => auditRow(soumu, "update", trainingEntity(), c)),
      );
      const now = await sheetState("職員研修費");
      expect(now.evaluation.secondary).toEqual(TRAINING_SECONDARY);
      expect(now.settled).toBe(1400);
      expect(formatExecutionRate(1443, 1400)).toBe("97.0%");
    });

    it("rolls everything back when the database refuses a value late in the save", async () => {
      const before = await sheetState("職員研修費");
      const logBefore = await lastAuditId();
      const e = trainingSelf();
      e.self.changes = "研修の内容を見直す。";
      // PostgreSQL text cannot hold NUL: the actuals are written after the sheet and the 決算額, and fail.
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
      expect(refused.message).toMatch(
        /^データベースが計画の内容を受け付けなかったため、保存できませんでした（22/,
      );
      expect(await sheetState("職員研修費")).toEqual(before);
      expect(await auditSince(logBefore)).toEqual([]);
    });

    it("lets two first saves race: one creates the sheet, the other gets a conflict", async () => {
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
        upsertProjectEvaluation(tx, { projectId: system, planVersionId, fiscalYear: FY }, 1, trainingSelf()),
      );
      expect(lost).toBe(null);
      expect((await sheetState("市民協働推進事業")).evaluation).toEqual(emptyProjectEvaluation());
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe("reviewEvaluation (project sheets)", () => {
    const review = async (
      actor: Actor,
      action: "submit" | "approve" | "return",
      comment?: string,
      name = "職員研修費",
    ) =>
      reviewEvaluation({
        db: t.db,
        actor,
        kind: "project",
        id: await projectId(name),
        fiscalYear: FY,
        action,
        comment,
      });

    it("refuses a submit by another department or a viewer, and approve or return by anyone but 管理者", async () => {
      const before = await sheetState("職員研修費");
      for (const actor of [kikaku, viewer]) {
        const e = await failure(review(actor, "submit"));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe("「職員研修費」は総務課の事務事業のため、評価シートを提出できません。");
      }
      for (const actor of [soumu, kikaku, viewer]) {
        for (const action of ["approve", "return"] as const) {
          const e = await failure(review(actor, action, "理由"));
          expect(e.code).toBe("forbidden");
          expect(e.message).toBe(
            `評価シートの${action === "approve" ? "承認" : "差戻し"}は管理者だけが行えます。`,
          );
        }
      }
      const draft = await failure(review(admin, "approve"));
      expect(draft.code).toBe("conflict");
      expect(draft.message).toBe("この評価シートは作成中のため、承認できません。");
      expect(await sheetState("職員研修費")).toEqual(before);
    });

    it("refuses to submit a sheet whose 一次評価 is not done, naming what is missing", async () => {
      const never = await failure(review(soumu, "submit", undefined, "職員厚生費"));
      expect(never.code).toBe("invalid-input");
      expect(never.message).toBe(
        "一次評価が済んでいないため提出できません。評価シートを編集して、次の項目を入力してください。",
      );
      expect(never.fields.map((f) => f.field)).toEqual([
        "evaluations.2024.self.aspects.necessity.rating",
        "evaluations.2024.self.aspects.effectiveness.rating",
        "evaluations.2024.self.aspects.efficiency.rating",
        "evaluations.2024.self.aspects.equity.rating",
        "evaluations.2024.self.outlook",
      ]);
      // 文書費 has a saved sheet (actuals only) but no 一次評価.
      const partial = await failure(review(soumu, "submit", undefined, "文書費"));
      expect(partial.code).toBe("invalid-input");
      expect((await sheetState("文書費")).state.reviewState).toBe("draft");
    });

    it("moves 職員研修費 through submit → 二次評価 while 提出済 → approve → return → submit, audited", async () => {
      const entity = {
        kind: "project-evaluation" as const,
        id: (await sheetState("職員研修費")).state.id as number,
        label: "職員研修費（令和6年度 事務事業評価）",
        department: "総務課",
      };
      let log = await lastAuditId();
      expect(await review(soumu, "submit")).toEqual({ state: "submitted", version: 5 });
      expect(await auditSince(log)).toEqual([
        auditRow(soumu, "submit", entity, T("状態", "作成中", "提出済")),
      ]);

      // Submitted: the department cannot save any more ...
      const frozen = await failure(saveProjectEvaluation(await trainingSave(soumu, 5, { settled: 1401 })));
      expect(frozen.code).toBe("conflict");
      expect(frozen.message).toBe("この評価シートは提出済のため編集できません。差戻し後に編集してください。");
      // ... and the administrator may write only the 二次評価.
      const stored = (await sheetState("職員研修費")).evaluation;
      const selfChange = structuredClone(stored);
      selfChange.self.outlook = "expand";
      const notSecondary = await failure(
        saveProjectEvaluation(await trainingSave(admin, 5, { evaluation: selfChange, settled: 1400 })),
      );
      expect(notSecondary.code).toBe("conflict");
      expect(notSecondary.message).toBe(
        "この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: 令和6年度 一次評価 今後の方向性）。一次評価を直すには差し戻してください。",
      );
      log = await lastAuditId();
      const secondary = structuredClone(stored);
      if (secondary.secondary)
        secondary.secondary.aspects.efficiency = { rating: "A", reason: "庁内講師の活用を評価する。" };
      const r = await saveProjectEvaluation(
        await trainingSave(admin, 5, { evaluation: secondary, settled: 1400 }),
      );
      expect(r.version).toBe(6);
      const changes = [
        T("令和6年度 二次評価 効率性", "B", "A"),
        T("令和6年度 二次評価 効率性 理由", null, "庁内講師の活用を評価する。"),
      ];
      expect(r.changes.map((c) => T(c.label, c.before, c.after))).toEqual(changes);
      expect(await auditSince(log)).toEqual(changes.map((c) => auditRow(admin, "update", entity, c)));
      expect((await sheetState("職員研修費")).state.reviewState).toBe("submitted");

      log = await lastAuditId();
      const noComment = await failure(review(admin, "return", "   "));
      expect(noComment.code).toBe("invalid-input");
      expect(noComment.fields).toEqual([{ field: "comment", message: "差戻しの理由を入力してください。" }]);
      expect(await review(admin, "approve")).toEqual({ state: "approved", version: 7 });
      const approvedSave = await failure(
        saveProjectEvaluation(await trainingSave(admin, 7, { evaluation: secondary, settled: 1400 })),
      );
      expect(approvedSave.code).toBe("conflict");
      expect(approvedSave.message).toBe(
        "この評価シートは承認済のため編集できません。差戻し後に編集してください。",
      );
      const again = await failure(review(admin, "approve"));
      expect(again.message).toBe("この評価シートは承認済のため、承認できません。");
      expect(await review(admin, "return", "決算額を確認してください。")).toEqual({
        state: "draft",
        version: 8,
      });
      expect((await sheetState("職員研修費")).state).toEqual({
        id: entity.id,
        version: 8,
        reviewState: "draft",
        reviewComment: "決算額を確認してください。",
      });
      expect(await review(soumu, "submit")).toEqual({ state: "submitted", version: 9 });
      expect((await sheetState("職員研修費")).state.reviewComment).toBe(null);
      expect(await auditSince(log)).toEqual([
        auditRow(admin, "approve", entity, T("状態", "提出済", "承認済")),
        auditRow(admin, "return", entity, T("状態", "承認済", "作成中"), "決算額を確認してください。"),
        auditRow(soumu, "submit", entity, T("状態", "作成中", "提出済")),
      ]);
    });

    it("lets the 管理者 submit any department's sheet", async () => {
      const id = await projectId("行政経営事業");
      const actuals = (await sheetState("行政経営事業")).actuals.map(() => null);
      const e = trainingSelf();
      e.self.outlook = "complete";
      const saved = await saveProjectEvaluation({
        db: t.db,
        actor: kikaku,
        projectId: id,
        fiscalYear: FY,
        expectedVersion: 1,
        evaluation: e,
        settled: null,
        activityActuals: actuals,
      });
      expect(saved.version).toBe(2);
      expect(await review(admin, "submit", undefined, "行政経営事業")).toEqual({
        state: "submitted",
        version: 3,
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe("measure evaluations (施策評価)", () => {
    const measureSelf = (): MeasureEvaluation => ({
      self: {
        rating: "B",
        assessment: "職員研修の参加率は向上した。",
        nextSteps: "人事評価制度の定着を図る。",
      },
      secondary: null,
    });
    const save = async (actor: Actor, code: string, expectedVersion: number, evaluation: MeasureEvaluation) =>
      saveMeasureEvaluation({
        db: t.db,
        actor,
        measureId: await measureId(code),
        fiscalYear: FY,
        expectedVersion,
        evaluation,
      });

    it("lets only the measure's 主管課 and 管理者 write it: 6-5 is 総務課's, 6-2 is 企画課's", async () => {
      const before65 = await measureSheetState("6-5");
      const before62 = await measureSheetState("6-2");
      const logBefore = await lastAuditId();
      for (const actor of [kikaku, viewer]) {
        const e = await failure(save(actor, "6-5", 1, measureSelf()));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe(
          "施策「6-5 職員の意識改革と育成を図り、市民サービスの向上に努めます」の施策評価は、主管課（総務課）と管理者だけが編集できます。",
        );
      }
      // 職員研修費 belongs to 総務課, but its measure 6-2 is led by 企画課.
      for (const actor of [soumu, viewer]) {
        const e = await failure(save(actor, "6-2", 1, measureSelf()));
        expect(e.code).toBe("forbidden");
      }
      expect(await measureSheetState("6-5")).toEqual(before65);
      expect(await measureSheetState("6-2")).toEqual(before62);
      expect(await auditSince(logBefore)).toEqual([]);
    });

    it("saves the 一次評価 of the 主管課, refuses its 二次評価, and lets 管理者 add one; audited", async () => {
      const logBefore = await lastAuditId();
      const c = measureSelf();
      c.self.rating = "C";
      c.self.assessment = null;
      const invalid = await failure(save(soumu, "6-5", 1, c));
      expect(invalid.fields).toEqual([
        {
          field: "evaluations.2024.self.assessment",
          message: "一次評価で施策の進捗を C とした場合は、成果と課題を入力してください。",
        },
      ]);
      const r = await save(soumu, "6-5", 1, measureSelf());
      expect(r.version).toBe(2);
      const entity = {
        kind: "measure-evaluation" as const,
        id: r.id as number,
        label: "施策6-5 職員の意識改革と育成を図り、市民サービスの向上に努めます（令和6年度 施策評価）",
        department: "総務課",
      };
      const selfChanges = [
        T("令和6年度 一次評価 施策の進捗", null, "B"),
        T("令和6年度 一次評価 成果と課題", null, "職員研修の参加率は向上した。"),
        T("令和6年度 一次評価 今後の取り組み", null, "人事評価制度の定着を図る。"),
      ];
      expect(r.changes.map((x) => T(x.label, x.before, x.after))).toEqual(selfChanges);
      const withSecondary: MeasureEvaluation = {
        ...measureSelf(),
        secondary: { rating: "C", comment: "遅れがある。" },
      };
      const refused = await failure(save(soumu, "6-5", 2, withSecondary));
      expect(refused.code).toBe("forbidden");
      expect(refused.message).toBe(
        "二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: 令和6年度 二次評価 施策の進捗、令和6年度 二次評価 コメント）。",
      );
      const stale = await failure(save(admin, "6-5", 1, withSecondary));
      expect(stale).toBeInstanceOf(EvaluationConflict);
      const a = await save(admin, "6-5", 2, withSecondary);
      expect(a.version).toBe(3);
      const secondaryChanges = [
        T("令和6年度 二次評価 施策の進捗", null, "C"),
        T("令和6年度 二次評価 コメント", null, "遅れがある。"),
      ];
      expect(await auditSince(logBefore)).toEqual([
        ...selfChanges.map((x) => auditRow(soumu, "update", entity, x)),
        ...secondaryChanges.map((x) => auditRow(admin, "update", entity, x)),
      ]);
      expect((await measureSheetState("6-5")).evaluation).toEqual(withSecondary);
      const stored = await loadPlan(t.db, { city: CITY, fiscalYear: PLAN_YEAR });
      expect(stored?.policies[0]?.measures[4]?.evaluations).toEqual({ "2024": withSecondary });
    });

    it("follows the workflow: the 主管課 submits, 管理者 approves and returns; others are refused", async () => {
      const review = (actor: Actor, action: "submit" | "approve" | "return", comment?: string) =>
        measureId("6-5").then((id) =>
          reviewEvaluation({ db: t.db, actor, kind: "measure", id, fiscalYear: FY, action, comment }),
        );
      for (const actor of [kikaku, viewer]) {
        const e = await failure(review(actor, "submit"));
        expect(e.code).toBe("forbidden");
        expect(e.message).toBe(
          "施策「6-5 職員の意識改革と育成を図り、市民サービスの向上に努めます」の施策評価は、主管課（総務課）と管理者だけが提出できます。",
        );
      }
      const notLead = await failure(
        reviewEvaluation({
          db: t.db,
          actor: soumu,
          kind: "measure",
          id: await measureId("6-2"),
          fiscalYear: FY,
          action: "submit",
        }),
      );
      expect(notLead.code).toBe("forbidden");
      const empty = await failure(
        reviewEvaluation({
          db: t.db,
          actor: admin,
          kind: "measure",
          id: await measureId("6-2"),
          fiscalYear: FY,
          action: "submit",
        }),
      );
      expect(empty.fields).toEqual([
        { field: "evaluations.2024.self.rating", message: "一次評価の施策の進捗を選んでください。" },
      ]);
      expect(await review(soumu, "submit")).toEqual({ state: "submitted", version: 4 });
      expect((await failure(review(soumu, "approve"))).code).toBe("forbidden");
      // 提出済: the 主管課 cannot save, 管理者 can change the 二次評価 only.
      const frozen = await failure(save(soumu, "6-5", 4, measureSelf()));
      expect(frozen.code).toBe("conflict");
      const selfByAdmin = await failure(
        save(admin, "6-5", 4, { ...measureSelf(), self: { ...measureSelf().self, rating: "A" } }),
      );
      expect(selfByAdmin.code).toBe("conflict");
      expect(selfByAdmin.message).toBe(
        "この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: 令和6年度 一次評価 施策の進捗）。一次評価を直すには差し戻してください。",
      );
      const s: MeasureEvaluation = { ...measureSelf(), secondary: { rating: "B", comment: "概ね順調。" } };
      expect((await save(admin, "6-5", 4, s)).version).toBe(5);
      expect(await review(admin, "approve")).toEqual({ state: "approved", version: 6 });
      expect(await review(admin, "return", "指標の実績を追記してください。")).toEqual({
        state: "draft",
        version: 7,
      });
      expect((await measureSheetState("6-5")).state.reviewComment).toBe("指標の実績を追記してください。");
      expect((await measureSheetState("6-5")).evaluation).toEqual(s);
    });

    it("says not-found for an unknown measure or a year outside the plan", async () => {
      const unknown = await failure(
        saveMeasureEvaluation({
          db: t.db,
          actor: admin,
          measureId: 999_999,
          fiscalYear: FY,
          expectedVersion: 1,
          evaluation: emptyMeasureEvaluation(),
        }),
      );
      expect(unknown.code).toBe("not-found");
      expect(unknown.message).toBe("指定の施策は登録されていません。");
      const year = await failure(
        saveMeasureEvaluation({
          db: t.db,
          actor: admin,
          measureId: await measureId("6-5"),
          fiscalYear: 2030,
          expectedVersion: 1,
          evaluation: emptyMeasureEvaluation(),
        }),
      );
      expect(year.message).toBe("令和12年度は、この実施計画の年度（令和6年度〜令和8年度）ではありません。");
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe("listEvaluations", () => {
    it("counts the sheets per department by state, 未作成 included, and lists each project's effective outlook", async () => {
      const o = await listEvaluations({ db: t.db, actor: viewer, planVersionId, fiscalYear: FY });
      expect(o.fiscalYear).toBe("2024");
      expect(o.years).toEqual(["2024", "2025", "2026"]);
      // 45 projects, 18 of them printed as budget lines only (6 in 6-2, 5 in 6-3, 1 in 6-4, 6 in 6-5).
      expect(o.budgetOnlyCount).toBe(18);
      expect(o.projects.length).toBe(27);
      // 総務課: 市民協働推進事業 (saved, 作成中), 職員厚生費 (未作成), 職員研修費 (提出済), 一般管理費運営費 (未作成),
      // 文書費 (saved, 作成中). 企画課: 行政経営事業 (提出済) and seven 未作成.
      const by = new Map(o.departments.map((d) => [d.department, d]));
      expect(by.get("総務課")).toEqual({
        department: "総務課",
        draft: 2,
        submitted: 1,
        approved: 0,
        missing: 2,
        total: 5,
      });
      expect(by.get("企画課")).toEqual({
        department: "企画課",
        draft: 0,
        submitted: 1,
        approved: 0,
        missing: 7,
        total: 8,
      });
      expect(by.get("財政課")).toEqual({
        department: "財政課",
        draft: 0,
        submitted: 0,
        approved: 0,
        missing: 7,
        total: 7,
      });
      expect(o.departments.reduce((n, d) => n + d.total, 0)).toBe(27);
      const training = o.projects.find((p) => p.name === "職員研修費");
      // The 二次評価's 改善 stands over the department's 継続.
      expect(training).toMatchObject({
        department: "総務課",
        measureCode: "6-2",
        state: "submitted",
        outlook: "improve",
        hasSecondary: true,
      });
      expect(o.projects.find((p) => p.name === "行政経営事業")).toMatchObject({
        state: "submitted",
        outlook: "complete",
      });
      expect(o.projects.find((p) => p.name === "職員厚生費")).toMatchObject({ state: null, outlook: null });
      expect(o.measures.map((m) => [m.code, m.department, m.state, m.rating])).toEqual([
        ["6-1", "企画課", null, null],
        ["6-2", "企画課", null, null],
        ["6-3", "財政課", null, null],
        ["6-4", "税務課", null, null],
        ["6-5", "総務課", "draft", "B"],
      ]);
      // Another year of the plan: only 文書費 has a sheet there.
      const next = await listEvaluations({ db: t.db, actor: viewer, planVersionId, fiscalYear: 2025 });
      expect(next.projects.filter((p) => p.state !== null).map((p) => p.name)).toEqual(["文書費"]);
      // Without a year: the plan's own year.
      expect((await listEvaluations({ db: t.db, actor: viewer, planVersionId })).fiscalYear).toBe("2024");
      expect(
        (await failure(listEvaluations({ db: t.db, actor: viewer, planVersionId, fiscalYear: 2031 }))).code,
      ).toBe("not-found");
    });
  });
});
