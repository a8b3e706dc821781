/**
 * --status on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Statuses: 200 ×4 (1, 6, 13, 14), 304 ×1, 404.0.2 ×4, 500.19.13 ×3, 401.2.5 ×2.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

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
