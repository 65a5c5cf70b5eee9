/**
 * Who may do what: the roles, the actor a use case acts for, and ONE table of named rules, each with the
 * Japanese reason given when it refuses. Use cases check a rule with `authorize` (usecases/authorize.ts);
 * views get what the actor may do as a rights object computed here; nothing else decides. Pure.
 *
 * The roles (README「The staff app」): 管理者 (planning and finance divisions) may do everything; 担当課 edits
 * and submits the projects whose 所管課 is its department, evaluates them and the measures it leads (主管課),
 * and enters the actuals of the outcome indicators of those measures; 閲覧者 reads. Every account works for its cities (issue 12): every rule on a plan, a row or a city is refused first,
 * with CITY_REFUSAL, for a city the actor does not work for, whatever its role; an administrator manages
 * only the accounts whose cities are all its own.
 */

import {
  ACCOUNT_CITY_REFUSAL,
  ALL_CITIES_REFUSAL,
  CITY_REFUSAL,
  type CityScope,
  coversCities,
  coversCity,
} from "./city/city-scope.ts";
import type { FieldChange } from "./editing/changes.ts";
import type { ReviewState } from "./editing/review.ts";
import { isSecondaryField } from "./evaluation/evaluation-rules.ts";
import { REVIEW_STATE_LABELS } from "./labels.ts";

export { ACCOUNT_CITY_REFUSAL, ALL_CITIES_REFUSAL, CITY_REFUSAL, type CityScope, coversCities, coversCity };

