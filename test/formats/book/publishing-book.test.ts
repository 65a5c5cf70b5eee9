import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eachProject, INPUT_FIELDS, sortedYears } from "../../../src/domain/plan/model.ts";
import { formatThousands } from "../../../src/domain/plan/money.ts";
import { renderBookHtml } from "../../../src/formats/book/book-html.tsx";
import { renderPdf } from "../../../src/formats/book/book-pdf.ts";
import { chromiumAvailable } from "../../support/browser.ts";
import { seedPlan } from "../../support/plans.ts";

// The book of the seed as HTML and as a PDF printed by Chromium, read back with poppler's pdftotext:
// every project name, every amount of every project and year, every outcome-indicator value is printed,
// each on the page where it belongs.

const plan = seedPlan();
const meta = { city: "小諸市", fiscalYear: 2024 };

/** Text without any whitespace, NFKC-normalized (pdftotext can return compatibility forms). */
const squeeze = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

/**
 * True when `text` has `name` whole, or wrapped in its table cell with the next cell's `unit` read in
 * between (pdftotext reads a wrapped cell's first line, then the unit beside it, then the rest).
 */
function containsWrapped(text: string, name: string, unit: string): boolean {
  if (text.includes(name)) return true;
  if (unit === "") return false;
  for (let i = 1; i < name.length; i++)
    if (text.includes(name.slice(0, i) + unit + name.slice(i))) return true;
  return false;
}

function popplerAvailable(): boolean {
  if (existsSync("/usr/bin/pdftotext")) return true;
  const why = "pdftotext が見つかりません（poppler-utils）";
  if (process.env.HOSHIN_CI_STRICT === "1") throw new Error(`${why}。CI では PDF のテストを飛ばせません。`);
  console.warn(`${why}: PDF の文字の検査を飛ばします。apt-get install poppler-utils で入れられます。`);
  return false;
}

describe("the book as HTML", () => {
  it("lays out the policy, every measure, a sheet per project with a sheet, and the budget-only table", async () => {
    const html = await renderBookHtml(plan, meta);
    expect(html.startsWith('<!DOCTYPE html><html lang="ja">')).toBe(true);
    expect(html).toContain("<title>小諸市 令和6年度 実施計画書 兼 事業説明書</title>");
    const sheets = [...eachProject(plan)].filter((e) => !e.project.budgetOnly);
    expect(sheets.length).toBe(27);
    expect(html.match(/<section class="sheet"/g)?.length).toBe(27);
    expect(html.match(/<section class="measure"/g)?.length).toBe(5);
    expect(html.match(/<tbody class="keep">/g)?.length).toBe(18);
    expect(html).toContain("@page { size: A4 portrait;");
  });

  it("escapes what it prints", async () => {
    const p = seedPlan();
    const first = p.policies[0]?.measures[0]?.projects[0];
    if (!first) throw new Error("seed has no project");
    first.summary = '<script>alert("x")</script>';
    const html = await renderBookHtml(p, meta);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });
});

const run = chromiumAvailable() && popplerAvailable() ? describe : describe.skip;

