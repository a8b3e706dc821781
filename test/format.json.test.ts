/**
 * JSON lines and JSON arrays (stream-json, line by line): built-in shapes (Caddy, Cloudflare, nginx JSON) chosen from the first lines, `--map`
 * for others, timestamps in any epoch unit, and server messages counted apart from requests.
 * lnav's Caddy and Cloudflare logs are checked file by file in fixtures/json.
 */
import { describe, expect, it } from 'vitest';
import { parseFieldMap, toTimestamp } from '../parsers/field-map.js';
import { jsonArrayFormat, jsonLinesFormat } from '../parsers/json-lines.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, options: { format?: string; fieldMap?: Record<string, string> } = {}): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('access.json', text)], options)) out.push(r);
  return out;
}

describe('format: json', () => {
  it('parses every sample line, detected without flags', async () => {
    for (const sample of jsonLinesFormat.samples) {
      const [r] = await records(sample);
      expect(r!.format).toBe('json');
      expect(typeof r!.record['sc-status']).toBe('number');
    }
  });

  it('maps nginx escape=json keys: request split, numeric strings as numbers, request_time in ms', async () => {
    const [r] = await records(jsonLinesFormat.samples[1]!);
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 3, 10, 23),
      'c-ip': '203.0.113.7',
      'cs-method': 'GET',
      'cs-uri-stem': '/x',
      'cs-version': 'HTTP/1.1',
      'sc-status': 200,
      'sc-bytes': 12,
      'time-taken': 4,
    });
  });

  it('reads other shapes with --map (units on durations)', async () => {
    const line = '{"when":"2024-04-10T23:00:00Z","code":"503","path":"/api?x=1","elapsed":0.25,"who":{"ip":"198.51.100.4"}}';
    const [r] = await records(line, { format: 'json', fieldMap: parseFieldMap('time=when,status=code,uri=path,duration=elapsed:s,ip=who.ip') });
    expect(r!.record).toEqual({ timestamp: Date.UTC(2024, 3, 10, 23), 'sc-status': 503, 'cs-uri-stem': '/api', 'cs-uri-query': 'x=1', 'time-taken': 250, 'c-ip': '198.51.100.4' });
  });

  it('rejects --map entries that are not FIELD=KEY', () => {
    expect(() => parseFieldMap('status')).toThrow(/FIELD=KEY/);
  });

  it('reads epoch timestamps in s, ms, µs and ns, and RFC 3339 strings', () => {
    const ms = Date.UTC(2024, 3, 10, 23, 0, 0, 100);
    expect([ms / 1000, ms, ms * 1000, ms * 1e6, '2024-04-10T23:00:00.100Z'].map((v) => toTimestamp(v, 0))).toEqual([ms, ms, ms, ms, ms]);
  });

  it('counts a server\'s own messages apart from requests, and rejects lines that are not JSON', async () => {
    const caddy = '{"level":"info","ts":1716723772.6,"logger":"http.log.access","request":{"client_ip":"10.0.0.1","method":"GET","uri":"/"},"status":200,"size":5,"duration":0.002}';
    const report = await analyse([memorySource('c.log', ['{"level":"info","ts":1716723772.1,"msg":"serving"}', caddy, '{"truncated":'].join('\n'))]);
    expect(report.input).toMatchObject({ records: 1, directives: 1, rejected: 1, rejectedByReason: { 'invalid-json': 1 }, formats: { 'json (caddy)': 1 } });
  });

  it('does not claim JSON of an unknown shape: it names what was tried instead', async () => {
    await expect(analyse([memorySource('app.json', '{"event":"login","user":"x"}')])).rejects.toThrow(/not a log format logtally knows \(tried .*json/);
  });
});

describe('format: json-array', () => {
  const element = (status: number, ip: string) => ({ remote_addr: ip, request: 'GET /x HTTP/1.1', status, body_bytes_sent: 5 });
  const lines = (report: Awaited<ReturnType<typeof analyse>>) => report.input.records + report.input.directives + report.input.blank + report.input.rejected;

  it('parses the samples, detected without flags, with the brackets as directives', async () => {
    const report = await analyse([memorySource('dump.json', jsonArrayFormat.samples.join('\n'))]);
    expect(report.input).toMatchObject({ lines: 4, records: 2, directives: 2, rejected: 0, formats: { 'json-array (cloudflare)': 2 } });
  });

  it('reads a pretty-printed array, numbering each record by the line that opens its element', async () => {
    const text = JSON.stringify([element(200, '192.0.2.1'), element(404, '192.0.2.2')], null, 2);
    const found = await records(text);
    expect(found.map((r) => [r.line, r.format, r.record['sc-status'], r.record['c-ip']])).toEqual([
      [2, 'json-array', 200, '192.0.2.1'],
      [8, 'json-array', 404, '192.0.2.2'],
    ]);
    const report = await analyse([memorySource('dump.json', text)]);
    expect(report.input).toMatchObject({ lines: 14, records: 2, directives: 12, rejected: 0 });
  });

  it('reads a one-line array of one request, and rejects one of several: a line has one outcome', async () => {
    const [one] = await records(JSON.stringify([element(201, '192.0.2.3')]));
    expect([one!.line, one!.record['sc-status']]).toEqual([1, 201]);
    const report = await analyse([memorySource('dump.json', JSON.stringify([element(200, 'a'), element(500, 'b')]))]);
    expect(report.input).toMatchObject({ lines: 1, records: 0, rejected: 1, rejectedByReason: { 'no-match': 1 } });
    expect(report.input.rejectedSamples[0]!.detail).toMatch(/^2 array elements on one line/);
  });

  it('rejects a malformed element as invalid-json and resumes at the next element; lines add up', async () => {
    const text = ['[', '  {', '    "status": 200,', '    "remote_addr": "192.0.2.1"', '  },', '  {', '    "status": 2x0,', '    "remote_addr": "192.0.2.2"', '  },', '', '  {', '    "status": 503,', '    "remote_addr": "192.0.2.3"', '  }', ']'].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['sc-status']])).toEqual([
      [2, 200],
      [11, 503],
    ]);
    const report = await analyse([memorySource('dump.json', text)]);
    expect(report.input).toMatchObject({ lines: 15, records: 2, blank: 1, rejected: 3, directives: 9, rejectedByReason: { 'invalid-json': 3 } });
    expect(lines(report)).toBe(report.input.lines);
    expect(report.input.rejectedSamples.map((s) => s.line)).toEqual([7, 8, 9]);
  });

  it('says so when the file ends inside an element', async () => {
    const report = await analyse([memorySource('cut.json', '[\n{"status":200,"remote_addr":"192.0.2.1"},\n{"status":201,')]);
    expect(report.input).toMatchObject({ lines: 3, records: 1, directives: 2 });
    expect(report.input.notes.join('\n')).toContain('ends inside an element');
  });

  it('does not claim an array of objects of no known shape', async () => {
    await expect(analyse([memorySource('data.json', '[\n{"id":1,"name":"x"},\n{"id":2,"name":"y"}\n]')])).rejects.toThrow(/not a log format logtally knows/);
  });
});
