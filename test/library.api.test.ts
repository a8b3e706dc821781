/**
 * The library contract shown in the README: sources → records, sources → a plain mergeable Report,
 * Report → table / CSV / JSON / partial.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Dimension } from '../src/index.js';
import {
  analyse,
  mergeReports,
  readRecords,
  renderReport,
  resolveSources,
  streamSource,
  LogtallyError,
  type Source,
} from '../src/index.js';

const w3c = join(import.meta.dirname, '..', 'fixtures', 'w3c');

describe('library API', () => {
  it('resolves a folder recursively in name order and yields located records', async () => {
    const sources = await resolveSources([w3c]);
    expect(sources.map((s) => s.name)).toEqual([...sources.map((s) => s.name)].sort());
    const first = [];
    for await (const r of readRecords(sources.slice(0, 1))) first.push(r);
    expect(first[0]).toMatchObject({ file: sources[0]!.name, line: 5, format: 'w3c', record: { 'sc-status': 200 } });
  });

  it('takes stdin as a stream the caller passes in', async () => {
    const text = '#Fields: date time cs-uri-stem sc-status\n2024-01-01 00:00:00 /a 404\n';
    const report = await analyse(await resolveSources(['-'], { stdin: Readable.from([Buffer.from(text)]) }));
    expect(report.codes).toEqual({ '404': 1 });
    await expect(resolveSources(['-'])).rejects.toBeInstanceOf(LogtallyError);
  });

  it('merges reports by adding: merge(analyse(a), analyse(b)) equals analyse(a + b)', async () => {
    const sources = await resolveSources([w3c]);
    const half = Math.floor(sources.length / 2);
    const by: Dimension[] = ['status', 'substatus', 'win32', 'hour'];
    const merged = mergeReports(await analyse(sources.slice(0, half), { by }), await analyse(sources.slice(half), { by }));
    const whole = await analyse(sources, { by });
    expect({ ...merged, input: { ...merged.input, rejectedSamples: [] } }).toEqual({
      ...whole,
      input: { ...whole.input, rejectedSamples: [] },
    });
    expect(merged.input.rejectedSamples.map((s) => `${s.file}:${s.line}`).sort()).toEqual(
      whole.input.rejectedSamples.map((s) => `${s.file}:${s.line}`).sort(),
    );
  });

  it('renders the same report as table, CSV, JSON and a partial that round-trips', async () => {
    const report = await analyse(await resolveSources([join(w3c, 'plaso-iis6.log')]), { by: ['status'] });
    const firstThree = (line: string): string => line.split(',').slice(0, 3).join(',');
    expect(renderReport(report, { format: 'csv' }).split('\r\n').map(firstThree).join('\r\n')).toBe(
      'status,count,meaning\r\n200,6,OK\r\n404,3,Not Found\r\n302,2,Found\r\n500,1,Internal Server Error\r\n',
    );
    expect(JSON.parse(renderReport(report, { format: 'json' })).groups).toHaveLength(4);
    expect(renderReport(report, { format: 'table', width: 80 })).toContain('Requests by status');
    expect(JSON.parse(renderReport(report, { format: 'partial' }))).toEqual(report);
  });
});

describe('string streams', () => {
  const text = '#Fields: date time cs-uri-stem sc-status\n2024-01-01 00:00:00 /a 200\n2024-01-01 00:00:01 /b 404\n';

  it('streamSource reads a stream in string mode, split anywhere, as its UTF-8 bytes', async () => {
    const report = await analyse([streamSource('s.log', Readable.from([text.slice(0, 1), text.slice(1, 30), text.slice(30)]))]);
    expect(report.input.records).toBe(2);
    expect(report.codes).toEqual({ '200': 1, '404': 1 });
  });

  it("a caller's own Source may open a string stream", async () => {
    const source: Source = { name: 'own.log', open: () => Readable.from([text]) };
    const report = await analyse([source]);
    expect(report.codes).toEqual({ '200': 1, '404': 1 });
  });
});
