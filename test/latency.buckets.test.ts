/**
 * Latency buckets (src/report/latency-buckets.ts) against hdr-histogram-js, the HDR implementation
 * they follow: every value lands in the bucket HDR (3 significant digits) gives it, and every
 * percentile is the one HDR reports for the same values. Also the encoding: a function of the
 * counts alone, read back exactly, and refused when damaged.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import type * as HdrModule from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import {
  addBuckets,
  BUCKETS_END,
  bucketOf,
  bucketsOf,
  bucketsOfList,
  bucketsOfValues,
  encodeBuckets,
  highestOf,
  lowestOf,
  readBuckets,
  valueAtPercentile,
} from '../src/report/latency-buckets.js';
import { LatencyRecorder, mergeLatency, summariseLatency } from '../src/report/latency.js';

const hdr = createRequire(import.meta.url)('hdr-histogram-js') as typeof HdrModule;
/** The package's JavaScript histogram, with the bucket edges its class has but its type leaves out. */
type Histogram = HdrModule.Histogram & { lowestEquivalentValue(v: number): number; highestEquivalentValue(v: number): number };
const newHdr = (): Histogram => hdr.build({ numberOfSignificantValueDigits: 3, bitBucketSize: 64, useWebAssembly: false }) as Histogram;

/** Whole milliseconds, mostly small, with a tail up to the 10^12 ms time-taken limit. */
const millis = fc.oneof(
  { weight: 6, arbitrary: fc.nat(5_000) },
  { weight: 3, arbitrary: fc.integer({ min: 2_048, max: 10_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e12 }) },
);

const PERCENTILES = [0, 0.1, 25, 50, 90, 95, 99, 99.9, 100];

/** Counts per bucket index, as a recorder keeps them. */
function countsOf(values: readonly number[]): number[] {
  const counts: number[] = [];
  for (const v of values) {
    const i = bucketOf(v);
    while (counts.length <= i) counts.push(0);
    counts[i]!++;
  }
  return counts;
}

