import type { AuditEventRow } from "../../../db/audit.ts";
import type { PublicUser } from "../../../usecases/staff/manage-users.ts";
import { AuditTable, Hidden } from "./components.tsx";

export function LoginPage(p: { csrf: string; loginName: string; error: string | null; next: string }) {
  return (
    <div class="narrow">
      <h1>ログイン</h1>
      {p.error ? (
        <div class="notice notice--error" role="alert">
          <p>{p.error}</p>
        </div>
      ) : null}
      <form method="post" action="/login" class="edit-form">
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="next" value={p.next} />
        <div class="field">
          <label for="f-loginName">ログイン名</label>
          <input
            id="f-loginName"
            name="loginName"
            type="text"
            autocomplete="username"
            value={p.loginName}
            required
          />
        </div>
        <div class="field">
          <label for="f-password">パスワード</label>
          <input id="f-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit" class="button button--primary">
          ログイン
        </button>
      </form>
      <p class="hint">
        最初の管理者は、サーバーで <code>npx hoshin user add --admin</code> を実行して作成します。
      </p>
    </div>
  );
}

export function AuditPage(p: {
  events: AuditEventRow[];
  users: PublicUser[];
  departments: string[];
  filter: { userId: string; department: string; from: string; to: string };
  error: string | null;
}) {
  return (
    <>
      <h1>監査ログ</h1>
      <form method="get" action="/audit" class="filter-form">
        <div class="field">
          <label for="f-user">利用者</label>
          <select id="f-user" name="user">
            <option value="">すべて</option>
            {p.users.map((u) => (
              <option value={String(u.id)} selected={p.filter.userId === String(u.id)}>
                {u.displayName}（{u.loginName}）
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-department">所管課</label>
          <select id="f-department" name="department">
            <option value="">すべて</option>
            {p.departments.map((d) => (
              <option value={d} selected={p.filter.department === d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-from">開始日</label>
          <input id="f-from" type="date" name="from" value={p.filter.from} />
        </div>
        <div class="field">
          <label for="f-to">終了日</label>
          <input id="f-to" type="date" name="to" value={p.filter.to} />
        </div>
        <button type="submit" class="button button--secondary">
          絞り込む
        </button>
      </form>
      {p.error ? (
        <div class="notice notice--error" role="alert">
          <p>{p.error}</p>
        </div>
      ) : null}
      <AuditTable events={p.events} caption="監査ログ（新しい順、最大500件）" showTarget />
    </>
  );
}

export function ErrorPage(p: { title: string; message: string }) {
  return (
    <div class="narrow">
      <h1>{p.title}</h1>
      <p>{p.message}</p>
      <p>
        <a href="/">トップへ戻る</a>
      </p>
    </div>
  );
}
