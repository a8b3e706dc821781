/**
 * The errors report on hand-made fixtures. fixtures/reports/errors-basic.log has 14 records after
 * 4 directive lines, so record n is file line n + 4. Expected numbers were counted by hand from the
 * file (they are listed per record in the comments below).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseErrors, fileSource, memorySource } from '../src/index.js';
import { HyperLogLog } from '../src/report/errors-distinct.js';
import { mergeErrorsReports, type ErrorsReport } from '../src/report/errors-report.js';
import { errorsView } from '../src/report/errors-view.js';
import { LatencyRecorder, summariseLatency } from '../src/report/latency.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'reports');
const basic = join(dir, 'errors-basic.log');
const rowsOf = (report: ErrorsReport) => errorsView(report, { top: 0, items: 5 }).rows;

describe('errors report: errors-basic.log', () => {
  it('groups 4xx/5xx by status.substatus.win32, sorted by count, with hand-counted numbers', async () => {
    const report = await analyseErrors([fileSource(basic)]);
    const rows = rowsOf(report);
    expect(rows.map((r) => [r.status, r.substatus, r.win32, r.count])).toEqual([
      [404, 0, 2, 4], // records 2, 4, 9, 12
      [500, 19, 13, 3], // records 3, 5, 11
      [401, 2, 5, 2], // records 7, 8
    ]);
    const [notFound, config, auth] = rows;
    // share of all 14 requests: 4/14, 3/14, 2/14, rounded to 4 places
    expect([notFound!.share, config!.share, auth!.share]).toEqual([0.2857, 0.2143, 0.1429]);
    expect(notFound).toMatchObject({
      firstSeen: '2021-04-01T10:00:02Z', // record 2
      lastSeen: '2021-04-01T10:17:00Z', // record 12
      distinctClients: 3, // 192.0.2.10 (records 2, 12), .11, .13
      distinctClientsExact: true,
      bytesSent: 4980, // 4 × 1245
      bytesReceived: 1550, // 380 + 390 + 400 + 380
      // time-taken 15, 15, 62, 16: mean 27; nearest rank p50 = 2nd of 4 = 15, p90..p99 = 4th = 62
      latency: { count: 4, mean: 27, p50: 15, p90: 62, p95: 62, p99: 62, max: 62 },
      topUris: [
        { uri: '/missing.png', count: 3 },
        { uri: '/old/page.aspx', count: 1 },
      ],
      topClients: [
        { client: '192.0.2.10', count: 2 },
        { client: '192.0.2.11', count: 1 },
        { client: '192.0.2.13', count: 1 },
      ],
      example: `${basic}:6`, // record 2 is line 6
    });
    expect(notFound!.meaning).toMatch(/^Not Found/);
    expect(notFound!.likelyCause).toBeTruthy();
    // time-taken 31, 47, 125: mean 67.67, p50 = 2nd of 3 = 47, p90 = 3rd = 125
    expect(config!.latency).toEqual({ count: 3, mean: 67.67, p50: 47, p90: 125, p95: 125, p99: 125, max: 125 });
    expect(config).toMatchObject({ bytesSent: 5550, bytesReceived: 1924, distinctClients: 2, example: `${basic}:7` });
    expect(config!.meaning).toMatch(/configuration/i);
    expect(auth).toMatchObject({ distinctClients: 1, latency: { mean: 0.5, p50: 0, max: 1 }, example: `${basic}:11` });
  });

  it('gives an HTTPERR row its reason as the cause, not advice to look the reason up', async () => {
    const httperr = [
      '#Software: Microsoft HTTP API 2.0',
      '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename',
      '2015-01-15 14:11:38 192.0.2.7 5226 192.0.2.1 5357 HTTP/1.1 POST /11abc6a7 503 - N/A -',
    ].join('\n');
    const [row] = rowsOf(await analyseErrors([memorySource('httperr1.log', httperr)]));
    expect(row).toMatchObject({ status: 503, reason: 'N/A', likelyCause: null });
    expect(row!.meaning).toContain('HTTP.sys N/A:');
  });

  it('counts every record for shares but reads only the fields it needs', async () => {
    const report = await analyseErrors([fileSource(basic)]);
    expect(Object.values(report.requests).reduce((a, b) => a + b, 0)).toBe(14);
    expect(Object.keys(report.groups)).toHaveLength(3);
  });

  it('merge(a, b) equals the report of a followed by b', async () => {
    const text = readFileSync(basic, 'utf8');
    const lines = text.split('\r\n');
    const header = lines.slice(0, 4);
    // Records 1-7 in one part, 8-14 in the other, each with the W3C header.
    const a = [...header, ...lines.slice(4, 11)].join('\r\n') + '\r\n';
    const b = [...header, ...lines.slice(11, 18)].join('\r\n') + '\r\n';
    const whole = await analyseErrors([memorySource('x.log', a), memorySource('y.log', b)], { intervalMs: 300_000 });
    const merged = mergeErrorsReports(
      await analyseErrors([memorySource('x.log', a)], { intervalMs: 300_000 }),
      await analyseErrors([memorySource('y.log', b)], { intervalMs: 300_000 }),
    );
    expect(rowsOf(merged)).toEqual(rowsOf(whole));
    // The raw data too: bucket counts encode alike however they were added up.
    expect(merged).toEqual(whole);
  });

  it('refuses to merge reports with different intervals', async () => {
    const a = await analyseErrors([fileSource(basic)], { intervalMs: 60_000 });
    const b = await analyseErrors([fileSource(basic)], { intervalMs: 300_000 });
    expect(() => mergeErrorsReports(a, b)).toThrow(/different intervals/);
  });
});

describe('errors report: HTTPERR', () => {
  it('groups by status and s-reason, or s-reason alone, with HTTP.sys meanings', async () => {
    const rows = rowsOf(await analyseErrors([fileSource(join(dir, 'httperr.log'))]));
    // 5 records: 503 AppOffline ×2, Timer_ConnectionIdle ×2 (no status), 400 BadRequest ×1
    expect(rows.map((r) => [r.status, r.reason, r.count])).toEqual([
      [503, 'AppOffline', 2],
      [null, 'Timer_ConnectionIdle', 2],
      [400, 'BadRequest', 1],
    ]);
    expect(rows[1]!.meaning).toMatch(/^HTTP\.sys Timer_ConnectionIdle: .*idle/i);
    expect(rows[1]!.share).toBe(0.4);
    expect(rows[1]!.distinctClients).toBe(1); // 203.0.113.9 twice
  });
});

describe('streaming structures', () => {
  it('bucket percentiles are within 0.1% of the exact value', () => {
    const recorder = new LatencyRecorder();
    const values = Array.from({ length: 10_000 }, (_, i) => (i + 1) * 37); // 37 … 370,000 ms
    for (const v of values) recorder.record(v);
    const s = summariseLatency(recorder.toData()!);
    const exact = (p: number) => values[Math.ceil((p / 100) * values.length) - 1]!;
    for (const [p, got] of [
      [50, s.p50],
      [90, s.p90],
      [99, s.p99],
    ] as const)
      expect(Math.abs(got - exact(p)) / exact(p)).toBeLessThanOrEqual(0.001);
    expect(s.max).toBe(370_000);
    expect(s.mean).toBe(185_018.5);
  });

  it('HyperLogLog estimates within 5% (3 standard errors) and merges', () => {
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    for (let i = 0; i < 60_000; i++) (i % 2 ? a : b).add(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    a.merge(b);
    expect(Math.abs(a.estimate() - 60_000) / 60_000).toBeLessThan(0.05);
    const small = HyperLogLog.of(['1', '2', '3', '2']);
    expect(small.estimate()).toBe(3);
  });

  it('keeps a late frequent URI past 10,000 distinct ones, with an error bound', async () => {
    const header = '#Fields: date time c-ip cs-uri-stem sc-status\n';
    const once = Array.from({ length: 12_000 }, (_, i) => `2021-04-01 10:00:00 10.0.0.1 /u${i} 404`);
    const late = Array.from({ length: 50 }, () => '2021-04-01 10:00:01 10.0.0.1 /late 404');
    const report = await analyseErrors([memorySource('uris.log', header + [...once, ...late].join('\n'))]);
    const group = Object.values(report.groups)[0]!;
    expect(Object.keys(group.uris)).toHaveLength(10_000);
    expect(group.urisMaxError).toBeGreaterThan(0);
    // Space-Saving never under-states: /late is listed with at least its 50, over by at most the bound.
    expect(group.uris['/late']).toBeGreaterThanOrEqual(50);
    expect(group.uris['/late']! - 50).toBeLessThanOrEqual(group.urisMaxError);
    expect(rowsOf(report)[0]!.topUris[0]!.uri).toBe('/late');
  });

  it('merging two exact halves past 10,000 clients switches to HyperLogLog', async () => {
    const header = '#Fields: date time c-ip cs-uri-stem sc-status\n';
    const half = (from: number) =>
      header + Array.from({ length: 7_000 }, (_, i) => `2021-04-01 10:00:00 10.1.${(from + i) >> 8}.${(from + i) & 255} /x 404`).join('\n');
    const a = await analyseErrors([memorySource('a.log', half(0))]);
    const b = await analyseErrors([memorySource('b.log', half(7_000))]);
    expect(rowsOf(a)[0]!.distinctClientsExact).toBe(true);
    const [row] = rowsOf(mergeErrorsReports(a, b));
    expect(row!.distinctClientsExact).toBe(false);
    expect(Math.abs(row!.distinctClients - 14_000) / 14_000).toBeLessThan(0.05);
  });

  it('switches to HyperLogLog past 10,000 clients in a group', async () => {
    const header = '#Fields: date time c-ip cs-uri-stem sc-status\n';
    const lines = Array.from({ length: 12_000 }, (_, i) => `2021-04-01 10:00:00 10.0.${i >> 8}.${i & 255} /x 404`).join('\n');
    const [row] = rowsOf(await analyseErrors([memorySource('many.log', header + lines)]));
    expect(row!.distinctClientsExact).toBe(false);
    expect(Math.abs(row!.distinctClients - 12_000) / 12_000).toBeLessThan(0.05);
  });
});
