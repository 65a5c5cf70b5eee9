import { describe, expect, it } from "vitest";
import {
  ACCOUNT_CITY_REFUSAL,
  ACTIONS,
  type Action,
  type Actor,
  ALL_CITIES_REFUSAL,
  CITY_REFUSAL,
  citiesWhere,
  type EvaluationAccess,
  evaluationChangeRefusal,
  evaluationStateRefusal,
  isOutcomeActualField,
  type MeasureRow,
  may,
  mayChangeEvaluationField,
  mayChangeMeasureField,
  measureChangeRefusal,
  measureEvaluationRights,
  measureRights,
  menuRights,
  type ProjectRow,
  projectEvaluationRights,
  projectRights,
  ROLE_LABELS,
  refusal,
  refusalFor,
} from "../../src/domain/access.ts";
import type { FieldChange } from "../../src/domain/editing/changes.ts";
import { REVIEW_STATES } from "../../src/domain/editing/review.ts";

// Every rule of the access table for every kind of actor, the answers written by hand from the README
// (「The staff app」: 管理者 everything, including users, import and the audit log; 担当課 edits only the
// projects whose 所管課 is its department and the actuals of the outcome indicators of the measures it
// leads; 閲覧者 reads; and 「企画課の方へ」6: each department enters 決算額・実績・一次評価 of its projects and
// measures and submits them, the planning and finance divisions (管理者) write the 二次評価 and approve).

// Issue 12: two cities, 小諸市 (202088, A) and 上田市 (202037, B). The rows are 小諸市's; every actor above works
// for 小諸市; the same roles of 上田市 are refused everything of a 小諸市 row, whatever the department.
const KOMORO = "202088";
const UEDA = "202037";

const actor = (
  role: Actor["role"],
  department: string | null = null,
  cities: Actor["cities"] = [KOMORO],
): Actor => ({
  userId: 1,
  loginName: "x",
  displayName: "x",
  role,
  department,
  cities,
});

const ADMIN = actor("admin");
const OWN = actor("department", "総務課");
const OTHER = actor("department", "企画課");
const VIEWER = actor("viewer");

const project: ProjectRow = { name: "職員研修費", leadDepartment: "総務課", cityCode: KOMORO };
const measure: MeasureRow = {
  code: "6-5",
  title: "効率的な行政運営",
  leadDepartment: "総務課",
  cityCode: KOMORO,
};

type Answers = [admin: boolean, own: boolean, other: boolean, viewer: boolean];

/** For each rule: 管理者, 担当課 of the row's department (総務課), 担当課 of another (企画課), 閲覧者. */
const EXPECTED: Record<Action, Answers> = {
  readPlan: [true, true, true, true],
  compare: [true, true, true, true],
  compareCities: [true, true, true, true],
  editProject: [true, true, false, false],
  changeLeadDepartment: [true, false, false, false],
  submitProject: [true, true, false, false],
  approveProject: [true, false, false, false],
  returnProject: [true, false, false, false],
  editMeasureTexts: [true, false, false, false],
  enterOutcomeActuals: [true, true, false, false],
  submitMeasure: [true, true, false, false],
  approveMeasure: [true, false, false, false],
  returnMeasure: [true, false, false, false],
  deletePlan: [true, false, false, false],
  evaluateProject: [true, true, false, false],
  submitProjectEvaluation: [true, true, false, false],
  evaluateMeasure: [true, true, false, false],
  submitMeasureEvaluation: [true, true, false, false],
  secondaryEvaluation: [true, false, false, false],
  approveEvaluation: [true, false, false, false],
  returnEvaluation: [true, false, false, false],
  rollOver: [true, false, false, false],
  importBook: [true, false, false, false],
  editCityProfile: [true, false, false, false],
  addUser: [true, false, false, false],
  listUsers: [true, false, false, false],
  changeUser: [true, false, false, false],
  unlockUser: [true, false, false, false],
  resetPassword: [true, false, false, false],
  changeOwnPassword: [true, true, true, true],
  readAuditLog: [true, false, false, false],
};

const PROJECT_RULES = new Set<Action>([
  "editProject",
  "submitProject",
  "evaluateProject",
  "submitProjectEvaluation",
]);
const MEASURE_RULES = new Set<Action>([
  "enterOutcomeActuals",
  "submitMeasure",
  "evaluateMeasure",
  "submitMeasureEvaluation",
]);

/** The rules about an account: their row is the account's cities (here a 小諸市 account). */
const ACCOUNT_RULES = new Set<Action>(["addUser", "changeUser", "unlockUser", "resetPassword"]);
/** The rules that look at no city. */
const PLAIN_RULES = new Set<Action>(["listUsers", "changeOwnPassword", "compareCities"]);

