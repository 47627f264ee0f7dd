/**
 * SQLite builds may bind at most 999 parameters per statement, and Prisma's driver adapter does
 * not split an `in` list (nor an OR of two) for us: a query whose list grows with the input is
 * run in slices of this size, leaving room for the statement's other parameters.
 */
export const MAX_LIST_PARAMETERS = 400;

/** Runs `query` for each slice of `values` and concatenates the results (nothing is queried for an empty list). */
export async function queryInChunks<V, R>(values: readonly V[], query: (slice: V[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += MAX_LIST_PARAMETERS) results.push(...(await query(values.slice(i, i + MAX_LIST_PARAMETERS))));
  return results;
}

/** Runs a write for each slice of `values` and sums what it reports. */
export async function writeInChunks<V>(values: readonly V[], write: (slice: V[]) => Promise<{ count: number }>): Promise<number> {
  let count = 0;
  for (let i = 0; i < values.length; i += MAX_LIST_PARAMETERS) count += (await write(values.slice(i, i + MAX_LIST_PARAMETERS))).count;
  return count;
}
