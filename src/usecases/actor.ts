import type { Role } from "../db/users.ts";
import { HoshinError } from "./errors.ts";

/** The person a use case acts for: a logged-in staff member (or the command line, as an administrator). */
export interface Actor {
  userId: number | null;
  loginName: string;
  displayName: string;
  role: Role;
  /** The department of a 担当課 user; null for the others. */
  department: string | null;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理者",
  department: "担当課",
  viewer: "閲覧者",
};

/** The command line acts as an administrator: whoever runs it can read the database anyway. */
export const COMMAND_LINE: Actor = {
  userId: null,
  loginName: "cli",
  displayName: "コマンドライン",
  role: "admin",
  department: null,
};

/** Authorization, decided here and nowhere else. Each rule is a plain function of the actor and the row. */
export const may = {
  editProject: (a: Actor, p: { leadDepartment: string }) =>
    a.role === "admin" || (a.role === "department" && a.department === p.leadDepartment),
  submitProject: (a: Actor, p: { leadDepartment: string }) => may.editProject(a, p),
  decideProject: (a: Actor) => a.role === "admin",
  editMeasure: (a: Actor) => a.role === "admin",
  enterOutcomeActuals: (a: Actor, m: { leadDepartment: string | null }) =>
    a.role === "admin" ||
    (a.role === "department" && m.leadDepartment !== null && a.department === m.leadDepartment),
  /** 事務事業評価: the 一次評価, 決算額 and actuals (and submitting them) — as for the project's sheet. */
  evaluateProject: (a: Actor, p: { leadDepartment: string }) =>
    a.role === "admin" || (a.role === "department" && a.department === p.leadDepartment),
  /** 施策評価: the measure's lead department (主管課), or 管理者. */
  evaluateMeasure: (a: Actor, m: { leadDepartment: string | null }) =>
    a.role === "admin" ||
    (a.role === "department" && m.leadDepartment !== null && a.department === m.leadDepartment),
  /** 二次評価, and approving or returning an evaluation sheet: the planning division. */
  reviewEvaluation: (a: Actor) => a.role === "admin",
  rollOver: (a: Actor) => a.role === "admin",
  manageUsers: (a: Actor) => a.role === "admin",
  importBook: (a: Actor) => a.role === "admin",
  readAuditLog: (a: Actor) => a.role === "admin",
};

export function forbidden(message: string): HoshinError {
  return new HoshinError("forbidden", message);
}

export function requireAdmin(actor: Actor, what: string): void {
  if (actor.role !== "admin") throw forbidden(`${what}は管理者だけが行えます。`);
}
