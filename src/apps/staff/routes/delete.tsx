import type { Context } from "hono";
import { Hono } from "hono";
import { parseWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import {
  type DeletionTarget,
  deletePlan,
  deletionLabel,
  previewPlanDeletion,
} from "../../../usecases/plan/delete-plan.ts";
import { type AppEnv, formString } from "../env.ts";
import { page } from "../render.tsx";
import { DeleteConfirmPage, DeletedPage } from "../views/delete-pages.tsx";

/** The city and (empty: the whole city) fiscal year of a deletion, 西暦 or 和暦. */
function target(city: string | undefined, year: string | undefined): DeletionTarget {
  const name = (city ?? "").trim().slice(0, 200);
  if (name === "") throw new HoshinError("invalid-input", "削除する市町村を指定してください。");
  const y = (year ?? "").trim();
  if (y === "") return { city: name, fiscalYear: null };
  const fiscalYear = /^\d{4}$/.test(y) ? Number(y) : parseWarekiFiscalYear(y);
  if (fiscalYear === null) {
    throw new HoshinError(
      "invalid-input",
      `年度「${y.slice(0, 20)}」を読めません（例: 2024 または 令和6年度）。`,
    );
  }
  return { city: name, fiscalYear };
}

/**
 * Deleting a plan year or a whole city (管理者 only, decided by the use case): GET /delete?city=…&year=…
 * shows what goes; POST /delete with the confirmation deletes it.
 */
export function deleteRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/delete", async (c: Context<AppEnv>) => {
    const t = target(c.req.query("city"), c.req.query("year"));
    const deletion = await previewPlanDeletion({ db: c.var.db, actor: c.var.actor, ...t });
    const label = deletionLabel(t);
    return page(
      c,
      { title: `${label}の削除` },
      <DeleteConfirmPage deletion={{ ...deletion, label }} csrf={c.var.session?.csrfToken ?? ""} />,
    );
  });

  app.post("/delete", async (c: Context<AppEnv>) => {
    const t = target(formString(c.var.form, "city"), formString(c.var.form, "year"));
    const deletion = await deletePlan({
      db: c.var.db,
      actor: c.var.actor,
      ...t,
      confirmed: formString(c.var.form, "confirm") === "yes",
    });
    const label = deletionLabel(t);
    return page(c, { title: `${label}を削除しました` }, <DeletedPage deletion={{ ...deletion, label }} />);
  });

  return app;
}
