/**
 * --since (and its partner --until share the parser) on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Times: records 11-14 are at 10:16:30 or later; record 1 at 10:00:01.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, analyseErrors, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--since', () => {
  it('keeps records at or after an ISO-8601 time (no zone = UTC)', async () => {
    expect(await kept({ since: Date.parse('2021-04-01T10:16:30Z') })).toBe(4); // records 11-14, inclusive at 10:16:30
    const filter = compileFilter({ since: Date.parse('2021-04-01T10:10:00Z') })!;
    expect(filter.fields).toEqual(['timestamp']);
  });

  it('reads ISO-8601 and relative ages', async () => {
    const { parseTimeBound } = await import('../src/filter/filters.js');
    const now = Date.UTC(2021, 3, 2, 10, 0);
    expect(parseTimeBound('2021-04-01', now)).toBe(Date.UTC(2021, 3, 1));
    expect(parseTimeBound('2021-04-01T10:10', now)).toBe(Date.UTC(2021, 3, 1, 10, 10));
    expect(parseTimeBound('2021-04-01T12:10+02:00', now)).toBe(Date.UTC(2021, 3, 1, 10, 10));
    expect(parseTimeBound('24h', now)).toBe(Date.UTC(2021, 3, 1, 10, 0));
    expect(parseTimeBound('30m', now)).toBe(now - 1_800_000);
    expect(() => parseTimeBound('yesterday', now)).toThrow(/--since/);
  });

  it('errors report: shares are of the filtered requests', async () => {
    const report = await analyseErrors([fileSource(basic)], { filter: compileFilter({ since: Date.parse('2021-04-01T10:10:00Z') }) });
    expect(report.input.filteredOut).toBe(10);
    expect(Object.keys(report.groups)).toHaveLength(2); // 500.19.13 (record 11), 404.0.2 (record 12)
  });
});
