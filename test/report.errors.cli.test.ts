/**
 * The CLI (in-process, through `run(argv, io)`) on the hand-made fixtures: CSV shape, JSON
 * contract, colour rules and hostile log text.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const basic = 'fixtures/reports/errors-basic.log';
const hostile = 'fixtures/reports/hostile.log';

/** Stdout of a run that must succeed; NO_COLOR is unset unless `env` sets it. */
async function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await runInProcess(args, { env: { NO_COLOR: '', ...env } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const ANSI = /\u001b/;

describe('logtally errors (CLI)', () => {
  it('--format csv: one header row, CRLF records, plain numbers', async () => {
    const out = await run(['errors', basic, '--format', 'csv']);
    const lines = out.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'status,substatus,win32,reason,count,share,meaning,likely_cause,first_seen,last_seen,distinct_clients,bytes_sent,bytes_received,latency_count,latency_mean_ms,latency_p50_ms,latency_p90_ms,latency_p95_ms,latency_p99_ms,latency_max_ms,top_uris,top_clients,example',
    );
    expect(lines).toHaveLength(5); // header + 3 groups + final empty string
    // 404.0.2: 4 records, share 4/14, 3 clients, 4980 bytes sent, 1550 received, latency 4/27/15/62/62/62/62
    expect(lines[1]).toMatch(
      /^404,0,2,,4,0\.2857,"Not Found[^"]*",".*",2021-04-01T10:00:02Z,2021-04-01T10:17:00Z,3,4980,1550,4,27,15,62,62,62,62,\/missing\.png \(3\); \/old\/page\.aspx \(1\),192\.0\.2\.10 \(2\); 192\.0\.2\.11 \(1\); 192\.0\.2\.13 \(1\),fixtures\/reports\/errors-basic\.log:6$/,
    );
    expect(out).not.toMatch(ANSI);
  });

  it('--format json: a groups array with the documented fields', async () => {
    const body = JSON.parse(await run(['errors', basic, '--format', 'json'])) as {
      input: { records: number };
      groups: Record<string, unknown>[];
      accuracy: Record<string, string>;
    };
    expect(body.input.records).toBe(14);
    expect(body.groups.map((g) => g.count)).toEqual([4, 3, 2]);
    for (const key of [
      'status',
      'substatus',
      'win32',
      'reason',
      'count',
      'share',
      'meaning',
      'likelyCause',
      'firstSeen',
      'lastSeen',
      'distinctClients',
      'bytesSent',
      'bytesReceived',
      'latency',
      'topUris',
      'topClients',
      'example',
    ]) {
      expect(body.groups[0]).toHaveProperty(key);
    }
    expect(body.groups[1]).toMatchObject({ status: 500, substatus: 19, win32: 13, count: 3 });
    expect(body.accuracy.latency).toMatch(/0\.1%/);
    expect(body.accuracy.distinctClients).toMatch(/1\.6%/);
  });

  it('table output to a pipe has no ANSI codes, with or without NO_COLOR', async () => {
    for (const env of [{}, { NO_COLOR: '1' }, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const out = await run(['errors', basic], env);
      expect(out).toContain('404.0.2');
      expect(out).not.toMatch(ANSI);
    }
  });

  it('hostile URIs and clients: escapes never reach the terminal, formulas are neutralised in CSV', async () => {
    const table = await run(['errors', hostile]);
    expect(table).not.toMatch(ANSI);
    expect(table).not.toMatch(/\u0007/);
    expect(table).toContain('\\x1b[2J');
    const csv = await run(['errors', hostile, '--format', 'csv']);
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(csv).toContain('/\\x1b[2J\\x1b[31mpwned (1); =HYPERLINK(');
    // Text cells starting with = + - @ get a leading quote (OWASP); the lists start with the hostile value.
    const byUri = await run(['report', hostile, '--by', 'uri', '--format', 'csv']);
    expect(byUri).toContain('"\'=HYPERLINK(""http://evil.example/"",""click"")",1');
    expect(byUri).toContain("'+cmd|'/c+calc'!A0,1");
    expect(csv).toContain(",'+cmd|'/c+calc'!A0 (1),'-2+3 (1),");
    expect(csv).toMatch(/,'@SUM\(1\+1\) \(1\)|; @SUM/);
    const json = await run(['errors', hostile, '--format', 'json']);
    expect(json).not.toMatch(ANSI);
  });

  it('--help explains options, accuracy and examples', async () => {
    const help = await run(['errors', '--help']);
    for (const text of [
      '--interval',
      '--wide',
      '--since',
      '--status',
      '--uri',
      '--site',
      '--host',
      '--client',
      '--method',
      'Examples:',
      '0.1%',
      '1.6%',
    ])
      expect(help).toContain(text);
    expect(await run(['report', '--help'])).toContain('--interval');
  });

  it('report --interval with --wide pivots per class, every class a column in class order', async () => {
    // Records per 5-minute bucket and class, counted from the fixture: 10:00 has records 1-7
    // (2xx 1,6; 4xx 2,4,7; 5xx 3,5), 10:05 has 8-10, 10:10 none, 10:15 has 11-14.
    const out = await run(['report', basic, '--interval', '5m', '--by', 'class', '--wide', '--format', 'csv']);
    expect(out).toBe(
      [
        'time,1xx,2xx,3xx,4xx,5xx,other',
        '2021-04-01T10:00:00Z,0,2,0,3,2,0',
        '2021-04-01T10:05:00Z,0,0,1,2,0,0',
        '2021-04-01T10:10:00Z,0,0,0,0,0,0',
        '2021-04-01T10:15:00Z,0,2,0,1,1,0',
        '',
      ].join('\r\n'),
    );
  });
});
