/**
 * The top URIs and clients an errors group lists (`--items N`) are chosen by keeping the best few
 * while reading the table: they must be the first N of the table sorted by count, ties by key,
 * whatever the table's size, its ties and N.
 */
import { describe, expect, it } from 'vitest';
import { dictionary } from '../parsers/lookup-table.js';
import { topOf } from '../src/report/errors-view.js';

/** A deterministic table of `size` keys whose counts repeat (ties) every `spread` values. */
function table(size: number, spread: number, seed: number): Record<string, number> {
  const counts = dictionary<number>();
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    counts[`10.0.${state % 251}.${i}`] = 1 + (state % spread);
  }
  return counts;
}

const bySort = (counts: Record<string, number>, n: number): [string, number][] =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, n));

describe('errors: top items of a group', () => {
  it('are the first N by count, ties by key, for small and long lists', () => {
    for (const size of [0, 1, 4, 5, 6, 300])
      for (const spread of [1, 3, 1000])
        for (const n of [0, 1, 5, 64, 65, 400]) {
          const counts = table(size, spread, size * 31 + spread);
          expect(topOf(counts, n), `size ${size}, spread ${spread}, n ${n}`).toEqual(bySort(counts, n));
        }
  });

  it('lists none for --items 0', () => {
    expect(topOf(table(10, 2, 1), 0)).toEqual([]);
  });
});