/** The row a rule looks at: the project, the measure, a 小諸市 account, or the city 小諸市 (plan rules). */
function rowFor(action: Action, rows: { project: ProjectRow; measure: MeasureRow }): unknown {
  if (PROJECT_RULES.has(action)) return rows.project;
  if (MEASURE_RULES.has(action)) return rows.measure;
  if (ACCOUNT_RULES.has(action)) return { cities: [rows.project.cityCode] };
  if (PLAIN_RULES.has(action)) return undefined;
  return { cityCode: rows.project.cityCode };
}

/** `may` with the row the rule looks at (the table is typed per rule; here every rule is walked). */
function ask(a: Actor, action: Action, rows = { project, measure }): boolean {
  const call = may as (a: Actor, action: Action, row?: unknown) => boolean;
  return call(a, action, rowFor(action, rows));
}

const reasonFor = (a: Actor, action: Action): string =>
  (refusalFor as (a: Actor, action: Action, row?: unknown) => string)(
    a,
    action,
    rowFor(action, { project, measure }),
  );

describe("the access table", () => {
  it("has an expected answer for every rule, and no answer for a rule it does not have", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of Object.keys(EXPECTED) as Action[]) {
    it(`${action}: 管理者, 担当課 (own), 担当課 (other), 閲覧者`, () => {
      expect([ADMIN, OWN, OTHER, VIEWER].map((a) => ask(a, action))).toEqual(EXPECTED[action]);
    });
  }

  // The same four roles of 上田市 (a 総務課 too), and the city rule: nothing of a 小諸市 row but what looks at
  // no city (their own password; the list of users, which shows them only their own city's accounts).
  const B = {
    admin: actor("admin", null, [UEDA]),
    own: actor("department", "総務課", [UEDA]),
    other: actor("department", "企画課", [UEDA]),
    viewer: actor("viewer", null, [UEDA]),
  };
  for (const action of Object.keys(EXPECTED) as Action[]) {
    it(`${action}: every role of another city is refused on 小諸市's row`, () => {
      const expected = PLAIN_RULES.has(action) ? EXPECTED[action] : [false, false, false, false];
      expect([B.admin, B.own, B.other, B.viewer].map((a) => ask(a, action))).toEqual(expected);
    });
  }

  it("answers an all-cities administrator (システム管理者) as a 小諸市 administrator, in every city", () => {
    const system = actor("admin", null, "all");
    for (const action of ACTIONS) {
      expect(ask(system, action), action).toBe(EXPECTED[action][0]);
      const ueda = { project: { ...project, cityCode: UEDA }, measure: { ...measure, cityCode: UEDA } };
      expect(ask(system, action, ueda), action).toBe(EXPECTED[action][0]);
    }
  });

  it("lets an account of two cities act in both, as its role allows", () => {
    const both = actor("department", "総務課", [KOMORO, UEDA]);
    const ueda = { project: { ...project, cityCode: UEDA }, measure: { ...measure, cityCode: UEDA } };
    expect(ask(both, "editProject")).toBe(true);
    expect(ask(both, "editProject", ueda)).toBe(true);
    expect(ask(both, "editProject", { ...ueda, project: { ...ueda.project, cityCode: "202011" } })).toBe(
      false,
    );
    expect(ask(both, "approveProject", ueda)).toBe(false);
  });

  it("refuses another city with one message that names nothing of the row", () => {
    for (const action of ACTIONS) {
      if (PLAIN_RULES.has(action)) continue;
      for (const a of Object.values(B)) {
        const reason = reasonFor(a, action);
        expect(reason, action).toBe(ACCOUNT_RULES.has(action) ? ACCOUNT_CITY_REFUSAL : CITY_REFUSAL);
        expect(reason).not.toContain("職員研修費");
        expect(reason).not.toContain("総務課");
        expect(reason).not.toContain("6-5");
      }
    }
    expect(CITY_REFUSAL).toBe("この市町村のデータは閲覧・編集できません。");
    // Within its own city the role's reason is given, as before.
    expect(reasonFor(OTHER, "editProject")).toBe("「職員研修費」は総務課の事務事業のため、編集できません。");
  });

  it("lets an administrator manage only accounts within its cities; only an all-cities one gives all", () => {
    const system = actor("admin", null, "all");
    const both = actor("admin", null, [KOMORO, UEDA]);
    const addUser = (a: Actor, cities: Actor["cities"]) => may(a, "addUser", { cities });
    expect([ADMIN, both, system].map((a) => addUser(a, [KOMORO]))).toEqual([true, true, true]);
    expect([ADMIN, both, system].map((a) => addUser(a, [KOMORO, UEDA]))).toEqual([false, true, true]);
    expect([ADMIN, both, system].map((a) => addUser(a, "all"))).toEqual([false, false, true]);
    expect(refusalFor(both, "changeUser", { cities: "all" })).toBe(ALL_CITIES_REFUSAL);
    expect(refusalFor(ADMIN, "addUser", { cities: [KOMORO, UEDA] })).toBe(ACCOUNT_CITY_REFUSAL);
    // The role still decides within the cities.
    expect(may(OWN, "addUser", { cities: [KOMORO] })).toBe(false);
  });

  it("gives the cities a list is filtered by: the actor's own when the role allows the action", () => {
    expect(citiesWhere(VIEWER, "readPlan")).toEqual([KOMORO]);
    expect(citiesWhere(VIEWER, "readAuditLog")).toEqual([]);
    expect(citiesWhere(ADMIN, "readAuditLog")).toEqual([KOMORO]);
    expect(citiesWhere(actor("admin", null, "all"), "importBook")).toBe("all");
    expect(citiesWhere(actor("viewer", null, []), "readPlan")).toEqual([]);
  });

  it("a measure without a 主管課 is the administrator's alone", () => {
    const orphan: MeasureRow = { ...measure, leadDepartment: null };
    for (const action of MEASURE_RULES) {
      expect([ADMIN, OWN, OTHER, VIEWER].map((a) => ask(a, action, { project, measure: orphan }))).toEqual([
        true,
        false,
        false,
        false,
      ]);
    }
  });

  it("a 担当課 user without a department leads nothing", () => {
    const none = actor("department", null);
    const orphan: MeasureRow = { ...measure, leadDepartment: null };
    expect(ask(none, "enterOutcomeActuals", { project, measure: orphan })).toBe(false);
    expect(ask(none, "editProject")).toBe(false);
  });

  it("gives the refusals in Japanese, naming the row", () => {
    expect(refusal("editProject", project)).toBe("「職員研修費」は総務課の事務事業のため、編集できません。");
    expect(refusal("submitProject", project)).toBe(
      "「職員研修費」は総務課の事務事業のため、提出できません。",
    );
    const city = { cityCode: KOMORO };
    const account = { cities: [KOMORO] };
    expect(refusal("approveProject", city)).toBe("承認は管理者だけが行えます。");
    expect(refusal("returnProject", city)).toBe("差戻しは管理者だけが行えます。");
    expect(refusal("changeLeadDepartment", city)).toBe("所管課は管理者だけが変更できます。");
    expect(refusal("enterOutcomeActuals", measure)).toBe("施策「6-5 効率的な行政運営」は編集できません。");
    expect(refusal("submitMeasure", measure)).toBe(
      "施策「6-5 効率的な行政運営」は主管課（総務課）と管理者だけが提出できます。",
    );
    expect(refusal("approveMeasure", city)).toBe("施策の承認は管理者だけが行えます。");
    expect(refusal("deletePlan", city)).toBe("実施計画・市町村の削除は管理者だけが行えます。");
    expect(refusal("evaluateProject", project)).toBe(
      "「職員研修費」は総務課の事務事業のため、評価シートを編集できません。",
    );
    expect(refusal("submitProjectEvaluation", project)).toBe(
      "「職員研修費」は総務課の事務事業のため、評価シートを提出できません。",
    );
    expect(refusal("evaluateMeasure", measure)).toBe(
      "施策「6-5 効率的な行政運営」の施策評価は、主管課（総務課）と管理者だけが編集できます。",
    );
    expect(refusal("submitMeasureEvaluation", { ...measure, leadDepartment: null })).toBe(
      "施策「6-5 効率的な行政運営」の施策評価は、主管課と管理者だけが提出できます。",
    );
    expect(refusal("approveEvaluation", city)).toBe("評価シートの承認は管理者だけが行えます。");
    expect(refusal("returnEvaluation", city)).toBe("評価シートの差戻しは管理者だけが行えます。");
    expect(refusal("rollOver", city)).toBe("次年度計画の作成（繰越）は管理者だけが行えます。");
    expect(refusal("importBook", city)).toBe("計画書の取り込みは管理者だけが行えます。");
    expect(refusal("addUser", account)).toBe("利用者の追加は管理者だけが行えます。");
    expect(refusal("listUsers")).toBe("利用者の一覧は管理者だけが行えます。");
    expect(refusal("changeUser", account)).toBe("利用者の変更は管理者だけが行えます。");
    expect(refusal("unlockUser", account)).toBe("ログインのロックの解除は管理者だけが行えます。");
    expect(refusal("resetPassword", account)).toBe("パスワードの再設定は管理者だけが行えます。");
    expect(refusal("readAuditLog", city)).toBe("監査ログの閲覧は管理者だけが行えます。");
  });

  it("labels the roles in Japanese", () => {
    expect(ROLE_LABELS).toEqual({ admin: "管理者", department: "担当課", viewer: "閲覧者" });
  });
});

