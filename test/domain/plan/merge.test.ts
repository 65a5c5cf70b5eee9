import { describe, expect, it } from "vitest";
import { mergePlans } from "../../../src/domain/plan/merge.ts";
import { renumberPolicy, seedVariant } from "../../support/variants.ts";

describe("merging the books of one year", () => {
  const six = seedVariant().expected;
  const three = renumberPolicy(seedVariant(), 3).expected;

  it("keeps a single book exactly as read", () => {
    expect(mergePlans([{ name: "a.txt", plan: six }]).plan).toBe(six);
  });

  it("concatenates policies in the order given and names each diagnostic's book", () => {
    const { plan, duplicates } = mergePlans([
      { name: "政策6.txt", plan: six },
      { name: "政策3.txt", plan: three },
    ]);
    expect(duplicates).toEqual([]);
    expect(plan.policies.map((p) => p.code)).toEqual(["6", "3"]);
    expect(plan.title).toBe("実施計画書 兼 事業説明書");
    expect(plan.diagnostics).toHaveLength(six.diagnostics.length * 2);
    expect(plan.diagnostics[0]?.message.startsWith("政策6.txt: ")).toBe(true);
    expect(plan.diagnostics.at(-1)?.message.startsWith("政策3.txt: ")).toBe(true);
  });

  it("reports a policy printed by two books", () => {
    const { duplicates } = mergePlans([
      { name: "a.txt", plan: six },
      { name: "b.txt", plan: six },
    ]);
    expect(duplicates).toEqual([{ code: "6", books: ["a.txt", "b.txt"] }]);
  });
});
