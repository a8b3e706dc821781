/**
 * JSON lines: built-in shapes (Caddy, Cloudflare, nginx JSON) chosen from the first lines, `--map`
 * for others, timestamps in any epoch unit, and server messages counted apart from requests.
 * lnav's Caddy and Cloudflare logs are checked file by file in fixtures/json.
 */
import { describe, expect, it } from 'vitest';
import { parseFieldMap, toTimestamp } from '../parsers/field-map.js';
import { jsonLinesFormat } from '../parsers/json-lines.js';
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
