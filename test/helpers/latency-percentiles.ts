/**
 * The percentile check both latency test files make: each of p50, p90, p95 and p99 against the
 * nearest rank of the sorted values, exact under 2,048 ms (each of those has a bucket of its own)
 * and within 0.1% above.
 */
import { expect } from 'vitest';
import type { LatencySummary } from '../../src/report/latency.js';

const nearestRank = (sorted: readonly number[], p: number): number => sorted[Math.ceil((p / 100) * sorted.length) - 1]!;

export function expectPercentilesNear(summary: LatencySummary, sorted: readonly number[]): void {
  for (const [p, got] of [
    [50, summary.p50],
    [90, summary.p90],
    [95, summary.p95],
    [99, summary.p99],
  ] as const) {
    const exact = nearestRank(sorted, p);
    if (exact < 2048) expect(got, `p${p}`).toBe(exact);
    else expect(Math.abs(got - exact) / exact, `p${p}`).toBeLessThanOrEqual(0.001);
  }
}
