/**
 * The latency recorder past its raw values counts values per bucket in 2-byte counts (4 bytes once
 * one passes 65,535), its array growing with the largest value: the percentiles are those of a
 * plain sort (exact under 2,048 ms, within 0.1% above), whatever the counts and however recorders
 * were absorbed into one another.
 */
import { describe, expect, it } from 'vitest';
import { LatencyRecorder, summariseLatency } from '../src/report/latency.js';
import { expectPercentilesNear } from './helpers/latency-percentiles.js';

function expectPercentilesOf(recorder: LatencyRecorder, values: readonly number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const summary = summariseLatency(recorder.toData()!);
  expect(summary.count).toBe(values.length);
  expect(summary.max).toBe(sorted.at(-1));
  expect(summary.mean).toBe(Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100);
  expectPercentilesNear(summary, sorted);
}

/** 70,000 requests of 7 ms (one count past 2 bytes), a spread under 2 s, and 1,000 slow ones (several batches of large values). */
function values(seed: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 70_000; i++) out.push(7);
  for (let i = 0; i < 5_000; i++) out.push((i * 7919 + seed) % 2048);
  for (let i = 0; i < 1_000; i++) out.push(2048 + ((i * 104_729 + seed) % 60_000));
  // A fixed shuffle, so large values arrive between small ones.
  return out
    .map((v, i) => [v, (i * 2_654_435_761 + seed) % 4_294_967_296] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([v]) => v);
}

describe('latency counts past the raw values', () => {
  it('one recorder: a count past 65,535 and batches of large values give the plain sort percentiles', () => {
    const all = values(1);
    const recorder = new LatencyRecorder();
    for (const v of all) recorder.record(v);
    expectPercentilesOf(recorder, all);
    // 70,000 of the 76,000 requests took 7 ms: the median is exactly 7.
    expect(summariseLatency(recorder.toData()!).p50).toBe(7);
  });

  it('recorders absorbed into one another, raw and counted, give the percentiles of all their values', () => {
    const parts = [values(2), [5, 3000, 9], values(3).slice(0, 40_000), Array.from({ length: 300 }, (_, i) => 2048 + i * 13)];
    const recorders = parts.map((part) => {
      const r = new LatencyRecorder();
      for (const v of part) r.record(v);
      return r;
    });
    const [first, ...rest] = recorders;
    for (const r of rest) first!.absorb(r);
    expectPercentilesOf(first!, parts.flat());
  });
});
