import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { menuRights } from "../../domain/access.ts";
import type { HoshinError } from "../../usecases/errors.ts";
import { readPlanCatalogue } from "../../usecases/plan/freshness.ts";
import type { AppEnv } from "./env.ts";
import { ErrorPage } from "./views/admin-pages.tsx";
import { Layout, type PageProps } from "./views/layout.tsx";

/** Renders a page in the layout, with the doctype (c.html leaves it out). */
export async function page(
  c: Context<AppEnv>,
  props: Omit<PageProps, "actor" | "menu" | "csrf" | "children" | "plan">,
  body: Child,
  status: ContentfulStatusCode = 200,
) {
  const session = c.var.session;
  // The navigation links to the plan by its stable address: its city and year from the kept catalogue.
  const plan = props.planVersionId
    ? ((await readPlanCatalogue(c.var.db)).plans.find((v) => v.id === props.planVersionId) ?? null)
    : null;
  const html = await (
    <Layout
      {...props}
      plan={plan}
      actor={session?.actor ?? null}
      menu={session ? menuRights(session.actor) : null}
      csrf={session?.csrfToken ?? ""}
    >
      {body}
    </Layout>
  ).toString();
  return c.html(`<!DOCTYPE html>${html}`, status);
}

/**
 * A part rendered to its HTML now, for a part kept with the read model (a memo): it must not depend on
 * the request, and it must render synchronously (no async components), which is checked here.
 */
export function renderedOnce(part: Child): string {
  const html = (part as unknown as { toString(): string | Promise<string> }).toString();
  if (typeof html !== "string") throw new Error("内部エラー: 一度だけ描く部分に非同期の部品があります。");
  return html;
}

export const STATUS_OF: Record<HoshinError["code"], ContentfulStatusCode> = {
  "not-found": 404,
  "invalid-input": 400,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  "too-many-requests": 429,
};

const TITLES: Record<HoshinError["code"], string> = {
  "not-found": "見つかりません",
  "invalid-input": "入力に誤りがあります",
  conflict: "操作できませんでした",
  unauthenticated: "ログインしてください",
  forbidden: "この操作は許可されていません",
  "too-many-requests": "しばらくお待ちください",
};

/** A HoshinError as its page, with the status mapped in one place. */
export function errorPage(c: Context<AppEnv>, e: HoshinError) {
  return page(
    c,
    { title: TITLES[e.code] },
    <ErrorPage title={TITLES[e.code]} message={e.message} />,
    STATUS_OF[e.code],
  );
}
