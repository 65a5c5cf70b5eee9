import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Achievement } from "../../src/domain/evaluation/achievement.ts";
import { AchievementBadge, achievementText } from "../../src/ui/achievement.tsx";
import { outlookText, ratingText } from "../../src/ui/evaluation.tsx";
import { formatYen, Money } from "../../src/ui/money.tsx";
import { NOT_WRITTEN, Prose } from "../../src/ui/prose.tsx";

// The shared parts of the staff pages and the book, rendered to HTML strings (expected strings by hand).

const html = async (node: unknown) => String(await (node as Promise<string> | string));

describe("src/ui", () => {
  it("imports only src/domain, hono and its own files", () => {
    const dir = join(import.meta.dirname, "../../src/ui");
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const m of text.matchAll(/from "([^"]+)"/g)) {
        const spec = m[1] ?? "";
        const ok = spec.startsWith("../domain/") || spec.startsWith("./") || spec.startsWith("hono/");
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it("Prose: a paragraph per line; nothing, or the placeholder, for an empty text", async () => {
    expect(await html(Prose({ text: "一行目\n二行目" }))).toBe("<p>一行目</p><p>二行目</p>");
    expect(await html(Prose({ lines: ["重点1", "重点2"] }))).toBe("<p>重点1</p><p>重点2</p>");
    expect(Prose({ text: null })).toBe(null);
    expect(Prose({ text: "" })).toBe(null);
    expect(await html(Prose({ text: null, missing: NOT_WRITTEN }))).toBe('<p class="muted">（記載なし）</p>');
    expect(await html(Prose({ text: "<script>" }))).toBe("<p>&lt;script&gt;</p>");
  });

  it("money: digit grouping, 「千円」 in the book, 「—」 for none", async () => {
    expect(await html(Money({ value: 1234567 }))).toBe('<span class="num">1,234,567</span>');
    expect(await html(Money({ value: null }))).toBe('<span class="num">—</span>');
    expect(formatYen(9300)).toBe("9,300 千円");
    expect(formatYen(undefined)).toBe("—");
  });

  it("achievement: 「達成 183.5%」 in the book, a badge on the staff pages", async () => {
    const met: Achievement = {
      fiscalYear: "2021",
      target: null,
      actual: null,
      direction: "higher",
      status: "met",
      rate: 1.835,
      trend: "improved",
    };
    expect(achievementText(met)).toBe("達成 183.5%");
    expect(achievementText({ ...met, status: "no-actual", rate: null })).toBe("実績なし");
    expect(await html(AchievementBadge({ a: met }))).toBe(
      '<span class="badge badge--achievement badge--ok" title="高いほど良い">達成（183.5%）</span>',
    );
  });

  it("ratings and outlooks with their placeholders", () => {
    expect(ratingText("C")).toBe("C（低い・見直しが必要）");
    expect(ratingText(null)).toBe("未評価");
    expect(outlookText("reduce")).toBe("縮小");
    expect(outlookText(null)).toBe("未選択");
    expect(outlookText(null, "—")).toBe("—");
  });
});
