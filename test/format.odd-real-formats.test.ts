/**
 * Real formats that were misread: IIS/Exchange SMTP service logging in NCSA form (not a web log,
 * as its W3C form is not), ISA Server / Forefront TMG web proxy W3C logs whose sc-status holds 0
 * or an error code such as 12209, and a CloudFront line ending in a tab. Lines are built from the
 * documented field lists; expected values are read off the lines by hand.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const SMTP = [
  '192.0.2.5 - smtpsvc1 [17/Dec/2025:09:03:02 +0000] "HELO -?+mail.example.com SMTP" 250 47',
  '192.0.2.5 - smtpsvc1 [17/Dec/2025:09:03:02 +0000] "MAIL -?+FROM:<a@example.com> SMTP" 250 50',
  '192.0.2.5 - smtpsvc1 [17/Dec/2025:09:03:03 +0000] "RCPT -?+TO:<b@example.org> SMTP" 250 40',
  '192.0.2.5 - smtpsvc1 [17/Dec/2025:09:03:04 +0000] "QUIT - SMTP" 240 69',
];

const TMG_FIELDS =
  '#Fields: c-ip cs-username c-agent sc-authenticated date time s-svcname s-computername cs-referred r-host r-ip r-port time-taken sc-bytes cs-bytes cs-protocol cs-transport s-operation cs-uri cs-mime-type s-object-source sc-status s-cache-info rule#1 rule#2';
const TMG = [
  '#Software: Microsoft(R) Internet Security and Acceleration Server 2006',
  '#Version: 1.0',
  '#Date: 2025-12-17 09:00:00',
  TMG_FIELDS,
  '10.1.1.5 anonymous Mozilla/4.0 N 2025-12-17 09:00:01 w3proxy TMG01 - www.example.com 192.0.2.34 80 15 3200 410 http TCP GET http://www.example.com/ text/html Internet 200 0x40000000 Allow -',
  '10.1.1.6 anonymous Mozilla/4.0 N 2025-12-17 09:00:02 w3proxy TMG01 - www.example.net - 443 0 0 0 SSL-tunnel - - www.example.net:443 - - 12209 0x0 Deny -',
  '10.1.1.7 anonymous Mozilla/4.0 N 2025-12-17 09:00:03 w3proxy TMG01 - www.example.org 192.0.2.35 80 5 0 300 http TCP GET http://www.example.org/a - Internet 0 0x0 Allow -',
];

const CLOUDFRONT_FIELDS =
  '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken';
const cloudfront = (status: number) =>
  ['2014-05-23', '01:13:11', 'FRA2', '182', '192.0.2.10', 'GET', 'd111111abcdef8.cloudfront.net', '/view/my/file.html', String(status)]
    .concat([
      'www.displaymyfiles.com',
      'Mozilla/4.0%20(compatible)',
      '-',
      'zip=98101',
      'RefreshHit',
      'MRVMF7Kyd==',
      'd111111abcdef8.cloudfront.net',
      'http',
      '-',
      '0.001',
    ])
    .join('\t');

describe('real formats once misread', () => {
  it('an IIS SMTP service log in NCSA form is skipped as not a web log, as its W3C form is', async () => {
    const result = await runInProcess(['report', '-'], { input: `${SMTP.join('\n')}\n` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('an IIS SMTP service log: its sc-status holds SMTP reply codes');
  });

  it('web lines with one SMTP-looking request are still a web log', async () => {
    const web = '192.0.2.9 - - [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 200 47';
    const result = await runInProcess(['report', '-', '--format', 'json'], { input: `${web}\n${web}\n${web}\n${SMTP[0]}\n` });
    expect(result.status).toBe(0);
  });

  it('ISA/TMG proxy lines with sc-status 0 and 12209 are read: no status, 12209 as the Win32 code', async () => {
    const result = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'c-ip,sc-status,sc-win32-status'], {
      input: `${TMG.join('\n')}\n`,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('c-ip,sc-status,sc-win32-status\r\n10.1.1.5,200,\r\n10.1.1.6,,12209\r\n10.1.1.7,,\r\n');
  });

  it('a CloudFront line ending in a tab is read like the others', async () => {
    const input = `#Version: 1.0\n${CLOUDFRONT_FIELDS}\n${cloudfront(200)}\t\n${cloudfront(404)}\n`;
    const result = await runInProcess(['report', '-', '--format', 'partial'], { input });
    const report = JSON.parse(result.stdout) as { input: { records: number; rejected: number }; codes: Record<string, number> };
    expect([report.input.records, report.input.rejected]).toEqual([2, 0]);
    expect(report.codes).toEqual({ '200': 1, '404': 1 });
  });
});
