/**
 * IIS native format: LogJoint's expected values are checked in fixtures/iis-native; here the
 * definition's samples, local time and --tz, two- and four-digit years, and columns that must not shift.
 */
import { describe, expect, it } from 'vitest';
import { iisNativeFormat, parseSlashDate } from '../parsers/iis-native.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, localOffsetMinutes = 0): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('in010320.log', text)], { localOffsetMinutes })) out.push(r);
  return out;
}

describe('format: iis-native', () => {
  it('parses every sample line, detected without flags', async () => {
    const found = await records(iisNativeFormat.samples.join('\n'));
    expect(found.map((r) => r.format)).toEqual(iisNativeFormat.samples.map(() => 'iis-native'));
  });

  it('reads M/D/YYYY and MM/DD/YY dates (two-digit years pivot at 1970)', () => {
    expect(parseSlashDate('2/23/2013', 0, 9)).toBe(Date.UTC(2013, 1, 23));
    expect(parseSlashDate('03/20/01', 0, 8)).toBe(Date.UTC(2001, 2, 20));
    expect(parseSlashDate('12/31/99', 0, 8)).toBe(Date.UTC(1999, 11, 31));
    expect(parseSlashDate('13/01/2001', 0, 10)).toBeNaN();
  });

  it('takes local time at the --tz offset and says so in the report', async () => {
    const [r] = await records(iisNativeFormat.samples[0]!, -300);
    expect(new Date(r!.record.timestamp!).toISOString()).toBe('2001-03-20T12:55:20.000Z');
    const report = await analyse([memorySource('in.log', iisNativeFormat.samples[0]!)], { localOffsetMinutes: -300 });
    expect(report.input.notes.join('\n')).toContain('IIS native times read as local time at UTC-05:00');
  });

  it('maps the 15 columns to W3C names, with numbers as numbers and - as absent', async () => {
    const [r] = await records(
      '10.0.0.1, DOMAIN\\user, 1/2/2024, 23:59:59, W3SVC1, WEB01, 10.0.0.2, 15, 300, 4000, 500, 64, POST, /a,b/c.aspx, x=1,',
    );
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 0, 2, 23, 59, 59),
      'c-ip': '10.0.0.1',
      'cs-username': 'DOMAIN\\user',
      's-sitename': 'W3SVC1',
      's-computername': 'WEB01',
      's-ip': '10.0.0.2',
      'time-taken': 15,
      'cs-bytes': 300,
      'sc-bytes': 4000,
      'sc-status': 500,
      'sc-win32-status': 64,
      'cs-method': 'POST',
      // A comma inside the stem does not shift the query.
      'cs-uri-stem': '/a,b/c.aspx',
      'cs-uri-query': 'x=1',
    });
  });

  it('rejects a line with too few values or a bad status, without shifting columns', async () => {
    const header = iisNativeFormat.samples[0]!;
    const report = await analyse([
      memorySource('in.log', [header, '10.0.0.1, -, 1/2/2024, 1:00:00, W3SVC1', header.replace(', 200,', ', 2x0,')].join('\n')),
    ]);
    expect(report.input.rejectedByReason).toEqual({ 'field-count-mismatch': 1, 'invalid-status': 1 });
  });

  it('keeps the commas of a query in it: IIS separates values with a comma and a space', async () => {
    const [spaced, bare] = await records(
      [
        '10.0.0.1, -, 1/2/2024, 1:00:00, W3SVC1, WEB01, 10.0.0.2, 15, 300, 4000, 200, 0, GET, /api/items, ids=1,2,3&f=a,b,',
        '10.0.0.1,-,1/2/2024,1:00:00,W3SVC1,WEB01,10.0.0.2,15,300,4000,200,0,GET,/api/items,ids=1,',
      ].join('\n'),
    );
    expect([spaced!.record['cs-uri-stem'], spaced!.record['cs-uri-query']]).toEqual(['/api/items', 'ids=1,2,3&f=a,b']);
    // Written without the spaces, the values are still split at the commas.
    expect([bare!.record['cs-uri-stem'], bare!.record['cs-uri-query'], bare!.record['sc-status']]).toEqual(['/api/items', 'ids=1', 200]);
  });

  it('splits where quotes are text, and rejoins a stem holding `, `', async () => {
    const [r] = await records('10.0.0.1, -, 1/2/2024, 1:00:00, W3SVC1, WEB01, 10.0.0.2, 15, 300, 4000, 404, 2, GET, /a, "b",c.aspx, x=1,');
    expect([r!.record['cs-uri-stem'], r!.record['cs-uri-query'], r!.record['sc-status']]).toEqual(['/a, "b",c.aspx', 'x=1', 404]);
    const report = await analyse([memorySource('in.log', '10.0.0.1, -, 1/2/2024, 1:00:00, W3SVC1')], { format: 'iis-native' });
    expect(report.input.rejectedSamples[0]!.detail).toBe('5 values, not 15 comma-separated IIS native values');
  });
});
