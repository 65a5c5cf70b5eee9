import { formatWarekiFiscalYear } from "../../../domain/plan/fiscal-year.ts";
import { formatThousands } from "../../../domain/plan/money.ts";
import type { ComparedSide, PlanComparison } from "../../../usecases/cycle/compare-plans.ts";
import { type CommandArgs, parseYear, requireCity, yearOption } from "../args.ts";
import { type Io, UsageError } from "../cli-io.ts";
import { storage } from "../storage.ts";
import { renderTable } from "../table.ts";

/** hoshin diff: two years' plans, or the plan as imported and as it is now, compared. */
export async function diffCommand({ values }: CommandArgs, io: Io): Promise<number> {
  const city = requireCity(values.city);
  let plan: { city: string; fiscalYear: number };
  let against: { city: string; fiscalYear: number } | "source";
  if (values.imported) {
    if (values.from !== undefined || values.to !== undefined)
      throw new UsageError("--imported は --year と使います（--from・--to とは一緒に使えません）。");
    plan = { city, fiscalYear: parseYear(values.year, true) as number };
    against = "source";
  } else {
    if (values.year !== undefined)
      throw new UsageError(
        "2つの年度を比べるときは --from と --to を、取り込み時と比べるときは --year と --imported を指定してください。",
      );
    against = { city, fiscalYear: yearOption(values.from, "--from") };
    plan = { city, fiscalYear: yearOption(values.to, "--to") };
  }
  const { openDatabase } = await storage();
  const { comparePlans } = await import("../../../usecases/cycle/compare-plans.ts");
  const { COMMAND_LINE } = await import("../../../usecases/authorize.ts");
  const db = await openDatabase();
  try {
    const comparison = await comparePlans({ db: db.db, actor: COMMAND_LINE, plan, against });
    io.out(
      values.json
        ? JSON.stringify(
            {
              before: sideJson(comparison.before),
              after: sideJson(comparison.after),
              unit: "千円",
              ...comparison.diff,
            },
            null,
            2,
          )
        : formatComparison(comparison),
    );
    return 0;
  } finally {
    await db.close();
  }
}

function sideJson(s: ComparedSide) {
  return {
    planVersionId: s.version.id,
    city: s.version.city,
    fiscalYear: s.version.fiscalYear,
    state: s.state,
    label: s.label,
  };
}

/** +1,234 / -9,562 / 0 */
function signed(n: number): string {
  return n > 0 ? `+${formatThousands(n)}` : formatThousands(n);
}

/** A changed value for the terminal: amounts with separators, texts on one line, empty as （なし）. */
function changeValue(field: string, v: string | null): string {
  if (v === null) return "（なし）";
  if (/^(inputs|settled)\./.test(field) && /^-?\d+$/.test(v)) return formatThousands(Number(v));
  return v.replace(/\s*\n\s*/g, " ");
}

function formatComparison(c: PlanComparison): string {
  const d = c.diff;
  const out: string[] = [`${c.before.label} → ${c.after.label} の変更点（金額の単位: 千円）`];
  const years = d.comparedYears;
  if (years.length > 0 && c.before.version.fiscalYear !== c.after.version.fiscalYear) {
    out.push(
      `金額と活動指標の目標は、両方の計画期間にある${formatWarekiFiscalYear(years[0] ?? "")}〜` +
        `${formatWarekiFiscalYear(years.at(-1) ?? "")}で比べています。`,
    );
  }
  out.push("", "■ 年度別の合計");
  out.push(
    renderTable(
      ["年度", "事業費 変更前", "変更後", "差", "一般財源 変更前", "変更後", "差"],
      d.totals.map((t) => [
        formatWarekiFiscalYear(t.fiscalYear),
        formatThousands(t.before.total),
        formatThousands(t.after.total),
        signed(t.difference.total),
        formatThousands(t.before.generalRevenue),
        formatThousands(t.after.generalRevenue),
        signed(t.difference.generalRevenue),
      ]),
    ),
  );
  const projectLine = (p: { measureCode: string; name: string; leadDepartment: string }) =>
    `  施策${p.measureCode}  ${p.name}（${p.leadDepartment}）`;
  const amounts = (totals: Record<string, number>) =>
    Object.entries(totals)
      .map(([fy, v]) => `${formatWarekiFiscalYear(fy)} ${formatThousands(v)}`)
      .join("、") || "事業費なし";
  const changeLines = (
    changes: { field: string; label: string; before: string | null; after: string | null }[],
  ) =>
    changes.map(
      (ch) => `      ${ch.label}: ${changeValue(ch.field, ch.before)} → ${changeValue(ch.field, ch.after)}`,
    );
  const sections: [string, number, string[]][] = [
    ["追加された施策", d.measuresAdded.length, d.measuresAdded.map((m) => `  施策${m.code}  ${m.title}`)],
    ["削除された施策", d.measuresRemoved.length, d.measuresRemoved.map((m) => `  施策${m.code}  ${m.title}`)],
    [
      "追加された事務事業",
      d.projectsAdded.length,
      d.projectsAdded.map((p) => `${projectLine(p)}  ${amounts(p.totals)}`),
    ],
    [
      "削除された事務事業",
      d.projectsRemoved.length,
      d.projectsRemoved.map((p) => `${projectLine(p)}  ${amounts(p.totals)}`),
    ],
    [
      "変更された事務事業",
      d.projectsChanged.length,
      d.projectsChanged.flatMap((p) => [projectLine(p), ...changeLines(p.changes)]),
    ],
    [
      "変更された施策",
      d.measuresChanged.length,
      d.measuresChanged.flatMap((m) => [`  施策${m.code}  ${m.title}`, ...changeLines(m.changes)]),
    ],
  ];
  for (const [title, count, lines] of sections) {
    if (count > 0) out.push("", `■ ${title}（${count} 件）`, ...lines);
  }
  if (sections.every(([, count]) => count === 0)) out.push("", "事務事業と施策に変更はありません。");
  out.push("", `変更のない事務事業: ${d.projectsUnchanged} 件`);
  return out.join("\n");
}
