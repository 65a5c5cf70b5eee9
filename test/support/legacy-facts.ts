// The facts of a database that a migration must keep, read by plain SQL: written into
// test/fixtures/legacy-db/v0004.manifest.json from the OLD database (scripts/make-legacy-fixture.ts, run at
// migration 0004) and read again by test/db/migrate-legacy.test.ts from the migrated one. No surrogate id is
// part of a fact (a migration may renumber rows); rows are named by city name, fiscal year, measure code,
// project name and position. The only schema-dependent piece is how a plan version names its city, given by
// the caller as an SQL expression over the alias `v` (plan_versions).

/** Runs one SQL statement (no parameters) and returns its rows. */
export type Query = (statement: string) => Promise<Record<string, unknown>[]>;

/** The tables of the schema at migration 0004, the ones whose rows a migration must keep. */
export const V0004_TABLES = [
  "activity_indicator_actuals",
  "activity_indicator_targets",
  "activity_indicators",
  "audit_events",
  "cities",
  "login_attempts",
  "measure_evaluations",
  "measure_sdgs",
  "measures",
  "outcome_indicator_values",
  "outcome_indicators",
  "plan_diagnostics",
  "plan_versions",
  "policies",
  "policy_directions",
  "project_evaluations",
  "project_inputs",
  "project_settlements",
  "projects",
  "sessions",
  "users",
] as const;

export type TableName = (typeof V0004_TABLES)[number];

/** City name of a plan version at migration 0004 (plan_versions.city_id → cities.id). */
export const CITY_BY_ID = "(select c.name from cities c where c.id = v.city_id)";

/**
 * A digest per plan of every content table: md5 of the rows' text (PostgreSQL's row literal, so a null
 * differs from an empty text) in book order, ids left out. Each entry: the rows of the table, joined up
 * to plan_versions `v` as `FROM`, the columns digested, and the order.
 */
