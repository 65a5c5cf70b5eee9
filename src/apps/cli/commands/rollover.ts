import { OUTLOOK_LABELS } from "../../../domain/labels.ts";
import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import type { RolloverPlanResult } from "../../../usecases/cycle/rollover-plan.ts";
import { type CommandArgs, requireCity, yearOption } from "../args.ts";
import type { Io } from "../cli-io.ts";
import { storage } from "../storage.ts";
import { renderTable } from "../table.ts";

/** hoshin rollover: next year's plan made from this year's, with what was left out listed. */
export async function rolloverCommand({ values }: CommandArgs, io: Io): Promise<number> {
  const city = requireCity(values.city);
  const fromYear = yearOption(values.from, "--from");
  const { openDatabase } = await storage();
  const { rollOverPlan } = await import("../../../usecases/cycle/rollover-plan.ts");
  const { COMMAND_LINE } = await import("../../../usecases/authorize.ts");
  const db = await openDatabase();
  try {
    const result = await rollOverPlan({
      db: db.db,
      actor: COMMAND_LINE,
      city,
      fromYear,
      replace: values.replace === true,
    });
    io.out(values.json ? JSON.stringify(result, null, 2) : formatRollover(result));
    return 0;
  } finally {
    await db.close();
  }
}

function formatRollover(r: RolloverPlanResult): string {
  const first = r.window[0] ?? String(r.toYear);
  const last = r.window.at(-1) ?? String(r.toYear + 2);
  const previousLast = String(Number(last) - 1);
  const out = [
    `${r.city} ${formatWarekiFiscalYear(r.toYear)}の実施計画を${formatWarekiFiscalYear(r.fromYear)}の計画から` +
      `${r.replaced ? "作成し、登録済みの計画と置き換えました" : "作成しました"}。`,
    `  計画期間: ${formatWarekiFiscalYear(first)}〜${formatWarekiFiscalYear(last)}`,
    `  政策 ${r.counts.policies}、施策 ${r.counts.measures}、事務事業 ${r.counts.projects}（点検結果 ${r.counts.diagnostics} 件）`,
    `  ${formatWarekiFiscalYear(last)}の額を${formatWarekiFiscalYear(previousLast)}から見込みとして複写: ${r.estimated.length} 件`,
  ];
  if (r.withoutLastYear.length > 0) {
    out.push(
      `  ${formatWarekiFiscalYear(previousLast)}の額がないため${formatWarekiFiscalYear(last)}もない事務事業: ` +
        `${r.withoutLastYear.length} 件（${r.withoutLastYear.map((p) => p.name).join("、")}）`,
    );
  }
  out.push(
    `  ${formatWarekiFiscalYear(r.fromYear)}の計画（版 ${r.fromPlanVersionId}）はそのまま残っています。`,
  );
  out.push("");
  if (r.leftOut.length === 0) {
    out.push("評価が廃止・完了のため除外した事務事業はありません。");
  } else {
    out.push(`評価が廃止・完了のため除外した事務事業: ${r.leftOut.length} 件`);
    out.push(
      renderTable(
        ["施策", "事務事業", "所管課", "今後の方向性"],
        r.leftOut.map((l) => [l.measureCode, l.name, l.leadDepartment, OUTLOOK_LABELS[l.outlook]]),
        { leftColumns: 4 },
      ),
    );
  }
  return out.join("\n");
}
