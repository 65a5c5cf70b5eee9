import type { Locator } from "playwright-core";
import { expect } from "vitest";

// Web-first assertions for playwright-core locators (playwright-core has no `expect` of its own): each
// waits up to `timeout` for the page to reach the expected state, then asserts with vitest's expect so
// that a failure shows the actual value.

const TIMEOUT = 10_000;

async function settle<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const end = Date.now() + TIMEOUT;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

const trimmed = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

export function see(locator: Locator) {
  return {
    async hasText(expected: string | string[]) {
      if (Array.isArray(expected)) {
        const all = await settle(
          async () => (await locator.allTextContents()).map(trimmed),
          (v) => JSON.stringify(v) === JSON.stringify(expected),
        );
        expect(all).toEqual(expected);
        return;
      }
      const v = await settle(
        async () => ((await locator.count()) > 0 ? trimmed(await locator.first().textContent()) : null),
        (v) => v === expected,
      );
      expect(v).toBe(expected);
    },
    async containsText(expected: string) {
      const v = await settle(
        async () => ((await locator.count()) > 0 ? trimmed(await locator.first().textContent()) : ""),
        (v) => v.includes(expected),
      );
      expect(v).toContain(expected);
    },
    async hasCount(n: number) {
      const v = await settle(
        () => locator.count(),
        (v) => v === n,
      );
      expect(v).toBe(n);
    },
    async hasValue(expected: string) {
      const v = await settle(
        () => locator.inputValue(),
        (v) => v === expected,
      );
      expect(v).toBe(expected);
    },
    async hasAttribute(name: string, expected: string) {
      const v = await settle(
        () => locator.getAttribute(name),
        (v) => v === expected,
      );
      expect(v).toBe(expected);
    },
    async hasClass(re: RegExp) {
      const v = await settle(
        async () => (await locator.getAttribute("class")) ?? "",
        (v) => re.test(v),
      );
      expect(v).toMatch(re);
    },
  };
}
