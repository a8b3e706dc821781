/**
 * CSV of a table whose key cap was reached: the counts may be over-stated, and with no title to
 * say so, a column carries the bound; exact tables keep the documented columns.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, renderReport, resolveSources } from '../src/index.js';

const w3c = join(import.meta.dirname, '..', 'fixtures', 'w3c');

describe('CSV of an approximate table', () => {
  it('adds count_max_overstatement, the same bound on every row', async () => {
    const report = await analyse(await resolveSources([w3c]), { by: ['uri'], maxKeys: 5 });
    const bound = report.approximate?.groups;
    expect(bound).toBeGreaterThan(0);
    const [header, ...rows] = renderReport(report, { format: 'csv' }).trimEnd().split('\r\n');
    expect(header).toMatch(/^uri,count,bytes_sent,.*,latency_max_ms,count_max_overstatement$/);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.endsWith(`,${bound}`)).toBe(true);
  });

  it('leaves an exact table as documented', async () => {
    const report = await analyse(await resolveSources([w3c]), { by: ['uri'] });
    expect(report.approximate).toBeUndefined();
    expect(renderReport(report, { format: 'csv' }).split('\r\n')[0]).toMatch(/^uri,count,bytes_sent,.*,latency_max_ms$/);
  });
});
