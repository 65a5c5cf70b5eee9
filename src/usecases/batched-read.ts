import type { Database } from "../db/client.ts";

// Batched reads that are never stale. Under load many requests ask the same small question at once (the
// revision of a plan version, the session of a cookie): each asks for its key, and the keys asked for
// while one query is running are answered together by the next query. A key always joins a query that
// STARTS after it was asked, never one already running, so whatever was committed before a request
// arrived is what that request sees, as if it had run its own query. One request alone waits for one
// query, as before; fifty at once share two or three.

/** Answers a set of keys with one query; a key missing from the map has no row. */
export type BatchFetch<K, V> = (db: Database, keys: K[]) => Promise<Map<K, V>>;

interface Batch<K, V> {
  keys: Set<K>;
  done: Promise<Map<K, V>>;
  resolve: (rows: Map<K, V>) => void;
  reject: (e: unknown) => void;
}

class BatchedRead<K, V> {
  private next: Batch<K, V> | null = null;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly fetch: BatchFetch<K, V>,
  ) {}

  async load(key: K): Promise<V | undefined> {
    let batch = this.next;
    if (!batch) {
      let resolve!: Batch<K, V>["resolve"];
      let reject!: Batch<K, V>["reject"];
      const done = new Promise<Map<K, V>>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = { keys: new Set(), done, resolve, reject };
      this.next = batch;
      // It starts once the requests that arrived with this one have asked too: after this turn of the
      // event loop's I/O (setImmediate), which matters on PGlite, whose queries run synchronously.
      if (!this.running) setImmediate(() => this.run());
    }
    batch.keys.add(key);
    return (await batch.done).get(key);
  }

  private run(): void {
    const batch = this.next;
    if (!batch || this.running) return;
    this.next = null;
    this.running = true;
    this.fetch(this.db, [...batch.keys])
      .then(batch.resolve, batch.reject)
      .finally(() => {
        this.running = false;
        if (this.next) this.run();
      });
  }
}

// One batcher per database handle and kind of question. A transaction is a handle of its own, so reads
// inside it run inside it (and see its own writes).
const batchers = new WeakMap<Database, Map<BatchFetch<unknown, unknown>, BatchedRead<unknown, unknown>>>();

/** Reads `key` through the batch of `fetch` on `db` (see above): fresh as a query of its own. */
export function batchedRead<K, V>(db: Database, fetch: BatchFetch<K, V>, key: K): Promise<V | undefined> {
  let byFetch = batchers.get(db);
  if (!byFetch) {
    byFetch = new Map();
    batchers.set(db, byFetch);
  }
  let b = byFetch.get(fetch as BatchFetch<unknown, unknown>) as BatchedRead<K, V> | undefined;
  if (!b) {
    b = new BatchedRead(db, fetch);
    byFetch.set(fetch as BatchFetch<unknown, unknown>, b as BatchedRead<unknown, unknown>);
  }
  return b.load(key);
}