describe("rights for the views", () => {
  it("of a project sheet", () => {
    expect(projectRights(ADMIN, project)).toEqual({
      edit: true,
      changeLeadDepartment: true,
      submit: true,
      approve: true,
      return: true,
    });
    expect(projectRights(OWN, project)).toEqual({
      edit: true,
      changeLeadDepartment: false,
      submit: true,
      approve: false,
      return: false,
    });
    const none = { edit: false, changeLeadDepartment: false, submit: false, approve: false, return: false };
    expect(projectRights(OTHER, project)).toEqual(none);
    expect(projectRights(VIEWER, project)).toEqual(none);
  });

  it("of the navigation: the administration pages are the administrator's", () => {
    expect(menuRights(ADMIN)).toEqual({
      importBook: true,
      readAuditLog: true,
      listUsers: true,
      compareCities: true,
    });
    for (const a of [OWN, OTHER, VIEWER]) {
      expect(menuRights(a)).toEqual({
        importBook: false,
        readAuditLog: false,
        listUsers: false,
        compareCities: true,
      });
    }
    // An administrator of no city yet (its only city deleted) imports and reads the log of nothing.
    expect(menuRights(actor("admin", null, []))).toEqual({
      importBook: false,
      readAuditLog: false,
      listUsers: true,
      compareCities: true,
    });
  });

  it("of another city's rows: nothing, for every role", () => {
    const none = { edit: false, changeLeadDepartment: false, submit: false, approve: false, return: false };
    for (const a of [ADMIN, OWN, VIEWER].map((x) => ({ ...x, cities: [UEDA] }))) {
      expect(projectRights(a, project)).toEqual(none);
      expect(measureRights(a, measure)).toEqual({
        editTexts: false,
        enterActuals: false,
        submit: false,
        approve: false,
        return: false,
      });
      for (const state of REVIEW_STATES) {
        const p = projectEvaluationRights(a, project, state);
        expect([p.evaluate, p.access, p.draftAccess, p.submit, p.approve, p.return]).toEqual([
          false,
          "none",
          "none",
          false,
          false,
          false,
        ]);
        const m = measureEvaluationRights(a, measure, state);
        expect([m.evaluate, m.access, m.draftAccess, m.submit, m.approve, m.return]).toEqual([
          false,
          "none",
          "none",
          false,
          false,
          false,
        ]);
      }
    }
  });

  it("of a measure", () => {
    const none = { submit: false, approve: false, return: false };
    expect(measureRights(ADMIN, measure)).toEqual({
      editTexts: true,
      enterActuals: true,
      submit: true,
      approve: true,
      return: true,
    });
    expect(measureRights(OWN, measure)).toEqual({
      editTexts: false,
      enterActuals: true,
      ...none,
      submit: true,
    });
    expect(measureRights(OTHER, measure)).toEqual({ editTexts: false, enterActuals: false, ...none });
    expect(measureRights(VIEWER, measure)).toEqual({ editTexts: false, enterActuals: false, ...none });
  });

  // 作成中: 管理者 everything, the evaluating department its 一次評価; 提出済: 管理者 the 二次評価 only;
  // 承認済: nobody until it is returned.
  const ACCESS: Record<string, Record<(typeof REVIEW_STATES)[number], EvaluationAccess>> = {
    admin: { draft: "all", submitted: "secondary", approved: "none" },
    own: { draft: "self", submitted: "none", approved: "none" },
    other: { draft: "none", submitted: "none", approved: "none" },
    viewer: { draft: "none", submitted: "none", approved: "none" },
  };
  const ACTORS = { admin: ADMIN, own: OWN, other: OTHER, viewer: VIEWER };

  for (const [name, a] of Object.entries(ACTORS)) {
    it(`of an evaluation sheet, in each state: ${name}`, () => {
      for (const state of REVIEW_STATES) {
        const expected = ACCESS[name]?.[state];
        const p = projectEvaluationRights(a, project, state);
        const m = measureEvaluationRights(a, measure, state);
        expect([p.access, m.access], state).toEqual([expected, expected]);
        expect([p.draftAccess, m.draftAccess], state).toEqual([ACCESS[name]?.draft, ACCESS[name]?.draft]);
        const evaluates = name === "admin" || name === "own";
        expect({ evaluate: p.evaluate, submit: p.submit, approve: p.approve, return: p.return }).toEqual({
          evaluate: evaluates,
          submit: evaluates,
          approve: name === "admin",
          return: name === "admin",
        });
        expect({ evaluate: m.evaluate, submit: m.submit, approve: m.approve, return: m.return }).toEqual({
          evaluate: evaluates,
          submit: evaluates,
          approve: name === "admin",
          return: name === "admin",
        });
      }
    });
  }
});