const DIGESTS: Record<string, { from: string; columns: string; order: string }> = {
  policies: {
    from: "policies p join plan_versions v on v.id = p.plan_version_id",
    columns:
      "p.position, p.code, p.title, p.lead_department, p.related_departments, p.mission, p.mission_points",
    order: "p.position",
  },
  policy_directions: {
    from: "policy_directions d join policies p on p.id = d.policy_id join plan_versions v on v.id = p.plan_version_id",
    columns: "p.position, d.position, d.title, d.text",
    order: "p.position, d.position",
  },
  measures: {
    from: "measures m join plan_versions v on v.id = m.plan_version_id",
    columns:
      "m.position, m.code, m.title, m.lead_department, m.related_departments, m.current_issues, m.purpose, " +
      "m.priorities, m.goal_states, m.future_actions, m.sectoral_plans, m.notes, m.version, m.review_state, " +
      "m.review_comment, m.approved_content::text",
    order: "m.position",
  },
  measure_sdgs: {
    from: "measure_sdgs s join measures m on m.id = s.measure_id join plan_versions v on v.id = m.plan_version_id",
    columns: "m.code, s.position, s.goal, s.title, s.text",
    order: "m.position, s.position",
  },
  outcome_indicators: {
    from: "outcome_indicators o join measures m on m.id = o.measure_id join plan_versions v on v.id = m.plan_version_id",
    columns:
      "m.code, o.position, o.name, o.rationale, o.formula, o.unit, o.baseline_text, o.baseline_value::text, " +
      "o.baseline_comparator, o.direction",
    order: "m.position, o.position",
  },
  outcome_indicator_values: {
    from:
      "outcome_indicator_values x join outcome_indicators o on o.id = x.outcome_indicator_id " +
      "join measures m on m.id = o.measure_id join plan_versions v on v.id = m.plan_version_id",
    columns: "m.code, o.position, x.kind, x.fiscal_year, x.text, x.value::text, x.comparator",
    order: "m.position, o.position, x.kind, x.fiscal_year",
  },
  projects: {
    from: "projects p join measures m on m.id = p.measure_id join plan_versions v on v.id = p.plan_version_id",
    columns:
      "m.code, p.position, p.name, p.status, p.priority, p.account, p.kan_number, p.kan_name, p.kou_number, " +
      "p.kou_name, p.moku_number, p.moku_name, p.lead_department, p.mayoral_pledge, p.summary, p.purpose, " +
      "p.year_goals, p.notes, p.budget_only, p.version, p.review_state, p.review_comment",
    order: "p.position",
  },
  project_inputs: {
    from: "project_inputs i join projects p on p.id = i.project_id join plan_versions v on v.id = p.plan_version_id",
    columns:
      "p.position, i.fiscal_year, i.total::text, i.national_prefectural::text, i.local_bonds::text, " +
      "i.other_earmarked::text, i.general_revenue::text, i.estimated",
    order: "p.position, i.fiscal_year",
  },
  activity_indicators: {
    from: "activity_indicators a join projects p on p.id = a.project_id join plan_versions v on v.id = p.plan_version_id",
    columns: "p.position, a.position, a.name, a.unit, a.direction",
    order: "p.position, a.position",
  },
  activity_indicator_targets: {
    from:
      "activity_indicator_targets x join activity_indicators a on a.id = x.activity_indicator_id " +
      "join projects p on p.id = a.project_id join plan_versions v on v.id = p.plan_version_id",
    columns: "p.position, a.position, x.fiscal_year, x.text, x.value::text, x.comparator",
    order: "p.position, a.position, x.fiscal_year",
  },
  activity_indicator_actuals: {
    from:
      "activity_indicator_actuals x join activity_indicators a on a.id = x.activity_indicator_id " +
      "join projects p on p.id = a.project_id join plan_versions v on v.id = p.plan_version_id",
    columns: "p.position, a.position, x.fiscal_year, x.text, x.value::text, x.comparator",
    order: "p.position, a.position, x.fiscal_year",
  },
  project_settlements: {
    from: "project_settlements s join projects p on p.id = s.project_id join plan_versions v on v.id = p.plan_version_id",
    columns: "p.position, s.fiscal_year, s.amount::text",
    order: "p.position, s.fiscal_year",
  },
  project_evaluations: {
    from: "project_evaluations e join projects p on p.id = e.project_id join plan_versions v on v.id = e.plan_version_id",
    columns:
      "p.position, e.fiscal_year, e.self_necessity, e.self_necessity_reason, e.self_effectiveness, " +
      "e.self_effectiveness_reason, e.self_efficiency, e.self_efficiency_reason, e.self_equity, " +
      "e.self_equity_reason, e.self_outlook, e.self_changes, e.has_secondary, e.secondary_necessity, " +
      "e.secondary_necessity_reason, e.secondary_effectiveness, e.secondary_effectiveness_reason, " +
      "e.secondary_efficiency, e.secondary_efficiency_reason, e.secondary_equity, e.secondary_equity_reason, " +
      "e.secondary_outlook, e.secondary_comment, e.version, e.review_state, e.review_comment",
    order: "p.position, e.fiscal_year",
  },
  measure_evaluations: {
    from: "measure_evaluations e join measures m on m.id = e.measure_id join plan_versions v on v.id = e.plan_version_id",
    columns:
      "m.code, e.fiscal_year, e.self_rating, e.self_assessment, e.self_next_steps, e.has_secondary, " +
      "e.secondary_rating, e.secondary_comment, e.version, e.review_state, e.review_comment",
    order: "m.position, e.fiscal_year",
  },
  plan_diagnostics: {
    from: "plan_diagnostics d join plan_versions v on v.id = d.plan_version_id",
    columns: "d.position, d.severity, d.code, d.message, d.line, d.has_line, d.project, d.fiscal_year",
    order: "d.position",
  },
};

export interface PlanFact {
  city: string;
  fiscalYear: number;
  revision: number;
  title: string | null;
  sourceName: string | null;
  sourceEncoding: string | null;
  rolledFrom: string | null;
  policies: number;
  measures: number;
  projects: number;
  approvedProjects: number;
  /** Sum of project_inputs.total of the plan, 千円, as text (bigint). */
  inputsTotal: string;
  sourcePlanMd5: string | null;
}

