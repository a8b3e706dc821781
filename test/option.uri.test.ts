/**
 * --uri on fixtures/reports/errors-basic.log (14 records; record n is line n + 4).
 * URIs: /api/orders ×3 (3, 5, 11), /missing.png ×3, /index.html ×4, /admin/ ×2, /old/page.aspx, /health.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, compileFilter, fileSource, type FilterSpec } from '../src/index.js';

const basic = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const kept = async (spec: FilterSpec): Promise<number> => {
  const report = await analyse([fileSource(basic)], { filter: compileFilter(spec) });
  return report.input.records - report.input.filteredOut;
};

describe('--uri', () => {
  it('matches globs where * crosses /, case-insensitively like IIS', async () => {
    expect(await kept({ uri: ['/api/*'] })).toBe(3);
    expect(await kept({ uri: ['/API/ORDERS'] })).toBe(3);
    expect(await kept({ uri: ['*.png', '*.aspx'] })).toBe(4);
    expect(await kept({ uri: ['/old/*'] })).toBe(1);
    expect(await kept({ uri: ['/inde?.html'] })).toBe(4);
  });

  it('treats regex characters literally', async () => {
    expect(await kept({ uri: ['/index.htm('] })).toBe(0);
  });
});
