/**
 * CSV with a header row: RFC 4180 quoting split by csv-parse, header names mapped by the built-in
 * shapes (Cloudflare export columns, W3C names) or `--map`, and rows that do not fit the header
 * rejected with csv-parse's error code.
 */
import { CsvError } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { csvFormat, CsvLineReader } from '../parsers/csv.js';
import { parseFieldMap } from '../parsers/field-map.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, options: { format?: string; fieldMap?: Record<string, string> } = {}): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('export.csv', text)], options)) out.push(r);
  return out;
}

describe('format: csv', () => {
  it('splits lines with csv-parse ("" escapes, commas inside quotes, empty cells) and reads on after an error', () => {
    const reader = new CsvLineReader<string[]>({ relax_quotes: true });
    expect(reader.read('a,"b,c","say ""hi""",,e')).toEqual(['a', 'b,c', 'say "hi"', '', 'e']);
    const open = reader.read('"open');
    expect(open).toBeInstanceOf(CsvError);
    expect((open as CsvError).code).toBe('CSV_QUOTE_NOT_CLOSED');
    expect(reader.read('x,y"z,1')).toEqual(['x', 'y"z', '1']);
  });

  it('reads quoted values into their columns and rejects damaged rows naming the csv-parse code', async () => {
    const text = [
      'sc-status,cs-uri-stem,cs(User-Agent)',
      '200,"/a,b","Mozilla/5.0 (X11; Linux) ""quoted"", thing"',
      '404,/c,"open',
      '500,/d',
      '200,/e,curl/8',
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['cs-uri-stem'], r.record['cs(User-Agent)']])).toEqual([
      [2, '/a,b', 'Mozilla/5.0 (X11; Linux) "quoted", thing'],
      [5, '/e', 'curl/8'],
    ]);
    const report = await analyse([memorySource('x.csv', text)]);
    expect(report.input).toMatchObject({ lines: 5, records: 2, directives: 1, rejected: 2, rejectedByReason: { 'no-match': 1, 'field-count-mismatch': 1 } });
    expect(report.input.rejectedSamples.map((s) => [s.line, s.detail])).toEqual([
      [3, 'unbalanced quotes (CSV_QUOTE_NOT_CLOSED)'],
      [4, '2 values for 3 columns (CSV_RECORD_INCONSISTENT_COLUMNS)'],
    ]);
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

  it('joins W3C date and time columns (IIS logs exported by Log Parser or Excel) into a UTC timestamp', async () => {
    const text = 'date,time,c-ip,cs-method,cs-uri-stem,sc-status,sc-substatus,sc-win32-status\n2024-01-05,10:00:01,192.0.2.1,GET,/a,500,19,13\n2024-01-05 00:00:00,2000-01-01 23:59:59,192.0.2.2,GET,/b,200,0,0';
    const found = await records(text);
    expect(found.map((r) => [r.format, r.record.timestamp, r.record['sc-substatus']])).toEqual([
      ['csv', Date.UTC(2024, 0, 5, 10, 0, 1), 19],
      ['csv', Date.UTC(2024, 0, 5, 23, 59, 59), 0],
    ]);
  });

  it('rejects a row whose cell count differs from the header', async () => {
    const report = await analyse([memorySource('x.csv', 'sc-status,cs-uri-stem,c-ip\n200,/a,1.1.1.1\n200,/b')]);
    expect(report.input.rejectedByReason).toEqual({ 'field-count-mismatch': 1 });
  });
});
