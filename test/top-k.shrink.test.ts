/**
 * A table cut far below its size (BoundedCounter.shrinkTo, as the errors report's key budget cuts
 * thousands of tables) gives back the room of its counts, and counts on as a table of that size:
 * keys added after the cut start at its bound, and growing again keeps every count.
 */
import { describe, expect, it } from 'vitest';
import { BoundedCounter } from '../src/report/top-k.js';

/** The length of the counter's counts array: the memory this file is about. */
const room = (counter: BoundedCounter): number => (counter as unknown as { counts: Float64Array }).counts.length;

/** A counter holding keys k0…k(n-1), key ki counted i + 1 times. */
function ramp(n: number, maxKeys = 10_000): BoundedCounter {
  const counter = new BoundedCounter(maxKeys);
  for (let i = 0; i < n; i++) counter.add(`k${i}`, i + 1);
  return counter;
}

describe('BoundedCounter cut far below its size', () => {
  it('keeps the largest counts and gives back the room of the rest', () => {
    const counter = ramp(1000);
    expect(room(counter)).toBeGreaterThanOrEqual(1000);
    counter.shrinkTo(3);
    expect(counter.toTable()).toEqual({ counts: { k997: 998, k998: 999, k999: 1000 }, maxError: 997 });
    expect(room(counter)).toBeLessThanOrEqual(8);
  });

  it('counts keys added after the cut from its bound, and grows again without losing a count', () => {
    const counter = ramp(1000);
    counter.shrinkTo(3);
    for (let i = 0; i < 50; i++) counter.add(`new${i}`, i % 2 === 0 ? 1 : 2);
    counter.add('k999', 5);
    const table = counter.toTable();
    expect(Object.keys(table.counts)).toHaveLength(53);
    expect(table.maxError).toBe(997);
    expect(table.counts.k997).toBe(998);
    expect(table.counts.k999).toBe(1005);
    for (let i = 0; i < 50; i++) expect(table.counts[`new${i}`]).toBe(997 + (i % 2 === 0 ? 1 : 2));
  });

  it('keeps its room through the ordinary prune at the cap, which keeps most keys', () => {
    const counter = ramp(0, 100);
    for (let i = 0; i < 124; i++) counter.add(`k${i}`, i + 1);
    const before = room(counter);
    counter.add('k124', 125); // the 125th key: 1.25 × the cap, so the table prunes to 100
    expect(counter.size).toBe(100);
    expect(room(counter)).toBe(before);
  });
});
