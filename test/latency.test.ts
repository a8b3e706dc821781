/**
 * Latency per group: exact values while few, bucket counts from 256 on, and a merge that has
 * the shape and percentiles a single pass over both parts would have had.
 */
import { describe, expect, it } from 'vitest';
import { LatencyRecorder, mergeLatency, summariseLatency } from '../src/report/latency.js';
import { expectPercentilesNear } from './helpers/latency-percentiles.js';

const record = (values: number[]) => {
  const recorder = new LatencyRecorder();
  for (const v of values) recorder.record(v);
  return recorder.toData()!;
};

describe('latency', () => {
  it('keeps fewer than 256 values as sorted values, with exact nearest-rank percentiles', () => {
    const data = record([30, 10, 20, 40, 1000]);
    expect(data.values).toEqual([10, 20, 30, 40, 1000]);
    expect(data.buckets).toBeUndefined();
    expect(summariseLatency(data)).toEqual({ count: 5, mean: 220, p50: 30, p90: 1000, p95: 1000, p99: 1000, max: 1000 });
  });

  it('switches to bucket counts at 256 values, within 0.1% of exact', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 3000 + i * 7);
    const data = record(values);
    expect(data.values).toBeUndefined();
    const p90 = summariseLatency(data).p90;
    const exact = values[Math.ceil(0.9 * values.length) - 1]!;
    expect(Math.abs(p90 - exact) / exact).toBeLessThanOrEqual(0.001);
  });

  it('values under 2,048 ms after the switch (counted on the side, then added) give exact percentiles; larger ones within 0.1%', () => {
    // 300 small values first (the switch at 256), then 700 more mixing small and large, all shuffled by a fixed step.
    const values = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) * (i % 3 === 0 ? 9 : 2));
    const data = record(values);
    expect(data.values).toBeUndefined();
    const sorted = [...values].sort((a, b) => a - b);
    const summary = summariseLatency(data);
    expectPercentilesNear(summary, sorted);
    expect(summary.p50).toBeLessThan(2048);
    expect(summary.max).toBe(sorted.at(-1));
    expect(summary.count).toBe(1000);
    // Taking the data twice gives the same data: the side counts are added once.
    const recorder = new LatencyRecorder();
    for (const v of values) recorder.record(v);
    expect(recorder.toData()).toEqual(recorder.toData());
  });

  it('merges two small parts into values, and parts crossing 256 into the single-pass counts', () => {
    const small = mergeLatency(record([5, 1]), record([3]))!;
    expect(small).toEqual(record([5, 1, 3]));
    const a = Array.from({ length: 200 }, (_, i) => i * 3);
    const b = Array.from({ length: 100 }, (_, i) => 2000 + i);
    const merged = mergeLatency(record(a), record(b))!;
    const whole = record([...a, ...b]);
    expect(merged.values).toBeUndefined();
    expect(merged).toEqual(whole);
  });
});
