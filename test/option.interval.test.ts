/**
 * --interval: buckets are UTC starts, empty buckets are zero rows, shares are of the bucket.
 * Counted from fixtures/reports/errors-basic.log at 5 minutes: 10:00 holds records 1-7 (7
 * requests; 404 ×2, 500.19.13 ×2, 401.2.5 ×1), 10:05 records 8-10 (401 ×1, 404 ×1), 10:10 nothing,
 * 10:15 records 11-14 (500 ×1, 404 ×1).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, analyseErrors, fileSource, memorySource, renderErrors, renderReport } from '../src/index.js';
import { errorsView } from '../src/report/errors-view.js';
import { bucketStart, formatInterval, parseInterval } from '../src/report/time-series.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');

describe('--interval', () => {
  it('parses 1m, 5m, 15m, 1h, 1d and rejects others', () => {
    expect(['1m', '5m', '15m', '1h', '1d'].map(parseInterval)).toEqual([60_000, 300_000, 900_000, 3_600_000, 86_400_000]);
    expect(formatInterval(300_000)).toBe('5m');
    expect(() => parseInterval('5 minutes')).toThrow(/--interval/);
    expect(() => parseInterval('0m')).toThrow(/--interval/);
  });

  it('buckets by integer arithmetic on the UTC timestamp', () => {
    expect(new Date(bucketStart(Date.UTC(2021, 3, 1, 10, 4, 59), 300_000)).toISOString()).toBe('2021-04-01T10:00:00.000Z');
    expect(bucketStart(-1, 1000)).toBe(-1000);
  });

  it('errors: one row per time × group, empty buckets filled with 0, shares of the bucket', async () => {
    const rows = errorsView(await analyseErrors([fileSource(basic)], { intervalMs: 300_000 }), { top: 0, items: 5 }).rows;
    expect(rows.map((r) => [r.time, `${r.status}.${r.substatus}.${r.win32}`, r.count])).toEqual([
      ['2021-04-01T10:00:00Z', '404.0.2', 2],
      ['2021-04-01T10:00:00Z', '500.19.13', 2],
      ['2021-04-01T10:00:00Z', '401.2.5', 1],
      ['2021-04-01T10:05:00Z', '404.0.2', 1],
      ['2021-04-01T10:05:00Z', '500.19.13', 0],
      ['2021-04-01T10:05:00Z', '401.2.5', 1],
      ['2021-04-01T10:10:00Z', '404.0.2', 0],
      ['2021-04-01T10:10:00Z', '500.19.13', 0],
      ['2021-04-01T10:10:00Z', '401.2.5', 0],
      ['2021-04-01T10:15:00Z', '404.0.2', 1],
      ['2021-04-01T10:15:00Z', '500.19.13', 1],
      ['2021-04-01T10:15:00Z', '401.2.5', 0],
    ]);
    expect(rows[0]!.share).toBe(0.2857); // 2 of the 7 requests at 10:00
    expect(rows[3]!.share).toBe(0.3333); // 1 of the 3 at 10:05
  });

  it('errors --wide: one row per bucket, one column per group, in code order', async () => {
    const csv = renderErrors(await analyseErrors([fileSource(basic)], { intervalMs: 300_000 }), { format: 'csv', top: 0, wide: true });
    expect(csv).toBe(
      [
        'time,401.2.5,404.0.2,500.19.13',
        '2021-04-01T10:00:00Z,1,2,2',
        '2021-04-01T10:05:00Z,1,1,0',
        '2021-04-01T10:10:00Z,0,0,0',
        '2021-04-01T10:15:00Z,0,1,1',
        '',
      ].join('\r\n'),
    );
  });

  it('report: a time dimension with filled buckets', async () => {
    const report = await analyse([fileSource(basic)], { by: ['time:5m'] });
    const firstTwo = (line: string): string => line.split(',').slice(0, 2).join(',');
    expect(renderReport(report, { format: 'csv' }).split('\r\n').map(firstTwo).join('\r\n')).toBe(
      ['time,count', '2021-04-01T10:00:00Z,7', '2021-04-01T10:05:00Z,3', '2021-04-01T10:10:00Z,0', '2021-04-01T10:15:00Z,4', ''].join(
        '\r\n',
      ),
    );
  });
});

describe('--interval with records that have no time', () => {
  // A date-only line carries no time of day: it cannot sit in a bucket.
  const text = [
    '#Fields: date time cs-uri-stem sc-status',
    '2021-04-01 10:00:01 /a 500',
    '2021-04-01 10:06:00 /b 200',
    '#Fields: date cs-uri-stem sc-status',
    '2021-04-01 /c 500',
    '2021-04-01 /d 404',
  ].join('\n');

  it('report: the series has no blank time rows, and the table title says how many were left out', async () => {
    const report = await analyse([memorySource('t.log', text)], { by: ['time:5m', 'class'] });
    const csv = renderReport(report, { format: 'csv' });
    expect(csv.split('\r\n').filter((l) => l.startsWith(','))).toEqual([]);
    expect(csv.split('\r\n')[1]).toMatch(/^2021-04-01T10:00:00Z,/);
    const wide = renderReport(report, { format: 'csv', wide: true }).trimEnd().split('\r\n');
    expect(wide.map((l) => l.split(',')[0])).toEqual(['time', '2021-04-01T10:00:00Z', '2021-04-01T10:05:00Z']);
    expect(renderReport(report, { format: 'table', width: 200 })).toContain('(2 records without a time are not in the series)');
  });

  it('errors: likewise, counting the errors left out', async () => {
    const report = await analyseErrors([memorySource('t.log', text)], { intervalMs: 300_000 });
    const view = errorsView(report, { top: 0, items: 3 });
    expect(view.untimed).toBe(2);
    expect(view.rows.every((r) => r.time !== null)).toBe(true);
    expect(renderErrors(report, { format: 'table', width: 200 })).toContain('(2 errors without a time are not in the series)');
    expect(JSON.parse(renderErrors(report, { format: 'json' })).withoutTime).toBe(2);
  });

  it('report JSON says how many records sit in no bucket', async () => {
    const report = await analyse([memorySource('t.log', text)], { by: ['time:5m', 'class'] });
    expect(JSON.parse(renderReport(report, { format: 'json' })).withoutTime).toBe(2);
  });
});

describe('report --interval shares', () => {
  it('are of the bucket, as in errors: 2 of the 7 requests at 10:00 were 5xx', async () => {
    const report = await analyse([fileSource(basic)], { by: ['time:5m', 'class'] });
    const groups = JSON.parse(renderReport(report, { format: 'json' })).groups as { time: string; class: string; share: number }[];
    const at = (time: string, cls: string): number | undefined => groups.find((g) => g.time === time && g.class === cls)?.share;
    expect(at('2021-04-01T10:00:00Z', '5xx')).toBe(0.2857);
    expect(at('2021-04-01T10:05:00Z', '4xx')).toBe(0.6667); // 2 of 3
    expect(at('2021-04-01T10:10:00Z', '4xx')).toBe(0); // an empty bucket
    expect(renderReport(report, { format: 'table', width: 120 })).toContain("(share of the bucket's requests)");
  });

  it('are left out when time is the only dimension, where every one would be 100%', async () => {
    const report = await analyse([fileSource(basic)], { by: ['time:5m'] });
    const groups = JSON.parse(renderReport(report, { format: 'json' })).groups as Record<string, unknown>[];
    expect(groups[0]).toMatchObject({ time: '2021-04-01T10:00:00Z', count: 7 });
    expect(groups[0]).not.toHaveProperty('share');
  });
});