run("the book as PDF (Chromium, read back with pdftotext)", () => {
  let dir: string;
  let pages: string[];
  /** pdftotext in reading order (without -layout): a table cell's lines stay together. */
  let readingOrder: string[];
  let pdf: Uint8Array;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hoshin-pdf-"));
    pdf = await renderPdf(await renderBookHtml(plan, meta));
    const file = join(dir, "book.pdf");
    await writeFile(file, pdf);
    pages = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).split(
      "\f",
    );
    readingOrder = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).split("\f");
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is an A4 PDF with the Japanese fonts embedded and page numbers", async () => {
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    const file = join(dir, "book.pdf");
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\byes\b/); // embedded
    const total = pages.filter((p) => p.trim() !== "").length;
    expect(squeeze(pages[0] ?? "")).toContain(`1/${total}`);
    expect(squeeze(pages[total - 1] ?? "")).toContain(`${total}/${total}`);
  });

  it("prints each project sheet on one page, with every amount of every fiscal year in its row", () => {
    const labels = {
      total: "年度別事業費",
      nationalPrefectural: "国・県支出金",
      localBonds: "地方債",
      otherEarmarked: "その他",
      generalRevenue: "一般財源",
    } as const;
    for (const { measure, project } of eachProject(plan)) {
      if (project.budgetOnly) continue;
      const onPages = pages.filter((p) =>
        squeeze(p).includes(`事務事業名新規・継続事業優先順位${squeeze(project.name)}`),
      );
      expect(onPages.length, project.name).toBe(1);
      const page = onPages[0] ?? "";
      expect(squeeze(page), project.name).toContain(`施策${measure.code}`);
      const ordered = readingOrder[pages.indexOf(page)];
      const lines = page.split("\n").map(squeeze);
      for (const k of INPUT_FIELDS) {
        const amounts = sortedYears(Object.keys(project.inputs))
          .map((fy) => `${formatThousands(project.inputs[fy]?.[k] ?? Number.NaN)}千円`)
          .join("");
        const row = lines.filter((l) => l.endsWith(amounts) && l.includes(labels[k]));
        expect(row.length, `${project.name} ${labels[k]} ${amounts}`).toBe(1);
      }
      for (const a of project.activityIndicators) {
        expect(
          containsWrapped(squeeze(ordered ?? ""), squeeze(a.name), squeeze(a.unit ?? "")),
          `${project.name} ${a.name}`,
        ).toBe(true);
        for (const t of Object.values(a.targets))
          expect(squeeze(page), `${project.name} ${a.name}`).toContain(squeeze(t.text));
      }
    }
  });

  it("never continues a project sheet onto a second page", () => {
    const isSheet = (p: string) => /^施策\d+-\d+.*事務事業名新規・継続/.test(squeeze(p));
    const isSectionStart = (p: string) =>
      isSheet(p) || squeeze(p).startsWith("政策") || squeeze(p).startsWith("予算のみの事務事業");
    const real = pages.filter((p) => p.trim() !== "");
    expect(real.filter(isSheet).length).toBe(27);
    real.forEach((p, i) => {
      const next = real[i + 1];
      if (isSheet(p) && next !== undefined) expect(isSectionStart(next), `page ${i + 2}`).toBe(true);
    });
  });

  it("prints every budget-only project with its five amounts per fiscal year", () => {
    const text = pages.map((p) => p.split("\n").map(squeeze).join("\n")).join("\n");
    const budgetOnly = [...eachProject(plan)].filter((e) => e.project.budgetOnly);
    expect(budgetOnly.length).toBe(18);
    const short = {
      total: "事業費",
      nationalPrefectural: "国・県支出金",
      localBonds: "地方債",
      otherEarmarked: "その他",
      generalRevenue: "一般財源",
    } as const;
    const years = ["2024", "2025", "2026"];
    for (const { project } of budgetOnly) {
      expect(squeeze(text), project.name).toContain(squeeze(project.name).slice(0, 6));
      for (const k of INPUT_FIELDS) {
        const amounts = years
          .map((fy) => (project.inputs[fy] ? formatThousands(project.inputs[fy][k]) : "—"))
          .join("");
        expect(text, `${project.name} ${short[k]}`).toMatch(
          new RegExp(`${short[k]}${amounts.replace(/[—]/g, "—")}(\\n|$)`),
        );
      }
    }
  });

  it("prints every outcome-indicator value (計画策定時, 計画, 実績) on its measure's pages", () => {
    for (const policy of plan.policies) {
      for (const m of policy.measures) {
        const start = readingOrder.findIndex((p) =>
          squeeze(p).includes(`施策${m.code}${squeeze(m.title)}所管`),
        );
        expect(start, m.code).toBeGreaterThan(0);
        // The measure's own pages: up to its first project sheet.
        let end = start + 1;
        while (
          end < readingOrder.length &&
          !squeeze(readingOrder[end] ?? "").includes("事務事業名新規・継続")
        )
          end++;
        const text = squeeze(readingOrder.slice(start, end).join(""));
        for (const o of m.outcomeIndicators) {
          if (o.name) expect(text, m.code).toContain(squeeze(o.name));
          const values = [o.baseline, ...Object.values(o.planned), ...Object.values(o.actual)];
          for (const v of values) if (v) expect(text, `${m.code} ${o.name}`).toContain(squeeze(v.text));
        }
      }
    }
  });
});

