/**
 * What needs no ClickHouse server: the row encoding and the refusals made before connecting.
 * The suite against real servers is test/clickhouse/clickhouse.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { redact, serverMessage } from '../src/clickhouse/client.js';
import { tsvRow } from '../src/clickhouse/row-encoder.js';
import { REQUEST_COLUMNS } from '../src/clickhouse/schema.js';
import { runInProcess } from './cli-run.js';

describe('TabSeparated rows', () => {
  it('puts every column in table order, NULL for what the log did not have, custom fields in the arrays', () => {
    const row = tsvRow({
      record: {
        timestamp: Date.UTC(2026, 10, 1, 10, 0, 0, 250),
        'c-ip': '10.0.0.1',
        'sc-status': 404,
        'time-taken': 1.5,
        'X-Forwarded-For': "a'b",
      },
      file: 'logs/W3SVC3/u_ex261101.log',
      line: 7,
      format: 'w3c',
    });
    const cells = row.slice(0, -1).split('\t');
    expect(cells).toHaveLength(REQUEST_COLUMNS.length);
    const at = (name: string) => cells[REQUEST_COLUMNS.findIndex(([n]) => n === name)];
    expect([at('timestamp'), at('timestamp_ms'), at('c_ip'), at('sc_status'), at('time_taken'), at('cs_method')]).toEqual([
      '1793527200',
      '250',
      '10.0.0.1',
      '404',
      '1.5',
      '\\N',
    ]);
    expect([at('custom_keys'), at('custom_values')]).toEqual(["['X-Forwarded-For']", "['a\\'b']"]);
    expect([at('file'), at('line'), at('format'), at('site_folder')]).toEqual(['logs/W3SVC3/u_ex261101.log', '7', 'w3c', 'W3SVC3']);
    expect(row.endsWith('\n')).toBe(true);
  });

  it('escapes tab, newline, CR and backslash, so a value never splits a row', () => {
    const row = tsvRow({ record: { 'cs-uri-stem': 'a\tb\nc\rd\\e' }, file: 'f', line: 1, format: 'json' });
    expect(row.split('\n')).toHaveLength(2);
    expect(row).toContain('\ta\\tb\\nc\\rd\\\\e\t');
  });

  it('keeps a value its column cannot hold among the custom fields, as text', () => {
    const row = tsvRow({ record: { 'sc-status': 70000, 'c-port': 1.5, timestamp: -1000 }, file: 'f', line: 1, format: 'json' });
    expect(row).toContain("['timestamp','c-port','sc-status']\t['1969-12-31T23:59:59Z','1.5','70000']");
    expect(row.startsWith('0000000000\t0\t')).toBe(true);
  });
});

describe('ClickHouse messages', () => {
  it('names the server without the password, and the server error without its stack', () => {
    expect(redact('http://loader:s3cret@ch1:8123/')).toBe('http://loader:***@ch1:8123/');
    expect(serverMessage("Code: 60, e.displayText() = DB::Exception: Table x.y doesn't exist., e.what() = DB::Exception\n")).toBe(
      "Table x.y doesn't exist. (code 60)",
    );
  });
});

describe('load and --from refusals before any connection', () => {
  it.each([
    [['load', 'fixtures/w3c'], /no ClickHouse URL/],
    [['load', '-', '--to', 'http://127.0.0.1:1'], /stdin/],
    [['load', 'fixtures/w3c', '--to', 'ftp://host'], /starts with http:\/\/ or https:\/\//],
    [['load', 'fixtures/w3c', '--to', 'http://a:1,http://b:2'], /need --cluster/],
    [['load', 'fixtures/w3c', '--to', 'http://a:1', '--database', 'x;drop'], /not a plain ClickHouse name/],
    [['load', 'fixtures/w3c', '--to', 'http://a:1', '--batch-rows', '2000000'], /at most 1000000/],
    [['report', 'fixtures/w3c', '--from', 'http://a:1'], /not both/],
    [['errors', 'fixtures/w3c', '--from', 'http://a:1'], /not both/],
  ])('%j: one line, exit 2', async (args, message) => {
    const result = await runInProcess(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });
});
