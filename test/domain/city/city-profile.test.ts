import { describe, expect, it } from "vitest";
import {
  normaliseSimilarityGroup,
  parseCityProfile,
  SIMILARITY_GROUPS,
} from "../../../src/domain/city/city-profile.ts";

const EMPTY = { population: null, populationYear: null, similarityGroup: null };

describe("類似団体区分", () => {
  it("lists 4 special classes, 都市 Ⅰ–Ⅳ × 0–3 and 町村 Ⅰ–Ⅴ × 0–2: 4 + 16 + 15 = 35", () => {
    expect(SIMILARITY_GROUPS).toHaveLength(35);
    expect(SIMILARITY_GROUPS).toContain("都市Ⅳ-3");
    expect(SIMILARITY_GROUPS).not.toContain("都市Ⅴ-0");
    expect(SIMILARITY_GROUPS).toContain("町村Ⅴ-2");
    expect(SIMILARITY_GROUPS).not.toContain("町村Ⅰ-3");
  });

  it.each([
    ["都市Ⅰ-2", "都市Ⅰ-2"],
    ["都市II-1", "都市Ⅱ-1"],
    ["都市２－１", "都市Ⅱ-1"],
    ["町村 Ⅳ-1", "町村Ⅳ-1"],
    ["中核市", "中核市"],
    ["都市Ⅴ-0", null],
    ["町村Ⅰ-3", null],
    ["村Ⅰ-1", null],
  ])("%s → %s", (typed, canonical) => {
    expect(normaliseSimilarityGroup(typed)).toBe(canonical);
  });
});

describe("parseCityProfile", () => {
  it("reads the population with separators and full-width digits, its year, the class", () => {
    expect(
      parseCityProfile(
        { population: "４１,２３４", populationYear: "2020", similarityGroup: "都市I-2" },
        EMPTY,
      ),
    ).toEqual({
      profile: { population: 41234, populationYear: 2020, similarityGroup: "都市Ⅰ-2" },
      problems: [],
    });
  });

  it("keeps what is not given, clears what is given empty", () => {
    const current = { population: 41234, populationYear: 2020, similarityGroup: "都市Ⅰ-2" };
    expect(parseCityProfile({ similarityGroup: "" }, current).profile).toEqual({
      ...current,
      similarityGroup: null,
    });
    expect(parseCityProfile({}, current).profile).toEqual(current);
  });

  it("names each field it cannot read, in Japanese", () => {
    const r = parseCityProfile({ population: "0", populationYear: "R2", similarityGroup: "大都市" }, EMPTY);
    expect(r.problems).toEqual([
      { field: "population", message: "人口「0」は1以上の整数（人）で入力してください（例: 41234）。" },
      {
        field: "populationYear",
        message: "人口の基準年「R2」は西暦4桁で入力してください（例: 令和2年国勢調査なら 2020）。",
      },
      {
        field: "similarityGroup",
        message:
          "類似団体区分「大都市」は「都市Ⅰ-2」「町村Ⅳ-1」「中核市」「特別区」などの区分で入力してください。",
      },
    ]);
    expect(parseCityProfile({ population: "41234.5" }, EMPTY).problems[0]?.field).toBe("population");
  });
});