run("the book with the Check data (evaluations, 決算額, actuals, achievement)", () => {
  let pages: string[];

  beforeAll(async () => {
    const p = seedPlan();
    const projects = [...eachProject(p)].map((e) => e.project);
    const training = projects.find((x) => x.name === "職員研修費");
    const documents = projects.find((x) => x.name === "文書費");
    const courses = documents?.activityIndicators[1];
    const measure = p.policies[0]?.measures[4];
    if (!training || !documents || !courses || !measure) throw new Error("seed changed");
    // 文書費: budget 9,562 千円 a year; 9,300 settled in 令和6年度 → 9,300 ÷ 9,562 = 97.26… % → 「97.3%」.
    documents.settled = { "2024": 9300 };
    // ファイリング研修の開催: target 2 回; 3 回 held → met, 3 ÷ 2 = 150.0 %.
    courses.actual = { "2024": { text: "3", value: 3, comparator: "=" } };
    training.evaluations = {
      "2024": {
        self: {
          aspects: {
            necessity: { rating: "A", reason: "職員の育成に欠かせない" },
            effectiveness: { rating: "B", reason: "受講後の評価が概ね良い" },
            efficiency: { rating: "C", reason: "外部講師の費用が高い" },
            equity: { rating: "A", reason: null },
          },
          outlook: "improve",
          changes: "オンライン研修を取り入れて費用を抑える",
        },
        secondary: {
          aspects: {
            necessity: { rating: "A", reason: null },
            effectiveness: { rating: "B", reason: null },
            efficiency: { rating: "B", reason: "見直し案で改善が見込める" },
            equity: { rating: "A", reason: null },
          },
          outlook: "continue",
          comment: "改善案を実施したうえで継続とする",
        },
      },
    };
    measure.evaluations = {
      "2024": {
        self: { rating: "B", assessment: "窓口満足度が目標に届かない", nextSteps: null },
        secondary: null,
      },
    };
    const dir = await mkdtemp(join(tmpdir(), "hoshin-pdf-check-"));
    const file = join(dir, "book.pdf");
    await writeFile(file, await renderPdf(await renderBookHtml(p, meta)));
    pages = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).split(
      "\f",
    );
    await rm(dir, { recursive: true, force: true });
  }, 120_000);

  const pageWith = (needle: string) => pages.findIndex((p) => squeeze(p).includes(squeeze(needle)));

  it("prints the evaluation on a page of its own right after the project's sheet", () => {
    const sheet = pages.findIndex(
      (p) => squeeze(p).includes("事務事業名新規・継続") && squeeze(p).includes("職員研修費"),
    );
    const evaluation = pageWith("事務事業評価（令和6年度）職員研修費");
    expect(sheet).toBeGreaterThan(0);
    expect(evaluation).toBe(sheet + 1);
    const text = squeeze(pages[evaluation] ?? "");
    for (const s of [
      // 観点, 一次評価, 理由, 二次評価, 理由 in a row.
      "必要性A職員の育成に欠かせないA有効性B受講後の評価が概ね良いB",
      "効率性C外部講師の費用が高いB見直し案で改善が見込める",
      "今後の方向性改善継続",
      "オンライン研修を取り入れて費用を抑える",
      "改善案を実施したうえで継続とする",
    ])
      expect(text).toContain(squeeze(s));
  });

  it("prints 決算額 and 執行率, the activity actual with its achievement, and the measure evaluation", () => {
    const documents = squeeze(
      pages.find((p) => squeeze(p).includes("文書費") && squeeze(p).includes("決算額")) ?? "",
    );
    expect(documents).toContain(squeeze("決算額 9,300千円 — —"));
    expect(documents).toContain(squeeze("執行率 97.3% — —"));
    expect(documents).toContain(squeeze("ファイリング研修の開催 回 2 2 2 実績 3（達成） — —"));
    const measure = squeeze(pages.find((p) => squeeze(p).includes(squeeze("◆施策評価（令和6年度）"))) ?? "");
    expect(measure).toContain(squeeze("一次評価 B（概ね順調） 窓口満足度が目標に届かない"));
  });

  it("prints the achievement of each outcome actual: 基金残高 73.4 against 40以上 is 183.5 %", () => {
    const fund = squeeze(pages.find((p) => squeeze(p).includes("年度末基金残高")) ?? "");
    expect(fund).toContain("達成状況達成183.5%達成202.3%");
  });
});