export const ROLES = ["admin", "department", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { admin: "管理者", department: "担当課", viewer: "閲覧者" };

/** The person a use case acts for: a logged-in staff member (or the command line, as an administrator). */
export interface Actor {
  userId: number | null;
  loginName: string;
  displayName: string;
  role: Role;
  /** The department of a 担当課 user; null for the others. */
  department: string | null;
  /** The cities the actor works for (issue 12): nothing of any other city is shown to it or changed by it. */
  cities: CityScope;
}

/** What a rule that acts on a plan or a city sees: the city's 全国地方公共団体コード. */
export interface CityRow {
  cityCode: string;
}

/** A project as the rules see it: its name (for the reason), its 所管課 and its city. */
export interface ProjectRow extends CityRow {
  name: string;
  leadDepartment: string;
}

/** A measure as the rules see it: its code and title (for the reason), its 主管課 (none for some), its city. */
export interface MeasureRow extends CityRow {
  code: string;
  title: string;
  leadDepartment: string | null;
}

/** An account as the rules of user management see it: the cities it works for. */
export interface AccountRow {
  cities: CityScope;
}

// What a rule checks before its own condition: "city", the row's city is the actor's; "accounts", every city
// of the account is; "none", no city (own password; the list of users, filtered by city instead).
type Scope = "city" | "accounts" | "none";

interface Rule<R> {
  scope: Scope;
  allow: (actor: Actor, row: R) => boolean;
  refusal: (row: R) => string;
}

/** A rule on a plan or a city: refused with CITY_REFUSAL for a city not the actor's, else by `allow`. */
function rule<R extends CityRow = CityRow>(
  allow: (actor: Actor, row: R) => boolean,
  refusal: (row: R) => string,
): Rule<R> {
  return { scope: "city", allow, refusal };
}

/** A rule on an account: refused for an account whose cities are not all the actor's, else by `allow`. */
function accountRule(allow: (actor: Actor) => boolean, refusal: () => string): Rule<AccountRow> {
  return { scope: "accounts", allow, refusal };
}

/** A rule that looks at no city. */
function plainRule(allow: (actor: Actor) => boolean, refusal: () => string): Rule<undefined> {
  return { scope: "none", allow, refusal };
}

const everyone = (): boolean => true;
// Every rule below of scope "city" is refused first for a city the actor does not work for (`may`).
const admin = (a: Actor): boolean => a.role === "admin";
/** 管理者, or the 担当課 user of the department that leads the row. */
const adminOrLead = (a: Actor, row: { leadDepartment: string | null }): boolean =>
  a.role === "admin" ||
  (a.role === "department" && row.leadDepartment !== null && a.department === row.leadDepartment);
const adminOnly = (what: string) => rule(admin, () => `${what}は管理者だけが行えます。`);
const adminOnlyAccounts = (what: string) => accountRule(admin, () => `${what}は管理者だけが行えます。`);
const leadOf = (m: MeasureRow) => `主管課${m.leadDepartment ? `（${m.leadDepartment}）` : ""}と管理者だけ`;

/** Every rule, by name. */
const RULES = {
  /** Reading plans, their history, evaluation sheets and downloads: every logged-in role. */
  readPlan: rule(everyone, () => "実施計画の閲覧はできません。"),
  /** Comparing two plan years (年度比較): every logged-in role. */
  compare: rule(everyone, () => "計画の比較はできません。"),
  /** Comparing cities of one fiscal year (approved data only, usecases/compare): every logged-in role. */
  compareCities: plainRule(everyone, () => "市町村の比較はできません。"),
  editProject: rule(
    adminOrLead,
    (p: ProjectRow) => `「${p.name}」は${p.leadDepartment}の事務事業のため、編集できません。`,
  ),
  /** Changing a project's 所管課 (moving it to another department). */
  changeLeadDepartment: rule(admin, () => "所管課は管理者だけが変更できます。"),
  submitProject: rule(
    adminOrLead,
    (p: ProjectRow) => `「${p.name}」は${p.leadDepartment}の事務事業のため、提出できません。`,
  ),
  approveProject: adminOnly("承認"),
  returnProject: adminOnly("差戻し"),
  /** A measure's texts, outcome indicators and targets (everything but the actuals). */
  editMeasureTexts: rule(admin, () => "施策の記述と成果指標は管理者だけが変更できます。"),
  enterOutcomeActuals: rule(adminOrLead, (m: MeasureRow) => `施策「${m.code} ${m.title}」は編集できません。`),
  // The review of a measure (its texts and outcome actuals are public only once approved, issue 11).
  submitMeasure: rule(
    adminOrLead,
    (m: MeasureRow) => `施策「${m.code} ${m.title}」は${leadOf(m)}が提出できます。`,
  ),
  approveMeasure: adminOnly("施策の承認"),
  returnMeasure: adminOnly("施策の差戻し"),
  /** Deleting a plan year or a whole city (test and mistaken imports). */
  deletePlan: adminOnly("実施計画・市町村の削除"),
  /** 事務事業評価: the 一次評価, 決算額 and activity actuals of the project's sheet. */
  evaluateProject: rule(
    adminOrLead,
    (p: ProjectRow) => `「${p.name}」は${p.leadDepartment}の事務事業のため、評価シートを編集できません。`,
  ),
  submitProjectEvaluation: rule(
    adminOrLead,
    (p: ProjectRow) => `「${p.name}」は${p.leadDepartment}の事務事業のため、評価シートを提出できません。`,
  ),
  /** 施策評価: the measure's 一次評価. */
  evaluateMeasure: rule(
    adminOrLead,
    (m: MeasureRow) => `施策「${m.code} ${m.title}」の施策評価は、${leadOf(m)}が編集できます。`,
  ),
  submitMeasureEvaluation: rule(
    adminOrLead,
    (m: MeasureRow) => `施策「${m.code} ${m.title}」の施策評価は、${leadOf(m)}が提出できます。`,
  ),
  /** 二次評価 of either sheet: the planning division. */
  secondaryEvaluation: rule(admin, () => "二次評価は管理者（企画・財政担当）だけが入力できます。"),
  approveEvaluation: adminOnly("評価シートの承認"),
  returnEvaluation: adminOnly("評価シートの差戻し"),
  rollOver: adminOnly("次年度計画の作成（繰越）"),
  importBook: adminOnly("計画書の取り込み"),
  editCityProfile: adminOnly("市町村の情報（人口・類似団体区分）の変更"),
  // Accounts: the administrators manage those whose cities are all theirs (an account of "all" cities only
  // an all-cities administrator); everyone changes their own password. The row is the account's cities
  // (for a change, both those it had and those it gets).
  addUser: adminOnlyAccounts("利用者の追加"),
  /** The list shows only the accounts the administrator manages (filtered by city, not refused). */
  listUsers: plainRule(admin, () => "利用者の一覧は管理者だけが行えます。"),
  changeUser: adminOnlyAccounts("利用者の変更"),
  /** Clearing the failed logins that make a login name wait (login throttling). */
  unlockUser: adminOnlyAccounts("ログインのロックの解除"),
  resetPassword: adminOnlyAccounts("パスワードの再設定"),
  /** Every logged-in role changes its own password (with the current one). */
  changeOwnPassword: plainRule(everyone, () => "パスワードの変更はできません。"),
  /** The audit log of a city (the page shows the events of the actor's cities only). */
  readAuditLog: adminOnly("監査ログの閲覧"),
};

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

type RowOf<A extends Action> = (typeof RULES)[A] extends Rule<infer R> ? R : never;
/** The row argument of a rule: none for the rules that do not look at a row. */
export type RowArgs<A extends Action> = [RowOf<A>] extends [undefined] ? [] : [row: RowOf<A>];

/** Whether the row is within the actor's cities, for the rule's scope. */
function inScope(actor: Actor, scope: Scope, row: unknown): boolean {
  if (scope === "city") return coversCity(actor, (row as CityRow).cityCode);
  if (scope === "accounts") return coversCities(actor, (row as AccountRow).cities);
  return true;
}

/** Whether `actor` may take `action` (on `row`, for the rules that look at one): its city first. */
export function may<A extends Action>(actor: Actor, action: A, ...row: RowArgs<A>): boolean {
  const r = RULES[action] as Rule<unknown>;
  return inScope(actor, r.scope, row[0]) && r.allow(actor, row[0]);
}

/** The reason, in Japanese, that the role refuses `action` (on `row`), the city left aside. */
export function refusal<A extends Action>(action: A, ...row: RowArgs<A>): string {
  const r = RULES[action] as Rule<unknown>;
  return r.refusal(row[0]);
}

/** The role's reason for an action taken without a row (the city left aside): what `authorizedCities` gives. */
export function roleRefusal(action: Action): string {
  const r = RULES[action] as Rule<unknown>;
  return r.refusal({ cityCode: "", name: "", leadDepartment: null, code: "", title: "", cities: [] });
}

/**
 * The reason `actor` is refused `action` on `row`: for a city not its own, the one CITY_REFUSAL (or, for
 * an account, ACCOUNT_CITY_REFUSAL / ALL_CITIES_REFUSAL), which names nothing of the row; else the role's.
 */
export function refusalFor<A extends Action>(actor: Actor, action: A, ...row: RowArgs<A>): string {
  const r = RULES[action] as Rule<unknown>;
  if (!inScope(actor, r.scope, row[0])) {
    if (r.scope === "city") return CITY_REFUSAL;
    return (row[0] as AccountRow).cities === "all" ? ALL_CITIES_REFUSAL : ACCOUNT_CITY_REFUSAL;
  }
  return r.refusal(row[0]);
}

/**
 * The cities in which the actor may take a rule of scope "city" whose condition looks only at the actor
 * (readPlan, importBook, readAuditLog …): its cities when the role allows it, else none. What a list of
 * plans, of departments or of audit events is filtered by.
 */
export function citiesWhere(actor: Actor, action: Action): CityScope {
  const r = RULES[action] as Rule<unknown>;
  if (r.scope !== "city") throw new Error(`内部エラー: ${action} は市町村の規則ではありません。`);
  if (actor.cities !== "all" && actor.cities.length === 0) return [];
  // Rules that take only the city decide by the actor alone; the city given is one the actor has.
  const someCity = actor.cities === "all" ? "" : (actor.cities[0] as string);
  const probe = { cityCode: someCity, name: "", leadDepartment: "", code: "", title: "" };
  return r.allow(actor, probe) ? actor.cities : [];
}

/** Whether the actor may take `action` in at least one city (what the navigation offers). */
export function maySomewhere(actor: Actor, action: Action): boolean {
  const where = citiesWhere(actor, action);
  return where === "all" || where.length > 0;
}

// ---------------------------------------------------------------------------------------------------------
// What a view may offer

/** What the actor may do with a project sheet (the review state decides the rest, see review.ts). */
export interface ProjectRights {
  edit: boolean;
  changeLeadDepartment: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
}

export function projectRights(actor: Actor, project: ProjectRow): ProjectRights {
  return {
    edit: may(actor, "editProject", project),
    changeLeadDepartment: may(actor, "changeLeadDepartment", project),
    submit: may(actor, "submitProject", project),
    approve: may(actor, "approveProject", project),
    return: may(actor, "returnProject", project),
  };
}

/** Which of the administration pages the navigation offers the actor. */
export interface MenuRights {
  importBook: boolean;
  readAuditLog: boolean;
  listUsers: boolean;
  compareCities: boolean;
}

export function menuRights(actor: Actor): MenuRights {
  return {
    importBook: maySomewhere(actor, "importBook"),
    readAuditLog: maySomewhere(actor, "readAuditLog"),
    listUsers: may(actor, "listUsers"),
    compareCities: may(actor, "compareCities"),
  };
}

/**
 * What the actor may do with a measure: everything on its form, or only the outcome actuals; and its
 * review (the review state decides the rest, see review.ts).
 */
export interface MeasureRights {
  editTexts: boolean;
  enterActuals: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
}

export function measureRights(actor: Actor, measure: MeasureRow): MeasureRights {
  return {
    editTexts: may(actor, "editMeasureTexts", measure),
    enterActuals: may(actor, "enterOutcomeActuals", measure),
    submit: may(actor, "submitMeasure", measure),
    approve: may(actor, "approveMeasure", measure),
    return: may(actor, "returnMeasure", measure),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Field rules: which fields of a form a role may change

/** The key of an outcome indicator's actual (実績) on a measure form: `outcomeIndicators.0.actual.2024`. */
export function isOutcomeActualField(field: string): boolean {
  return /^outcomeIndicators\.\d+\.actual\./.test(field);
}

/** Whether the actor may change a field of a measure: 管理者 every field, a 担当課 the outcome actuals. */
export function mayChangeMeasureField(rights: MeasureRights, field: string): boolean {
  return rights.editTexts || (rights.enterActuals && isOutcomeActualField(field));
}

/** A refusal of changed fields: `forbidden` by role, `conflict` by the sheet's review state. */
export interface FieldRefusal {
  code: "forbidden" | "conflict";
  message: string;
}

const labels = (changed: readonly FieldChange[]) => changed.map((c) => c.label).join("、");

/** The refusal of the changes to a measure the actor may not make, or null when it may make them all. */
export function measureChangeRefusal(
  rights: MeasureRights,
  changes: readonly FieldChange[],
): FieldRefusal | null {
  const refused = changes.filter((c) => !mayChangeMeasureField(rights, c.field));
  if (refused.length === 0) return null;
  return {
    code: "forbidden",
    message: `担当課が変更できるのは成果指標の実績だけです（変更しようとした項目: ${labels(refused)}）。`,
  };
}

/**
 * What an actor may change on an evaluation sheet in its review state: 作成中 — the 一次評価 (with, on a
 * project sheet, the 決算額 and the activity actuals) for whoever evaluates the row, and the 二次評価 too for
 * 管理者 ("all"); 提出済 — the 二次評価 only, for 管理者; 承認済 — nothing until it is returned.
 */
export type EvaluationAccess = "none" | "self" | "secondary" | "all";

function evaluationAccess(
  actor: Actor,
  row: CityRow,
  evaluates: boolean,
  state: ReviewState,
): EvaluationAccess {
  if (may(actor, "secondaryEvaluation", row)) {
    return state === "draft" ? "all" : state === "submitted" ? "secondary" : "none";
  }
  return evaluates && state === "draft" ? "self" : "none";
}

/** What the actor may do with an evaluation sheet in its state. */
export interface EvaluationRights {
  /** Whether it may open the sheet's form at all (in some state). */
  evaluate: boolean;
  access: EvaluationAccess;
  /** What it could change were the sheet 作成中 (the form shown again with what was typed). */
  draftAccess: EvaluationAccess;
  submit: boolean;
  approve: boolean;
  return: boolean;
}

export function projectEvaluationRights(
  actor: Actor,
  project: ProjectRow,
  state: ReviewState,
): EvaluationRights {
  const evaluates = may(actor, "evaluateProject", project);
  return {
    evaluate: evaluates,
    access: evaluationAccess(actor, project, evaluates, state),
    draftAccess: evaluationAccess(actor, project, evaluates, "draft"),
    submit: may(actor, "submitProjectEvaluation", project),
    approve: may(actor, "approveEvaluation", project),
    return: may(actor, "returnEvaluation", project),
  };
}

export function measureEvaluationRights(
  actor: Actor,
  measure: MeasureRow,
  state: ReviewState,
): EvaluationRights {
  const evaluates = may(actor, "evaluateMeasure", measure);
  return {
    evaluate: evaluates,
    access: evaluationAccess(actor, measure, evaluates, state),
    draftAccess: evaluationAccess(actor, measure, evaluates, "draft"),
    submit: may(actor, "submitMeasureEvaluation", measure),
    approve: may(actor, "approveEvaluation", measure),
    return: may(actor, "returnEvaluation", measure),
  };
}

/** Whether a field of an evaluation sheet may be changed with `access`. */
export function mayChangeEvaluationField(access: EvaluationAccess, field: string): boolean {
  if (access === "all") return true;
  if (access === "secondary") return isSecondaryField(field);
  if (access === "self") return !isSecondaryField(field);
  return false;
}

/** Why a sheet in `state` cannot be changed (or, 提出済, why the `changed` fields cannot). */
export function evaluationStateRefusal(
  state: ReviewState,
  changed: readonly FieldChange[] = [],
): FieldRefusal {
  if (state === "submitted" && changed.length > 0) {
    return {
      code: "conflict",
      message: `この評価シートは提出済のため、変更できるのは二次評価だけです（変更しようとした項目: ${labels(changed)}）。一次評価を直すには差し戻してください。`,
    };
  }
  return {
    code: "conflict",
    message: `この評価シートは${REVIEW_STATE_LABELS[state]}のため編集できません。差戻し後に編集してください。`,
  };
}

/**
 * The refusal of the changes to an evaluation sheet that `access` does not allow, or null when all are
 * allowed: nothing in a closed state, the 二次評価 for a 担当課, the 一次評価 part of a 提出済 sheet.
 */
export function evaluationChangeRefusal(
  access: EvaluationAccess,
  state: ReviewState,
  changes: readonly FieldChange[],
): FieldRefusal | null {
  if (access === "none") return evaluationStateRefusal(state);
  const refused = changes.filter((c) => !mayChangeEvaluationField(access, c.field));
  if (refused.length === 0) return null;
  if (access === "self") {
    return {
      code: "forbidden",
      message: `二次評価は管理者（企画・財政担当）だけが入力できます（変更しようとした項目: ${labels(refused)}）。`,
    };
  }
  return evaluationStateRefusal(state, refused);
}
