/**
 * --until on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Records 1-10 are before 10:10; until is exclusive.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--until', () => {
  it('keeps records before the time, exclusive', async () => {
    expect(await kept({ until: Date.parse('2021-04-01T10:10:00Z') })).toBe(10);
    expect(await kept({ until: Date.parse('2021-04-01T10:00:02Z') })).toBe(1); // record 2 is exactly at the bound
  });

  it('combines with --since into a window', async () => {
    // 10:04:59 ≤ t < 10:07:00: records 7, 8, 9
    expect(await kept({ since: Date.parse('2021-04-01T10:04:59Z'), until: Date.parse('2021-04-01T10:07:00Z') })).toBe(3);
  });
});
