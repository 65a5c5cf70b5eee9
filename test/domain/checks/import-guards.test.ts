// Imports that cannot destroy, the pure rules: which findings block, what an import would remove, and the
// one parser of a typed fiscal year. Expected values worked out by hand from the seed book.
import { describe, expect, it } from "vitest";
import {
  findingKind,
  importBlockers,
  structureProblems,
} from "../../../src/domain/checks/import-findings.ts";
import {
  describeRemovalCounts,
  describeRemovals,
  importRemovals,
  removalCounts,
  removalFingerprint,
} from "../../../src/domain/checks/import-removals.ts";
import { parseFiscalYear } from "../../../src/domain/plan/fiscal-year.ts";
import type { PlanDocument } from "../../../src/domain/plan/model.ts";
import { readBookText } from "../../../src/formats/book-text/read-book.ts";
import { renumberPolicy, seedVariant } from "../../support/variants.ts";

const seed = (): PlanDocument => structuredClone(seedVariant().expected);

describe("a fiscal year as typed", () => {
  it.each([
    ["2024", 2024],
    ["２０２４年度", 2024],
    ["2025年", 2025],
    ["令和7年度", 2025],
    ["令和７年度", 2025],
    ["令和7", 2025],
    ["令和7年", 2025],
    ["R7", 2025],
    ["r7年度", 2025],
    ["令和元年度", 2019],
    ["平成30年度", 2018],
    ["H30", 2018],
    [" 令和 6 年度 ", 2024],
  ])("reads %s as %i", (text, year) => {
    expect(parseFiscalYear(text)).toBe(year);
  });

  it.each(["", "abc", "令和", "20245", "R", "令和7年度分", "2024-25"])("refuses %j", (text) => {
    expect(parseFiscalYear(text)).toBe(null);
  });
});

describe("which findings block an import", () => {
  it.each([
    // The book as printed: imported with the finding.
    ["funding-sum-mismatch", "error", "faithful"],
    ["missing-fiscal-year", "warning", "faithful"],
    ["nonstandard-character", "warning", "faithful"],
    ["classification-name-mismatch", "warning", "faithful"],
    ["title-mismatch", "warning", "faithful"],
    ["missing-field", "warning", "faithful"],
    ["contents-mismatch", "info", "faithful"],
    // The reader could not read it: refused.
    ["invalid-amount", "error", "unreadable"],
    ["unparsed-line", "warning", "unreadable"],
    ["contents-mismatch", "warning", "unreadable"],
    ["undecodable-character", "warning", "unreadable"],
    ["amount-count-mismatch", "error", "unreadable"],
    ["missing-field", "error", "unreadable"],
    ["missing-sheet", "error", "unreadable"],
    ["invalid-value", "error", "unreadable"],
  ] as const)("%s (%s) is %s", (code, severity, kind) => {
    expect(findingKind({ code, severity })).toBe(kind);
  });

  it("the seed book has none that blocks (its two sums and eight warnings are the book as printed)", () => {
    const plan = readBookText(seedVariant().text);
    const codes = plan.diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual([
      "classification-name-mismatch",
      ...Array(2).fill("funding-sum-mismatch"),
      ...Array(6).fill("missing-fiscal-year"),
      "nonstandard-character",
    ]);
    expect(importBlockers(plan.diagnostics, plan)).toEqual([]);
  });

  it("a structure no book prints blocks: 「政策?」, 「施策?（施策不明）」, a measure without 所管課", () => {
    const plan = seed();
    const policy = plan.policies[0];
    if (!policy?.measures[0] || !policy.measures[1]) throw new Error("seed has measures");
    policy.measures[1].leadDepartment = null;
    plan.policies.push({
      ...structuredClone(policy),
      code: "?",
      title: "",
      measures: [{ ...structuredClone(policy.measures[0]), code: "?", title: "（施策不明）" }],
    });
    expect(structureProblems(plan)).toEqual([
      "施策 6-2「戦略的で効率的・効果的な行政経営を推進します」: 施策の所管課を読み取れませんでした。",
      "政策 ?: 政策の番号を読み取れませんでした。",
      "政策 ?: 政策の名称を読み取れませんでした。",
      "施策 ?「（施策不明）」: どの施策に属するか読み取れない事務事業があります（「市民協働推進事業」、「市民活動支援事業」、「各種団体連携事業」）。",
    ]);
    expect(importBlockers([], plan, "a.txt").map((b) => b.file)).toEqual([
      "a.txt",
      "a.txt",
      "a.txt",
      "a.txt",
    ]);
  });
});

describe("what an import would remove", () => {
  it("is nothing when the same book comes again, or when the year is new", () => {
    expect(importRemovals(seed(), seed())).toEqual([]);
    expect(importRemovals(null, seed())).toEqual([]);
  });

  it("names a policy that goes, with every measure and project in it", () => {
    const removals = importRemovals(seed(), renumberPolicy(seedVariant(), 4).expected);
    expect(removals.map((p) => [p.code, p.whole, p.measures.length])).toEqual([["6", true, 5]]);
    // 3 + 19 + 12 + 2 + 9 projects in 施策 6-1 … 6-5 of the seed.
    expect(removalCounts(removals)).toEqual({ policies: 1, measures: 5, projects: 45 });
    expect(describeRemovalCounts(removals)).toBe("政策 1 件、施策 5 件、事務事業 45 件");
    expect(describeRemovals(removals)[0]).toBe(
      "政策 6「すべての主体が参加し、協働するまちづくり」（政策ごと削除）",
    );
  });

  it("names a measure and projects that go from a policy that stays, by name", () => {
    const incoming = seed();
    const policy = incoming.policies[0];
    if (!policy) throw new Error("seed has a policy");
    // Without 施策 6-4 (2 projects) and without 「職員研修費」 of 施策 6-2.
    policy.measures = policy.measures.filter((m) => m.code !== "6-4");
    const m62 = policy.measures.find((m) => m.code === "6-2");
    if (!m62) throw new Error("seed has 6-2");
    m62.projects = m62.projects.filter((p) => p.name !== "職員研修費");
    const removals = importRemovals(seed(), incoming);
    expect(removalCounts(removals)).toEqual({ policies: 0, measures: 1, projects: 3 });
    expect(describeRemovals(removals)).toEqual([
      "政策 6「すべての主体が参加し、協働するまちづくり」 › 施策 6-2「戦略的で効率的・効果的な行政経営を推進します」: 事務事業 「職員研修費」",
      "政策 6「すべての主体が参加し、協働するまちづくり」 › 施策 6-4「市税収入をはじめとする自主財源の安定的な確保を図ります」（施策ごと削除）: 事務事業 「賦課徴収費運営費」、「税務総務費人件費」",
    ]);
    expect(removalFingerprint(removals)).toBe(removalFingerprint(importRemovals(seed(), incoming)));
    expect(removalFingerprint(removals)).not.toBe(removalFingerprint(removals.slice(1)));
  });
});
