import { HoshinError } from "../errors.ts";

/** The city and fiscal year that name one plan version, checked and normalized (city trimmed). */
export function planKey(city: unknown, fiscalYear: unknown): { city: string; fiscalYear: number } {
  if (typeof city !== "string" || city.trim() === "")
    throw new HoshinError("invalid-input", "市町村名を指定してください（例: 小諸市）。");
  if (
    typeof fiscalYear !== "number" ||
    !Number.isInteger(fiscalYear) ||
    fiscalYear < 1900 ||
    fiscalYear > 2999
  )
    throw new HoshinError(
      "invalid-input",
      `年度「${String(fiscalYear)}」は西暦の年度ではありません（例: 令和6年度なら 2024）。`,
    );
  return { city: city.trim(), fiscalYear };
}
