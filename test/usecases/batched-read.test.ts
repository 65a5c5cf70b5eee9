// The batched reads (src/usecases/batched-read.ts) on a real database: keys asked at once share one
// query, and a key asked while a query runs never gets that query's answer (it waits for the next one),
// so a batched read is exactly as fresh as a query of its own.
import { describe, expect, it } from "vitest";
import { bumpRevision, planRevisions } from "../../src/db/revision.ts";
import { type BatchFetch, batchedRead } from "../../src/usecases/batched-read.ts";
import { withSeededDatabase } from "../support/seed.ts";

const t = withSeededDatabase();

describe("batchedRead", () => {
  it("answers the keys asked in one turn with one query, each with its own row", async () => {
    const calls: number[][] = [];
    const fetch: BatchFetch<number, number> = (db, keys) => {
      calls.push([...keys]);
      return planRevisions(db, keys);
    };
    const [a, b, c] = await Promise.all([
      batchedRead(t.db, fetch, t.planVersionId),
      batchedRead(t.db, fetch, t.planVersionId),
      batchedRead(t.db, fetch, 999_999),
    ]);
    expect(calls).toEqual([[t.planVersionId, 999_999]]);
    // The seeded plan version's revision (whatever it is) for both askers; nothing for a missing id.
    const [direct] = (await planRevisions(t.db, [t.planVersionId])).values();
    expect(a).toBe(direct);
    expect(b).toBe(direct);
    expect(c).toBeUndefined();
  });

  it("never hands a key the answer of a query that started before it was asked", async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((done) => {
      release = done;
    });
    const fetch: BatchFetch<number, number> = async (db, keys) => {
      calls.push([...keys]);
      const rows = await planRevisions(db, keys);
      // The first query holds its (already read) answer until the test lets it go.
      if (calls.length === 1) await gate;
      return rows;
    };
    const before = (await planRevisions(t.db, [t.planVersionId])).get(t.planVersionId) ?? -1;
    const first = batchedRead(t.db, fetch, t.planVersionId);
    // Let the first query start and read, then commit a write and ask again while it is still running.
    while (calls.length === 0) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
    await bumpRevision(t.db, t.planVersionId);
    const second = batchedRead(t.db, fetch, t.planVersionId);
    release();
    expect(await first).toBe(before);
    expect(await second).toBe(before + 1);
    expect(calls).toHaveLength(2);
  });

  it("passes a failed query on to every asker of that batch, and the next batch runs again", async () => {
    let fail = true;
    const fetch: BatchFetch<number, number> = (db, keys) => {
      if (fail) return Promise.reject(new Error("接続が切れました"));
      return planRevisions(db, keys);
    };
    const asked = [batchedRead(t.db, fetch, 1), batchedRead(t.db, fetch, 2)];
    for (const p of asked) await expect(p).rejects.toThrow("接続が切れました");
    fail = false;
    expect(await batchedRead(t.db, fetch, t.planVersionId)).toBeTypeOf("number");
  });
});
