/**
 * PostgreSQL accepts at most 65,535 bind parameters per statement; stay well under it so one INSERT
 * carries as many rows as fit (hundreds to thousands), never one statement per row.
 */
const MAX_PARAMETERS_PER_STATEMENT = 30_000;

/** Splits rows into slices small enough for one multi-row INSERT each. */
export function batches<T extends object>(rows: readonly T[]): T[][] {
  const first = rows[0];
  if (first === undefined) return [];
  const columns = Math.max(1, Object.keys(first).length);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The id at index i of a list built by byPosition, which every row of the batch must have filled. */
export function at(ids: readonly number[], i: number): number {
  const id = ids[i];
  if (id === undefined) throw new Error(`内部エラー: ${i} 番目の行の ID がありません。`);
  return id;
}

/** Ids of inserted rows in the order of their `position` 0..n-1, whatever order RETURNING gives. */
export function byPosition(rows: { id: number; position: number }[], n: number): number[] {
  const ids = new Array<number>(n);
  for (const r of rows) ids[r.position] = r.id;
  return ids;
}
