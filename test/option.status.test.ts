/**
 * --status on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Statuses: 200 ×4 (1, 6, 13, 14), 304 ×1, 404.0.2 ×4, 500.19.13 ×3, 401.2.5 ×2.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, analyseErrors, compileFilter, fileSource, type ErrorsReport, type FilterSpec } from '../src/index.js';
import { errorsView } from '../src/internals/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--status', () => {
  it('takes classes, statuses, status.substatus and status.substatus.win32', async () => {
    expect(await kept({ status: ['5xx'] })).toBe(3);
    expect(await kept({ status: ['4xx'] })).toBe(6);
    expect(await kept({ status: ['404'] })).toBe(4);
    expect(await kept({ status: ['401.2'] })).toBe(2);
    expect(await kept({ status: ['500.19.13'] })).toBe(3);
    expect(await kept({ status: ['500.19.14'] })).toBe(0);
    expect(await kept({ status: ['5xx', '404', '401.2'] })).toBe(9);
  });

  it('rejects what it cannot read', () => {
    expect(() => compileFilter({ status: ['5x'] })).toThrow(/--status/);
    expect(() => compileFilter({ status: ['abc'] })).toThrow(/--status/);
  });
});

describe('--status on the errors report', () => {
  const errorsOf = (spec: FilterSpec, intervalMs = 0) => analyseErrors([fileSource(basic)], { filter: compileFilter(spec), intervalMs });
  const shareOf = (report: ErrorsReport, status: number) => {
    const rows = errorsView(report, { items: 3 }).rows;
    return rows.find((r) => r.status === status)?.share;
  };

  it('shows only the chosen groups, with shares of all requests (3 of 14 are 500.19.13)', async () => {
    const report = await errorsOf({ status: ['5xx'] });
    expect(Object.values(report.groups).map((g) => g.status)).toEqual([500]);
    expect(shareOf(report, 500)).toBeCloseTo(3 / 14, 4);
    expect(report.input.filteredOut).toBe(11);
  });

  it('takes shares of the requests the other filters keep: W3SVC2 has 4 requests, one 500', async () => {
    const report = await errorsOf({ status: ['500'], site: ['W3SVC2'] });
    expect(shareOf(report, 500)).toBeCloseTo(1 / 4, 4);
  });

  it('keeps per-bucket denominators in a time series: 10:15–10:20 has 4 requests, one 500', async () => {
    const report = await errorsOf({ status: ['500'] }, 5 * 60_000);
    expect(report.requests[String(Date.parse('2021-04-01T10:15:00Z'))]).toBe(4);
    expect(report.requests[String(Date.parse('2021-04-01T10:00:00Z'))]).toBe(7);
  });
});
