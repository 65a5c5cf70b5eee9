// The three-way merge of a save made from a stale form (issue 11, finding 5), worked by hand: base is what
// the form was made from, theirs what someone else stored meanwhile, mine what the user sent.
import { describe, expect, it } from "vitest";
import type { Fields } from "../../../src/domain/editing/changes.ts";
import { mergeFields, mergeMeasures, mergeProjects } from "../../../src/domain/editing/three-way.ts";
import type { Measure, Project } from "../../../src/domain/plan/model.ts";
import { projectsOf, seedPlan } from "../../support/plans.ts";

const fields = (values: Record<string, string | null>): Fields =>
  new Map(Object.entries(values).map(([k, v]) => [k, { label: `L-${k}`, value: v }]));

describe("mergeFields (pure)", () => {
  // One field per row: base, theirs, mine, the choice, and where it ends up.
  const cases: [
    string,
    string | null,
    string | null,
    string | null,
    "mine" | "theirs" | undefined,
    string,
  ][] = [
    ["nobody changed it", "a", "a", "a", undefined, "kept"],
    [
      "only theirs changed it: theirs stays (the bug was writing mine = base back)",
      "a",
      "b",
      "a",
      undefined,
      "theirs",
    ],
    ["only mine changed it", "a", "a", "c", undefined, "mine"],
    ["mine emptied it", "a", "a", null, undefined, "mine"],
    ["both made the same change", "a", "b", "b", undefined, "theirs"],
    ["both changed it differently: a conflict", "a", "b", "c", undefined, "conflict"],
    ["a conflict decided for mine", "a", "b", "c", "mine", "mine"],
    ["a conflict decided for theirs", "a", "b", "c", "theirs", "theirs"],
    ["a choice on a field only mine changed changes nothing", "a", "a", "c", "theirs", "mine"],
    ["a field both filled from empty, differently", null, "b", "c", undefined, "conflict"],
  ];
  it.each(cases)("%s", (_, base, theirs, mine, choice, outcome) => {
    const m = mergeFields(
      fields({ f: base }),
      fields({ f: theirs }),
      fields({ f: mine }),
      choice ? { f: choice } : {},
    );
    const where =
      m.conflicts.length > 0
        ? "conflict"
        : m.mine.includes("f")
          ? "mine"
          : theirs !== base
            ? "theirs"
            : "kept";
    expect(where).toBe(outcome);
  });

  it("lists for the panel only what the other person changed, and the conflicts side by side", () => {
    const m = mergeFields(
      fields({ amount: "11659", goals: "x", notes: null, name: "A" }),
      fields({ amount: "11660", goals: "x", notes: "theirs", name: "A" }),
      fields({ amount: "11659", goals: "mine", notes: "mine", name: "A" }),
    );
    expect(m.mine).toEqual(["goals"]);
    expect(m.theirs).toEqual([{ field: "amount", label: "L-amount", before: "11659", after: "11660" }]);
    expect(m.conflicts).toEqual([
      { field: "notes", label: "L-notes", base: null, theirs: "theirs", mine: "mine" },
    ]);
  });

  it("a field only one side has counts as empty on the others", () => {
    const m = mergeFields(fields({}), fields({ x: "t" }), fields({ y: "m" }));
    expect(m.mine).toEqual(["y"]);
    expect(m.theirs).toEqual([{ field: "x", label: "L-x", before: null, after: "t" }]);
    expect(m.conflicts).toEqual([]);
  });
});

/** 職員厚生費 of the seed: 令和6年度 11,659 千円 = その他 2,050 + 一般財源 9,609 (book lines 479–483). */
function welfare(): Project {
  const p = projectsOf(seedPlan()).find((x) => x.name === "職員厚生費");
  if (!p) throw new Error("no 職員厚生費 in the seed");
  return structuredClone(p);
}

