/**
 * Header-less IIS lines: the layout is inferred from IIS's fixed field order and the values'
 * shapes. Lines are from fixtures and upstream test data quoted in fixtures/README.md; the
 * layouts named are the ones IIS writes (checked against the #Fields lines of fixtures/w3c).
 */
import { describe, expect, it } from 'vitest';
import { guessLayout, inferIisLayout } from '../parsers/w3c-layouts.js';
import { analyse, memorySource, readRecords } from '../src/index.js';

const fieldsOf = (line: string) => guessLayout([line])?.fields.join(' ');

describe('header-less IIS layout inference', () => {
  it('names the layouts IIS writes out of the box', () => {
    const azure =
      '2018-09-26 16:16:40 ~1EXAMPLE GET / - 443 - 192.0.2.1 Mozilla/5.0+(Windows+NT+10.0) ARRAffinity=abc https://example.net/ example.net 200 0 0 1034 1011 46';
    const iis6 = '2013-07-30 00:00:03 SOME1234NAME 10.10.10.100 GET /a.htm - 80 - 22.22.22.200 Mozilla/5.0+(Macintosh) 404 0 0';
    expect(guessLayout([azure])?.description).toBe('Azure App Service 19-field');
    expect(guessLayout([iis6])?.description).toBe('IIS 6 default 14-field');
  });

  it('places optional text fields by their values: a host name is cs-host, a URL is cs(Referer), name=value is a cookie', () => {
    const base = '2022-05-08 01:26:01 10.119.32.8 POST /a.svc - 443 - 10.119.38.250';
    expect(fieldsOf(`${base} - - itwebcert.example.com 200 0 0 232`)).toContain('cs(User-Agent) cs(Referer) cs-host sc-status');
    expect(fieldsOf(`${base} curl/8 a=b https://example.com/ 200 0 0 232`)).toContain('cs(User-Agent) cs(Cookie) cs(Referer) sc-status');
  });

  it('reads numbers after the status triple as byte counts and time-taken, and the rest as custom fields', () => {
    const line = '2026-07-06 18:36:16 10.0.0.1 GET / - 443 - 10.0.0.2 curl/8 - 200 0 0 20123 36264 597 203.0.113.10';
    expect(fieldsOf(line)).toMatch(/sc-win32-status sc-bytes cs-bytes time-taken x-custom-1$/);
    expect(fieldsOf('2026-07-06 18:36:16 10.0.0.1 GET / - 443 - 10.0.0.2 curl/8 - 200 0 0 597 203.0.113.10')).toMatch(
      /sc-win32-status time-taken x-custom-1$/,
    );
  });

  it('needs the anchors: no method, port or status triple means no IIS layout', () => {
    expect(inferIisLayout([['2024-01-01', '00:00:01', 'some', 'other', 'thing']])).toBeUndefined();
    expect(inferIisLayout(['2024-01-01 00:00:01 10.0.0.5 GET /a - 80 - 10.0.0.9 curl/8 200'.split(' ')])).toBeUndefined();
  });

  it('is not thrown by a scanner line with a method in odd case among the lines seen', () => {
    const lines = [
      '2022-01-01 18:42:36 ::1 POST /ews/exchange.asmx - 444 - ::1 Ews_Probe/Local - 200 0 0 102',
      '2022-01-01 18:42:37 ::1 get /x - 444 - ::1 - - 404 0 2 1',
      '2022-01-01 18:42:38 ::1 nGET /y - 444 - ::1 - - 404 0 2 1',
      '2022-01-01 18:42:55 ::1 GET /logoff.aspx - 444 - ::1 Mozilla/4.0+(compatible) - 302 0 0 5',
      '2022-01-01 18:42:56 ::1 GET / - 444 - ::1 Mozilla/4.0+(compatible) - 200 0 0 5',
    ];
    expect(guessLayout(lines)?.description).toBe('IIS 8.5+ default 15-field');
  });

  it('matches IIS FTP lines to its default layout by the session GUID', () => {
    const ftp = '2022-10-05 10:43:56 172.16.1.1 user1 192.168.2.2 21 ControlChannelClosed - - 0 0 8124db49-68d2-461c-a95b-d92ad1e8af15 -';
    expect(guessLayout([ftp])?.description).toBe('IIS FTP default 13-field');
  });

  it('reads lines of another value count in a layout of their own, and keeps rejecting what fits none', async () => {
    // An IIS 7-8 default site that gained an X-Forwarded-For custom field, its #Fields lines dropped.
    const plain = (n: number) => `2024-03-05 10:00:0${n} 10.0.0.5 GET /a - 443 - 203.0.113.9 curl/8 404 0 2 15`;
    const xff = (n: number) => `${plain(n)} 198.51.100.7,+192.0.2.1`;
    const cut = '2024-03-05 10:00:09 10.0.0.5 GET /a - 443';
    const text = [plain(1), plain(2), xff(3), plain(4), xff(5), cut].join('\n');
    const { input, codes } = await analyse([memorySource('shipped.log', text)]);
    expect(input.formats).toEqual({ 'w3c (14 fields)': 3, 'w3c (15 fields)': 2 });
    expect(codes).toEqual({ '404.0.2': 5 });
    expect(input.rejectedByReason).toEqual({ 'field-count-mismatch': 1 });
  });

  it('still rejects lines that do not fit a #Fields line that is in the file', async () => {
    const header =
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken';
    const text = [header, '2024-03-05 10:00:01 10.0.0.5 GET /a - 443 - 203.0.113.9 curl/8 404 0 2 15 198.51.100.7'].join('\n');
    const { input } = await analyse([memorySource('headed.log', text)]);
    expect(input.rejectedByReason).toEqual({ 'field-count-mismatch': 1 });
  });

  it('keeps no value from the layout a line did not fit (HTTPERR 13- and 14-field lines mixed)', async () => {
    const text = [
      '2012-02-06 13:31:17 10.164.167.30 54697 10.85.220.4 80 - - - - - Timer_ConnectionIdle -',
      '2012-02-06 13:31:18 10.164.167.30 54698 10.85.220.4 80 - - - - - Timer_ConnectionIdle -',
      '2018-08-13 03:25:22 10.0.0.7 12052 10.1.2.5 80 HTTP/1.1 GET / - 503 - N/A -',
    ].join('\n');
    const records = [];
    for await (const r of readRecords([memorySource('httperr.log', text)])) records.push(r.record);
    expect(records[2]).toMatchObject({ 'sc-status': 503, 's-reason': 'N/A' });
    expect(records[2]!['s-siteid']).toBeUndefined();
  });

  it('reads a line whose value lands in a typed column of the inferred layout in a layout of its own', async () => {
    // cs(Referer) selected later: read in the 14-field layout its URL would be the status.
    const plain = (n: number) => `2024-03-05 10:00:0${n} 10.0.0.5 GET /a - 443 - 203.0.113.9 curl/8 404 0 2 15`;
    const referer = (n: number) => `2024-03-05 10:00:0${n} 10.0.0.5 GET /a - 443 - 203.0.113.9 curl/8 https://example.com/ 500 19 13 15`;
    const text = [plain(1), referer(2), plain(3), plain(4), referer(5)].join('\n');
    const { input, codes } = await analyse([memorySource('shipped.log', text)]);
    expect(input.rejected).toBe(0);
    expect(codes).toEqual({ '404.0.2': 3, '500.19.13': 2 });
  });
});
