import { blockerText, type ImportBlocker } from "../../../domain/checks/import-findings.ts";
import { describeRemovals } from "../../../domain/checks/import-removals.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { BookPreview } from "../../../usecases/plan/import-book.ts";
import { Hidden, Money, SeverityBadge } from "./components.tsx";
import { ErrorSummary } from "./layout.tsx";

export function ImportPage(p: {
  csrf: string;
  city: string;
  fiscalYear: string;
  error: { message: string; fields: { field: string; message: string }[]; problems?: string[] } | null;
}) {
  return (
    <>
      <h1>計画書の取り込み</h1>
      <p>
        実施計画書 兼 事業説明書のテキストファイル（UTF-8 または Shift_JIS）か、Hoshin から書き出して Excel
        で編集したブック（.xlsx）を選びます。政策ごとに分かれた同じ年度の計画書は、まとめて選べます。次の画面で内容と点検結果を確かめてから取り込みます。確定するまで何も保存しません。
      </p>
      {p.error ? <ErrorSummary message={p.error.message} fields={p.error.fields} /> : null}
      {p.error?.problems && p.error.problems.length > 0 ? (
        <ul id="import-problems">
          {p.error.problems.map((x) => (
            <li>{x}</li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/import" enctype="multipart/form-data" class="edit-form">
        <Hidden name="_csrf" value={p.csrf} />
        <div class="field">
          <label for="f-file">計画書ファイル（政策ごとのファイルは複数選べます）</label>
          <input
            id="f-file"
            type="file"
            name="file"
            multiple
            accept=".txt,.xlsx,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </div>
        <div class="field">
          <label for="f-city">
            市町村（全国地方公共団体コード、または名前。Excel ブックは空欄ならブックに記載の市町村）
          </label>
          <input id="f-city" type="text" name="city" value={p.city} autocomplete="off" />
        </div>
        <div class="field">
          <label for="f-fiscalYear">年度（西暦か和暦。空欄なら計画書から読み取ります）</label>
          <input
            id="f-fiscalYear"
            type="text"
            name="fiscalYear"
            value={p.fiscalYear}
            placeholder="例: 2024 または 令和6年度"
          />
        </div>
        <button type="submit" class="button button--primary">
          内容を確かめる
        </button>
      </form>
    </>
  );
}

function Blockers(p: { blockers: ImportBlocker[] }) {
  return (
    <div class="notice notice--error" role="alert" id="import-blockers">
      <p>
        <strong>
          計画書に読み取れない箇所が {p.blockers.length}{" "}
          件あるため、取り込めません。計画書を直すか、元のファイルを確かめてから選び直してください。
        </strong>
      </p>
      <ul>
        {p.blockers.map((b) => (
          <li>{blockerText(b)}</li>
        ))}
      </ul>
    </div>
  );
}

function FileHidden(p: { preview: BookPreview }) {
  return (
    <>
      {p.preview.files.map((f) => (
        <>
          <Hidden name="fileName" value={f.name} />
          <Hidden name="data" value={f.data} />
        </>
      ))}
    </>
  );
}

export function ImportPreviewPage(p: { csrf: string; preview: BookPreview }) {
  const pv = p.preview;
  const errors = pv.plan.diagnostics.filter((d) => d.severity === "error").length;
  const several = pv.files.length > 1;
  const confirm = (replace: string) => (
    <>
      <Hidden name="_csrf" value={p.csrf} />
      <Hidden name="city" value={pv.city.code} />
      <Hidden name="fiscalYear" value={pv.fiscalYear} />
      <Hidden name="replace" value={replace} />
      <FileHidden preview={pv} />
    </>
  );
  return (
    <>
      <h1>取り込む内容の確認</h1>
      <ul id="import-files">
        {pv.files.map((f) => (
          <li>
            <strong>{f.name}</strong>（
            {f.kind === "xlsx" ? "Excel ブック" : `テキスト、文字コード: ${f.encoding ?? "—"}`}、識別:{" "}
            {f.digest}
            {several ? `、政策 ${f.policies} 件` : ""}）
          </li>
        ))}
      </ul>
      <p>
        {several ? "これらのファイルをまとめて" : ""}
        {pv.city.name}（{pv.city.prefecture}、全国地方公共団体コード {pv.city.code}）{" "}
        {formatWarekiFiscalYear(pv.fiscalYear)} の実施計画として取り込みます。まだ何も保存していません。
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
      {pv.blockers.length > 0 ? <Blockers blockers={pv.blockers} /> : null}
      {pv.existing ? (
        <div class="notice notice--warning">
          <p>
            {pv.city.name} {formatWarekiFiscalYear(pv.fiscalYear)} の計画は既に登録されています（
            {pv.existing.sourceName ?? "—"}）。
            取り込むと置き換わり、画面での編集内容と提出・承認の状態は失われます（監査ログは残ります）。
          </p>
        </div>
      ) : null}
      {pv.removals.length > 0 ? (
        <div class="notice notice--error" id="import-removals">
          <p>
            <strong>
              この計画書にないため、取り込むと次のもの（{pv.removalSummary}）が登録済みの計画から削除されます:
            </strong>
          </p>
          <ul>
            {describeRemovals(pv.removals).map((l) => (
              <li>{l}</li>
            ))}
          </ul>
          <p>政策ごとに分かれた計画書は、すべてのファイルをまとめて選んでください。</p>
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
              {pv.files.some((f) => f.kind === "xlsx")
                ? "点検結果（行は元の計画書の行番号、ブックで見つかった点はシートとセルを内容に記載）"
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
      <div class="actions">
        {pv.blockers.length === 0 && pv.removals.length === 0 ? (
          <form method="post" action="/import/confirm">
            {confirm("")}
            <button type="submit" class="button button--primary">
              取り込む
            </button>
          </form>
        ) : null}
        {pv.blockers.length === 0 && pv.removals.length > 0 ? (
          <form method="post" action="/import/confirm" id="import-replace">
            {confirm(pv.removalFingerprint)}
            <button type="submit" class="button button--danger">
              置き換えて取り込む（{pv.removalSummary}を削除）
            </button>
          </form>
        ) : null}
        <a class="button button--secondary" href="/import">
          {pv.blockers.length > 0 ? "ファイルを選び直す" : "やめる"}
        </a>
      </div>
    </>
  );
}
