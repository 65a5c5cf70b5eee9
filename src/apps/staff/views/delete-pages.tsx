import { Hidden } from "./components.tsx";

/** What the pages of a deletion show: the target and its counts (usecases/plan/delete-plan.ts). */
interface DeletionView {
  label: string;
  city: string;
  cityCode: string;
  fiscalYear: number | null;
  counts: {
    fiscalYears: number[];
    policies: number;
    measures: number;
    projects: number;
    evaluations: number;
  };
}

function Counts(p: { counts: DeletionView["counts"] }) {
  const c = p.counts;
  return (
    <table class="table table--compact">
      <caption>削除されるもの</caption>
      <tbody>
        <tr>
          <th scope="row">年度</th>
          <td>{c.fiscalYears.length > 0 ? c.fiscalYears.map((y) => `${y}年度`).join("、") : "なし"}</td>
        </tr>
        <tr>
          <th scope="row">政策</th>
          <td class="num">{c.policies}件</td>
        </tr>
        <tr>
          <th scope="row">施策</th>
          <td class="num">{c.measures}件</td>
        </tr>
        <tr>
          <th scope="row">事務事業</th>
          <td class="num">{c.projects}件</td>
        </tr>
        <tr>
          <th scope="row">評価シート（事務事業評価・施策評価）</th>
          <td class="num">{c.evaluations}件</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The confirmation: what goes, and one clearly labelled button. Nothing is deleted before it is pressed. */
export function DeleteConfirmPage(p: { deletion: DeletionView; csrf: string }) {
  const d = p.deletion;
  return (
    <>
      <h1>{d.label}の削除</h1>
      <p>
        {d.fiscalYear === null
          ? `市町村「${d.city}」と、そのすべての年度の実施計画を削除します。`
          : `${d.city}の${d.fiscalYear}年度の実施計画を削除します。`}
        削除すると元に戻せません（監査ログには削除したことが残ります）。公開 API からも消えます。
      </p>
      <Counts counts={d.counts} />
      <form method="post" action="/delete" class="edit-form">
        <Hidden name="_csrf" value={p.csrf} />
        <Hidden name="city" value={d.cityCode} />
        <Hidden name="year" value={d.fiscalYear === null ? "" : d.fiscalYear} />
        <div class="field">
          <label>
            <input type="checkbox" name="confirm" value="yes" required /> 上の内容を削除することを確認しました
          </label>
        </div>
        <button type="submit" class="button button--danger">
          {d.label}を削除する
        </button>
        <a href="/plans" class="button">
          やめる
        </a>
      </form>
    </>
  );
}

export function DeletedPage(p: { deletion: DeletionView }) {
  return (
    <>
      <h1>{p.deletion.label}を削除しました</h1>
      <Counts counts={p.deletion.counts} />
      <p>
        <a href="/plans">実施計画の一覧へ</a>
      </p>
    </>
  );
}