export interface LegacyFacts {
  tables: Record<string, number>;
  cities: string[];
  plans: PlanFact[];
  /** "city fiscalYear" → table → { rows, md5 }. */
  digests: Record<string, Record<string, { rows: number; md5: string | null }>>;
  users: {
    loginName: string;
    displayName: string;
    role: string;
    department: string | null;
    disabled: boolean;
  }[];
  /** Sums over every project_inputs row of every plan, 千円, as text (bigint). */
  projectInputsSum: Record<string, string>;
  /** The project the script edited (小諸市 令和6年度 職員研修費) as stored. */
  editedProject: Record<string, unknown>;
  /** The 事務事業評価 sheet (小諸市 令和6年度 職員研修費, 2024), every column but the ids. */
  projectEvaluation: Record<string, unknown>;
  /** The 施策評価 sheet (小諸市 令和6年度 6-5, 2024), every column but the ids. */
  measureEvaluation: Record<string, unknown>;
  /** Every actual of an outcome indicator of 小諸市 令和6年度 6-5. */
  outcomeActuals: Record<string, unknown>[];
  /** Every audit row in order: who, what, which field, before and after. */
  audit: Record<string, unknown>[];
  loginAttempts: { loginName: string; address: string; succeeded: boolean }[];
  /** Sessions: whose, and when they expire (ISO). */
  sessions: { loginName: string; expiresAt: string }[];
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function one(q: Query, statement: string): Promise<Record<string, unknown>> {
  const rows = await q(statement);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${statement}`);
  return rows[0] as Record<string, unknown>;
}

/** Reads every fact. `cityOfVersion` is an SQL expression over `v` (plan_versions) giving the city's name. */
export async function readFacts(q: Query, cityOfVersion: string): Promise<LegacyFacts> {
  const tables: Record<string, number> = {};
  for (const t of V0004_TABLES) {
    tables[t] = Number((await one(q, `select count(*)::int as n from "${t}"`)).n);
  }
  const cities = (await q("select name from cities order by name")).map((r) => String(r.name));
  // The rolled-from plan's city: the same expression over the alias `r` instead of `v`.
  const plans = (
    await q(
      `select ${cityOfVersion} as city, v.fiscal_year, v.revision, v.title, v.source_name, v.source_encoding,
         (select ${cityOfVersion.replace(/\bv\./g, "r.")} || ' ' || r.fiscal_year from plan_versions r
           where r.id = v.rolled_from_id) as rolled_from,
         (select count(*)::int from policies x where x.plan_version_id = v.id) as policies,
         (select count(*)::int from measures x where x.plan_version_id = v.id) as measures,
         (select count(*)::int from projects x where x.plan_version_id = v.id) as projects,
         (select count(*)::int from projects x where x.plan_version_id = v.id and x.review_state = 'approved')
           as approved_projects,
         (select coalesce(sum(x.total), 0)::text from project_inputs x where x.plan_version_id = v.id)
           as inputs_total,
         md5(v.source_plan::text) as source_plan_md5
       from plan_versions v order by 1, 2`,
    )
  ).map(
    (r): PlanFact => ({
      city: String(r.city),
      fiscalYear: Number(r.fiscal_year),
      revision: Number(r.revision),
      title: (r.title as string | null) ?? null,
      sourceName: (r.source_name as string | null) ?? null,
      sourceEncoding: (r.source_encoding as string | null) ?? null,
      rolledFrom: (r.rolled_from as string | null) ?? null,
      policies: Number(r.policies),
      measures: Number(r.measures),
      projects: Number(r.projects),
      approvedProjects: Number(r.approved_projects),
      inputsTotal: String(r.inputs_total),
      sourcePlanMd5: (r.source_plan_md5 as string | null) ?? null,
    }),
  );

  const digests: LegacyFacts["digests"] = {};
  for (const p of plans) {
    const key = `${p.city} ${p.fiscalYear}`;
    const where = `${cityOfVersion} = ${quote(p.city)} and v.fiscal_year = ${p.fiscalYear}`;
    const perTable: Record<string, { rows: number; md5: string | null }> = {};
    for (const [table, d] of Object.entries(DIGESTS)) {
      const r = await one(
        q,
        `select count(*)::int as n, md5(string_agg(row(${d.columns})::text, E'\\n' order by ${d.order})) as md5
         from ${d.from} where ${where}`,
      );
      perTable[table] = { rows: Number(r.n), md5: (r.md5 as string | null) ?? null };
    }
    digests[key] = perTable;
  }

  const users = (
    await q("select login_name, display_name, role, department, disabled from users order by login_name")
  ).map((r) => ({
    loginName: String(r.login_name),
    displayName: String(r.display_name),
    role: String(r.role),
    department: (r.department as string | null) ?? null,
    disabled: Boolean(r.disabled),
  }));

  const sums = await one(
    q,
    `select count(*)::int as rows, coalesce(sum(total), 0)::text as total,
       coalesce(sum(national_prefectural), 0)::text as national_prefectural,
       coalesce(sum(local_bonds), 0)::text as local_bonds,
       coalesce(sum(other_earmarked), 0)::text as other_earmarked,
       coalesce(sum(general_revenue), 0)::text as general_revenue
     from project_inputs`,
  );
  const projectInputsSum = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, String(v)]));

  const komoro2024 = `${cityOfVersion} = '小諸市' and v.fiscal_year = 2024`;
  const editedProject = await one(
    q,
    `select m.code as measure_code, p.position, p.name, p.summary, p.lead_department, p.version,
       p.review_state, p.review_comment,
       (select json_agg(json_build_object('fiscalYear', i.fiscal_year, 'total', i.total::text,
          'generalRevenue', i.general_revenue::text) order by i.fiscal_year)::text
        from project_inputs i where i.project_id = p.id) as inputs
     from projects p join measures m on m.id = p.measure_id join plan_versions v on v.id = p.plan_version_id
     where ${komoro2024} and p.name = '職員研修費'`,
  );
  const projectEvaluation = await one(
    q,
    `select p.name as project, e.fiscal_year, e.self_necessity, e.self_necessity_reason, e.self_effectiveness,
       e.self_effectiveness_reason, e.self_efficiency, e.self_efficiency_reason, e.self_equity,
       e.self_equity_reason, e.self_outlook, e.self_changes, e.has_secondary, e.secondary_necessity,
       e.secondary_outlook, e.secondary_comment, e.version, e.review_state, e.review_comment,
       (select s.amount::text from project_settlements s where s.project_id = p.id and s.fiscal_year = e.fiscal_year)
         as settled,
       (select string_agg(a.position || ':' || x.text, ' ' order by a.position) from activity_indicator_actuals x
          join activity_indicators a on a.id = x.activity_indicator_id
          where a.project_id = p.id and x.fiscal_year = e.fiscal_year) as activity_actuals
     from project_evaluations e join projects p on p.id = e.project_id join plan_versions v on v.id = e.plan_version_id
     where ${komoro2024} and p.name = '職員研修費' and e.fiscal_year = 2024`,
  );
  const measureEvaluation = await one(
    q,
    `select m.code as measure, e.fiscal_year, e.self_rating, e.self_assessment, e.self_next_steps,
       e.has_secondary, e.secondary_rating, e.secondary_comment, e.version, e.review_state, e.review_comment
     from measure_evaluations e join measures m on m.id = e.measure_id join plan_versions v on v.id = e.plan_version_id
     where ${komoro2024} and m.code = '6-5' and e.fiscal_year = 2024`,
  );
  const outcomeActuals = await q(
    `select o.position, x.fiscal_year, x.text, x.value::text as value, x.comparator
     from outcome_indicator_values x join outcome_indicators o on o.id = x.outcome_indicator_id
       join measures m on m.id = o.measure_id join plan_versions v on v.id = m.plan_version_id
     where ${komoro2024} and m.code = '6-5' and x.kind = 'actual' order by o.position, x.fiscal_year`,
  );
  const audit = await q(
    `select user_name, action, entity_kind, entity_label, department, field, before, after, comment
     from audit_events order by id`,
  );
  const loginAttempts = (
    await q("select login_name, address, succeeded from login_attempts order by id")
  ).map((r) => ({
    loginName: String(r.login_name),
    address: String(r.address),
    succeeded: Boolean(r.succeeded),
  }));
  const sessions = (
    await q(
      `select u.login_name, to_char(s.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as expires_at
       from sessions s join users u on u.id = s.user_id order by u.login_name, s.expires_at`,
    )
  ).map((r) => ({ loginName: String(r.login_name), expiresAt: String(r.expires_at) }));

  return {
    tables,
    cities,
    plans,
    digests,
    users,
    projectInputsSum,
    editedProject,
    projectEvaluation,
    measureEvaluation,
    outcomeActuals,
    audit,
    loginAttempts,
    sessions,
  };
}
