import { Hono } from "hono";
import { isReviewAction } from "../../../domain/editing/review.ts";
import { reviewMeasure } from "../../../usecases/editing/review-measure.ts";
import { HoshinError } from "../../../usecases/errors.ts";
import { type AppEnv, formString } from "../env.ts";
import { errorPage } from "../render.tsx";
import { stableLocation } from "../stable-paths.ts";
import { idParam } from "./params.ts";

/** The review of a measure (submit, approve, return), like POST /projects/:id/review. */
export function reviewRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/measures/:id/review", async (c) => {
    const id = idParam(c.req.param("id"));
    const action = formString(c.var.form, "action");
    if (!isReviewAction(action)) throw new HoshinError("invalid-input", "操作の種類が正しくありません。");
    try {
      await reviewMeasure({
        db: c.var.db,
        actor: c.var.actor,
        measureId: id,
        action,
        comment: formString(c.var.form, "comment"),
      });
    } catch (e) {
      if (e instanceof HoshinError && e.code !== "forbidden" && e.code !== "not-found")
        return errorPage(c, e);
      throw e;
    }
    return c.redirect(await stableLocation(c, `/measures/${id}?notice=${action}`), 303);
  });

  return app;
}
