/**
 * Merging exact tables (every maxError 0) adds them key by key, straight into the result, while the
 * union fits (top-k.ts, exactSum). The table must be the one the counter path gives, key order
 * included (renderers break ties by it, and partials are compared byte for byte): tested against
 * BoundedCounter.from on keys that read as array indexes, inherited names and tables over the cap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dictionary } from '../parsers/lookup-table.js';
import { BoundedCounter, mergeBoundedTables, type BoundedTable } from '../src/report/top-k.js';

/** Keys as partials hold them: IPs, paths, digits (array-index order in an object), names Object.prototype has. */
const key = fc.oneof(
  fc.constantFrom('/', '/a', '10.0.0.1', '__proto__', 'toString', 'constructor', '0', '7', '42', '4294967295'),
  fc.nat(40).map(String),
  fc.string({ maxLength: 4 }),
);

/** An exact table, as a builder writes one (a null-prototype dictionary) or JSON.parse reads one. */
const exactTable = fc
  .tuple(fc.array(fc.tuple(key, fc.integer({ min: 1, max: 1000 })), { maxLength: 30 }), fc.boolean())
  .map(([entries, parsed]): BoundedTable => {
    const counts: Record<string, number> = parsed ? {} : dictionary<number>();
    for (const [k, n] of entries)
      if (parsed) Object.defineProperty(counts, k, { value: n, enumerable: true, writable: true, configurable: true });
      else counts[k] = n;
    return { counts, maxError: 0 };
  });

const viaCounter = (tables: readonly BoundedTable[], maxKeys: number): BoundedTable => BoundedCounter.from(tables, maxKeys).toTable();

describe('merging exact tables', () => {
  it('gives the counter path’s table: the same keys in the same order, the same counts and bound', () => {
    fc.assert(
      fc.property(fc.array(exactTable, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 80 }), (tables, maxKeys) => {
        const merged = mergeBoundedTables(tables, maxKeys);
        const expected = viaCounter(tables, maxKeys);
        expect(Object.entries(merged.counts)).toEqual(Object.entries(expected.counts));
        expect(merged.maxError).toBe(expected.maxError);
      }),
      { numRuns: 500 },
    );
  });

  it('past the cap, prunes as the counter does: the bound is no longer 0', () => {
    const a = { counts: { x: 5, y: 1 }, maxError: 0 };
    const b = { counts: { z: 2, w: 1 }, maxError: 0 };
    const merged = mergeBoundedTables([a, b], 2);
    expect(Object.keys(merged.counts)).toEqual(['x', 'z']);
    expect(merged.maxError).toBeGreaterThan(0);
  });
});
