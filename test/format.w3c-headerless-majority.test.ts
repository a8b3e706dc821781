/**
 * A small header-less IIS excerpt whose first line is damaged (cut at its start, as an excerpt
 * copied from the middle of a log often is): the layout is decided by most of the sampled lines,
 * and the damaged one is rejected, not the whole file refused.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const LINES = [
  '2025-01-01 10:00:01 10.0.0.1 GET /b - 80 - 192.0.2.2 curl/8 - 404 0 2 6',
  '2025-01-01 10:00:02 10.0.0.1 GET /c - 80 - 192.0.2.3 curl/8 - 500 19 13 7',
  '2025-01-01 10:00:03 10.0.0.1 POST /d - 80 - 192.0.2.4 curl/8 - 200 0 0 8',
];

const summaryOf = async (input: string) => {
  const result = await runInProcess(['report', '-', '--by', 'hour', '--format', 'json'], { input });
  expect(result.status).toBe(0);
  return (JSON.parse(result.stdout) as { input: { records: number; rejected: number; formats: Record<string, number> } }).input;
};

describe('header-less IIS lines: the majority decides', () => {
  it('a first line cut mid-way (fewer values) is rejected, the rest read', async () => {
    const input = summaryOf(`0:00 10.0.0.1 GET /a - 80 - 192.0.2.1 curl/8 - 200 0 0 5\n${LINES.join('\n')}\n`);
    expect(await input).toMatchObject({ records: 3, rejected: 1, formats: { 'w3c (15 fields)': 3 } });
  });

  it('a first line with a damaged date (same number of values) is rejected, the rest read', async () => {
    const input = summaryOf(`5-01-01 10:00:00 10.0.0.1 GET /a - 80 - 192.0.2.1 curl/8 - 200 0 0 5\n${LINES.join('\n')}\n`);
    expect(await input).toMatchObject({ records: 3, rejected: 1, formats: { 'w3c (15 fields)': 3 } });
  });
});

describe('header-less IIS lines of several layouts in one file', () => {
  const MIXED = [
    '2025-01-01 10:00:01 10.0.0.1 GET /b - 80 - 192.0.2.2 curl/8 - 404 0 2 6',
    '2025-01-01 10:00:02 10.0.0.1 GET /c - 80 - 192.0.2.3 curl/8 - 500 19 13 7',
    '2025-01-01 10:00:03 WEB01 10.0.0.1 POST /d - 80 - 192.0.2.4 curl/8 - 200 0 0 812 8',
    '2025-01-01 10:00:04 10.0.0.1 GET /e - 80 - 192.0.2.5 curl/8 - 200 0 0 9',
    '2025-01-01 10:00:05 10.0.0.1 GET /f - 443 - 192.0.2.6 curl/8 - 200 0 0 1200 350 10 203.0.113.9',
  ];

  it('each line is read by the layout of its length: 15, 17 (a server name, sc-bytes) and 18 values (bytes, a custom field last)', async () => {
    const result = await runInProcess(
      ['records', '-', '--format', 'csv', '--columns', 'cs-uri-stem,sc-status,sc-bytes,cs-bytes,time-taken,x-custom-1'],
      {
        input: `${MIXED.join('\n')}\n`,
      },
    );
    expect(result.stdout.split('\r\n').slice(1, -1)).toEqual([
      '/b,404,,,6,',
      '/c,500,,,7,',
      '/d,200,812,,8,',
      '/e,200,,,9,',
      '/f,200,1200,350,10,203.0.113.9',
    ]);
  });
});

describe('a header-less 20-field excerpt ending in one number', () => {
  const EXCERPT = [
    '2025-01-01 10:00:01 W3SVC1 WEB01 10.0.0.1 GET /b - 80 - 192.0.2.2 HTTP/1.1 curl/8 - - www.example.com 404 0 2 1530',
    '2025-01-01 10:00:02 W3SVC1 WEB01 10.0.0.1 GET /c - 80 - 192.0.2.3 HTTP/1.1 curl/8 - - www.example.com 200 0 0 48213',
  ];
  const FIELDS =
    '#Fields: date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes';

  it('says the number is read as time-taken and how to have it read as sc-bytes', async () => {
    const result = await runInProcess(['records', '-'], { input: `${EXCERPT.join('\n')}\n` });
    expect(result.stderr).toContain('its last number is read as time-taken, as IIS logs by default: if it is sc-bytes, put the log');
  });

  it("with the log's #Fields line first, it is sc-bytes", async () => {
    const result = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'sc-bytes,time-taken'], {
      input: `${FIELDS}\n${EXCERPT.join('\n')}\n`,
    });
    expect(result.stdout).toBe('sc-bytes,time-taken\r\n1530,\r\n48213,\r\n');
  });
});
