/**
 * --site on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Sites: W3SVC1 records 1-10, W3SVC2 records 11-14.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--site', () => {
  it('keeps records of the named sites', async () => {
    expect(await kept({ site: ['W3SVC2'] })).toBe(4);
    expect(await kept({ site: ['w3svc1'] })).toBe(10);
    expect(await kept({ site: ['W3SVC*'] })).toBe(14);
    expect(compileFilter({ site: ['x'] })!.fields).toEqual(['s-sitename', 's-siteid']);
  });
});
