/**
 * Widening an errors time series merges its live groups in place (no report data built on the
 * way): the result must be what bucketing at the final width from the start gives, and each
 * structure's in-place merge (absorb) what merging its data gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../parsers/record.js';
import { ErrorsBuilder } from '../src/report/errors-builder.js';
import type { ErrorsReport } from '../src/report/errors-report.js';
import { LatencyRecorder, mergeLatency } from '../src/report/latency.js';
import { emptyInputSummary } from '../src/scan/input-summary.js';
import { BoundedCounter } from '../src/report/top-k.js';

const T0 = Date.UTC(2026, 0, 1);

function run(builder: ErrorsBuilder, records: readonly LogRecord[]): ErrorsReport {
  for (const [i, r] of records.entries()) builder.add({ ...r }, 'x.log', i + 1);
  return builder.finish(emptyInputSummary());
}

/** Three days of requests every 20 s: several codes, some heavy enough for a latency histogram. */
const records: LogRecord[] = Array.from({ length: 13_000 }, (_, i) => {
  const status = i % 2 === 0 ? 404 : i % 7 === 0 ? 500 : i % 11 === 0 ? 401 : 200;
  const record: LogRecord = {
    'sc-status': status,
    'sc-substatus': status === 404 ? 0 : i % 3,
    'cs-uri-stem': `/page/${i % 13}`,
    'c-ip': `10.1.${i % 5}.${i % 251}`,
    'time-taken': (i * 37) % 4000,
    'sc-bytes': i % 1000,
  };
  // A few records without a time: their group has no bucket.
  if (i % 500 !== 7) record.timestamp = T0 + i * 20_000;
  return record;
});

describe('errors --interval widened in place', () => {
  it('gives the groups and request counts of bucketing at the final width from the start', () => {
    const widened = run(new ErrorsBuilder(60_000, 300), records);
    expect(widened.requestedIntervalMs).toBe(60_000);
    expect(widened.intervalMs).toBeGreaterThan(60_000);
    const direct = run(new ErrorsBuilder(widened.intervalMs), records);
    expect(direct.requestedIntervalMs).toBeUndefined();
    expect(Object.keys(widened.groups)).toEqual(Object.keys(direct.groups));
    expect(widened.groups).toEqual(direct.groups);
    expect(widened.requests).toEqual(direct.requests);
    // The heavy groups went through bucket counts and still match.
    expect(Object.values(widened.groups).some((g) => g.latency?.buckets !== undefined)).toBe(true);
  });
});

describe('BoundedCounter#absorb', () => {
  const keys = fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.nat(40).map(String)), { maxLength: 300 });
  it('holds what merging both tables holds, pruned or not', () => {
    fc.assert(
      fc.property(keys, keys, fc.integer({ min: 1, max: 30 }), (left, right, maxKeys) => {
        const fill = (values: string[]) => {
          const counter = new BoundedCounter(maxKeys);
          for (const v of values) counter.add(`k${v}`);
          return counter;
        };
        const expected = BoundedCounter.from([fill(left).toTable(), fill(right).toTable()], maxKeys).toTable();
        const merged = fill(left);
        merged.absorb(fill(right));
        expect(merged.toTable()).toEqual(expected);
      }),
    );
  });
});

describe('LatencyRecorder#absorb', () => {
  const values = fc.array(fc.nat(10_000), { maxLength: 600 });
  it('gives the data mergeLatency gives, values or histogram', () => {
    fc.assert(
      fc.property(values, values, (left, right) => {
        const recorder = (vs: number[]) => {
          const r = new LatencyRecorder();
          for (const v of vs) r.record(v);
          return r;
        };
        const expected = mergeLatency(recorder(left).toData(), recorder(right).toData());
        const merged = recorder(left);
        merged.absorb(recorder(right));
        expect(merged.toData()).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
