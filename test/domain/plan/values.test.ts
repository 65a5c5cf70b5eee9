import { describe, expect, it } from "vitest";
import { findNonstandardKanji, isJisX0213Kanji } from "../../../src/domain/plan/characters.ts";
import { formatClassification, parseClassification } from "../../../src/domain/plan/classification.ts";
import {
  findWarekiFiscalYears,
  formatWarekiFiscalYear,
  parseWarekiFiscalYear,
} from "../../../src/domain/plan/fiscal-year.ts";
import { parseIndicatorValue } from "../../../src/domain/plan/indicator-value.ts";
import { formatThousands, parseThousands, sumThousands } from "../../../src/domain/plan/money.ts";

describe("money in 千円", () => {
  it("parses printed amounts to integers", () => {
    expect(parseThousands("38,430 千円")).toBe(38430);
    expect(parseThousands("1,808,446 千円")).toBe(1808446);
    expect(parseThousands("0 千円")).toBe(0);
    expect(parseThousands("３８，４３０千円")).toBe(38430);
    expect(parseThousands("△1,200 千円")).toBe(-1200);
    expect(parseThousands("12")).toBe(12);
  });
  it("refuses what is not an integer amount", () => {
    expect(parseThousands("1.5 千円")).toBeNull();
    expect(parseThousands("千円")).toBeNull();
    expect(parseThousands("abc")).toBeNull();
    expect(parseThousands("1,23,4")).toBeNull();
    expect(parseThousands("99999999999999999999")).toBeNull();
  });
  it("formats with thousands separators and sums exactly", () => {
    expect(formatThousands(3984986)).toBe("3,984,986");
    expect(formatThousands(0)).toBe("0");
    expect(formatThousands(-1200)).toBe("-1,200");
    expect(() => formatThousands(1.5)).toThrow(RangeError);
    expect(sumThousands([38430, 6424, 30287])).toBe(75141);
    expect(() => sumThousands([0.1, 0.2])).toThrow(RangeError);
  });
});

describe("fiscal years and 和暦", () => {
  it("converts 令和N年度 to the Western fiscal year and back", () => {
    expect(parseWarekiFiscalYear("令和6年度")).toBe(2024);
    expect(parseWarekiFiscalYear("令和３年度")).toBe(2021);
    expect(parseWarekiFiscalYear("令和元年度")).toBe(2019);
    expect(parseWarekiFiscalYear("平成30年度")).toBe(2018);
    expect(parseWarekiFiscalYear("平成26年度")).toBe(2014);
    expect(parseWarekiFiscalYear("R8")).toBe(2026);
    expect(parseWarekiFiscalYear("2024年度")).toBeNull();
    expect(formatWarekiFiscalYear(2024)).toBe("令和6年度");
    expect(formatWarekiFiscalYear("2026")).toBe("令和8年度");
    expect(formatWarekiFiscalYear(2019)).toBe("令和元年度");
    expect(formatWarekiFiscalYear(2018)).toBe("平成30年度");
    for (let y = 1990; y <= 2060; y++) expect(parseWarekiFiscalYear(formatWarekiFiscalYear(y))).toBe(y);
  });
  it("finds the years named in a text", () => {
    expect(findWarekiFiscalYears("令和6年度から令和 8 年度まで")).toEqual([2024, 2026]);
  });
});

describe("indicator values", () => {
  it("reads comparators and numbers as the seed prints them", () => {
    expect(parseIndicatorValue("40以上")).toEqual({ text: "40以上", value: 40, comparator: ">=" });
    expect(parseIndicatorValue("150以下")).toEqual({ text: "150以下", value: 150, comparator: "<=" });
    expect(parseIndicatorValue("9.0以下")).toEqual({ text: "9.0以下", value: 9, comparator: "<=" });
    expect(parseIndicatorValue("+1以上")).toEqual({ text: "+1以上", value: 1, comparator: ">=" });
    expect(parseIndicatorValue("350,000")).toEqual({ text: "350,000", value: 350000, comparator: "=" });
    expect(parseIndicatorValue("-15")).toEqual({ text: "-15", value: -15, comparator: "=" });
    expect(parseIndicatorValue("0.52")).toEqual({ text: "0.52", value: 0.52, comparator: "=" });
    expect(parseIndicatorValue("実施する")).toEqual({ text: "実施する", value: null, comparator: "=" });
  });
  it("treats empty cells and dashes as no value", () => {
    expect(parseIndicatorValue("")).toBeNull();
    expect(parseIndicatorValue("—")).toBeNull();
    expect(parseIndicatorValue(" ")).toBeNull();
  });
});

describe("classification 会計・款・項・目", () => {
  it("splits on the first three 「・」 and numbers each level", () => {
    expect(parseClassification("一般会計・2総務費・1総務管理費・4企画費")).toEqual({
      account: "一般会計",
      kan: { number: 2, name: "総務費" },
      kou: { number: 1, name: "総務管理費" },
      moku: { number: 4, name: "企画費" },
    });
    expect(parseClassification("一般会計・3民生費・1社会福祉費・2国保・年金事業費").moku).toEqual({
      number: 2,
      name: "国保・年金事業費",
    });
    expect(parseClassification("一般会計・12公債費・1公債費・1元金").kan).toEqual({
      number: 12,
      name: "公債費",
    });
  });
  it("keeps what it cannot split instead of dropping it", () => {
    expect(parseClassification("一般会計")).toEqual({
      account: "一般会計",
      kan: null,
      kou: null,
      moku: null,
    });
    expect(parseClassification("一般会計・総務費").kan).toEqual({ number: null, name: "総務費" });
    const path = "小諸市等公平委員会特別会計・1小諸市等公平委員会運営費・1運営費・1運営費";
    expect(formatClassification(parseClassification(path))).toBe(path);
  });
});

describe("characters outside JIS X 0213", () => {
  it("flags the simplified 费 and accepts the Japanese forms", () => {
    expect(findNonstandardKanji("一般会計・2総務費・2徴税费・1税務総務費")).toEqual([
      { char: "费", codePoint: 0x8d39, index: 13 },
    ]);
    expect(isJisX0213Kanji("費".codePointAt(0) ?? 0)).toBe(true);
    // JIS X 0213 (not JIS X 0208) kanji are standard: 剝 (2004 addition), 𠮟 (plane 1, outside the BMP).
    expect(findNonstandardKanji("剝離・𠮟責・收受")).toEqual([]);
    expect(findNonstandardKanji("々〆ヶ ひらがな カタカナ ABC")).toEqual([]);
    expect(findNonstandardKanji("这个问题")).toHaveLength(3);
  });
});
