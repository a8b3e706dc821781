/**
 * BoundedGroups counts as BoundedCounter does (Space-Saving, pruned in batches), so a capped
 * `--by` table is the same table it was before groups carried measures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedGroups } from '../src/report/bounded-groups.js';
import { BoundedCounter } from '../src/report/top-k.js';

describe('BoundedGroups', () => {
  it('gives the counts and error bound BoundedCounter gives, for any stream and cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 200 }),
        fc.integer({ min: 1, max: 5 }),
        (keys, cap) => {
          const groups = new BoundedGroups(cap);
          const counter = new BoundedCounter(cap);
          for (const key of keys) {
            groups.add(key);
            counter.add(key);
          }
          const expected = counter.toTable();
          const { table, measures } = groups.finish();
          expect({ ...table.counts }).toEqual({ ...expected.counts });
          expect(table.maxError).toBe(expected.maxError);
          expect(Object.keys(measures).sort()).toEqual(Object.keys(table.counts).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps each group its own measures', () => {
    const groups = new BoundedGroups(10);
    groups.add('/a').bytesSent += 100;
    groups.add('/b').bytesSent += 7;
    groups.add('/a').bytesSent += 20;
    const { table, measures } = groups.finish();
    expect({ ...table.counts }).toEqual({ '/a': 2, '/b': 1 });
    expect(measures['/a']!.bytesSent).toBe(120);
    expect(measures['/b']!.bytesSent).toBe(7);
  });
});
