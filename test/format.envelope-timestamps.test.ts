/**
 * `kubectl logs --timestamps` / `docker logs --timestamps` output saved to a file: the leading
 * RFC 3339 time is stripped and the access line read by the usual detection, its own time the
 * record's. CRI node logs, which open with a time too, stay the cri envelope's.
 */
import { describe, expect, it } from 'vitest';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('ingress.log', text)])) out.push(r);
  return out;
}

const upstreaminfo = (client: string, uri: string, status: number, seconds: string) =>
  `${client} - - [26/Nov/2026:10:00:00 +0100] "GET ${uri} HTTP/1.1" ${status} 150 "-" "Mozilla/5.0" 311 ${seconds} [default-web-80] [] 10.244.1.5:8080 150 ${seconds} ${status} 77aa`;

describe('envelope: --timestamps', () => {
  it("strips kubectl's nanosecond time and reads ingress-nginx's upstreaminfo lines inside, at their own time", async () => {
    const text = [
      `2026-11-26T09:00:00.123456789Z ${upstreaminfo('192.168.1.20', '/api/orders', 502, '0.020')}`,
      `2026-11-26T09:00:00.200000000Z ${upstreaminfo('192.168.1.21', '/login', 200, '0.005')}`,
    ].join('\n');
    const found = await records(text);
    expect(
      found.map((r) => [
        r.format,
        r.record['c-ip'],
        r.record['cs-uri-stem'],
        r.record['sc-status'],
        r.record['time-taken'],
        r.record.timestamp,
      ]),
    ).toEqual([
      ['timestamps:nginx-upstreaminfo', '192.168.1.20', '/api/orders', 502, 20, Date.UTC(2026, 10, 26, 9)],
      ['timestamps:nginx-upstreaminfo', '192.168.1.21', '/login', 200, 5, Date.UTC(2026, 10, 26, 9)],
    ]);
  });

  it('rejects the controller messages between requests, naming the envelope in the layout', async () => {
    const text = [
      `2026-11-26T09:00:00.1Z 10.0.0.1 - - [26/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"`,
      '2026-11-26T09:00:00.2Z W1126 09:00:00.200000       7 controller.go:1204] Service "default/web" does not have any active Endpoint.',
      `2026-11-26T09:00:00.3+01:00 10.0.0.2 - - [26/Nov/2026:09:00:00 +0000] "GET /x HTTP/1.1" 404 5 "-" "curl/8"`,
    ].join('\n');
    const { input } = await analyse([memorySource('web.log', text)]);
    expect(input).toMatchObject({ lines: 3, records: 2, rejected: 1, formats: { 'timestamps > combined': 2 } });
    expect(input.rejectedSamples[0]!.line).toBe(2);
  });

  it('takes no CSV row or other text that merely opens with a time for the envelope', async () => {
    const csv = ['when,st,url', '2021-04-01T10:00:00Z,500,/a', '2021-04-01T10:00:05Z,200,/b'].join('\n');
    await expect(analyse([memorySource('export.csv', csv)])).rejects.toThrow(/export\.csv: not a log format logtally knows/);
  });

  it('leaves CRI node logs to the cri envelope', async () => {
    const cri = '2026-11-26T09:00:00.123456789Z stdout F 10.0.0.1 - - [26/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"';
    expect((await records(`${cri}\n${cri}\n`)).map((r) => r.format)).toEqual(['cri:combined', 'cri:combined']);
  });
});
