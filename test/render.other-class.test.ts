/** The `other` status class is named in the table title when it appears, since no one knows it by that name. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, fileSource, renderReport, resolveSources } from '../src/index.js';

describe('the other status class', () => {
  it('is explained in the title when HTTPERR rows without a status land in it', async () => {
    const report = await analyse(await resolveSources([join('fixtures', 'httperr')]));
    expect(report.classes.other).toBeGreaterThan(0);
    expect(renderReport(report, { format: 'table', width: 200 })).toContain(
      'Status classes (other: no status logged, as for a connection HTTP.sys dropped, or one outside 100-599)',
    );
  });

  it('is not mentioned when there is none', async () => {
    const report = await analyse([fileSource(join('fixtures', 'reports', 'errors-basic.log'))]);
    expect(renderReport(report, { format: 'table', width: 200 })).toContain('Status classes\n');
  });
});
