import type { Child } from "hono/jsx";
import { type Actor, type MenuRights, ROLE_LABELS } from "../../../domain/access.ts";
import { type PlanAddress, planHref } from "../paths.ts";

export interface PageProps {
  title: string;
  actor: Actor | null;
  /** The administration pages the actor may open (null when logged out). */
  menu: MenuRights | null;
  csrf: string;
  /** The plan version the page belongs to, for the navigation. */
  planVersionId?: number | null;
  /** Its city and year (found by page() in render.tsx), for the navigation's stable addresses. */
  plan?: PlanAddress | null;
  breadcrumbs?: { href: string; label: string }[];
  notice?: string | null;
  children?: Child;
}

/** The frame of every staff page: header, navigation, breadcrumbs, main. Works without JavaScript. */
export function Layout(p: PageProps) {
  const pv = p.plan;
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.title} | Hoshin 行政マネジメント`}</title>
        <link rel="stylesheet" href="/static/tokens.css" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          本文へ移動
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-title" href="/">
              Hoshin<span> 行政マネジメント</span>
            </a>
            {p.actor ? (
              <nav class="site-nav" aria-label="主なメニュー">
                <ul>
                  {pv ? (
                    <>
                      <li>
                        <a href={planHref(pv)}>計画と集計</a>
                      </li>
                      <li>
                        <a href={planHref(pv, "review")}>進捗（提出・承認）</a>
                      </li>
                      <li>
                        <a href={planHref(pv, "diagnostics")}>点検結果</a>
                      </li>
                    </>
                  ) : null}
                  <li>
                    <a href="/plans">計画の一覧</a>
                  </li>
                  {p.menu?.compareCities ? (
                    <li>
                      <a href="/compare">市町村の比較</a>
                    </li>
                  ) : null}
                  {p.menu?.importBook ? (
                    <li>
                      <a href="/import">取り込み</a>
                    </li>
                  ) : null}
                  {p.menu?.readAuditLog ? (
                    <li>
                      <a href="/audit">監査ログ</a>
                    </li>
                  ) : null}
                  {p.menu?.listUsers ? (
                    <li>
                      <a href="/users">利用者</a>
                    </li>
                  ) : null}
                </ul>
              </nav>
            ) : null}
            {p.actor ? (
              <form class="site-user" method="post" action="/logout">
                <span>
                  {p.actor.displayName}（{ROLE_LABELS[p.actor.role]}
                  {p.actor.department ? `・${p.actor.department}` : ""}）
                </span>
                <a href="/account/password">パスワードの変更</a>
                <input type="hidden" name="_csrf" value={p.csrf} />
                <button type="submit" class="button button--text">
                  ログアウト
                </button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="main" class="main">
          {p.breadcrumbs && p.breadcrumbs.length > 0 ? (
            <nav aria-label="現在位置" class="breadcrumbs">
              <ol>
                {p.breadcrumbs.map((b) => (
                  <li>
                    <a href={b.href}>{b.label}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          {p.notice ? (
            <div class="notice notice--success" role="status">
              {p.notice}
            </div>
          ) : null}
          {p.children}
        </main>
        <footer class="site-footer">Hoshin — オープンソースの行政マネジメントシステム</footer>
      </body>
    </html>
  );
}

/** An error summary at the top of a form, linking to each field. */
export function ErrorSummary(p: { message: string; fields: { field: string; message: string }[] }) {
  return (
    <div class="notice notice--error" role="alert" tabindex={-1} id="error-summary">
      <p>
        <strong>{p.message}</strong>
      </p>
      {p.fields.length > 0 ? (
        <ul>
          {p.fields.map((f) => (
            <li>
              <a href={`#f-${fieldId(f.field)}`}>{f.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The id of a form control for a field key (`inputs.2025.total` → `inputs-2025-total`). */
export function fieldId(field: string): string {
  return field.replace(/[^A-Za-z0-9_-]/g, "-");
}
