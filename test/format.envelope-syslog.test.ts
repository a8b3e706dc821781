/**
 * Access lines in syslog headers: every header variant around the same line gives the same record
 * (the access line's time, in UTC), VRL's parse_syslog cases find the message, other programs'
 * lines and the server's own messages are rejected, and `--log-format syslog:FORMAT` forces both.
 * The fixtures in fixtures/syslog/ check whole files.
 */
import { describe, expect, it } from 'vitest';
import { syslogMessageStart } from '../parsers/envelope-syslog.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, format?: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('syslog.log', text)], { format })) out.push(r);
  return out;
}

const ACCESS = '203.0.113.7 - - [26/Nov/2026:11:00:00 +0100] "GET /cart?id=7 HTTP/1.1" 503 190 "-" "curl/8.4.0"';

const HEADERS: Record<string, string> = {
  'nginx syslog: (RFC 3164 with PRI and host)': '<190>Nov 26 10:00:00 web1 nginx: ',
  'nginx nohostname': '<190>Nov 26 10:00:00 nginx: ',
  'rsyslog file, tag[pid]': 'Nov 26 10:00:00 web1 nginx[812]: ',
  'space-padded day': 'Nov  6 10:00:00 web1 nginx: ',
  'unpadded day (VRL)': 'Nov 6 10:00:00 web1 nginx: ',
  'rsyslog RFC 3339 file format': '2026-11-26T10:00:00.512345+00:00 web1 nginx: ',
  'journalctl -o short-iso': '2026-11-26T10:00:00+0000 web1 nginx[812]: ',
  'journalctl -o short-precise': 'Nov 26 10:00:00.123456 web1 nginx[812]: ',
  'PRI with an RFC 3339 time': '<190>2026-11-26T10:00:00Z web1 nginx: ',
  'RFC 5424, no structured data': '<190>1 2026-11-26T10:00:00Z web1 nginx - - - ',
  'RFC 5424, structured data with an escaped ]': '<190>1 2026-11-26T10:00:00.003Z web1 nginx 812 ID47 [meta a="x\\]y"][b c="d"] ',
  'RFC 5424, BOM before the message': '<190>1 2026-11-26T10:00:00Z web1 nginx - - - \ufeff',
};