describe("field rules", () => {
  const change = (field: string, label: string): FieldChange => ({ field, label, before: null, after: "x" });
  const SELF = "evaluations.2024.self.outlook";
  const SECONDARY = "evaluations.2024.secondary.outlook";
  const SETTLED = "settled.2024";
  const ACTUAL = "activityIndicators.0.actual.2024";

  it("which fields of an evaluation sheet each access may change", () => {
    const row = (access: EvaluationAccess) =>
      [SELF, SECONDARY, SETTLED, ACTUAL].map((f) => mayChangeEvaluationField(access, f));
    expect(row("all")).toEqual([true, true, true, true]);
    expect(row("self")).toEqual([true, false, true, true]);
    expect(row("secondary")).toEqual([false, true, false, false]);
    expect(row("none")).toEqual([false, false, false, false]);
  });

  it("refuses a 二次評価 from a department (forbidden), naming the field", () => {
    expect(
      evaluationChangeRefusal("self", "draft", [change(SECONDARY, "令和6年度 二次評価 今後の方向性")]),
    ).toEqual({
      code: "forbidden",
      message:
        "二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: 令和6年度 二次評価 今後の方向性）。",
    });
    expect(evaluationChangeRefusal("self", "draft", [change(SELF, "一次"), change(SETTLED, "決算額")])).toBe(
      null,
    );
  });

  it("refuses anything but the 二次評価 on a submitted sheet (conflict), naming only those fields", () => {
    expect(
      evaluationChangeRefusal("secondary", "submitted", [
        change(SECONDARY, "二次"),
        change(SETTLED, "令和6年度 決算額"),
      ]),
    ).toEqual({
      code: "conflict",
      message:
        "この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: 令和6年度 決算額）。一次評価を直すには差し戻してください。",
    });
    expect(evaluationChangeRefusal("secondary", "submitted", [change(SECONDARY, "二次")])).toBe(null);
  });

  it("refuses every save, even an unchanged one, when the state allows nothing", () => {
    expect(evaluationChangeRefusal("none", "approved", [])).toEqual({
      code: "conflict",
      message: "この評価シートは承認済のため編集できません。差戻し後に編集してください。",
    });
    expect(evaluationStateRefusal("submitted").message).toBe(
      "この評価シートは提出済のため編集できません。差戻し後に編集してください。",
    );
    expect(evaluationChangeRefusal("all", "draft", [change(SELF, "a"), change(SECONDARY, "b")])).toBe(null);
  });

  it("lets a department change only the outcome actuals of a measure", () => {
    expect(isOutcomeActualField("outcomeIndicators.0.actual.2024")).toBe(true);
    expect(isOutcomeActualField("outcomeIndicators.12.actual.2025")).toBe(true);
    expect(isOutcomeActualField("outcomeIndicators.0.planned.2024")).toBe(false);
    expect(isOutcomeActualField("currentIssues")).toBe(false);
    const own = measureRights(OWN, measure);
    expect(mayChangeMeasureField(own, "outcomeIndicators.0.actual.2024")).toBe(true);
    expect(mayChangeMeasureField(own, "outcomeIndicators.0.planned.2024")).toBe(false);
    expect(mayChangeMeasureField(measureRights(ADMIN, measure), "currentIssues")).toBe(true);
    expect(mayChangeMeasureField(measureRights(OTHER, measure), "outcomeIndicators.0.actual.2024")).toBe(
      false,
    );
    expect(
      measureChangeRefusal(own, [
        change("outcomeIndicators.0.actual.2024", "成果指標1 令和6年度実績"),
        change("currentIssues", "現状と課題"),
      ]),
    ).toEqual({
      code: "forbidden",
      message: "担当課が変更できるのは成果指標の実績だけです（変更しようとした項目: 現状と課題）。",
    });
    expect(measureChangeRefusal(own, [change("outcomeIndicators.0.actual.2024", "実績")])).toBe(null);
  });
});
