/**
 * CSV with a header row: RFC 4180 quoting, header names mapped by the built-in shapes (Cloudflare
 * export columns, W3C names) or `--map`, and rows that do not fit the header rejected.
 */
import { describe, expect, it } from 'vitest';
import { csvFormat, splitCsvLine } from '../parsers/csv.js';
import { parseFieldMap } from '../parsers/field-map.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, options: { format?: string; fieldMap?: Record<string, string> } = {}): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('export.csv', text)], options)) out.push(r);
  return out;
}

describe('format: csv', () => {
  it('splits RFC 4180 lines ("" escapes, commas inside quotes, empty cells)', () => {
    expect(splitCsvLine('a,"b,c","say ""hi""",,e')).toEqual(['a', 'b,c', 'say "hi"', '', 'e']);
    expect(splitCsvLine('"open')).toBeUndefined();
  });

  it('parses the samples, detected without flags, with the header as a directive', async () => {
    const report = await analyse([memorySource('cf.csv', csvFormat.samples.join('\n'))]);
    expect(report.input).toMatchObject({ records: 1, directives: 1, rejected: 0, formats: { 'csv (cloudflare)': 1 } });
    const [r] = await records(csvFormat.samples.join('\n'));
    expect(r!.record).toEqual({ 'c-ip': '203.0.113.9', 'cs-method': 'GET', 'cs-uri-stem': '/a', 'cs-uri-query': 'b=1', 'sc-status': 404, 'sc-bytes': 120, timestamp: Date.UTC(2024, 3, 10, 23) });
  });

  it('reads W3C-named columns and --map for other names', async () => {
    const [w] = await records('date-time,sc-status,cs-uri-stem,time-taken\n2024-01-01T00:00:00Z,500,/x,12', { fieldMap: parseFieldMap('time=date-time') });
    expect(w!.record).toEqual({ timestamp: Date.UTC(2024, 0, 1), 'sc-status': 500, 'cs-uri-stem': '/x', 'time-taken': 12 });
    const [m] = await records('Code,Url,Client\n418,"/tea,pot",192.0.2.1', { format: 'csv', fieldMap: parseFieldMap('status=Code,uri=Url,ip=Client') });
    expect(m!.record).toEqual({ 'sc-status': 418, 'cs-uri-stem': '/tea,pot', 'c-ip': '192.0.2.1' });
  });

  it('rejects a row whose cell count differs from the header', async () => {
    const report = await analyse([memorySource('x.csv', 'sc-status,cs-uri-stem,c-ip\n200,/a,1.1.1.1\n200,/b')]);
    expect(report.input.rejectedByReason).toEqual({ 'field-count-mismatch': 1 });
  });
});
