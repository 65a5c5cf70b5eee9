import { municipalitiesNamed, municipalityByCode } from "../../db/municipalities.ts";
import type { CityIdentity } from "../../domain/city/city.ts";
import { cityCodeProblem, normaliseCityCode } from "../../domain/city/city-code.ts";
import { HoshinError } from "../errors.ts";

/**
 * A city as typed (`--city`, a form, an API path): its 6-digit 全国地方公共団体コード (202088, full-width digits
 * too) or a name that only one municipality has (小諸市; 「長野県小諸市」 for a shared one). 「伊達市」 is refused
 * with both candidates and their codes, so the user chooses; a code with a wrong check digit or unknown to the
 * master list (db/municipalities.ts) is refused with the reason. Throws HoshinError "invalid-input" (field
 * `city`).
 */
export function resolveCity(text: unknown): CityIdentity {
  if (typeof text !== "string" || text.trim() === "") {
    throw invalid("市町村を全国地方公共団体コードか名前で指定してください（例: 202088 または 小諸市）。");
  }
  const typed = text.trim();
  if (/^[0-9０-９]+$/.test(typed)) {
    const problem = cityCodeProblem(typed);
    if (problem) throw invalid(problem);
    const m = municipalityByCode(normaliseCityCode(typed));
    if (!m) throw invalid(`全国地方公共団体コード「${normaliseCityCode(typed)}」の市区町村はありません。`);
    return { code: m.code, name: m.name, nameKana: m.kana, prefecture: m.prefecture };
  }
  const candidates = municipalitiesNamed(typed);
  const [only] = candidates;
  if (candidates.length === 1 && only) {
    return { code: only.code, name: only.name, nameKana: only.kana, prefecture: only.prefecture };
  }
  if (candidates.length === 0) {
    throw invalid(
      `「${typed}」という市区町村は全国地方公共団体コードの一覧にありません。名前（例: 小諸市）かコード（例: 202088）を確かめてください。`,
    );
  }
  const list = candidates.map((c) => `${c.code}（${c.prefecture}${c.name}）`).join("、");
  throw invalid(
    `「${typed}」という市区町村は${candidates.length}つあります: ${list}。どれかを全国地方公共団体コードで指定してください。`,
  );
}

function invalid(message: string): HoshinError {
  return new HoshinError("invalid-input", message, { fields: [{ field: "city", message }] });
}
