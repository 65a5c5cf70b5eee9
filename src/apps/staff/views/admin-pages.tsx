import type { AuditEventRow } from "../../../db/audit.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { BookPreview } from "../../../usecases/plan/import-book.ts";
import type { PublicUser } from "../../../usecases/staff/manage-users.ts";
import { AuditTable, Hidden, Money, SeverityBadge } from "./components.tsx";
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

export function ImportPage(p: {
  csrf: string;
  city: string;
  error: { message: string; fields: { field: string; message: string }[] } | null;
}) {
  return (
    <>
      <h1>計画書の取り込み</h1>
      <p>
        実施計画書 兼 事業説明書のテキストファイル（UTF-8 または Shift_JIS）か、Hoshin から書き出して Excel
        で編集したブック（.xlsx）を選びます。次の画面で内容と点検結果を確かめてから取り込みます。確定するまで何も保存しません。
      </p>
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      <form method="post" action="/import" enctype="multipart/form-data" class="edit-form">
        <Hidden name="_csrf" value={p.csrf} />
        <div class="field">
          <label for="f-file">計画書ファイル</label>
          <input
            id="f-file"
            type="file"
            name="file"
            accept=".txt,.xlsx,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </div>
        <div class="field">
          <label for="f-city">市町村名（Excel ブックは空欄ならブックに記載の市町村）</label>
          <input id="f-city" type="text" name="city" value={p.city} />
        </div>
        <div class="field">
          <label for="f-fiscalYear">年度（空欄なら計画書から読み取ります）</label>
          <input id="f-fiscalYear" type="text" name="fiscalYear" inputmode="numeric" placeholder="例: 2024" />
        </div>
        <button type="submit" class="button button--primary">
          内容を確かめる
        </button>
      </form>
    </>
  );
}

export function ImportPreviewPage(p: { csrf: string; preview: BookPreview; fileName: string }) {
  const pv = p.preview;
  const errors = pv.plan.diagnostics.filter((d) => d.severity === "error").length;
  return (
    <>
      <h1>取り込む内容の確認</h1>
      <p>
        <strong>{p.fileName}</strong>（
        {pv.kind === "xlsx" ? "Excel ブック" : `テキスト、文字コード: ${pv.encoding ?? "—"}`}、識別:{" "}
        {pv.digest}）を {pv.city} {formatWarekiFiscalYear(pv.fiscalYear)}{" "}
        の実施計画として取り込みます。まだ何も保存していません。
      </p>
      <ul id="import-counts">
        <li>
          政策 {pv.counts.policies} 件、施策 {pv.counts.measures} 件
        </li>
        <li>
          事務事業 {pv.counts.projects} 件（うち予算のみ {pv.counts.budgetOnly} 件）
        </li>
        <li>
          点検結果 {pv.plan.diagnostics.length} 件（うち誤り {errors} 件）
        </li>
      </ul>
      {pv.existing ? (
        <div class="notice notice--warning">
          <p>
            {pv.city} {formatWarekiFiscalYear(pv.fiscalYear)} の計画は既に登録されています（
            {pv.existing.sourceName ?? "—"}）。
            取り込むと置き換わり、画面での編集内容と提出・承認の状態は失われます（監査ログは残ります）。
          </p>
          {pv.lostPolicies.length > 0 ? (
            <p>
              この計画書にない政策が登録されています:{" "}
              {pv.lostPolicies.map((x) => `政策${x.code}「${x.title}」`).join("、")}
              。取り込むとこれらも削除されます。
            </p>
          ) : null}
        </div>
      ) : null}
      <div class="table-wrap">
        <table class="table">
          <caption>年度別事業費の合計（千円）</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col" class="num">
                年度別事業費
              </th>
              <th scope="col" class="num">
                一般財源
              </th>
              <th scope="col" class="num">
                事務事業数
              </th>
            </tr>
          </thead>
          <tbody>
            {pv.totals.map((r) => (
              <tr>
                <th scope="row">{formatWarekiFiscalYear(r.fiscalYear)}</th>
                <td class="num">
                  <Money value={r.total} />
                </td>
                <td class="num">
                  <Money value={r.generalRevenue} />
                </td>
                <td class="num">{r.projects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>点検結果</h2>
      {pv.plan.diagnostics.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <div class="table-wrap">
          <table class="table" id="preview-diagnostics">
            <caption>
              {pv.kind === "xlsx"
                ? "ブックの点検結果（行は元の計画書の行番号、ブックで見つかった点はシートとセルを内容に記載）"
                : "計画書の点検結果（行は計画書の行番号）"}
            </caption>
            <thead>
              <tr>
                <th scope="col">区分</th>
                <th scope="col">行</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {pv.plan.diagnostics.map((d) => (
                <tr>
                  <td>
                    <SeverityBadge severity={d.severity} />
                  </td>
                  <td class="num">{d.line ?? "—"}</td>
                  <td>{d.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action="/import/confirm" class="actions">
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="city" value={pv.city} />
        <Hidden name="fiscalYear" value={pv.fiscalYear} />
        <Hidden name="fileName" value={p.fileName} />
        <Hidden name="replace" value={pv.lostPolicies.length > 0 ? "on" : ""} />
        <Hidden name="data" value={pv.data} />
        <button type="submit" class="button button--primary">
          取り込む
        </button>
        <a class="button button--secondary" href="/import">
          やめる
        </a>
      </form>
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
