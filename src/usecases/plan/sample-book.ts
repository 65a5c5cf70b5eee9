import { fileURLToPath } from "node:url";

// The sample book shipped with Hoshin (小諸市 令和6年度 実施計画書, 政策6), in a module of its own so
// that naming it loads no database code.

export const SAMPLE_BOOK = fileURLToPath(
  new URL("../../../samples/komoro-2024-policy6.txt", import.meta.url),
);
export const SAMPLE_CITY = "小諸市";
/** 小諸市's 全国地方公共団体コード. */
export const SAMPLE_CITY_CODE = "202088";
export const SAMPLE_YEAR = 2024;
