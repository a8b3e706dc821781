/**
 * Bounded tables: exact under the cap; past it, every kept count is within [true, true + maxError]
 * and every key left out occurred at most maxError times, also after merging capped tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedCounter, mergeBoundedTables, type BoundedTable } from '../src/report/top-k.js';

const count = (keys: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};

function expectWithinBound(table: BoundedTable, truth: Map<string, number>, maxKeys: number): void {
  expect(Object.keys(table.counts).length).toBeLessThanOrEqual(maxKeys);
  for (const [key, n] of truth) {
    const reported = table.counts[key];
    if (reported === undefined) expect(n).toBeLessThanOrEqual(table.maxError);
    else {
      expect(reported).toBeGreaterThanOrEqual(n);
      expect(reported - n).toBeLessThanOrEqual(table.maxError);
    }
  }
}

/** Skewed streams: a few heavy keys among many rare ones, as URIs and clients are. */
const stream = fc.array(
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom('a', 'b', 'c') }, { weight: 2, arbitrary: fc.nat(60).map(String) }),
  { maxLength: 400 },
);

describe('BoundedCounter', () => {
  it('is exact while the keys fit', () => {
    const counter = new BoundedCounter(3);
    for (const k of ['x', 'y', 'x', 'z', 'x']) counter.add(k);
    expect(counter.toTable()).toEqual({ counts: { x: 3, y: 1, z: 1 }, maxError: 0 });
  });

  it('past the cap, keeps counts within the error bound it reports', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 1, max: 8 }), (keys, maxKeys) => {
        const counter = new BoundedCounter(maxKeys);
        for (const k of keys) counter.add(k);
        expectWithinBound(counter.toTable(), count(keys), maxKeys);
      }),
    );
  });

  it('keeps the heavy hitters: a key over maxError is never dropped', () => {
    const counter = new BoundedCounter(10);
    for (let i = 0; i < 100_000; i++) counter.add(i % 3 === 0 ? 'hot' : `cold-${i}`);
    const table = counter.toTable();
    expect(table.counts.hot).toBeGreaterThanOrEqual(33_334);
    expect(table.maxError).toBeGreaterThan(0);
  });

  it('merged capped tables stay within the summed bound', () => {
    fc.assert(
      fc.property(stream, stream, fc.integer({ min: 1, max: 8 }), (a, b, maxKeys) => {
        const table = (keys: string[]) => {
          const c = new BoundedCounter(maxKeys);
          for (const k of keys) c.add(k);
          return c.toTable();
        };
        expectWithinBound(mergeBoundedTables([table(a), table(b)], maxKeys), count([...a, ...b]), maxKeys);
      }),
    );
  });

  it('merging exact tables under the cap is exact addition', () => {
    expect(
      mergeBoundedTables(
        [
          { counts: { a: 1, b: 2 }, maxError: 0 },
          { counts: { b: 3, c: 4 }, maxError: 0 },
        ],
        10,
      ),
    ).toEqual({ counts: { a: 1, b: 5, c: 4 }, maxError: 0 });
  });
});
