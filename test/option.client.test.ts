/**
 * --client on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Clients in 192.0.2.*: records 1, 2, 4, 6, 9, 10, 12, 14; 198.51.100.7: records 3, 5.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--client', () => {
  it('keeps records from the named addresses or globs', async () => {
    expect(await kept({ client: ['192.0.2.*'] })).toBe(8);
    expect(await kept({ client: ['198.51.100.7'] })).toBe(2);
    expect(await kept({ client: ['198.51.100.7', '10.1.1.1'] })).toBe(3);
  });
});