describe("mergeProjects (pure)", () => {
  it("the administrator's 11,660 stays; the 担当課's own change is written (the issue's reproduction)", () => {
    const base = welfare();
    const theirs = welfare();
    const t24 = theirs.inputs["2024"];
    if (!t24) throw new Error("no 2024");
    t24.total = 11_660;
    t24.generalRevenue = 9_610;
    const mine = welfare();
    mine.yearGoals = "ストレスチェックの受検率を高める。";
    const m = mergeProjects(base, theirs, mine);
    expect(m.conflicts).toEqual([]);
    expect(m.mine).toEqual(["yearGoals"]);
    expect(m.theirs.map((c) => [c.field, c.before, c.after])).toEqual([
      ["inputs.2024.total", "11659", "11660"],
      ["inputs.2024.generalRevenue", "9609", "9610"],
    ]);
    expect(m.merged.inputs["2024"]).toEqual({
      total: 11_660,
      nationalPrefectural: 0,
      localBonds: 0,
      otherEarmarked: 2_050,
      generalRevenue: 9_610,
    });
    expect(m.merged.yearGoals).toBe("ストレスチェックの受検率を高める。");
    expect(m.merged.summary).toBe(base.summary);
  });

  it("both change the same amount: a conflict with base, theirs and mine; the proposal holds mine", () => {
    const base = welfare();
    const theirs = welfare();
    (theirs.inputs["2024"] as { total: number }).total = 11_660;
    const mine = welfare();
    (mine.inputs["2024"] as { total: number }).total = 12_000;
    const m = mergeProjects(base, theirs, mine);
    expect(m.conflicts).toEqual([
      {
        field: "inputs.2024.total",
        label: "令和6年度 年度別事業費",
        base: "11659",
        theirs: "11660",
        mine: "12000",
      },
    ]);
    expect(m.merged.inputs["2024"]?.total).toBe(11_660);
    expect(m.proposal.inputs["2024"]?.total).toBe(12_000);
    expect(
      mergeProjects(base, theirs, mine, { "inputs.2024.total": "mine" }).merged.inputs["2024"]?.total,
    ).toBe(12_000);
    expect(
      mergeProjects(base, theirs, mine, { "inputs.2024.total": "theirs" }).merged.inputs["2024"]?.total,
    ).toBe(11_660);
  });

  it("an indicator added by mine and one removed by theirs both survive the merge", () => {
    const base = welfare();
    expect(base.activityIndicators.map((a) => a.name)).toEqual([
      "定期健康診断の受診率",
      "がん検診で要精密検査と診断された職員の精密検査の受診率",
    ]);
    const theirs = welfare();
    theirs.activityIndicators[0] = {
      ...theirs.activityIndicators[0],
      unit: "％",
    } as Project["activityIndicators"][0];
    const mine = welfare();
    mine.activityIndicators.push({ name: "ストレスチェック受検率", unit: "%", targets: {} });
    const m = mergeProjects(base, theirs, mine);
    expect(m.conflicts).toEqual([]);
    expect(m.merged.activityIndicators.map((a) => [a.name, a.unit])).toEqual([
      ["定期健康診断の受診率", "％"],
      ["がん検診で要精密検査と診断された職員の精密検査の受診率", "%"],
      ["ストレスチェック受検率", "%"],
    ]);
  });

  it("mine deleting an indicator nobody else touched deletes it", () => {
    const base = welfare();
    const mine = welfare();
    mine.activityIndicators.splice(1, 1);
    const m = mergeProjects(base, welfare(), mine);
    expect(m.merged.activityIndicators.map((a) => a.name)).toEqual(["定期健康診断の受診率"]);
  });
});

function measure65(): Measure {
  const m = seedPlan().policies[0]?.measures.find((x) => x.code === "6-5");
  if (!m) throw new Error("no 6-5 in the seed");
  return structuredClone(m);
}

describe("mergeMeasures (pure)", () => {
  it("theirs' text and mine's actual both stay; the same text changed twice is a conflict", () => {
    const base = measure65();
    const theirs = measure65();
    theirs.notes = "管理者の特記事項";
    theirs.purpose = "管理者の方針";
    const mine = measure65();
    const o = mine.outcomeIndicators[0];
    if (!o) throw new Error("6-5 has no outcome indicator");
    // 市民満足度 has actuals for 令和3・4年度 in the book; 令和6年度 is added.
    expect(Object.keys(o.actual)).toEqual(["2021", "2022"]);
    o.actual["2024"] = { text: "82.5", value: 82.5, comparator: "=" };
    mine.purpose = "担当課の方針";
    const m = mergeMeasures(base, theirs, mine);
    expect(m.mine).toEqual(["outcomeIndicators.0.actual.2024"]);
    expect(m.conflicts.map((c) => [c.field, c.base, c.theirs, c.mine])).toEqual([
      ["purpose", base.purpose, "管理者の方針", "担当課の方針"],
    ]);
    expect(m.merged.notes).toBe("管理者の特記事項");
    expect(m.merged.purpose).toBe("管理者の方針");
    expect(m.merged.outcomeIndicators[0]?.actual["2024"]?.text).toBe("82.5");
    expect(m.proposal.purpose).toBe("担当課の方針");
  });
});
