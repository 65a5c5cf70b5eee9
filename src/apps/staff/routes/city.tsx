import type { Context } from "hono";
import { Hono } from "hono";
import { may } from "../../../domain/access.ts";
import type { City } from "../../../domain/city/city.ts";
import { readCity, updateCity } from "../../../usecases/cities/city-profile.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { type AppEnv, formString } from "../env.ts";
import { page } from "../render.tsx";
import { CityPage } from "../views/city-pages.tsx";

const FIELDS = ["population", "populationYear", "similarityGroup"] as const;

function valuesOf(c: City): Record<string, string> {
  return {
    population: c.population === null ? "" : String(c.population),
    populationYear: c.populationYear === null ? "" : String(c.populationYear),
    similarityGroup: c.similarityGroup ?? "",
  };
}

function cityPage(
  c: Context<AppEnv>,
  city: City,
  form: { values: Record<string, string>; errors: Record<string, string>; saved: boolean },
  status: 200 | 400 = 200,
) {
  return page(
    c,
    { title: `${city.name}（${city.code}）の情報` },
    <CityPage
      city={city}
      canEdit={may(c.var.actor, "editCityProfile", { cityCode: city.code })}
      csrf={c.var.session?.csrfToken ?? ""}
      {...form}
    />,
    status,
  );
}

/** A city's page (/cities/202088/profile): its code, name, population and 類似団体区分; 管理者 edit the last two. */
export function cityRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/cities/:code/profile", async (c) => {
    const city = await readCity({ db: c.var.db, actor: c.var.actor, city: c.req.param("code") });
    return cityPage(c, city, { values: valuesOf(city), errors: {}, saved: c.req.query("saved") === "1" });
  });

  app.post("/cities/:code/profile", async (c) => {
    const code = c.req.param("code");
    const input = Object.fromEntries(FIELDS.map((f) => [f, formString(c.var.form, f).slice(0, 100)]));
    try {
      const city = await updateCity({ db: c.var.db, actor: c.var.actor, city: code, input });
      return c.redirect(`/cities/${city.code}/profile?saved=1`, 303);
    } catch (e) {
      if (!(e instanceof HoshinError) || e.code !== "invalid-input" || e.fields.length === 0) throw e;
      const city = await readCity({ db: c.var.db, actor: c.var.actor, city: code });
      const errors = Object.fromEntries(e.fields.map((f) => [f.field, f.message]));
      return cityPage(c, city, { values: input, errors, saved: false }, 400);
    }
  });

  return app;
}
