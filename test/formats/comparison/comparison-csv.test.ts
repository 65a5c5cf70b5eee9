import { describe, expect, it } from "vitest";
import { compareCityYears } from "../../../src/domain/comparison/compare.ts";
import { parseClassification } from "../../../src/domain/plan/classification.ts";
import { comparisonCsv } from "../../../src/formats/comparison/comparison-csv.ts";
import { readCsv } from "../../../src/formats/open-data/csv.ts";

const city = { code: "202088", name: "小諸市", prefecture: "長野県", population: 3, populationYear: 2020 };

describe("comparisonCsv", () => {
  const c = compareCityYears("2024", [
    {
      city: { ...city, similarityGroup: null },
      published: {
        approval: { projects: { approved: 2, total: 2 }, measures: { approved: 0, total: 1 } },
        policies: [
          {
            code: "1",
            title: "協働",
            measures: [
              {
                outcomeIndicators: [],
                projects: [
                  {
                    classification: parseClassification("=HYPERLINK(1)・2総務費"),
                    inputs: {
                      "2024": {
                        total: 5,
                        nationalPrefectural: 0,
                        localBonds: 0,
                        otherEarmarked: 0,
                        generalRevenue: 5,
                      },
                    },
                  },
                  {
                    classification: parseClassification("一般会計・2総務費"),
                    inputs: {
                      "2024": {
                        total: 10,
                        nationalPrefectural: 0,
                        localBonds: 0,
                        otherEarmarked: 0,
                        generalRevenue: 10,
                      },
                    },
                  },
                ],
              },
            ],
          },
        ],
        evaluations: [],
      },
    },
  ]);
  const [header, ...rows] = readCsv(comparisonCsv(c)).rows;

  it("writes one figure a row, under the header", () => {
    expect(header).toEqual(["年度", "団体コード", "市町村", "表", "区分", "値", "単位"]);
    expect(rows[0]).toEqual([
      "2024",
      "202088",
      "小諸市",
      "公開の状況",
      "一部のみ承認済（事務事業 2／2件、施策 0／1件）",
      "",
      "",
    ]);
    expect(rows).toContainEqual(["2024", "202088", "小諸市", "財源別の事業費", "年度別事業費", "15", "千円"]);
    // 15,000 円 over 3 residents = 5,000 円
    expect(rows).toContainEqual([
      "2024",
      "202088",
      "小諸市",
      "人口1人当たりの事業費",
      "年度別事業費",
      "5000",
      "円",
    ]);
    // neither project has 国・県支出金
    expect(rows).toContainEqual([
      "2024",
      "202088",
      "小諸市",
      "人口1人当たりの事業費",
      "国・県支出金",
      "0",
      "円",
    ]);
    expect(rows).toContainEqual([
      "2024",
      "202088",
      "小諸市",
      "款別の事業費",
      "一般会計 2款 総務費",
      "10",
      "千円",
    ]);
    // no outcome indicator judged: the rate is empty, not 0
    expect(rows).toContainEqual(["2024", "202088", "小諸市", "成果指標の達成状況", "達成率", "", "比"]);
  });

  it("guards a text that a spreadsheet would run as a formula", () => {
    // an account printed as 「=HYPERLINK(1)」 in the book: its 款 group label is written after an apostrophe
    expect(rows).toContainEqual([
      "2024",
      "202088",
      "小諸市",
      "款別の事業費",
      "'=HYPERLINK(1) 2款 総務費",
      "5",
      "千円",
    ]);
    expect(rows).toContainEqual(["2024", "202088", "小諸市", "政策別の事業費", "政策1 協働", "15", "千円"]);
  });
});
