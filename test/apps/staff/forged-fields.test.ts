import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/apps/staff/app.tsx";
import { measureFormValues } from "../../../src/apps/staff/forms.ts";
import { loadPlan } from "../../../src/db/plans.ts";
import { COMMAND_LINE } from "../../../src/usecases/authorize.ts";
import { importPlan } from "../../../src/usecases/plan/import-plan.ts";
import { listPlans } from "../../../src/usecases/plan/list-plans.ts";
import { readPlan } from "../../../src/usecases/plan/read-plan.ts";
import { addUser } from "../../../src/usecases/staff/manage-users.ts";
import { codeOf } from "../../support/cities.ts";
import { testBackend, withTestDatabase } from "../../support/db.ts";
import { seedPlan } from "../../support/plans.ts";
import { Client } from "../../support/web-client.ts";

// A field a role may not change, forged into a form the role may send, is refused by the use case with
// a Japanese message and nothing is stored; the form as the role gets it keeps working. (The evaluation
// sheets' forged 二次評価 and 決算額 are in evaluation-routes.test.ts.)

const t = withTestDatabase();
const PASSWORD = "forged-fields-password";

describe(`forged form fields (${testBackend})`, () => {
  let app: ReturnType<typeof createApp>;
  let measureId: number;

  const storedMeasure = async () => {
    const plan = await loadPlan(t.db, { cityCode: codeOf("小諸市"), fiscalYear: 2024 });
    const m = plan?.policies[0]?.measures.find((x) => x.code === "6-5");
    if (!m) throw new Error("the seed has no measure 6-5");
    return m;
  };

  beforeAll(async () => {
    await importPlan({ db: t.db, city: "小諸市", fiscalYear: 2024, plan: seedPlan() });
    await addUser({
      db: t.db,
      actor: COMMAND_LINE,
      user: {
        loginName: "soumu",
        displayName: "総務 花子",
        password: PASSWORD,
        role: "department",
        department: "総務課",
        cities: ["202088"],
      },
    });
    const [version] = await listPlans({ db: t.db, actor: COMMAND_LINE });
    if (!version) throw new Error("the seed was not stored");
    const view = await readPlan({ db: t.db, actor: COMMAND_LINE, planVersionId: version.id });
    const entry = view.measures.find((m) => m.measure.code === "6-5");
    if (!entry) throw new Error("the seed has no measure 6-5");
    // 6-5 is led by 総務課 (its 主管課), so 総務課 may enter the actuals of its outcome indicators.
    expect(entry.measure.leadDepartment).toBe("総務課");
    measureId = entry.id;
    app = createApp({ db: t.db });
  });

  it("a 担当課 user's measure form: the actuals are saved, a forged text is refused and nothing changes", async () => {
    const c = new Client(app, PASSWORD);
    await c.logIn("soumu");
    const form = await c.get(`/measures/${measureId}/edit`);
    expect(form.status).toBe(200);
    expect(form.body).toContain("担当課は成果指標の実績だけを入力できます。ほかの項目は表示のみです。");
    const before = await storedMeasure();
    // What the form shows (the texts read-only), with one actual typed.
    const shown = { version: "1", ...measureFormValues(before) };

    const forged = await c.post(`/measures/${measureId}`, {
      ...shown,
      "outcomeIndicators.0.actual.2024": "82.5",
      currentIssues: "書き換えた課題",
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain(
      "担当課が変更できるのは成果指標の実績だけです（変更しようとした項目: 現状と課題）。",
    );
    const unchanged = await storedMeasure();
    expect(unchanged.currentIssues).toBe(before.currentIssues);
    expect(unchanged.outcomeIndicators[0]?.actual["2024"]).toBe(undefined);

    const saved = await c.post(`/measures/${measureId}`, {
      ...shown,
      "outcomeIndicators.0.actual.2024": "82.5",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/cities/202088/plans/2024/measures/6-5?notice=saved");
    const after = await storedMeasure();
    expect(after.outcomeIndicators[0]?.actual["2024"]?.text).toBe("82.5");
    expect(after.currentIssues).toBe(before.currentIssues);

    // A form that sends only an actual: what it does not send is kept as stored.
    const onlyActual = await c.post(`/measures/${measureId}`, {
      version: "2",
      "outcomeIndicators.0.actual.2024": "83",
    });
    expect(onlyActual.status).toBe(303);
    const last = await storedMeasure();
    expect(last.outcomeIndicators[0]?.actual["2024"]?.text).toBe("83");
    expect(last.purpose).toBe(before.purpose);
    expect(last.outcomeIndicators[0]?.planned).toEqual(before.outcomeIndicators[0]?.planned);
  });
});
