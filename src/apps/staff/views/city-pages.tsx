import type { City } from "../../../domain/city/city.ts";
import { SIMILARITY_GROUPS } from "../../../domain/city/city-profile.ts";
import { Hidden, TextField } from "./components.tsx";

/** 「41,234人（2020年）」 or 「未登録」. */
export function populationText(c: Pick<City, "population" | "populationYear">): string {
  if (c.population === null) return "未登録";
  return `${c.population.toLocaleString("ja-JP")}人${c.populationYear ? `（${c.populationYear}年）` : ""}`;
}

/** A city's page: who it is, and (管理者) the form for its population and 類似団体区分. */
export function CityPage(p: {
  city: City;
  canEdit: boolean;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  saved: boolean;
}) {
  const c = p.city;
  return (
    <>
      <h1>
        {c.name}（{c.prefecture}）
      </h1>
      {p.saved ? (
        <div class="notice notice--success" role="status">
          <p>市町村の情報を保存しました。</p>
        </div>
      ) : null}
      <table class="table table--compact">
        <caption>市町村の情報</caption>
        <tbody>
          <tr>
            <th scope="row">全国地方公共団体コード</th>
            <td>{c.code}</td>
          </tr>
          <tr>
            <th scope="row">名称（よみ）</th>
            <td>
              {c.prefecture}
              {c.name}（{c.nameKana ?? "—"}）
            </td>
          </tr>
          <tr>
            <th scope="row">人口</th>
            <td>{populationText(c)}</td>
          </tr>
          <tr>
            <th scope="row">類似団体区分</th>
            <td>{c.similarityGroup ?? "未登録"}</td>
          </tr>
        </tbody>
      </table>
      {p.canEdit ? (
        <form method="post" action={`/cities/${c.code}/profile`} class="edit-form">
          <h2>人口と類似団体区分を変更する</h2>
          <Hidden name="_csrf" value={p.csrf} />
          <TextField
            name="population"
            label="人口（人）"
            hint="一人当たりの金額の比較に使います。空欄にすると未登録に戻ります。例: 41234"
            values={p.values}
            errors={p.errors}
          />
          <TextField
            name="populationYear"
            label="人口の基準年（西暦）"
            hint="例: 令和2年国勢調査なら 2020"
            values={p.values}
            errors={p.errors}
          />
          <TextField
            name="similarityGroup"
            label="類似団体区分"
            hint={`総務省「類似団体別市町村財政指数表」の区分。比較する市町村の選択に使います。例: ${SIMILARITY_GROUPS.slice(4, 7).join("、")}、町村Ⅳ-1、中核市`}
            values={p.values}
            errors={p.errors}
          />
          <button type="submit" class="button button--primary">
            保存する
          </button>
        </form>
      ) : null}
      <p>
        <a href="/plans">実施計画の一覧へ</a>
      </p>
    </>
  );
}
