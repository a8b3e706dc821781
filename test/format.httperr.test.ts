/**
 * HTTP.sys HTTPERR logs: plaso's inline expectations (header-less default layout, values starting
 * with a hyphen, invalid dates), the 13/14/18-field layouts by shape when no header is present,
 * and `#Fields` changing mid-file. File-level expected values are in fixtures/httperr.
 */
import { describe, expect, it } from 'vitest';
import { httperrFormat } from '../parsers/httperr.js';
import { guessLayout } from '../parsers/w3c-layouts.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('httperr1.log', text)])) out.push(r);
  return out;
}

const HEADER = ['#Software: Microsoft HTTP API 2.0', '#Version: 1.0', '#Date: 2025-03-14 08:00:00'];

describe('format: httperr', () => {
  it('parses every sample line and reports the layout as httperr', async () => {
    const report = await analyse([memorySource('s.log', httperrFormat.samples.join('\n'))]);
    expect(report.input.rejected).toBe(0);
    expect(report.input.formats).toEqual({ 'httperr (13 fields)': 1, 'httperr (18 fields)': 2 });
  });

  it('plaso no_fields_header: the HTTP API 2.0 layout is assumed and said so', async () => {
    const line = '2025-03-14 08:00:01 192.0.2.10 50123 192.0.2.1 80 HTTP/1.1 GET /default.aspx 503 1 AppOffline DefaultAppPool';
    const [r] = await records(line);
    expect(r!.record).toMatchObject({
      'sc-status': 503,
      's-queuename': 'DefaultAppPool',
      's-reason': 'AppOffline',
      'cs-uri': '/default.aspx',
      's-siteid': '1',
    });
    const report = await analyse([memorySource('h.log', line)]);
    expect(report.input.notes.join('\n')).toContain('assumed the HTTP API 2.0 HTTPERR 13-field layout');
  });

  it('splits cs-uri into stem and query, as IIS logs them, keeping cs-uri', async () => {
    const [r] = await records(
      [
        ...HEADER,
        '#Fields: date time c-ip cs-method cs-uri sc-status s-reason',
        '2025-03-14 08:00:01 192.0.2.10 GET /search.aspx?q=a+b&page=2 400 Hostname',
      ].join('\n'),
    );
    expect(r!.record).toMatchObject({
      'cs-uri': '/search.aspx?q=a+b&page=2',
      'cs-uri-stem': '/search.aspx',
      'cs-uri-query': 'q=a+b&page=2',
    });
    const report = await analyse(
      [
        memorySource(
          'h.log',
          [
            ...HEADER,
            '#Fields: date time c-ip cs-method cs-uri sc-status s-reason',
            '2025-03-14 08:00:01 192.0.2.10 GET /a?x=1 400 Hostname',
            '2025-03-14 08:00:02 192.0.2.10 GET /a?x=2 400 Hostname',
          ].join('\n'),
        ),
      ],
      { by: ['uri'] },
    );
    expect(report.groups).toEqual({ '/a': 2 });
  });

  it('plaso values_starting_with_hyphen: only a lone - is absent', async () => {
    const found = await records(
      [
        ...HEADER,
        '#Fields: date time c-ip cs-method cs-uri s-reason',
        '2025-03-14 08:00:01 192.0.2.10 GET -/--x -',
        '2025-03-14 08:00:02 192.0.2.11 - - -Hostname',
      ].join('\n'),
    );
    expect(found[0]!.record).toMatchObject({ 'cs-method': 'GET', 'cs-uri': '-/--x' });
    expect(found[0]!.record['s-reason']).toBeUndefined();
    expect(found[1]!.record['s-reason']).toBe('-Hostname');
    expect(found[1]!.record['cs-method']).toBeUndefined();
  });

  it('plaso unsupported_field: an unknown field is kept under its own name', async () => {
    const [r] = await records(
      [...HEADER, '#Fields: date time c-ip s-reason x-custom', '2025-03-14 08:00:01 192.0.2.10 Hostname custom-value'].join('\n'),
    );
    expect(r!.record).toMatchObject({ 's-reason': 'Hostname', 'c-ip': '192.0.2.10', 'x-custom': 'custom-value' });
  });

  it('plaso invalid_date: one record, one rejected line', async () => {
    const lines = [
      ...HEADER,
      '#Fields: date time c-ip s-reason',
      '2025-13-14 08:00:01 192.0.2.10 Hostname',
      '2025-03-14 08:00:02 192.0.2.11 Hostname',
    ];
    let rejectedByReason: Record<string, number> = {};
    const found: LocatedRecord[] = [];
    for await (const r of readRecords([memorySource('h.log', lines.join('\n'))], {
      onSummary: (s) => (rejectedByReason = s.rejectedByReason),
    }))
      found.push(r);
    expect(found.map((r) => r.record['c-ip'])).toEqual(['192.0.2.11']);
    expect(rejectedByReason).toEqual({ 'invalid-time': 1 });
  });

  it('tells the 13-, 14- and 18-field layouts and IIS access layouts apart by shape', () => {
    const l13 = '2018-01-01 11:12:13 81.2.69.143 64388 127.0.0.1 80 - - - - - Timer_MinBytesPerSecond -';
    const l14 = '2018-12-30 14:22:07 ::1%0 49958 ::1%0 80 - - - - - - Timer_ConnectionIdle -';
    const l18 = '2025-03-14 09:15:07 192.0.2.13 50201 192.0.2.1 443 HTTP/3 GET /status 5 - 503 2 QueueFull MyAppPool QUIC 0x80070008 0x1';
    const iis14 = '2024-01-01 00:00:01 10.0.0.5 GET /a - 80 - 10.0.0.9 curl/8 200 0 0 15';
    const iis15 = '2024-01-01 00:00:01 10.0.0.5 GET /a - 80 - 10.0.0.9 curl/8 - 200 0 0 15';
    expect([l13, l14, l18, iis14, iis15].map((l) => guessLayout([l])?.description)).toEqual([
      'HTTP API 2.0 HTTPERR 13-field',
      'HTTPERR 14-field (streamid)',
      'HTTPERR 18-field (Windows Server 2022)',
      'IIS 7–8 default 14-field',
      'IIS 8.5+ default 15-field',
    ]);
    expect(guessLayout(['2024-01-01 00:00:01 some other thing'])).toBeUndefined();
  });

  it('re-keys when #Fields changes mid-file (13 → 18 fields)', async () => {
    const found = await records(
      [
        ...HEADER,
        '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename',
        '2025-03-14 08:00:01 192.0.2.10 50123 192.0.2.1 80 HTTP/1.1 GET /a 503 1 AppOffline Pool',
        '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code',
        '2025-03-14 09:15:07 192.0.2.13 50201 192.0.2.1 443 HTTP/3 GET /status 5 - 503 2 QueueFull MyAppPool QUIC 0x80070008 0x1',
      ].join('\n'),
    );
    expect(found.map((r) => [r.record['s-reason'], r.record.transport])).toEqual([
      ['AppOffline', undefined],
      ['QueueFull', 'QUIC'],
    ]);
  });
});
