import { type Context, Hono } from "hono";
import { authorizedCities } from "../../../usecases/authorize.ts";
import { compareChoices, comparePlans } from "../../../usecases/cycle/compare-plans.ts";
import { previewRollover, rollOverPlan } from "../../../usecases/cycle/rollover-plan.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { findPlan, readPlanVersion } from "../../../usecases/plan/list-plans.ts";
import { type AppEnv, formString } from "../env.ts";
import { planHref } from "../paths.ts";
import { page } from "../render.tsx";
import { stableLocation } from "../stable-paths.ts";
import { CompareChoicesPage, ComparePage, RolloverPage } from "../views/cycle-pages.tsx";
import { planTitle } from "../views/plan-pages.tsx";
import { idParam, parseId } from "./params.ts";

// The Act of the cycle: rolling a plan into the next fiscal year, and what changed between two plans.

const WHAT = "次年度計画の作成（繰越）";

async function rolloverPage(
  c: Context<AppEnv>,
  id: number,
  opts: { error?: string; replace?: boolean; status?: 200 | 409 } = {},
) {
  const preview = await previewRollover({ db: c.var.db, actor: c.var.actor, planVersionId: id });
  return page(
    c,
    {
      title: WHAT,
      planVersionId: preview.from.id,
      breadcrumbs: [{ href: planHref(preview.from), label: planTitle(preview.from) }],
    },
    <RolloverPage
      preview={preview}
      csrf={c.var.session?.csrfToken ?? ""}
      error={opts.error ?? null}
      replace={opts.replace ?? false}
    />,
    opts.status ?? 200,
  );
}

export function cycleRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/plans/:id/rollover", (c) => rolloverPage(c, idParam(c.req.param("id"))));

  app.post("/plans/:id/rollover", async (c) => {
    // Authorization first: a refused user learns nothing, not even whether the plan exists.
    authorizedCities(c.var.actor, "rollOver");
    const id = idParam(c.req.param("id"));
    const from = await readPlanVersion({ db: c.var.db, planVersionId: id });
    const replace = formString(c.var.form, "replace") === "on";
    try {
      const result = await rollOverPlan({
        db: c.var.db,
        actor: c.var.actor,
        city: from.cityCode,
        fromYear: from.fiscalYear,
        replace,
      });
      return c.redirect(await stableLocation(c, `/plans/${result.planVersionId}?notice=rolled-over`), 303);
    } catch (e) {
      if (e instanceof HoshinError && e.code === "conflict")
        return rolloverPage(c, id, { error: e.message, replace, status: 409 });
      throw e;
    }
  });

  app.get("/plans/:id/compare", async (c) => {
    const id = idParam(c.req.param("id"));
    const raw = c.req.query("with");
    if (raw === undefined || raw === "") {
      const choices = await compareChoices({ db: c.var.db, actor: c.var.actor, planVersionId: id });
      return page(
        c,
        {
          title: "変更点の比較",
          planVersionId: id,
          breadcrumbs: [{ href: planHref(choices.version), label: planTitle(choices.version) }],
        },
        <CompareChoicesPage choices={choices} />,
      );
    }
    let against: { planVersionId: number } | "source";
    if (raw === "source") {
      against = "source";
    } else {
      const other = parseId(raw);
      if (other === null)
        throw new HoshinError(
          "invalid-input",
          "比べる計画の指定が正しくありません（with に計画の番号か source を指定してください）。",
        );
      against = { planVersionId: other };
    }
    // Two years are shown earlier → later, whichever of them the page belongs to; for two plans of the
    // same year (or an unknown id, which the use case reports) the one named by `with` is the earlier.
    let later = id;
    if (against !== "source") {
      const [mine, theirs] = await Promise.all([
        findPlan({ db: c.var.db, planVersionId: id }),
        findPlan({ db: c.var.db, planVersionId: against.planVersionId }),
      ]);
      if (mine && theirs && theirs.fiscalYear > mine.fiscalYear) {
        later = theirs.id;
        against = { planVersionId: mine.id };
      }
    }
    const comparison = await comparePlans({
      db: c.var.db,
      actor: c.var.actor,
      plan: { planVersionId: later },
      against,
    });
    const here = comparison.after.version.id === id ? comparison.after.version : comparison.before.version;
    return page(
      c,
      {
        title: "変更点の比較",
        planVersionId: id,
        breadcrumbs: [
          { href: planHref(here), label: planTitle(here) },
          { href: planHref(here, "compare"), label: "変更点の比較" },
        ],
      },
      <ComparePage comparison={comparison} />,
    );
  });

  return app;
}
