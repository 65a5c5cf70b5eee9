import { describe, expect, it } from "vitest";
import { hasApprovedContent, isFullyApproved } from "../../../src/domain/publication/approval.ts";
import { cityKey, projectKeys } from "../../../src/domain/publication/public-ids.ts";

describe("public identifiers", () => {
  it("keys a project by its measure's code and its name, numbering a repeated name in book order", () => {
    expect(projectKeys("6-2", ["職員研修費", "文書費", "職員研修費", "職員研修費"])).toEqual([
      "6-2:職員研修費",
      "6-2:文書費",
      "6-2:職員研修費:2",
      "6-2:職員研修費:3",
    ]);
    expect(projectKeys("6-5", [])).toEqual([]);
  });

  it("names a city by its 全国地方公共団体コード, which two cities of one name (伊達市) do not share", () => {
    expect(cityKey({ code: "202088" })).toBe("202088");
    expect(cityKey({ code: "012335" })).not.toBe(cityKey({ code: "072133" }));
  });
});

describe("approval of a plan", () => {
  const c = (p: [number, number], m: [number, number]) => ({
    projects: { approved: p[0], total: p[1] },
    measures: { approved: m[0], total: m[1] },
  });
  it("is public with anything approved, complete with everything", () => {
    expect([hasApprovedContent(c([0, 45], [0, 5])), isFullyApproved(c([0, 45], [0, 5]))]).toEqual([
      false,
      false,
    ]);
    expect([hasApprovedContent(c([1, 45], [0, 5])), isFullyApproved(c([1, 45], [0, 5]))]).toEqual([
      true,
      false,
    ]);
    expect([hasApprovedContent(c([0, 45], [1, 5])), isFullyApproved(c([0, 45], [1, 5]))]).toEqual([
      true,
      false,
    ]);
    expect([hasApprovedContent(c([45, 45], [5, 5])), isFullyApproved(c([45, 45], [5, 5]))]).toEqual([
      true,
      true,
    ]);
  });
});
