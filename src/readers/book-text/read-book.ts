import type { PlanDocument } from "../../domain/plan.ts";

/** Reads a 実施計画書 兼 事業説明書 text file (bytes in any supported encoding, or decoded text). Never throws. */
export function readBook(_input: Uint8Array | string): PlanDocument {
  throw new Error("not yet implemented");
}

export function readBookText(_text: string): PlanDocument {
  throw new Error("not yet implemented");
}