describe('latency buckets', () => {
  it('put each value in the bucket HDR with 3 significant digits gives it', () => {
    const histogram = newHdr();
    fc.assert(
      fc.property(millis, (v) => {
        const i = bucketOf(v);
        expect(lowestOf(i)).toBe(histogram.lowestEquivalentValue(v));
        expect(highestOf(i)).toBe(histogram.highestEquivalentValue(v));
        expect(i).toBeLessThan(BUCKETS_END);
      }),
      { numRuns: 2_000 },
    );
    // The edges of every power of two, where a bucket's width doubles, up to the time-taken limit
    // (10^12 ms < 2^40). Past 2^46 HDR's own floating-point log2 puts 2^k - 1 in the next bucket up.
    for (let k = 11; k <= 52; k++)
      for (const v of [2 ** k - 1, 2 ** k, 2 ** k + 1]) {
        if (k <= 40) expect(lowestOf(bucketOf(v)), `lowest of ${v}`).toBe(histogram.lowestEquivalentValue(v));
        expect(lowestOf(bucketOf(v)) <= v && v <= highestOf(bucketOf(v)), `${v} in its bucket`).toBe(true);
        expect(highestOf(bucketOf(v)) - lowestOf(bucketOf(v)) + 1, `width of ${v}'s bucket`).toBe(
          v < 2048 ? 1 : 2 ** (v.toString(2).length - 11),
        );
      }
  });

  it('give the percentiles HDR gives for the same values', () => {
    fc.assert(
      fc.property(fc.array(millis, { minLength: 1, maxLength: 3_000 }), (values) => {
        const histogram = newHdr();
        for (const v of values) histogram.recordValue(v);
        const buckets = bucketsOf(countsOf(values));
        expect(bucketsOfValues(values.map((v) => [v, 1]))).toEqual(buckets);
        for (const p of PERCENTILES) expect(valueAtPercentile(buckets, values.length, p), `p${p}`).toBe(histogram.getValueAtPercentile(p));
      }),
      { numRuns: 200 },
    );
  });

  it('summarise a recorder past 256 values with the percentiles of HDR, capped at the exact max', () => {
    const values = Array.from({ length: 5_000 }, (_, i) => ((i * 7919) % 5_000) * ((i % 7) + 1) ** 3);
    const recorder = new LatencyRecorder();
    const histogram = newHdr();
    for (const v of values) {
      recorder.record(v);
      histogram.recordValue(v);
    }
    const summary = summariseLatency(recorder.toData()!);
    const max = Math.max(...values);
    for (const [p, got] of [
      [50, summary.p50],
      [90, summary.p90],
      [95, summary.p95],
      [99, summary.p99],
    ] as const)
      expect(got, `p${p}`).toBe(Math.min(histogram.getValueAtPercentile(p), max));
    expect(summary.max).toBe(max);
  });

  it("add up as the counts of both parts' values", () => {
    fc.assert(
      fc.property(fc.array(millis, { maxLength: 500 }), fc.array(millis, { maxLength: 500 }), (a, b) => {
        const of = (values: number[]) => bucketsOfValues(values.map((v) => [v, 1]));
        expect(addBuckets(of(a), of(b))).toEqual(of([...a, ...b]));
      }),
    );
  });

  it('of a list of values, in order or not, are those of the (value, 1) pairs', () => {
    fc.assert(
      fc.property(fc.array(millis, { maxLength: 500 }), fc.boolean(), (values, sorted) => {
        const list = sorted ? [...values].sort((x, y) => x - y) : values;
        expect(bucketsOfList(list)).toEqual(bucketsOfValues(list.map((v) => [v, 1])));
      }),
    );
  });

  it('merge values with a fraction (a hand-edited partial) into the buckets below them, as HDR records them', () => {
    const values = Array.from({ length: 300 }, (_, i) => i * 7.25);
    const sum = values.reduce((a, b) => a + b, 0);
    const merged = mergeLatency({ count: 300, sum, max: values.at(-1)!, values }, { count: 1, sum: 1, max: 1, values: [1] })!;
    const buckets = readBuckets(merged.buckets!)!;
    expect(buckets.indexes.every(Number.isInteger)).toBe(true);
    expect(buckets.counts.reduce((a, b) => a + b, 0)).toBe(301);
    const histogram = newHdr();
    for (const v of [...values, 1]) histogram.recordValue(v);
    for (const p of PERCENTILES) expect(valueAtPercentile(buckets, 301, p), `p${p}`).toBe(histogram.getValueAtPercentile(p));
  });

  it('encode the counts alone, and read them back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(BUCKETS_END - 1), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })), { maxLength: 50 }),
        (pairs) => {
          const counts: number[] = [];
          for (const [i, n] of pairs) {
            while (counts.length <= i) counts.push(0);
            counts[i] = n;
          }
          const buckets = bucketsOf(counts);
          const text = encodeBuckets(buckets);
          // Trailing empty buckets, and the array's type, change nothing.
          expect(encodeBuckets(bucketsOf([...counts, 0, 0]))).toBe(text);
          expect(encodeBuckets(bucketsOf(Float64Array.from(counts)))).toBe(text);
          expect(readBuckets(text)).toEqual(buckets);
        },
      ),
    );
  });

  it('refuse a text that is no encoding of counts', () => {
    const text = encodeBuckets(bucketsOf(countsOf([1, 5, 5, 3_000, 70_000])));
    const damaged = [
      'not base64!',
      // A count of 0.
      Buffer.from([0, 0]).toString('base64'),
      // A varint cut off.
      Buffer.from([0, 0x85]).toString('base64'),
      // A bucket past the last.
      Buffer.from([0xff, 0xff, 0x7f, 1]).toString('base64'),
      // A count past 2^53.
      Buffer.from([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).toString('base64'),
      `${text}=`,
    ];
    for (const bad of damaged) expect(readBuckets(bad), bad).toBeUndefined();
    expect(readBuckets('')).toEqual({ indexes: [], counts: [] });
    expect(readBuckets(text)).toEqual(bucketsOf(countsOf([1, 5, 5, 3_000, 70_000])));
  });
});
