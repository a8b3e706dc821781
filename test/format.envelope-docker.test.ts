/**
 * Docker json-file logs: the `log` string unescaped in place, the access line inside read by the
 * normal detection (text or JSON), Docker's 16 KiB pieces joined, stderr lines that are no requests
 * counted as directives, and detection reading past a server's start-up messages. The fixtures in
 * fixtures/docker/ check whole files.
 */
import { describe, expect, it } from 'vitest';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

const docker = (log: string, stream = 'stdout', time = '2026-11-26T10:00:00.123456789Z'): string => JSON.stringify({ log, stream, time });

async function records(lines: string[]): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('x-json.log', lines.join('\n'))])) out.push(r);
  return out;
}

const ACCESS =
  '172.17.0.1 - - [26/Nov/2026:10:00:05 +0000] "GET /search?q=caf\\xC3\\xA9 HTTP/1.1" 404 153 "-" "Mozilla/5.0 \\"quoted\\"\tx"';

describe('envelope: docker json-file', () => {
  it('unescapes the log string: quotes, backslashes, \\uXXXX, tabs, and the trailing newline (CRLF too)', async () => {
    const lines = [docker(`${ACCESS}\n`), docker(`${ACCESS.replace('404', '200')}\r\n`).replace('&', '\\u0026')];
    const [a, b] = await records(lines);
    expect(a!.format).toBe('docker:combined');
    expect(a!.record).toMatchObject({
      timestamp: Date.UTC(2026, 10, 26, 10, 0, 5),
      'c-ip': '172.17.0.1',
      'cs-uri-stem': '/search',
      'cs-uri-query': 'q=café',
      'sc-status': 404,
      'cs(User-Agent)': 'Mozilla/5.0 "quoted"\tx',
    });
    expect(b!.record['sc-status']).toBe(200);
  });

  it('decodes \\u escapes Docker writes for <, > and &', async () => {
    const line =
      '{"log":"10.0.0.1 - - [26/Nov/2026:10:00:00 +0000] \\"GET /a?x=\\u003cb\\u003e\\u0026y=1 HTTP/1.1\\" 400 0 \\"-\\" \\"curl/8\\"\\n","stream":"stdout","time":"2026-11-26T10:00:00Z"}';
    const [r] = await records([line]);
    expect(r!.record['cs-uri-query']).toBe('x=<b>&y=1');
  });

  it('joins the pieces Docker cuts a long line into, numbering the record by its first piece', async () => {
    const long = `10.0.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /${'a'.repeat(40)} HTTP/1.1" 200 5 "-" "curl/8"`;
    const lines = [docker(long.slice(0, 20)), docker(long.slice(20, 50)), docker(`${long.slice(50)}\n`), docker(`${long}\n`)];
    const { input } = await analyse([memorySource('x-json.log', lines.join('\n'))]);
    expect(input).toMatchObject({ lines: 4, records: 2, directives: 2, rejected: 0 });
    const found = await records(lines);
    expect(found.map((r) => [r.line, r.record['cs-uri-stem']])).toEqual([
      [1, `/${'a'.repeat(40)}`],
      [4, `/${'a'.repeat(40)}`],
    ]);
  });

  it('counts stderr lines that are no requests as directives, stdout ones as rejected', async () => {
    const lines = [
      docker('/docker-entrypoint.sh: Configuration complete; ready for start up\n'),
      docker('2026/11/26 10:00:00 [notice] 1#1: start worker processes\n', 'stderr'),
      docker(`${ACCESS}\n`),
      docker('2026/11/26 10:00:06 [error] 29#29: *2 open() "/x" failed\n', 'stderr'),
    ];
    const { input } = await analyse([memorySource('x-json.log', lines.join('\n'))]);
    expect(input).toMatchObject({ lines: 4, records: 1, directives: 2, rejected: 1, formats: { 'docker > combined': 1 } });
    expect(input.rejectedSamples[0]!.line).toBe(1);
    expect(input.notes.join('\n')).toContain('stderr lines that are no requests');
  });

  it('reads requests a server logs to stderr (Caddy), and a JSON log line inside the string', async () => {
    const caddy = (status: number) =>
      `${JSON.stringify({ level: 'info', ts: 1764151200.5, logger: 'http.log.access', msg: 'handled request', request: { client_ip: '172.18.0.1', method: 'GET', uri: '/x', proto: 'HTTP/2.0' }, status, size: 12, duration: 0.0021 })}\n`;
    const lines = [
      docker(`${JSON.stringify({ level: 'info', ts: 1764151200.1, msg: 'serving initial configuration' })}\n`, 'stderr'),
      docker(caddy(200), 'stderr'),
      docker(caddy(502), 'stderr'),
    ];
    const found = await records(lines);
    expect(found.map((r) => [r.format, r.line, r.record['sc-status'], r.record['c-ip'], r.record['time-taken']])).toEqual([
      ['docker:json', 2, 200, '172.18.0.1', 2.1],
      ['docker:json', 3, 502, '172.18.0.1', 2.1],
    ]);
    const { input } = await analyse([memorySource('x-json.log', lines.join('\n'))]);
    expect(input).toMatchObject({ records: 2, directives: 1, formats: { 'docker > json (caddy)': 2 } });
  });

  it('reads past more than 16 start-up lines before the first request', async () => {
    const noise = Array.from({ length: 40 }, (_, i) =>
      docker(`2026/11/26 10:00:00 [notice] 1#1: start worker process ${i}\n`, i % 2 ? 'stderr' : 'stdout'),
    );
    const { input } = await analyse([memorySource('x-json.log', [...noise, docker(`${ACCESS}\n`)].join('\n'))]);
    expect(input).toMatchObject({ lines: 41, records: 1, directives: 20, rejected: 20 });
  });

  it('skips a container log with no requests, naming the envelope', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => docker(`worker ${i} ready\n`));
    await expect(analyse([memorySource('x-json.log', lines.join('\n'))])).rejects.toMatchObject({
      code: 'UNKNOWN_FORMAT',
      message: expect.stringContaining('x-json.log: Docker json-file lines, but no log format logtally knows inside them'),
    });
  });

  it('rejects lines that are not Docker JSON, or whose log string is malformed', async () => {
    const good = Array.from({ length: 5 }, () => docker(`${ACCESS}\n`));
    const lines = [
      ...good,
      'not json',
      '{"log":"unterminated',
      '{"log":"bad \\q escape\\n","stream":"stdout"}',
      '{"log":"bad \\u12 escape\\n","stream":"stdout"}',
    ];
    const { input } = await analyse([memorySource('x-json.log', lines.join('\n'))]);
    expect(input).toMatchObject({ lines: 9, records: 5, rejected: 4 });
    expect(new Set(input.rejectedSamples.map((s) => s.detail))).toEqual(new Set(['not in the Docker json-file envelope']));
  });
});
