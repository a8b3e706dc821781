/**
 * `logtally records`: one normalised row per record as ndjson or RFC 4180 CSV, with file and
 * 1-based line, for every input format; forced formats and --map from the command line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../src/cli/commands/records.js';
import { runInProcess } from './cli-run.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

describe('logtally records', () => {
  it('writes ndjson: ISO-8601 UTC timestamp, W3C names, numbers as numbers, file and line', async () => {
    const file = join(fixtures, 'httperr', 'plaso-httperr-restart.log');
    const result = await runInProcess(['records', file]);
    expect(result.status).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({
      timestamp: '2025-03-14T08:00:01Z',
      'c-ip': '192.0.2.10',
      'c-port': 50123,
      's-ip': '192.0.2.1',
      's-port': 80,
      'cs-version': 'HTTP/1.1',
      'cs-method': 'GET',
      'cs-uri': '/default.aspx',
      'cs-uri-stem': '/default.aspx',
      'sc-status': 503,
      's-siteid': '1',
      's-reason': 'AppOffline',
      's-queuename': 'DefaultAppPool',
      file,
      line: 5,
    });
  });

  it('writes RFC 4180 CSV with a fixed header, neutralised text and CRLF rows', async () => {
    const file = join(fixtures, 'iis-native', 'logjoint-smoke.log');
    const result = await runInProcess(['records', file, '--format', 'csv', '--tz=+01:00']);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const first = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, lines[1]!.split(',')[i]]));
    expect(first).toMatchObject({
      timestamp: '2001-03-20T06:55:20Z',
      'c-ip': '192.168.114.201',
      'sc-status': '200',
      'time-taken': '4502',
      line: '1',
    });
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(result.stderr).toContain('IIS native times read as local time at UTC+01:00');
  });

  it('takes --log-format apache:… and --map from the command line', async () => {
    const apache = await runInProcess(['records', '-', '--log-format', 'apache:%h %>s %D'], { input: '10.0.0.1 404 2500\n' });
    expect(JSON.parse(apache.stdout)).toMatchObject({ 'c-ip': '10.0.0.1', 'sc-status': 404, 'time-taken': 2.5, line: 1 });
    const json = await runInProcess(['records', '-', '--log-format', 'json', '--map', 'status=code,uri=u'], {
      input: '{"code":301,"u":"/a?b"}\n',
    });
    expect(JSON.parse(json.stdout)).toMatchObject({ 'sc-status': 301, 'cs-uri-stem': '/a', 'cs-uri-query': 'b' });
  });

  it('exits 1 with one message for a log that is not a web log', async () => {
    const result = await runInProcess(['records', join(fixtures, 'not-web', 'brianary-pf040903.log')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Windows Firewall/);
  });
});

describe('logtally records --columns', () => {
  const log = [
    '#Fields: date time c-ip cs-method cs-uri-stem sc-status X-Forwarded-For',
    '2024-05-01 10:00:00 10.0.0.2 GET /a 200 203.0.113.9,+10.0.0.1',
    '2024-05-01 10:00:01 10.0.0.2 GET /b 404 -',
  ].join('\n');

  it('writes the named columns, custom fields included, in that order', async () => {
    const result = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'timestamp,X-Forwarded-For,sc-status,line'], {
      input: log,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      'timestamp,X-Forwarded-For,sc-status,line\r\n2024-05-01T10:00:00Z,"203.0.113.9,+10.0.0.1",200,2\r\n2024-05-01T10:00:01Z,,404,3\r\n',
    );
  });

  it('is a usage error without csv or without names', async () => {
    expect((await runInProcess(['records', '-', '--columns', 'c-ip'], { input: log })).status).toBe(2);
    expect((await runInProcess(['records', '-', '--format', 'csv', '--columns', ','], { input: log })).status).toBe(2);
  });
});

describe('logtally records: a damaged .gz', () => {
  it('writes the records read before the damage, names it on stderr, exit 3', async () => {
    const result = await runInProcess(['records', 'fixtures/malformed/truncated.log.gz']);
    expect(result.status).toBe(3);
    expect(result.stdout.trim().split('\n')).toHaveLength(9673);
    expect(result.stderr).toContain(
      'logtally records: fixtures/malformed/truncated.log.gz: corrupt or truncated gzip data (unexpected end of file) after line 9678',
    );
  });
});
