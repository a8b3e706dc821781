/**
 * --host on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Hosts: www.example.com records 1-10, api.example.com records 11-14.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--host', () => {
  it('keeps records for the named Host headers', async () => {
    expect(await kept({ host: ['api.example.com'] })).toBe(4);
    expect(await kept({ host: ['*.example.com'] })).toBe(14);
    expect(await kept({ host: ['other.example.com'] })).toBe(0);
  });
});
