// reviewMeasure: a measure's texts and outcome actuals go through submit → approve like a project sheet,
// and only what was approved is public (readPublishedPlan); a later save is a draft until approved again.
import { describe, expect, it } from "vitest";
import { listAuditEvents } from "../../../src/db/audit.ts";
import { reviewMeasure } from "../../../src/usecases/editing/review-measure.ts";
import { saveMeasure } from "../../../src/usecases/editing/save-measure.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { readPublishedPlan } from "../../../src/usecases/plan/read-published-plan.ts";
import { failure } from "../../support/actors.ts";
import { testBackend } from "../../support/db.ts";
import { withSeededDatabase } from "../../support/seed.ts";

const t = withSeededDatabase();
const TITLE = "職員の意識改革と育成を図り、市民サービスの向上に努めます";

async function entry(code = "6-5") {
  const view = await readPlan({ db: t.db, actor: t.admin, planVersionId: t.planVersionId });
  const e = view.measures.find((m) => m.measure.code === code);
  if (!e) throw new Error(`no measure ${code}`);
  return e;
}

/** The published 6-5, or undefined while it has no approved content. */
async function published(code = "6-5") {
  const pub = await readPublishedPlan({ db: t.db, planVersionId: t.planVersionId }).catch(() => null);
  return pub?.measures.find((m) => m.measure.code === code)?.measure;
}

/** 総務課 types the 令和5年度 (2023) actual of 6-5's first outcome indicator. */
async function typeActual(text: string) {
  const e = await entry();
  const measure = structuredClone(e.measure);
  const first = measure.outcomeIndicators[0];
  if (!first) throw new Error("6-5 has no outcome indicator");
  first.actual["2023"] = { text, value: Number(text), comparator: "=" };
  await saveMeasure({ db: t.db, actor: t.soumu, measureId: e.id, expectedVersion: e.version, measure });
}

describe(`reviewMeasure (${testBackend})`, () => {
  it("lets only the 主管課 and 管理者 submit, and only 管理者 approve or return", async () => {
    const { id } = await entry();
    for (const actor of [t.kikaku, t.viewer]) {
      const e = await failure(reviewMeasure({ db: t.db, actor, measureId: id, action: "submit" }));
      expect(e.code).toBe("forbidden");
      expect(e.message).toBe(`施策「6-5 ${TITLE}」は主管課（総務課）と管理者だけが提出できます。`);
    }
    const draft = await failure(
      reviewMeasure({ db: t.db, actor: t.admin, measureId: id, action: "approve" }),
    );
    expect(draft.code).toBe("conflict");
    expect(draft.message).toBe(`施策「6-5 ${TITLE}」は作成中のため、承認できません。`);
    expect(await reviewMeasure({ db: t.db, actor: t.soumu, measureId: id, action: "submit" })).toEqual({
      state: "submitted",
      version: 2,
    });
    for (const action of ["approve", "return"] as const) {
      const e = await failure(
        reviewMeasure({ db: t.db, actor: t.soumu, measureId: id, action, comment: "x" }),
      );
      expect(e.code).toBe("forbidden");
    }
    const noReason = await failure(
      reviewMeasure({ db: t.db, actor: t.admin, measureId: id, action: "return" }),
    );
    expect(noReason.code).toBe("invalid-input");
    expect(noReason.message).toBe("差戻しの理由を入力してください。");
    expect((await entry()).reviewState).toBe("submitted");
  });

  it("publishes a measure only once approved, and then as approved until the next approval", async () => {
    // Imported: nothing of 6-5 is public yet (the plan has nothing approved at all).
    expect(await published()).toBeUndefined();
    const { id } = await entry();
    await reviewMeasure({ db: t.db, actor: t.soumu, measureId: id, action: "submit" });
    await reviewMeasure({ db: t.db, actor: t.admin, measureId: id, action: "approve" });
    expect((await entry()).reviewState).toBe("approved");
    // The seed's 6-5: 2021 actual 73.8, 2022 71.5, no 2023 actual (komoro-2024-policy6.expected.json).
    const approved = await published();
    expect(approved?.outcomeIndicators[0]?.actual).toEqual({
      "2021": { text: "73.8", value: 73.8, comparator: "=" },
      "2022": { text: "71.5", value: 71.5, comparator: "=" },
    });

    // The 担当課 types the 2023 actual: the measure is a draft again; the public still sees the approved one.
    await typeActual("75.2");
    const after = await entry();
    expect(after.reviewState).toBe("draft");
    expect(after.measure.outcomeIndicators[0]?.actual["2023"]?.text).toBe("75.2");
    expect((await published())?.outcomeIndicators[0]?.actual["2023"]).toBeUndefined();

    // Returned or submitted again, it stays the approved one; approved, the new actual is public.
    await reviewMeasure({ db: t.db, actor: t.soumu, measureId: id, action: "submit" });
    expect((await published())?.outcomeIndicators[0]?.actual["2023"]).toBeUndefined();
    await reviewMeasure({ db: t.db, actor: t.admin, measureId: id, action: "approve" });
    expect((await published())?.outcomeIndicators[0]?.actual["2023"]?.text).toBe("75.2");
  });

  it("audits every step with the states before and after, and the return comment", async () => {
    const { id } = await entry();
    await reviewMeasure({ db: t.db, actor: t.soumu, measureId: id, action: "submit" });
    await reviewMeasure({
      db: t.db,
      actor: t.admin,
      measureId: id,
      action: "return",
      comment: "実績の出典を",
    });
    expect((await entry()).reviewComment).toBe("実績の出典を");
    const events = await listAuditEvents(t.db, { entity: { kind: "measure", id } });
    expect(events.map((e) => [e.action, e.field, e.before, e.after, e.comment, e.userName])).toEqual([
      ["return", "状態", "提出済", "作成中", "実績の出典を", "企画 花子（kikaku-admin）"],
      ["submit", "状態", "作成中", "提出済", null, "総務 太郎（soumu01）"],
    ]);
  });
});
