/**
 * CRI logs (containerd, CRI-O): `P` pieces joined per stream up to the `F`, the record numbered by
 * its first piece and every piece counted; the access line's own time is the record's (not the
 * runtime's); JSON access logs inside; lines out of the envelope rejected. The fixture in
 * fixtures/cri/ checks a whole file.
 */
import { describe, expect, it } from 'vitest';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('0.log', text)])) out.push(r);
  return out;
}

const access = (uri: string, status: number) =>
  `10.244.0.9 - - [26/Nov/2026:12:00:00 +0200] "GET ${uri} HTTP/1.1" ${status} 12 "-" "kube-probe/1.31"`;

describe('envelope: CRI', () => {
  it('reads F lines; the access line gives the time, in UTC', async () => {
    const [r] = await records(`2026-11-26T10:00:00.987654321Z stdout F ${access('/healthz', 200)}\n`);
    expect(r!.format).toBe('cri:combined');
    expect(r!.record).toMatchObject({
      timestamp: Date.UTC(2026, 10, 26, 10),
      'c-ip': '10.244.0.9',
      'cs-uri-stem': '/healthz',
      'sc-status': 200,
    });
  });

  it('joins P pieces per stream, with the other stream between them, and counts every line', async () => {
    const line = access('/export?ids=1,2,3', 503);
    const text = [
      `2026-11-26T10:00:00.000000001Z stdout P ${line.slice(0, 30)}`,
      '2026-11-26T10:00:00.000000002Z stderr P 2026/11/26 10:00:00 [warn] 29#29: an upstream',
      `2026-11-26T10:00:00.000000003Z stdout P ${line.slice(30, 60)}`,
      '2026-11-26T10:00:00.000000004Z stderr F  response is buffered',
      `2026-11-26T10:00:00.000000005Z stdout F ${line.slice(60)}`,
      `2026-11-26T10:00:01.000000000Z stdout F ${access('/next', 200)}`,
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['cs-uri-stem'], r.record['cs-uri-query'], r.record['sc-status']])).toEqual([
      [1, '/export', 'ids=1,2,3', 503],
      [6, '/next', undefined, 200],
    ]);
    const { input } = await analyse([memorySource('0.log', text)]);
    expect(input).toMatchObject({
      lines: 6,
      records: 2,
      directives: 4,
      blank: 0,
      rejected: 0,
      notes: [expect.stringContaining('stderr lines that are no requests')],
    });
  });

  it('counts an empty F line as a directive, and a last P never finished with a note', async () => {
    const text = [
      `2026-11-26T10:00:00Z stdout F ${access('/', 200)}`,
      '2026-11-26T10:00:01Z stdout F',
      '2026-11-26T10:00:01Z stdout F ',
      `2026-11-26T10:00:02Z stdout P ${access('/cut', 200).slice(0, 40)}`,
    ].join('\n');
    const { input } = await analyse([memorySource('0.log', text)]);
    expect(input).toMatchObject({ lines: 4, records: 1, directives: 3, rejected: 0 });
    expect(input.notes.join('\n')).toContain('cri: the file ends inside a message split over lines');
  });

  it("reads CRI-O's local time stamps with an offset, and JSON access logs inside", async () => {
    const traefik = (status: number) =>
      JSON.stringify({
        ClientHost: '10.244.1.7',
        RequestMethod: 'GET',
        RequestPath: '/api',
        RequestProtocol: 'HTTP/2.0',
        DownstreamStatus: status,
        Duration: 2500000,
        StartUTC: '2026-11-26T10:00:00.5Z',
      });
    const text = [
      `2026-11-26T11:00:00.000000000+01:00 stdout F ${traefik(200)}`,
      `2026-11-26T11:00:01.000000000+01:00 stdout F ${traefik(404)}`,
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.format, r.record['sc-status'], r.record['time-taken'], r.record.timestamp])).toEqual([
      ['cri:json', 200, 2.5, Date.UTC(2026, 10, 26, 10, 0, 0, 500)],
      ['cri:json', 404, 2.5, Date.UTC(2026, 10, 26, 10, 0, 0, 500)],
    ]);
  });

  it('rejects lines out of the envelope: no time stamp, no stream, no tag', async () => {
    const good = Array.from({ length: 4 }, () => `2026-11-26T10:00:00Z stdout F ${access('/', 200)}`);
    const bad = [
      access('/bare', 200),
      `2026-11-26T10:00:00Z stdin F ${access('/', 200)}`,
      `2026-11-26T10:00:00Z stdout X ${access('/', 200)}`,
    ];
    const { input } = await analyse([memorySource('0.log', [...good, ...bad].join('\n'))]);
    expect(input).toMatchObject({ lines: 7, records: 4, rejected: 3, rejectedByReason: { 'no-match': 3 } });
    expect(input.rejectedSamples.every((s) => s.detail === 'not in the CRI (containerd, CRI-O) envelope')).toBe(true);
  });
});
