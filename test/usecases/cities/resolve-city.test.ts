import { describe, expect, it } from "vitest";
import { resolveCity } from "../../../src/usecases/cities/resolve-city.ts";
import { HoshinError } from "../../../src/usecases/errors.ts";

function refusal(text: unknown): string {
  try {
    resolveCity(text);
  } catch (e) {
    expect(e).toBeInstanceOf(HoshinError);
    expect((e as HoshinError).code).toBe("invalid-input");
    expect((e as HoshinError).fields[0]?.field).toBe("city");
    return (e as HoshinError).message;
  }
  throw new Error(`resolved: ${String(text)}`);
}

describe("resolveCity: a code or an unambiguous name", () => {
  it("takes the code, in full-width digits too, and names the city from the master list", () => {
    const komoro = { code: "202088", name: "小諸市", nameKana: "こもろし", prefecture: "長野県" };
    expect(resolveCity("202088")).toEqual(komoro);
    expect(resolveCity("２０２０８８")).toEqual(komoro);
    expect(resolveCity(" 小諸市 ")).toEqual(komoro);
    expect(resolveCity("長野県小諸市")).toEqual(komoro);
    expect(resolveCity("千代田区").code).toBe("131016");
  });

  it("asks which when two municipalities have the name, with both codes", () => {
    expect(refusal("伊達市")).toBe(
      "「伊達市」という市区町村は2つあります: 012335（北海道伊達市）、072133（福島県伊達市）。どれかを全国地方公共団体コードで指定してください。",
    );
    expect(resolveCity("福島県伊達市").code).toBe("072133");
    expect(resolveCity("012335").prefecture).toBe("北海道");
    expect(refusal("府中市")).toContain("132063（東京都府中市）");
  });

  it("refuses a typo, a wrong check digit, an unknown code and nothing typed", () => {
    expect(refusal("小諸巿")).toContain("「小諸巿」という市区町村は全国地方公共団体コードの一覧にありません");
    expect(refusal("202089")).toContain("検査数字（6桁目）が合いません");
    expect(refusal("2020")).toContain("6桁の数字です");
    // 99999x: well formed (the check digit of 99999 is 9·20=180, 180 mod 11=4, 11−4=7) but no such municipality.
    expect(refusal("999997")).toBe("全国地方公共団体コード「999997」の市区町村はありません。");
    expect(refusal("")).toContain("全国地方公共団体コードか名前で指定してください");
    expect(refusal(undefined)).toContain("全国地方公共団体コードか名前で指定してください");
  });
});