describe('envelope: syslog', () => {
  for (const [name, header] of Object.entries(HEADERS)) {
    it(`reads the access line after ${name}`, async () => {
      const found = await records(`${header}${ACCESS}\n${header}${ACCESS.replace('503', '200')}\n`);
      expect(found.map((r) => r.format)).toEqual(['syslog:combined', 'syslog:combined']);
      expect(found[0]!.record).toMatchObject({
        timestamp: Date.UTC(2026, 10, 26, 10, 0, 0),
        'c-ip': '203.0.113.7',
        'cs-method': 'GET',
        'cs-uri-stem': '/cart',
        'cs-uri-query': 'id=7',
        'sc-status': 503,
        'sc-bytes': 190,
      });
    });
  }

  // The inputs of VRL's parse_syslog tests (src/stdlib/parse_syslog.rs, vectordotdev/vrl 040589b,
  // MPL-2.0) and the messages VRL finds in them.
  const VRL: [string, string][] = [
    [
      '<13>1 2020-03-13T20:45:38.119Z dynamicwireless.name non 2426 ID931 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"] Try to override the THX port, maybe it will reboot the neural interface!',
      'Try to override the THX port, maybe it will reboot the neural interface!',
    ],
    ['<133>Jun 13 16:33:35 haproxy[73411]: Proxy sticky-servers started.', 'Proxy sticky-servers started.'],
    ['Jun 13 16:33:35 haproxy[73411]: I am missing a pri.', 'I am missing a pri.'],
    ['<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [empty] qwerty', 'qwerty'],
    ['<13>1 2019-02-13T19:48:34+00:00 74794bfb6795 root 8449 - [non_empty x="1"][empty] qwerty', 'qwerty'],
    [
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 key="hello \\"test\\""] An application event log entry...',
      'An application event log entry...',
    ],
    [
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 key="hello [bye\\]"] An application event log entry...',
      'An application event log entry...',
    ],
  ];
  it("finds the message in VRL's parse_syslog cases", () => {
    for (const [line, message] of VRL) expect(line.slice(syslogMessageStart(line)), line).toBe(message);
  });

  it('finds no header in lines that have none', () => {
    for (const line of [
      'not much of a syslog message',
      ACCESS,
      'Nov 26 10:00:09 web1 last message repeated 2 times',
      '<190>Nov 26 10:00',
      '<1900>Nov 26 10:00:00 web1 nginx: x',
      '<190>1 2026-11-26T10:00:00Z web1 nginx - - [unclosed',
    ]) {
      expect(syslogMessageStart(line), line).toBe(-1);
    }
  });

  it("rejects other programs' lines and nginx's error log in the same file, and counts every line", async () => {
    const text = [
      `<190>Nov 26 10:00:00 web1 nginx: ${ACCESS}`,
      'Nov 26 10:00:01 web1 sshd[2201]: Accepted publickey for deploy from 192.0.2.10 port 50514 ssh2',
      '<187>Nov 26 10:00:02 web1 nginx: 2026/11/26 10:00:02 [error] 812#812: *41 upstream timed out',
      '',
      'a line with no syslog header',
    ].join('\n');
    const { input } = await analyse([memorySource('syslog.log', text)]);
    expect(input).toMatchObject({ lines: 5, records: 1, directives: 0, blank: 1, rejected: 3, formats: { 'syslog > combined': 1 } });
    expect(input.rejectedSamples.map((s) => [s.line, s.detail])).toEqual([
      [2, 'does not match combined (at %t)'],
      [3, 'does not match combined (at %t)'],
      [5, 'not in the syslog envelope'],
    ]);
  });

  it("counts journalctl's own marker lines (the journal's span, reboots) as directives, even when they are half the file", async () => {
    const text = [
      '-- Logs begin at Mon 2026-11-23 09:00:00 CET, end at Thu 2026-11-26 11:00:01 CET. --',
      `Nov 26 11:00:00 web1 nginx[812]: ${ACCESS}`,
      '-- Reboot --',
      `Nov 26 11:00:01 web1 nginx[812]: ${ACCESS}`,
      '-- Boot 3f2a9c0d1e2b4c5d8e9f0a1b2c3d4e5f --',
      `Nov 26 11:00:01 web1 nginx[812]: ${ACCESS}`,
    ].join('\n');
    const { input } = await analyse([memorySource('journal.log', text)]);
    expect(input).toMatchObject({ lines: 6, records: 3, directives: 3, rejected: 0, formats: { 'syslog > combined': 3 } });
  });

  it('leaves bare access logs to their own format', async () => {
    const [r] = await records(ACCESS);
    expect(r!.format).toBe('combined');
  });

  it('takes --log-format syslog:FORMAT, a custom nginx log_format inside too', async () => {
    const custom = `<190>Nov 26 10:00:00 web1 nginx: 10.0.0.1 GET /health 204 0.003`;
    const [r] = await records(custom, 'syslog:nginx:$remote_addr $request_method $uri $status $request_time');
    expect(r!.format).toBe('syslog:nginx:$remote_addr $request_method $uri $status $request_time');
    expect(r!.record).toMatchObject({
      'c-ip': '10.0.0.1',
      'cs-method': 'GET',
      'cs-uri-stem': '/health',
      'sc-status': 204,
      'time-taken': 3,
    });
    const [forced] = await records(`Nov 26 10:00:00 web1 nginx: ${ACCESS}`, 'syslog:combined');
    expect(forced!.record['sc-status']).toBe(503);
    await expect(analyse([memorySource('a.log', 'x')], { format: 'syslog:nope' })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('syslog:FORMAT'),
    });
  });

  it('names the envelope and the format inside in the report', async () => {
    const { input } = await analyse([memorySource('syslog.log', `<190>Nov 26 10:00:00 web1 nginx: ${ACCESS}\n`)]);
    expect(input.formats).toEqual({ 'syslog > combined': 1 });
  });
});
