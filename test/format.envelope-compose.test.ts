/**
 * `docker compose logs` output: the `service  | ` prefix stripped from text and JSON access lines
 * alike (the JSON reader no longer strips it itself), with `--timestamps`' time after the bar, and
 * lines out of the envelope rejected. fixtures/compose/ and fixtures/json/lnav-caddy-compose check
 * whole files.
 */
import { describe, expect, it } from 'vitest';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('compose.log', text)])) out.push(r);
  return out;
}

const access = (uri: string, status: number) =>
  `172.18.0.1 - - [26/Nov/2026:10:00:00 -0500] "GET ${uri} HTTP/1.1" ${status} 615 "-" "curl/8.4.0"`;

describe('envelope: docker compose', () => {
  it('strips the padded service name (Compose v2 and v1), with or without --timestamps', async () => {
    const text = [
      `web-1        | ${access('/a', 200)}`,
      `proxy_web_1 | ${access('/b', 404)}`,
      `web-1  | 2026-11-26T15:00:01.123456789Z ${access('/c', 500)}`,
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.format, r.record['cs-uri-stem'], r.record['sc-status'], r.record.timestamp])).toEqual([
      ['compose:combined', '/a', 200, Date.UTC(2026, 10, 26, 15)],
      ['compose:combined', '/b', 404, Date.UTC(2026, 10, 26, 15)],
      ['compose:combined', '/c', 500, Date.UTC(2026, 10, 26, 15)],
    ]);
  });

  it('reads JSON access lines behind the prefix', async () => {
    const row = (status: number) =>
      JSON.stringify({
        time_iso8601: '2026-11-26T10:00:00+00:00',
        remote_addr: '172.18.0.9',
        request: 'GET /j HTTP/1.1',
        status: String(status),
        body_bytes_sent: '1',
        request_time: '0.010',
      });
    const { input } = await analyse([memorySource('compose.log', [`web-1  | ${row(200)}`, `web-1  | ${row(503)}`].join('\n'))]);
    expect(input.formats).toEqual({ 'compose > json (nginx)': 2 });
  });

  it("rejects compose's own lines and other services' lines, and counts an empty message as a directive", async () => {
    const text = [
      'Attaching to db-1, web-1',
      `web-1  | ${access('/', 200)}`,
      'db-1   | LOG:  database system is ready to accept connections',
      'web-1  |',
      `web-1  | ${access('/x', 404)}`,
      'web-1 exited with code 0',
    ].join('\n');
    const { input } = await analyse([memorySource('compose.log', text)]);
    expect(input).toMatchObject({ lines: 6, records: 2, directives: 1, rejected: 3, formats: { 'compose > combined': 2 } });
    expect(input.rejectedSamples.map((s) => [s.line, s.detail])).toEqual([
      [1, 'not in the docker compose envelope'],
      [3, 'does not match combined (at %t)'],
      [6, 'not in the docker compose envelope'],
    ]);
  });

  it('takes no line with a bar further in for a prefix', async () => {
    const [r] = await records(`${access('/a|b', 200)}\n`);
    expect(r!.format).toBe('combined');
  });
});
