import { type SQL, sql } from "drizzle-orm";
import { cityCodeProblem, normaliseCityCode } from "../domain/city/city-code.ts";
import type { Database } from "./client.ts";
import { type Municipality, municipalitiesNamed, municipalityByCode } from "./municipalities.ts";

/**
 * Before migration 0005_municipalities: a database made before city codes names its cities only. Their codes
 * are decided here, by name from the master list (小諸市 → 202088), or from `HOSHIN_CITY_CODES`
 * (「伊達市=012335,府中市=132063」) for a name two municipalities share or one the list does not know, and handed
 * to the migration in the table it reads (city_code_assignments). When a city cannot be decided, this
 * throws with every such name, its candidates and what to set, before anything is changed.
 */
export async function assignLegacyCityCodes(
  db: Database,
  env = process.env.HOSHIN_CITY_CODES,
): Promise<void> {
  const legacy = await rows<{ n: number }>(
    db,
    sql`
    select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = 'cities' and column_name = 'id'`,
  );
  if (Number(legacy[0]?.n ?? 0) === 0) return;
  const names = (await rows<{ name: string }>(db, sql`select name from cities order by name`)).map(
    (r) => r.name,
  );
  const given = parseCityCodeSetting(env);
  const decided: { name: string; m: Municipality }[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const code = given.get(name);
    if (code !== undefined) {
      const m = municipalityByCode(code);
      if (m) decided.push({ name, m });
      else
        problems.push(
          `HOSHIN_CITY_CODES の「${name}=${code}」: ${cityCodeProblem(code) ?? "この番号の市区町村はありません。"}`,
        );
      continue;
    }
    const candidates = municipalitiesNamed(name);
    const [only] = candidates;
    if (candidates.length === 1 && only) decided.push({ name, m: only });
    else if (candidates.length === 0)
      problems.push(`「${name}」: 全国地方公共団体コードの一覧にこの名前の市区町村がありません。`);
    else {
      const list = candidates.map((c) => `${c.code} ${c.prefecture}${c.name}`).join("、");
      problems.push(`「${name}」: 同じ名前の市区町村が${candidates.length}つあります（${list}）。`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `保存されている市町村の全国地方公共団体コードを決められないため、データベースを更新できません（何も変更していません）。\n${problems.join("\n")}\n環境変数 HOSHIN_CITY_CODES に「市町村名=コード」をコンマ区切りで指定して起動し直してください（例: HOSHIN_CITY_CODES="伊達市=012335"）。`,
    );
  }
  await db.execute(sql`create table if not exists city_code_assignments (
    name text primary key not null, code text not null, name_kana text, prefecture text not null)`);
  for (const { name, m } of decided) {
    await db.execute(sql`insert into city_code_assignments (name, code, name_kana, prefecture)
      values (${name}, ${m.code}, ${m.kana}, ${m.prefecture}) on conflict (name) do nothing`);
  }
}

/** The rows of a raw query, on either driver (both answer `{ rows }`). */
async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** 「伊達市=012335,府中市=132063」 → name → code (codes normalised; a malformed entry is skipped by the caller's check). */
export function parseCityCodeSetting(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (text ?? "").split(/[,、]/)) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    out.set(part.slice(0, i).trim(), normaliseCityCode(part.slice(i + 1)));
  }
  return out;
}
