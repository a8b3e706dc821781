/**
 * A BoundedCounter holds its first few keys in short arrays and makes a map past them; a prune
 * that keeps few keys goes back to arrays, and one that cuts far below the table's size makes it
 * again. None of that may change a count: checked against a plain model of the documented rules
 * (exact under the cap; at 1.25 × the cap keep the cap's largest counts, ties in arrival order;
 * a dropped key's count raises the bound; a new key starts at the bound), through adds, cuts to a
 * budget, merges (`absorb`, `from`) and tables, with key sets on both sides of the arrays' size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedCounter, type BoundedTable } from '../src/report/top-k.js';

/** The rules as a list of [key, count] in arrival order. */
class Model {
  entries: [string, number][] = [];
  floor = 0;
  pruned = false;
  constructor(readonly maxKeys: number) {}

  add(key: string, n: number): void {
    const entry = this.entries.find(([k]) => k === key);
    if (entry) entry[1] += n;
    else {
      this.entries.push([key, this.floor + n]);
      if (this.entries.length >= this.maxKeys * 1.25) this.prune(this.maxKeys);
    }
  }

  prune(keep: number): void {
    const sorted = this.entries.map(([, c]) => c).sort((a, b) => b - a);
    const cutoff = sorted[keep - 1]!;
    let ties = keep - sorted.filter((c) => c > cutoff).length;
    this.entries = this.entries.filter(([, c]) => {
      if (c > cutoff || (c === cutoff && ties-- > 0)) return true;
      if (c > this.floor) this.floor = c;
      return false;
    });
    this.pruned = true;
  }

  shrinkTo(keep: number): void {
    if (this.entries.length > keep) this.prune(keep);
  }

  absorb(other: Model): void {
    if (this.entries.length > this.maxKeys) this.prune(this.maxKeys);
    if (other.entries.length > other.maxKeys) other.prune(other.maxKeys);
    const own = this.pruned ? this.floor : 0;
    const theirs = other.pruned ? other.floor : 0;
    for (const entry of this.entries) entry[1] += theirs;
    for (const [key, count] of other.entries) {
      const entry = this.entries.find(([k]) => k === key);
      if (entry) entry[1] += count - theirs;
      else this.entries.push([key, own + count]);
    }
    this.floor = own + theirs;
    this.pruned = this.floor > 0;
  }

  table(): BoundedTable {
    if (this.entries.length > this.maxKeys) this.prune(this.maxKeys);
    return { counts: Object.fromEntries(this.entries), maxError: this.pruned ? this.floor : 0 };
  }
}

type Step = { add: string; n: number } | { shrink: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ add: fc.nat(40).map((k) => `k${k}`), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ shrink: fc.integer({ min: 1, max: 12 }) }) },
);

function run(steps: readonly Step[], maxKeys: number): { counter: BoundedCounter; model: Model } {
  const counter = new BoundedCounter(maxKeys);
  const model = new Model(maxKeys);
  for (const s of steps) {
    if ('add' in s) {
      const isNew = !model.entries.some(([k]) => k === s.add);
      expect(counter.add(s.add, s.n)).toBe(isNew);
      model.add(s.add, s.n);
    } else {
      counter.shrinkTo(s.shrink);
      model.shrinkTo(s.shrink);
    }
  }
  return { counter, model };
}

const ordered = (table: BoundedTable): [string, number][] => Object.entries(table.counts);

describe('BoundedCounter with its few keys in arrays', () => {
  it('counts as the rules say through adds and cuts, in arrival order', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (steps, maxKeys) => {
        const { counter, model } = run(steps, maxKeys);
        expect(counter.size).toBe(model.entries.length);
        const table = counter.toTable();
        const expected = model.table();
        expect(ordered(table)).toEqual(ordered(expected));
        expect(table.maxError).toBe(expected.maxError);
        expect([...counter.keys()]).toEqual(model.entries.map(([k]) => k));
      }),
      { numRuns: 300 },
    );
  });

  it('merges as the rules say, whichever side holds arrays or a map', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 120 }),
        fc.array(step, { maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        (a, b, maxKeys) => {
          const left = run(a, maxKeys);
          const right = run(b, maxKeys);
          left.counter.absorb(right.counter);
          left.model.absorb(right.model);
          expect(ordered(left.counter.toTable())).toEqual(ordered(left.model.table()));
          const fromTables = BoundedCounter.from([run(a, maxKeys).counter.toTable(), run(b, maxKeys).counter.toTable()], maxKeys);
          expect(fromTables.toTable().maxError).toBe(left.model.table().maxError);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every count when a table of hundreds of keys is cut to a few and grows again', () => {
    const counter = new BoundedCounter(10_000);
    const model = new Model(10_000);
    for (let i = 0; i < 500; i++) {
      counter.add(`k${i}`, (i % 37) + 1);
      model.add(`k${i}`, (i % 37) + 1);
    }
    for (const keep of [100, 6, 30]) {
      counter.shrinkTo(keep);
      model.shrinkTo(keep);
      for (let i = 0; i < 50; i++) {
        counter.add(`n${keep}-${i}`, 2);
        model.add(`n${keep}-${i}`, 2);
      }
      expect(ordered(counter.toTable())).toEqual(ordered(model.table()));
    }
  });
});
