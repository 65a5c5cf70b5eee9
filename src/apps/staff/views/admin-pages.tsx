import type { AuditEventRow } from "../../../db/audit.ts";
import { ROLE_LABELS } from "../../../domain/access.ts";
import type { PublicUser } from "../../../usecases/staff/manage-users.ts";
import { MIN_PASSWORD_LENGTH } from "../../../usecases/staff/passwords.ts";
import { AuditTable, Hidden } from "./components.tsx";
import { ErrorSummary } from "./layout.tsx";

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

export function UsersPage(p: {
  users: PublicUser[];
  departments: string[];
  csrf: string;
  values: Record<string, string>;
  error: { message: string; fields: { field: string; message: string }[] } | null;
}) {
  const v = p.values;
  const err = new Map((p.error?.fields ?? []).map((f) => [f.field, f.message]));
  return (
    <>
      <h1>利用者</h1>
      <div class="table-wrap">
        <table class="table" id="users">
          <caption>登録されている利用者</caption>
          <thead>
            <tr>
              <th scope="col">ログイン名</th>
              <th scope="col">氏名</th>
              <th scope="col">役割・所属課・状態の変更</th>
            </tr>
          </thead>
          <tbody>
            {p.users.map((u) => (
              <tr>
                <td>{u.loginName}</td>
                <td>{u.displayName}</td>
                <td>
                  <form method="post" action={`/users/${u.id}`} class="user-row-form">
                    <Hidden name="_csrf" value={p.csrf} />
                    <select name="role" aria-label={`${u.loginName}の役割`}>
                      {(["admin", "department", "viewer"] as const).map((r) => (
                        <option value={r} selected={u.role === r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                    <input
                      name="department"
                      type="text"
                      list="departments"
                      value={u.department ?? ""}
                      aria-label={`${u.loginName}の所属課`}
                      placeholder="所属課"
                    />
                    <label>
                      <input type="checkbox" name="disabled" checked={u.disabled} /> 無効
                    </label>
                    <input
                      name="password"
                      type="password"
                      autocomplete="new-password"
                      aria-label={`${u.loginName}の新しいパスワード`}
                      placeholder="新しいパスワード（変更時のみ）"
                    />
                    <button type="submit" class="button button--secondary">
                      変更
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <datalist id="departments">
        {p.departments.map((d) => (
          <option value={d} />
        ))}
      </datalist>
      <h2>利用者を追加</h2>
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      <form method="post" action="/users" class="edit-form">
        <Hidden name="_csrf" value={p.csrf} />
        <div class="grid-2">
          {(
            [
              ["loginName", "ログイン名", "text", "半角英数字と . _ -"],
              ["displayName", "氏名", "text", ""],
              ["password", "初期パスワード", "password", `${MIN_PASSWORD_LENGTH}文字以上`],
              ["department", "所属課（担当課の場合）", "text", "例: 企画課"],
            ] as const
          ).map(([name, label, type, hint]) => (
            <div class={`field${err.get(name) ? " field--error" : ""}`}>
              <label for={`f-${name}`}>{label}</label>
              {hint ? <p class="hint">{hint}</p> : null}
              {err.get(name) ? <p class="error-text">{err.get(name)}</p> : null}
              <input
                id={`f-${name}`}
                name={name}
                type={type}
                value={type === "password" ? "" : (v[name] ?? "")}
                list={name === "department" ? "departments" : undefined}
                autocomplete={type === "password" ? "new-password" : "off"}
              />
            </div>
          ))}
          <div class="field">
            <label for="f-role">役割</label>
            <select id="f-role" name="role">
              {(["department", "viewer", "admin"] as const).map((r) => (
                <option value={r} selected={v.role === r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="button button--primary">
          追加する
        </button>
      </form>
    </>
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
