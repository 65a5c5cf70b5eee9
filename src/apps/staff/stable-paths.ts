import type { Context, Hono, MiddlewareHandler } from "hono";
import type { Database } from "../../db/client.ts";
import { HoshinError } from "../../usecases/errors.ts";
import { readPlanCatalogue } from "../../usecases/plan/freshness.ts";
import { readPlanModel } from "../../usecases/plan/read-model.ts";
import { type PlanView, readMeasureEntry, readProjectEntry } from "../../usecases/plan/read-plan.ts";
import type { AppEnv } from "./env.ts";
import { measureHref, planHref, projectHref } from "./paths.ts";

// The staff app's stable addresses (paths.ts) in front of its routes by row id. The routes stay as they
// were (/plans/:id/…, /projects/:id/…, /measures/:id/…); this module is the only place that knows both:
//
//   /cities/202088/plans/2024[/<rest>]                      → /plans/12[/<rest>]
//   /cities/202088/plans/2024/projects/<project key>[/<rest>] → /projects/345[/<rest>]
//   /cities/202088/plans/2024/measures/<measure code>[/<rest>] → /measures/6[/<rest>]
//
// - `stablePaths` (registered before the session middleware) resolves a stable path to the row ids of
//   now — the plan through the kept catalogue, the project key and the measure code through the plan's read
//   model — and dispatches the request to today's route inside the app: same method, headers, body and
//   query. So sessions, CSRF, the body limit and access run once, on the dispatched request, as for any
//   other. A path that names nothing goes on unchanged and ends in the app's 404 page (or the login page
//   for a visitor, the same answer either way: it tells nobody what exists).
// - `numericRedirects` (after the login check) answers a GET or HEAD of an old numeric address with 308
//   to the stable one (query kept) while the row exists; POSTs to numeric addresses work as before.
// - `stableLocation` turns the numeric address a route redirects to after a POST into the stable one,
//   resolved after the write (a rename changes a project's key).
// Forms keep posting to the numeric action URLs: they carry the row's version anyway, and a save must
// reach the row it was opened for, not whatever row holds the key by then.

/** Requests dispatched from a stable address, with the path the client asked for. */
const dispatched = new WeakMap<Request, string>();

/** The path the client asked for: the stable one for a request dispatched from it (for /login?next=). */
export function requestedPath(c: Context<AppEnv>): string {
  return dispatched.get(c.req.raw) ?? c.req.path;
}

/** A path segment decoded once, or null when its percent-encoding is broken. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The entries of a view by stable key, built once per view (views are frozen snapshots). */
const byKeyOf = new WeakMap<PlanView, { projects: Map<string, number>; measures: Map<string, number> }>();
function rowsByKey(view: PlanView) {
  let rows = byKeyOf.get(view);
  if (!rows) {
    rows = {
      projects: new Map(view.projects.map((e) => [e.key, e.id])),
      measures: new Map(view.measures.map((e) => [e.measure.code, e.id])),
    };
    byKeyOf.set(view, rows);
  }
  return rows;
}

const STABLE = /^\/cities\/([^/]+)\/plans\/([^/]+)(?:\/(.*))?$/;

/**
 * The numeric path of today's route for a stable path (percent-encoded, as in the request line), or
 * null when it names no stored plan, project or measure.
 */
export async function resolveStablePath(db: Database, pathname: string): Promise<string | null> {
  const m = STABLE.exec(pathname);
  if (!m) return null;
  const code = decoded(m[1] ?? "");
  const year = decoded(m[2] ?? "");
  if (code === null || year === null || !/^\d{6}$/.test(code) || !/^\d{4}$/.test(year)) return null;
  const { plans } = await readPlanCatalogue(db);
  const plan = plans.find((p) => p.cityCode === code && p.fiscalYear === Number(year));
  if (!plan) return null;
  const rest = m[3] ?? "";
  const [first, second, ...more] = rest.split("/");
  const tail = more.length > 0 ? `/${more.join("/")}` : "";
  if ((first === "projects" || first === "measures") && second !== undefined && second !== "") {
    const key = decoded(second);
    if (key === null) return null;
    const model = await readPlanModel({ db, planVersionId: plan.id });
    if (!model) return null;
    const rows = rowsByKey(model.view);
    const id = (first === "projects" ? rows.projects : rows.measures).get(key);
    return id === undefined ? null : `/${first}/${id}${tail}`;
  }
  return rest === "" ? `/plans/${plan.id}` : `/plans/${plan.id}/${rest}`;
}

/** Dispatches a request to a stable address to today's route (see above). Needs the app it is part of. */
export function stablePaths(app: Hono<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (dispatched.has(c.req.raw)) return next();
    const url = new URL(c.req.url);
    const target = await resolveStablePath(c.var.db, url.pathname);
    if (target === null) return next();
    const raw = c.req.raw;
    const inner = new Request(new URL(`${target}${url.search}`, url), {
      method: raw.method,
      headers: raw.headers,
      body: raw.body,
      signal: raw.signal,
      // A streamed body (a POST) must say so to be passed on (the fetch standard's duplex).
      ...(raw.body ? { duplex: "half" } : {}),
    } as RequestInit);
    dispatched.set(inner, url.pathname);
    return app.fetch(inner, c.env);
  };
}

const NUMERIC = /^\/(plans|projects|measures)\/(\d{1,10})(\/[^?#]*)?(\?.*)?$/;

/**
 * The stable address of a numeric one (`/projects/345/edit?x=1` → `/cities/…/projects/6-2%3A…/edit?x=1`),
 * or null when it is none or its row is gone (or the actor may not read it).
 */
export async function stableAddressOf(c: Context<AppEnv>, path: string): Promise<string | null> {
  const m = NUMERIC.exec(path);
  if (!m) return null;
  const id = Number(m[2]);
  const tail = `${m[3] ?? ""}${m[4] ?? ""}`;
  const { db, actor } = c.var;
  try {
    if (m[1] === "plans") {
      const plan = (await readPlanCatalogue(db)).plans.find((p) => p.id === id);
      return plan ? `${planHref(plan)}${tail}` : null;
    }
    if (m[1] === "projects") {
      const { entry } = await readProjectEntry({ db, actor, id });
      return `${projectHref(entry.planAddress, entry.key)}${tail}`;
    }
    const { entry } = await readMeasureEntry({ db, actor, id });
    return `${measureHref(entry.planAddress, entry.measure.code)}${tail}`;
  } catch (e) {
    // Not found or refused: the numeric route answers it as it always did.
    if (e instanceof HoshinError) return null;
    throw e;
  }
}

/** GET and HEAD of an old numeric address: 308 to the stable address while the row exists. */
export function numericRedirects(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if ((c.req.method !== "GET" && c.req.method !== "HEAD") || dispatched.has(c.req.raw)) return next();
    const url = new URL(c.req.url);
    const stable = await stableAddressOf(c, `${url.pathname}${url.search}`);
    return stable === null ? next() : c.redirect(stable, 308);
  };
}

/** Where a route redirects after a POST: the stable address of the numeric one it names, else that one. */
export async function stableLocation(c: Context<AppEnv>, path: string): Promise<string> {
  return (await stableAddressOf(c, path)) ?? path;
}
