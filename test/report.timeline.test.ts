/**
 * The HTML page's timeline: buckets start at a minute (or --interval) and widen in place when the
 * span needs more than MAX_BUCKETS; a widened bucket must be exactly the sum of its records, and
 * partial timelines must merge into what one pass gives. Expected sums come from the generated
 * timestamps themselves.
 */
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../parsers/record.js';
import { chartBuckets } from '../src/render/html/section-time.js';
import { MAX_BUCKETS, mergeTimelines, TimelineBuilder } from '../src/report/timeline.js';

const T0 = Date.UTC(2026, 9, 1);
const MINUTE = 60_000;

/** Deterministic records: one every `stepMs`, status cycling through 200, 200, 404, 500, 302. */
function records(count: number, stepMs: number, from = T0): LogRecord[] {
  const statuses = [200, 200, 404, 500, 302];
  return Array.from({ length: count }, (_, i) => {
    const record: LogRecord = { timestamp: from + i * stepMs, 'sc-status': statuses[i % statuses.length]! };
    if (i % 5 === 2) {
      record['sc-substatus'] = 0;
      record['sc-win32-status'] = 2;
    }
    return record;
  });
}

const build = (list: readonly LogRecord[], baseMs?: number) => {
  const builder = new TimelineBuilder(baseMs);
  for (const r of list) builder.add(r);
  return builder.finish();
};

/** Records per bucket of `intervalMs`, counted straight from the timestamps. */
function expectedTotals(list: readonly LogRecord[], intervalMs: number): Map<number, number> {
  const totals = new Map<number, number>();
  for (const r of list) {
    const start = Math.floor(r.timestamp! / intervalMs) * intervalMs;
    totals.set(start, (totals.get(start) ?? 0) + 1);
  }
  return totals;
}

describe('timeline', () => {
  it('16 hours of minutes stay at 1-minute buckets; every record in its minute', () => {
    const list = records(960, MINUTE);
    const data = build(list);
    expect(data.intervalMs).toBe(MINUTE);
    expect(Object.keys(data.classes)).toHaveLength(960);
    expect(data.classes[String(T0)]).toEqual([0, 0, 1, 0, 0, 0]);
    expect(data.errors[String(T0 + 2 * MINUTE)]).toEqual({ '404.0.2': 1 });
    expect(data.first).toBe(T0);
    expect(data.last).toBe(T0 + 959 * MINUTE);
  });

  it('two days of minutes widen to 5 minutes, each bucket the exact sum of its records', () => {
    const list = records(2 * 1440, MINUTE);
    const data = build(list);
    expect(data.intervalMs).toBe(5 * MINUTE);
    const totals = expectedTotals(list, 5 * MINUTE);
    expect(Object.keys(data.classes)).toHaveLength(totals.size);
    for (const [start, n] of totals) expect(data.classes[String(start)]!.reduce((a, b) => a + b, 0)).toBe(n);
    const errors = Object.values(data.errors).reduce((sum, g) => sum + Object.values(g).reduce((a, b) => a + b, 0), 0);
    expect(errors).toBe(list.filter((r) => r['sc-status']! >= 400).length);
  });

  it('two records a year apart never make more than MAX_BUCKETS buckets', () => {
    const data = build([
      { timestamp: T0, 'sc-status': 200 },
      { timestamp: T0 + 365 * 86_400_000, 'sc-status': 500 },
    ]);
    expect((T0 + 365 * 86_400_000 - T0) / data.intervalMs).toBeLessThan(MAX_BUCKETS);
    expect(data.intervalMs).toBe(86_400_000);
  });

  it('records without a time are counted apart', () => {
    const data = build([{ 'sc-status': 200 }, { timestamp: T0, 'sc-status': 200 }]);
    expect(data.untimed).toBe(1);
    expect(data.classes[String(T0)]).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('halves merged equal one pass, whichever half widened', () => {
    const list = records(6000, MINUTE);
    const whole = build(list);
    for (const cut of [100, 3000, 5900]) {
      const merged = mergeTimelines(build(list.slice(0, cut)), build(list.slice(cut)));
      expect(merged).toEqual(whole);
    }
  });

  it('--interval 7m widens by multiples of 7 minutes', () => {
    const list = records(20_000, MINUTE);
    const data = build(list, 7 * MINUTE);
    expect(data.intervalMs % (7 * MINUTE)).toBe(0);
    for (const [start, n] of expectedTotals(list, data.intervalMs)) expect(data.classes[String(start)]!.reduce((a, b) => a + b, 0)).toBe(n);
  });
});

describe('the chart buckets', () => {
  it('fill the gaps between records with zeros, at a width giving at most 150 bars', () => {
    const data = build([
      { timestamp: T0, 'sc-status': 200 },
      { timestamp: T0 + 181 * MINUTE, 'sc-status': 503 },
    ]);
    const b = chartBuckets(data, 0);
    expect(b.intervalMs).toBe(5 * MINUTE);
    expect(b.times).toHaveLength(37);
    expect(b.times[1]! - b.times[0]!).toBe(5 * MINUTE);
    expect(b.classes.map((c) => c.reduce((a, n) => a + n, 0))).toEqual([1, ...new Array(35).fill(0), 1]);
    expect(b.errors.at(-1)).toBe(1);
  });

  it('keep --interval when the span allows it', () => {
    const data = build(records(960, MINUTE), MINUTE);
    expect(chartBuckets(data, MINUTE).times).toHaveLength(960);
    expect(chartBuckets(data, 0).intervalMs).toBe(15 * MINUTE);
  });
});
