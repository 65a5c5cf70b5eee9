import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import type { Role } from "../../domain/access.ts";
import { cities } from "./plan-versions.ts";

/**
 * Staff accounts. `role` is 管理者 admin (planning and finance divisions), 担当課 department (edits the
 * projects of `department`), 閲覧者 viewer. Passwords are argon2id hashes (PHC strings), never the password.
 */
export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    loginName: text("login_name").notNull().unique("users_login_name_key"),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull().$type<Role>(),
    department: text("department"),
    disabled: boolean("disabled").notNull().default(false),
    /** システム管理者 of the instance: works for every city (else for the cities of user_cities). */
    allCities: boolean("all_cities").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("users_role_check", sql`${t.role} in ('admin', 'department', 'viewer')`),
    check("users_department_check", sql`${t.role} <> 'department' or ${t.department} is not null`),
  ],
);

/**
 * The cities a staff account works for (issue 12): it sees and changes nothing of any other city. Led by the
 * city, like every table keyed by city. An account with `users.all_cities` needs no row here.
 */
export const userCities = pgTable(
  "user_cities",
  {
    cityCode: text("city_code")
      .notNull()
      .references(() => cities.code, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ name: "user_cities_pkey", columns: [t.cityCode, t.userId] }),
    index("user_cities_user_id_idx").on(t.userId),
  ],
);

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256 is stored, so a read of this
 * table does not let anyone log in. `csrfToken` is the synchronizer token every form of the session sends.
 */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

/** Login attempts, kept for rate limiting (per login name and per client address). */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    loginName: text("login_name").notNull(),
    address: text("address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_login_name_at_idx").on(t.loginName, t.at),
    index("login_attempts_address_at_idx").on(t.address, t.at),
  ],
);

/**
 * The audit log: one row per changed field (or per action without a field, such as 承認). Append-only and
 * without foreign keys, so it outlives the plan version, project or user it names; the names are copied.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id"),
    userName: text("user_name").notNull(),
    action: text("action").notNull(),
    planVersionId: integer("plan_version_id"),
    /** The city's name as it was (kept for rows older than city codes) and its 全国地方公共団体コード. */
    city: text("city"),
    cityCode: text("city_code"),
    fiscalYear: integer("fiscal_year"),
    entityKind: text("entity_kind")
      .notNull()
      .$type<"project" | "measure" | "plan" | "user" | "project-evaluation" | "measure-evaluation">(),
    entityId: integer("entity_id"),
    entityLabel: text("entity_label").notNull(),
    department: text("department"),
    field: text("field"),
    before: text("before"),
    after: text("after"),
    comment: text("comment"),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityKind, t.entityId, t.id),
    index("audit_events_at_idx").on(t.at),
    index("audit_events_user_id_idx").on(t.userId, t.at),
    index("audit_events_department_idx").on(t.department, t.at),
    index("audit_events_city_code_idx").on(t.cityCode, t.at),
    check(
      "audit_events_entity_kind_check",
      sql`${t.entityKind} in ('project', 'measure', 'plan', 'user', 'project-evaluation', 'measure-evaluation')`,
    ),
  ],
);
