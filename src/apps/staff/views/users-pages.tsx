import type { CityScope } from "../../../domain/access.ts";
import { ROLE_LABELS } from "../../../domain/access.ts";
import type { AccountChoices, PublicUser } from "../../../usecases/staff/manage-users.ts";
import { MIN_PASSWORD_LENGTH } from "../../../usecases/staff/passwords.ts";
import { Hidden } from "./components.tsx";
import { ErrorSummary } from "./layout.tsx";

/** The departments of the plans as a select (a department of a user no longer in them stays choosable). */
function DepartmentSelect(p: {
  id?: string;
  name: string;
  departments: string[];
  value: string;
  label?: string;
}) {
  const options =
    p.value !== "" && !p.departments.includes(p.value) ? [p.value, ...p.departments] : p.departments;
  return (
    <select id={p.id} name={p.name} aria-label={p.label}>
      <option value="">（なし）</option>
      {options.map((d) => (
        <option value={d} selected={p.value === d}>
          {d}
        </option>
      ))}
    </select>
  );
}

/**
 * The cities of an account as checkboxes (名前 and code, of the cities the administrator may give) and, for
 * an all-cities administrator, the システム管理者 box.
 */
function CityChoices(p: { choices: AccountChoices; value: CityScope; who: string; idPrefix: string }) {
  const all = p.value === "all";
  return (
    <fieldset class="city-choices" id={`${p.idPrefix}-cities`}>
      <legend>{p.who}の市町村</legend>
      {p.choices.cities.map((c) => (
        <label>
          <input
            type="checkbox"
            name="cities"
            value={c.code}
            checked={!all && p.value.includes(c.code)}
            aria-label={`${p.who}: ${c.prefecture}${c.name}（${c.code}）`}
          />{" "}
          {c.name}（{c.code}）
        </label>
      ))}
      {p.choices.allCities ? (
        <label>
          <input type="checkbox" name="allCities" id={`${p.idPrefix}-all-cities`} checked={all} />{" "}
          全市町村（システム管理者）
        </label>
      ) : null}
    </fieldset>
  );
}

/** 「小諸市（202088）・上田市（202037）」 or 「全市町村」. */
function citiesText(cities: CityScope, choices: AccountChoices): string {
  if (cities === "all") return "全市町村";
  const names = new Map(choices.cities.map((c) => [c.code, c.name]));
  return cities.map((code) => `${names.get(code) ?? ""}（${code}）`).join("・") || "（なし）";
}

export function UsersPage(p: {
  users: PublicUser[];
  choices: AccountChoices;
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
              <th scope="col">市町村</th>
              <th scope="col">役割・所属課・市町村・状態の変更</th>
            </tr>
          </thead>
          <tbody>
            {p.users.map((u) => (
              <tr>
                <td>{u.loginName}</td>
                <td>{u.displayName}</td>
                <td>{citiesText(u.cities, p.choices)}</td>
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
                    <DepartmentSelect
                      name="department"
                      departments={p.departments}
                      value={u.department ?? ""}
                      label={`${u.loginName}の所属課`}
                    />
                    <CityChoices
                      choices={p.choices}
                      value={u.cities}
                      who={u.loginName}
                      idPrefix={`u${u.id}`}
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
                  <form method="post" action={`/users/${u.id}/unlock`} class="user-row-form">
                    <Hidden name="_csrf" value={p.csrf} />
                    <button type="submit" class="button button--text">
                      ログインの制限を解除
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
                autocomplete={type === "password" ? "new-password" : "off"}
              />
            </div>
          ))}
          <div class={`field${err.get("department") ? " field--error" : ""}`}>
            <label for="f-department">所属課（担当課の場合）</label>
            <p class="hint">登録された計画の所管課から選びます</p>
            {err.get("department") ? <p class="error-text">{err.get("department")}</p> : null}
            <DepartmentSelect
              id="f-department"
              name="department"
              departments={p.departments}
              value={v.department ?? ""}
            />
          </div>
          <div class={`field${err.get("cities") ? " field--error" : ""}`}>
            {err.get("cities") ? <p class="error-text">{err.get("cities")}</p> : null}
            <CityChoices
              choices={p.choices}
              value={
                v.cities === "all"
                  ? "all"
                  : v.cities === undefined && p.choices.cities.length === 1
                    ? // An instance of one city: that city, unless the form comes back with what was ticked.
                      p.choices.cities.map((x) => x.code)
                    : (v.cities ?? "").split(",").filter(Boolean)
              }
              who="追加する利用者"
              idPrefix="f"
            />
          </div>
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

/** Every role's own password: the current one, the new one twice. */
export function PasswordPage(p: {
  csrf: string;
  error: { message: string; fields: { field: string; message: string }[] } | null;
}) {
  const err = new Map((p.error?.fields ?? []).map((f) => [f.field, f.message]));
  return (
    <div class="narrow">
      <h1>パスワードの変更</h1>
      <p>変更すると、ほかの端末やブラウザーでのログインは終了します。</p>
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      <form method="post" action="/account/password" class="edit-form">
        <Hidden name="_csrf" value={p.csrf} />
        {(
          [
            ["current", "現在のパスワード", "current-password", ""],
            ["password", "新しいパスワード", "new-password", `${MIN_PASSWORD_LENGTH}文字以上`],
            ["confirmation", "新しいパスワード（確認）", "new-password", "同じものをもう一度"],
          ] as const
        ).map(([name, label, autocomplete, hint]) => (
          <div class={`field${err.get(name) ? " field--error" : ""}`}>
            <label for={`f-${name}`}>{label}</label>
            {hint ? <p class="hint">{hint}</p> : null}
            {err.get(name) ? <p class="error-text">{err.get(name)}</p> : null}
            <input id={`f-${name}`} name={name} type="password" autocomplete={autocomplete} required />
          </div>
        ))}
        <button type="submit" class="button button--primary">
          変更する
        </button>
      </form>
    </div>
  );
}
