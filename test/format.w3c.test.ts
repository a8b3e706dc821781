/**
 * W3C extended format as IIS writes it: directives, re-keying at every #Fields line, `-` and `+`
 * handling, time-only layouts, and rejection (never shifting) of lines that do not fit the header.
 */
import { describe, expect, it } from 'vitest';
import { compileFields, w3cFormat } from '../parsers/w3c.js';
import { analyse, memorySource, readRecords, type LocatedRecord, type LogRecord } from '../src/index.js';

const HEADER = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2024-03-05 10:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
];

async function records(text: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('mem.log', text)])) out.push(r);
  return out;
}

describe('format: w3c', () => {
  it('parses every sample line of the format definition', async () => {
    const report = await analyse([memorySource('samples.log', w3cFormat.samples.join('\n'))]);
    expect(report.input.rejected).toBe(0);
    expect(report.input.records).toBe(w3cFormat.samples.filter((l) => !l.startsWith('#')).length);
  });

  it('maps values to W3C names, `-` to absent, `+` to space in header fields, numbers to numbers', async () => {
    const [r] = await records(
      [
        ...HEADER,
        '2024-03-05 10:00:01 10.0.0.5 GET /app/login.aspx ReturnUrl=%2F 443 CONTOSO\\alice 203.0.113.9 Mozilla/5.0+(Windows+NT+10.0) - 401 2 5 31',
      ].join('\r\n'),
    );
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 2, 5, 10, 0, 1),
      's-ip': '10.0.0.5',
      'cs-method': 'GET',
      'cs-uri-stem': '/app/login.aspx',
      'cs-uri-query': 'ReturnUrl=%2F',
      's-port': 443,
      'cs-username': 'CONTOSO\\alice',
      'c-ip': '203.0.113.9',
      'cs(User-Agent)': 'Mozilla/5.0 (Windows NT 10.0)',
      'sc-status': 401,
      'sc-substatus': 2,
      'sc-win32-status': 5,
      'time-taken': 31,
    });
    expect(r!.line).toBe(5);
  });

  it('re-keys at every #Fields line: a restart may change the columns mid-file', async () => {
    const text = [
      ...HEADER,
      '2024-03-05 10:00:01 10.0.0.5 GET / - 443 - 203.0.113.9 curl/8 - 200 0 0 5',
      '#Software: Microsoft Internet Information Services 10.0',
      '#Fields: date time cs-host sc-status sc-substatus sc-win32-status X-Forwarded-For',
      '2024-03-05 11:00:00 shop.example.com 503 2 0 198.51.100.1',
    ].join('\n');
    const all = await records(text);
    expect(all.map((r) => r.record['sc-status'])).toEqual([200, 503]);
    expect(all[1]!.record).toEqual({
      timestamp: Date.UTC(2024, 2, 5, 11),
      'cs-host': 'shop.example.com',
      'sc-status': 503,
      'sc-substatus': 2,
      'sc-win32-status': 0,
      'X-Forwarded-For': '198.51.100.1',
    });
  });

  it('rejects a line whose value count does not match #Fields, with reason, file and line', async () => {
    const report = await analyse([
      memorySource('u_ex240305.log', [...HEADER, '2024-03-05 10:00:01 10.0.0.5 GET / - 443 - 203.0.113.9 curl/8 - 200 0 0'].join('\n')),
    ]);
    expect(report.input.rejected).toBe(1);
    expect(report.input.rejectedByReason).toEqual({ 'field-count-mismatch': 1 });
    expect(report.input.rejectedSamples[0]).toMatchObject({ file: 'u_ex240305.log', line: 5, reason: 'field-count-mismatch' });
    expect(report.codes).toEqual({});
  });

  it('takes the date from #Date for a time-only layout', async () => {
    const text = ['#Date: 2013-07-30 00:00:00', '#Fields: time c-ip cs-method cs-uri-stem sc-status', '23:59:59 10.0.0.1 GET /a 404'].join(
      '\n',
    );
    const [r] = await records(text);
    expect(new Date(r!.record.timestamp!).toISOString()).toBe('2013-07-30T23:59:59.000Z');
  });

  it('reads milliseconds and minute-only times', async () => {
    const text = ['#Fields: date time sc-status cs-uri-stem', '2024-01-02 03:04:05.678 200 /a', '2024-01-02 03:04 200 /b'].join('\n');
    const all = await records(text);
    expect(all.map((r) => new Date(r.record.timestamp!).toISOString())).toEqual(['2024-01-02T03:04:05.678Z', '2024-01-02T03:04:00.000Z']);
  });

  it('reads data lines before the first #Fields with the layout inferred from them, wherever the excerpt was cut', async () => {
    // An excerpt that starts mid-block and spans a restart: the same lines are read whether the
    // header falls among the lines detection looks at (W3C) or after them (header-less).
    const line = (i: number) =>
      `2024-03-05 10:00:${String(i % 60).padStart(2, '0')} 10.0.0.5 GET /p${i} - 443 - 203.0.113.9 curl/8 - ${i % 3 ? 200 : 404} 0 ${i % 3 ? 0 : 2} ${i}`;
    const restart = [...HEADER, '2024-03-05 11:00:00 10.0.0.5 GET /after - 443 - 203.0.113.9 curl/8 - 500 19 13 9'];
    for (const before of [3, 20]) {
      const text = [...Array.from({ length: before }, (_, i) => line(i + 1)), ...restart].join('\n');
      const report = await analyse([memorySource('cut.log', text)]);
      expect(report.input).toMatchObject({ records: before + 1, rejected: 0 });
      expect(report.codes['500.19.13']).toBe(1);
      expect(report.codes['404.0.2']).toBe(Math.floor(before / 3));
    }
    const report = await analyse([memorySource('cut.log', [line(1), line(2), ...restart].join('\n'))]);
    expect(report.input.notes).toContain(
      `data lines before the first #Fields: assumed the IIS 8.5+ default 15-field layout (${HEADER[3]!.slice(9)})`,
    );
  });

  it("reads the header Azure App Service's log stream shows joined on one line, and rejects the stream's own messages", async () => {
    const fields =
      'date time s-sitename cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken';
    const text = [
      '2024-04-11T16:34:35  Welcome, you are now connected to log-streaming service.',
      `#Software: Microsoft Internet Information Services 8.0#Fields: ${fields}`,
      '2024-04-11 16:35:13 MYAPP GET / X-ARR-LOG-ID=d34f 443 - 203.0.113.9 curl/8 - - myapp.azurewebsites.net 200 0 0 1782 1609 5955',
      '2024-04-11 16:35:14 ~1MYAPP GET /api/logstream/ X-ARR-LOG-ID=381b 443 - 203.0.113.9 curl/8 - - myapp.scm.azurewebsites.net 200 0 64 672 1514 66408',
    ].join('\r\n');
    const report = await analyse([memorySource('logstream.log', text)]);
    expect(report.input).toMatchObject({ lines: 4, records: 2, directives: 1, rejected: 1, formats: { 'w3c (19 fields)': 2 } });
    expect(report.codes).toEqual({ '200.0.0': 1, '200.0.64': 1 });
  });

  it('rejects data before any #Fields that fits no layout IIS or HTTP.sys writes', async () => {
    const report = await analyse([
      memorySource(
        'cut.log',
        ['#Software: Microsoft Internet Information Services 10.0', '2024-03-05 10:00:01 some other thing'].join('\n'),
      ),
    ]);
    expect(report.input.rejectedByReason).toEqual({ 'missing-fields-directive': 1 });
  });

  it('reads a line with a run of spaces by its values, wherever the run falls', async () => {
    const record = '2024-03-05 10:00:01 10.0.0.5 GET / - 443 - 203.0.113.9 curl/8 - 200 0 0 1';
    // Before the status, the single-space columns put "" where the status is: not an invalid status.
    const runs = [record.replace(' 200', '  200'), record.replace('GET', ' GET'), ` ${record}`];
    const report = await analyse([memorySource('runs.log', [...HEADER, ...runs].join('\n'))]);
    expect(report.input).toMatchObject({ records: 3, rejected: 0 });
    expect(report.codes).toEqual({ '200.0.0': 3 });
  });

  it('accepts UTF-8 BOM, CRLF and blank lines, and counts them', async () => {
    const text = `\uFEFF${HEADER.join('\r\n')}\r\n\r\n2024-03-05 10:00:01 10.0.0.5 GET / - 443 - 1.2.3.4 - - 200 0 0 1\r\n`;
    const report = await analyse([memorySource('bom.log', text)]);
    expect(report.input).toMatchObject({ lines: 6, records: 1, directives: 4, blank: 1, rejected: 0 });
    expect(report.codes).toEqual({ '200.0.0': 1 });
  });

  it('reads quoted values with "" escapes and runs of spaces (non-IIS W3C writers)', async () => {
    const text = [
      '#Fields: date time c-ip cs(User-Agent) sc-status cs-uri-stem',
      '2024-01-02 03:04:05  "1.2.3.4"   "Agent ""X"" 1.0" 200 /a',
    ].join('\n');
    const [r] = await records(text);
    expect(r!.record).toMatchObject({ 'c-ip': '1.2.3.4', 'cs(User-Agent)': 'Agent "X" 1.0', 'sc-status': 200, 'cs-uri-stem': '/a' });
  });

  it('reads tab-separated lines and time-taken in decimal seconds (CloudFront, per the W3C draft)', async () => {
    // The example line of AWS's CloudFront access log documentation, as beats quotes it in its logparser test.
    const text = [
      '#Version: 1.0',
      '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken',
      '2014-05-23\t01:13:11\tFRA2\t182\t192.0.2.10\tGET\td111111abcdef8.cloudfront.net\t/view/my/file.html\t200\twww.displaymyfiles.com\tMozilla/4.0%20(compatible;%20MSIE%205.0b1;%20Mac_PowerPC)\t-\tzip=98101\tRefreshHit\tMRVMF7KydIvxMWfJIglgwHQwZsbG2IhRJ07sn9AkKUFSHS9EXAMPLE==\td111111abcdef8.cloudfront.net\thttp\t-\t0.001',
    ].join('\n');
    const [r] = await records(text);
    expect(r!.record).toMatchObject({
      timestamp: Date.UTC(2014, 4, 23, 1, 13, 11),
      'sc-bytes': 182,
      'cs-host': 'd111111abcdef8.cloudfront.net',
      'sc-status': 200,
      'time-taken': 1,
    });
    expect(r!.record['cs-bytes']).toBeUndefined();
  });

  it('a time-taken that is neither whole ms nor decimal seconds is absent', async () => {
    const [bad, fraction] = await records(
      ['#Fields: date time cs-uri-stem sc-status time-taken', '2024-01-02 03:04:05 /a 200 1.5.2', '2024-01-02 03:04:05 /a 200 .25'].join(
        '\n',
      ),
    );
    expect(bad!.record['time-taken']).toBeUndefined();
    expect(fraction!.record['time-taken']).toBe(250);
  });

  it('skips IIS FTP and SMTP service logs as not web logs: their sc-status is a reply code, not an HTTP status', async () => {
    // Field lists as IIS writes them for FTP (7.5+) and SMTP; the SMTP line is shaped after IIS 5 SMTPSVC logs.
    const ftp = [
      '#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath',
      '2022-10-05 10:43:56 172.16.1.1 user1 192.168.2.2 21 RETR a.txt 226 0 0 8124db49-68d2-461c-a95b-d92ad1e8af15 /a.txt',
    ];
    const smtp = [
      '#Fields: date time c-ip cs-username s-sitename s-computername s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status sc-win32-status sc-bytes cs-bytes time-taken cs-version cs-host cs(User-Agent) cs(Cookie) cs(Referer)',
      '2006-10-09 05:00:15 192.0.2.7 client SMTPSVC1 MAIL1 192.0.2.2 0 HELO - +client 250 0 48 13 0 SMTP - - - -',
    ];
    const web = [...HEADER, '2024-03-05 10:00:01 10.0.0.5 GET / - 80 - 10.0.0.9 curl/8 - 200 0 0 1'];
    const report = await analyse([
      memorySource('ftp.log', ftp.join('\n')),
      memorySource('smtp.log', smtp.join('\n')),
      memorySource('web.log', web.join('\n')),
    ]);
    expect(report.input.formats).toEqual({ 'w3c (15 fields)': 1 });
    expect(report.input.skipped.map((s) => [s.file, s.code])).toEqual([
      ['ftp.log', 'NOT_A_WEB_LOG'],
      ['smtp.log', 'NOT_A_WEB_LOG'],
    ]);
    expect(report.input.skipped[0]!.message).toBe(
      'ftp.log: an IIS FTP service log: its sc-status holds FTP reply codes, not HTTP statuses, so it is not read as a web log',
    );
    expect(report.input.skipped[1]!.message).toContain('an IIS SMTP service log');
    // Header-less IIS FTP lines (its default layout) are skipped alike.
    await expect(analyse([memorySource('ftp-headerless.log', ftp[1]!)])).rejects.toMatchObject({ code: 'NOT_A_WEB_LOG' });
  });

  it('labels an FTP block that follows web blocks in one file, and notes its codes are FTP reply codes', async () => {
    const text = [
      ...HEADER,
      '2024-03-05 10:00:01 10.0.0.5 GET / - 80 - 10.0.0.9 curl/8 - 200 0 0 1',
      '#Fields: date time c-ip cs-method cs-uri-stem sc-status',
      '2024-03-05 10:00:02 10.0.0.9 [2]USER anonymous 331',
    ].join('\n');
    const report = await analyse([memorySource('mixed.log', text)]);
    expect(report.input.formats).toEqual({ 'w3c (15 fields)': 1, 'w3c-ftp (6 fields)': 1 });
    expect(report.input.notes.join('\n')).toContain('FTP reply codes (RFC 959');
  });

  it('unquotes IIS Advanced Logging values, single-spaced or tab-separated; a value only starting with a quote stays as it is', async () => {
    // Shaped after the Advanced Logging lines in Microsoft's ARR troubleshooting article and a SharePoint front end's tab-separated log.
    const spaced = [
      '#Software: IIS Advanced Logging Module',
      '#Fields:  date time cs-uri-stem cs-uri-query s-computername sc-status sc-bytes X-Forwarded-For',
      '2009-10-16 18:51:29.983 /iisstart.htm "a=""b""" "W2K8WEB" 200 1680 "127.0.0.1:62489"',
      '2009-10-16 18:51:30.000 /x "><script> "" 404 10 -',
    ];
    const tabbed = [
      '#Fields: date time s-computername cs-method cs-uri-stem cs(User-Agent) sc-status',
      '2017-09-23\t00:03:11.235\t"SP-WFE02"\tGET\t/\t"Mozilla/4.0 (ISA Server Connectivity Check)"\t401',
    ];
    const [a, b] = await records(spaced.join('\n'));
    expect(a!.record).toMatchObject({
      'cs-uri-query': 'a="b"',
      's-computername': 'W2K8WEB',
      'X-Forwarded-For': '127.0.0.1:62489',
      'sc-bytes': 1680,
    });
    expect(b!.record['cs-uri-query']).toBe('"><script>');
    expect(b!.record['s-computername']).toBeUndefined();
    const [t] = await records(tabbed.join('\n'));
    expect(t!.record).toMatchObject({
      's-computername': 'SP-WFE02',
      'cs(User-Agent)': 'Mozilla/4.0 (ISA Server Connectivity Check)',
      'sc-status': 401,
    });
  });

  it('keeps the first column when #Fields names a field twice', async () => {
    const [r] = await records(['#Fields: date time sc-status sc-status cs-uri-stem', '2024-01-02 03:04:05 200 500 /a'].join('\n'));
    expect(r!.record['sc-status']).toBe(200);
  });

  it('reads error-only columns just for errors, HTTP.sys reasons and lines without a status', () => {
    const fields = compileFields(['date', 'time', 'cs-uri-stem', 'sc-status', 's-reason'], {
      wanted: new Set(['timestamp', 'cs-uri-stem', 'sc-status', 's-reason']),
      errorOnly: new Set(['timestamp', 'cs-uri-stem']),
    });
    const read = (line: string) => {
      const out: LogRecord = {};
      const row = { dayMs: NaN, timeMs: -1 };
      expect(fields.readSingleSpaced(line, out, row)).toBe(1);
      return { ...out, timeRead: row.timeMs !== -1 };
    };
    expect(read('2024-01-01 00:00:01 /ok 200 -')).toEqual({ 'sc-status': 200, timeRead: false });
    expect(read('2024-01-01 00:00:01 /gone 404 -')).toEqual({ 'sc-status': 404, 'cs-uri-stem': '/gone', timeRead: true });
    expect(read('2024-01-01 00:00:01 /q - QueueFull')).toEqual({ 's-reason': 'QueueFull', 'cs-uri-stem': '/q', timeRead: true });
    expect(read('2024-01-01 00:00:01 /ok 200 Timer_ConnectionIdle')).toMatchObject({ 'cs-uri-stem': '/ok', timeRead: true });
  });

  it('reads sampled-only columns into the sample record of a line in the sample, error columns into the record', () => {
    const fields = compileFields(['date', 'time', 'c-ip', 'cs-uri-stem', 'sc-status'], {
      wanted: new Set(['timestamp', 'c-ip', 'cs-uri-stem', 'sc-status']),
      errorOnly: new Set(['cs-uri-stem']),
      sampledOnly: new Set(['timestamp', 'c-ip', 'cs-uri-stem']),
    });
    const read = (line: string, inSample: boolean) => {
      const out: LogRecord = {};
      const sample: LogRecord = {};
      const row = { dayMs: NaN, timeMs: -1 };
      expect(inSample ? fields.readSampled!(line, out, row, sample) : fields.readSingleSpaced(line, out, row)).toBe(1);
      return { out, sample, timeRead: row.timeMs !== -1 };
    };
    const line = '2024-01-01 00:00:01 10.0.0.1 /ok 200';
    expect(read(line, false)).toEqual({ out: { 'sc-status': 200 }, sample: {}, timeRead: false });
    expect(read(line, true)).toEqual({ out: { 'sc-status': 200 }, sample: { 'c-ip': '10.0.0.1', 'cs-uri-stem': '/ok' }, timeRead: true });
    expect(read('2024-01-01 00:00:01 10.0.0.1 /gone 404', false).out).toEqual({ 'sc-status': 404, 'cs-uri-stem': '/gone' });
    expect(read('2024-01-01 00:00:01 10.0.0.1 /gone 404', true)).toEqual({
      out: { 'sc-status': 404, 'cs-uri-stem': '/gone' },
      sample: { 'c-ip': '10.0.0.1', 'cs-uri-stem': '/gone' },
      timeRead: true,
    });
  });

  it('still rejects a wrong value count when the columns it skips are error-only', () => {
    const fields = compileFields(['date', 'time', 'cs-uri-stem', 'sc-status'], {
      wanted: new Set(['timestamp', 'cs-uri-stem', 'sc-status']),
      errorOnly: new Set(['timestamp', 'cs-uri-stem']),
    });
    expect(fields.readSingleSpaced('2024-01-01 00:00:01 /ok 200 extra', {}, { dayMs: NaN, timeMs: -1 })).toBe(0);
    expect(fields.readSingleSpaced('2024-01-01 /ok 200', {}, { dayMs: NaN, timeMs: -1 })).toBe(0);
  });
});
