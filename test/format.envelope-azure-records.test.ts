/**
 * Azure Monitor's `{"records": [...]}` wrapper (diagnostic logs exported to a storage account or an
 * Event Hub): one record per element, pretty-printed or one wrapper per line, a line holding several
 * elements counted once per element (as JSON arrays are), and a `records` key that is not the
 * wrapper's left alone. fixtures/json/azure-*-records* check whole files.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, fileSource, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('PT1H.json', text)])) out.push(r);
  return out;
}

const frontDoor = (uri: string, status: string) => ({
  time: '2026-11-26T10:00:00.25Z',
  category: 'FrontDoorAccessLog',
  properties: {
    httpMethod: 'GET',
    httpVersion: '2.0',
    requestUri: `https://shop.example.com:443${uri}`,
    clientIp: '198.51.100.9',
    timeTaken: '0.040',
    httpStatusCode: status,
    responseBytes: '99',
  },
});

describe('Azure records wrapper', () => {
  it('reads each element of a one-line wrapper, counting the line once per element', async () => {
    const text = [
      JSON.stringify({ records: [frontDoor('/a', '200'), frontDoor('/b?q=1', '404'), frontDoor('/c', '500')] }),
      JSON.stringify({ records: [frontDoor('/d', '301')] }),
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['cs-uri-stem'], r.record['cs-uri-query'], r.record['sc-status']])).toEqual([
      [1, '/a', undefined, 200],
      [1, '/b', 'q=1', 404],
      [1, '/c', undefined, 500],
      [2, '/d', undefined, 301],
    ]);
    expect(found[0]!.record).toMatchObject({
      timestamp: Date.UTC(2026, 10, 26, 10, 0, 0, 250),
      'c-ip': '198.51.100.9',
      'cs-host': 'shop.example.com:443',
      'time-taken': 40,
      'sc-bytes': 99,
    });
    const { input } = await analyse([memorySource('PT1H.json', text)]);
    expect(input).toMatchObject({ lines: 4, records: 4, directives: 0, rejected: 0, formats: { 'records > json (azure-frontdoor)': 4 } });
  });

  it('reads a pretty-printed wrapper, numbering each record by the line its element opens on', async () => {
    const text = JSON.stringify({ records: [frontDoor('/a', '200'), frontDoor('/b', '503')] }, null, 2);
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['sc-status']])).toEqual([
      [3, 200],
      [16, 503],
    ]);
    const { input } = await analyse([memorySource('PT1H.json', text)]);
    expect(input.lines).toBe(text.split('\n').length);
    expect(input).toMatchObject({ records: 2, directives: input.lines - 2, rejected: 0 });
  });

  it("checks the first element of the fixture's two-element line", async () => {
    const found: LocatedRecord[] = [];
    for await (const r of readRecords([
      fileSource(join(import.meta.dirname, '..', 'fixtures', 'json', 'azure-appgateway-records-per-line.log')),
    ]))
      found.push(r);
    expect(found[0]).toMatchObject({
      line: 1,
      record: {
        timestamp: Date.UTC(2026, 10, 26, 10),
        'c-ip': '203.0.113.20',
        'cs-uri-stem': '/index.html',
        'cs-uri-query': 'lang=en',
        'sc-status': 200,
        'time-taken': 4,
      },
    });
  });

  it('reads a records key that is not the first key as part of a row, not as a wrapper', async () => {
    const row = { ...frontDoor('/a', '200'), records: [{ x: 1 }] };
    const found = await records(JSON.stringify(row, null, 2));
    expect(found).toHaveLength(1);
    expect(found[0]!.record['sc-status']).toBe(200);
  });
});
