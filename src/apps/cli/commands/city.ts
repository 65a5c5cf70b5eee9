import type { City } from "../../../domain/city/city.ts";
import { type CommandArgs, requireCity } from "../args.ts";
import { type Io, UsageError } from "../cli-io.ts";
import { storage } from "../storage.ts";
import { renderTable } from "../table.ts";

const CITY_USAGE =
  "市町村の操作は hoshin city list / hoshin city show --city 市町村 / hoshin city set --city 市町村 [--population 人口] [--population-year 年] [--group 類似団体区分] です。";

function describe(c: City): string[] {
  return [
    `${c.prefecture}${c.name}（${c.code}、${c.nameKana ?? ""}）`,
    `  人口: ${c.population === null ? "未登録" : `${c.population.toLocaleString("ja-JP")}人${c.populationYear ? `（${c.populationYear}年）` : ""}`}`,
    `  類似団体区分: ${c.similarityGroup ?? "未登録"}`,
  ];
}

/**
 * hoshin city list | show --city X | set --city X [--population N] [--population-year Y] [--group G]: the
 * cities of the instance and what each records about itself (population for per-capita figures, 類似団体区分
 * for choosing peers). An empty value (--group "") clears the field.
 */
export async function cityCommand({ values, positionals }: CommandArgs, io: Io): Promise<number> {
  const [action, ...extra] = positionals;
  if ((action !== "list" && action !== "show" && action !== "set") || extra.length > 0) {
    throw new UsageError(CITY_USAGE);
  }
  const { openDatabase } = await storage();
  const { readCities, readCity, updateCity } = await import("../../../usecases/cities/city-profile.ts");
  const { COMMAND_LINE } = await import("../../../usecases/authorize.ts");
  const db = await openDatabase();
  try {
    if (action === "list") {
      const all = await readCities({ db: db.db, actor: COMMAND_LINE });
      if (all.length === 0) {
        io.out("登録された市町村はまだありません（計画を取り込むと登録されます）。");
        return 0;
      }
      io.out(
        renderTable(
          ["コード", "市町村", "人口", "基準年", "類似団体区分"],
          all.map((c) => [
            c.code,
            `${c.prefecture}${c.name}`,
            c.population === null ? "未登録" : c.population.toLocaleString("ja-JP"),
            c.populationYear === null ? "—" : String(c.populationYear),
            c.similarityGroup ?? "未登録",
          ]),
          { leftColumns: 2 },
        ),
      );
      return 0;
    }
    const city = requireCity(values.city);
    if (action === "show") {
      for (const line of describe(await readCity({ db: db.db, actor: COMMAND_LINE, city }))) io.out(line);
      return 0;
    }
    const input = {
      ...(values.population !== undefined ? { population: values.population } : {}),
      ...(values["population-year"] !== undefined ? { populationYear: values["population-year"] } : {}),
      ...(values.group !== undefined ? { similarityGroup: values.group } : {}),
    };
    if (Object.keys(input).length === 0) {
      throw new UsageError("--population、--population-year、--group のどれかを指定してください。");
    }
    const updated = await updateCity({ db: db.db, actor: COMMAND_LINE, city, input });
    io.out("市町村の情報を保存しました:");
    for (const line of describe(updated)) io.out(line);
    return 0;
  } finally {
    await db.close();
  }
}
