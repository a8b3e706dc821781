/**
 * --map: JSON and CSV of shapes logtally does not know are detected once the map names their
 * keys, with no --log-format needed; without a map they are not a known log format.
 */
import { describe, expect, it } from 'vitest';
import { parseFieldMap } from '../parsers/field-map.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

const JSON_LINES = [
  '{"ts":"2021-04-01T10:00:00+02:00","code":503,"path":"/x?y=1","ip":"1.2.3.4"}',
  '{"ts":"2021-04-01T10:01:00Z","code":"404","path":"/missing","ip":"1.2.3.5"}',
].join('\n');
const CSV = ['when,st,url,who', '2021-04-01T10:00:00Z,500,/a?b=1,1.2.3.4', '2021-04-01T10:00:05Z,200,/b,1.2.3.5'].join('\n');

async function records(name: string, text: string, map?: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource(name, text)], { fieldMap: map === undefined ? undefined : parseFieldMap(map) }))
    out.push(r);
  return out;
}

describe('--map', () => {
  it('makes JSON lines of an unknown shape readable without --log-format', async () => {
    const found = await records('app.json', JSON_LINES, 'status=code,uri=path,client=ip,time=ts');
    expect(found.map((r) => r.record)).toEqual([
      { timestamp: Date.parse('2021-04-01T08:00:00Z'), 'sc-status': 503, 'cs-uri-stem': '/x', 'cs-uri-query': 'y=1', 'c-ip': '1.2.3.4' },
      { timestamp: Date.parse('2021-04-01T10:01:00Z'), 'sc-status': 404, 'cs-uri-stem': '/missing', 'c-ip': '1.2.3.5' },
    ]);
    expect(found[0]!.format).toBe('json');
  });

  it('makes CSV of unknown columns readable without --log-format', async () => {
    const found = await records('export.csv', CSV, 'time=when,status=st,uri=url,client=who');
    expect(found.map((r) => [r.record['sc-status'], r.record['cs-uri-stem'], r.record['c-ip'], r.line])).toEqual([
      [500, '/a', '1.2.3.4', 2],
      [200, '/b', '1.2.3.5', 3],
    ]);
  });

  it('without a map, the same files are not a format logtally knows', async () => {
    await expect(analyse([memorySource('app.json', JSON_LINES)])).rejects.toThrow(
      /not a log format logtally knows.*name its keys with --map/,
    );
    await expect(analyse([memorySource('export.csv', CSV)])).rejects.toThrow(/not a log format logtally knows/);
  });

  it("leaves a negative duration absent: AWS ALB's -1 where no target answered (an Athena export of ALB logs)", async () => {
    const csv = [
      'time,client_ip,target_processing_time,elb_status_code,request_verb,request_url',
      '2024-01-09T12:00:00.123456Z,203.0.113.10,0.048,200,GET,https://example.com:443/pets?id=7',
      '2024-01-09T12:00:01.000000Z,203.0.113.11,-1,502,POST,http://example.com:80/login',
    ].join('\n');
    const found = await records(
      'alb.csv',
      csv,
      'status=elb_status_code,time=time,client=client_ip,method=request_verb,url=request_url,duration=target_processing_time:s',
    );
    expect(found.map((r) => r.record['time-taken'])).toEqual([48, undefined]);
    expect(found[1]!.record).toMatchObject({ 'sc-status': 502, 'cs-uri-stem': '/login' });
  });
});
