/**
 * --method on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * Methods: POST only record 5; the other 13 are GET.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--method', () => {
  it('keeps records with the named methods, any case', async () => {
    expect(await kept({ method: ['POST'] })).toBe(1);
    expect(await kept({ method: ['get'] })).toBe(13);
  });

  it('all filters combine with AND and declare the fields they read', async () => {
    const filter = compileFilter({ method: ['GET'], status: ['5xx'], site: ['W3SVC1'] })!;
    expect(await kept({ method: ['GET'], status: ['5xx'], site: ['W3SVC1'] })).toBe(1); // record 3
    expect(new Set(filter.fields)).toEqual(
      new Set(['cs-method', 'sc-status', 'sc-substatus', 'sc-win32-status', 's-sitename', 's-siteid']),
    );
  });
});
