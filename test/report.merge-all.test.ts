/**
 * The partials of a sampled overview (one per byte range of a large input) are merged in one pass
 * (mergeAllReports): the same report as one pass over every record, and as merging them two at a
 * time where tables are capped on the way.
 */
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../parsers/record.js';
import { mergeLatency } from '../src/report/latency.js';
import { ReportBuilder } from '../src/report/report-builder.js';
import { mergeAllReports, mergeReports, type Report } from '../src/report/report.js';
import { emptyInputSummary } from '../src/scan/input-summary.js';

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/** Request i of a small made-up log: 7 URIs, 23 clients, latency i mod 97, a bot every 5th. */
function request(i: number): { record: LogRecord; sample: LogRecord } {
  return {
    record: { 'sc-status': i % 11 === 0 ? 404 : 200 },
    sample: {
      'cs-uri-stem': `/page/${i % 7}`,
      'c-ip': `10.0.${i % 23}.1`,
      'sc-bytes': 100 + (i % 13),
      'time-taken': (i * 31) % 97,
      'cs(User-Agent)': i % 5 === 0 ? 'Googlebot/2.1' : BROWSER,
    },
  };
}

/** The report of requests [from, to), its overview counting every line as a sample of one in one. */
function reportOf(from: number, to: number, maxKeys?: number): Report {
  const builder = new ReportBuilder([], maxKeys, { depth: 'lean', oneIn: 1 });
  for (let i = from; i < to; i++) {
    const { record, sample } = request(i);
    builder.add(record, 'a.log', i + 1);
    builder.addSampled(record, sample);
  }
  const input = emptyInputSummary();
  input.records = to - from;
  return builder.finish(input);
}

describe('merging many partial reports at once', () => {
  const cuts = [0, 40, 41, 90, 200, 333, 500];
  const partials = (maxKeys?: number) => cuts.slice(1).map((to, i) => reportOf(cuts[i]!, to, maxKeys));

  it('gives the report of one pass over every record', () => {
    const merged = mergeAllReports(partials());
    const whole = reportOf(0, 500);
    expect(merged.overview).toEqual(whole.overview);
    expect(merged.classes).toEqual({ '2xx': 454, '4xx': 46 });
    // Independent tally: 500 requests over 7 URIs, 72 of them on /page/0 (i = 0, 7, …, 497).
    expect(merged.overview!.uris.counts['/page/0']).toBe(72);
    expect(merged.overview!.bots).toEqual({ yes: 100, no: 400, unknown: 0 });
    const latency = merged.overview!.uris.measures['/page/0']!.latency!;
    const expected = Array.from({ length: 72 }, (_, k) => (k * 7 * 31) % 97).sort((a, b) => a - b);
    expect(latency.values).toEqual(expected);
  });

  it('gives what merging two at a time gives when the tables are capped on the way', () => {
    const small = partials(5);
    const fold = small.reduce((a, b) => mergeReports(a, b, 5));
    const merged = mergeAllReports(small, 5);
    expect(merged.overview!.clients.maxError).toBeGreaterThan(0);
    expect(merged).toEqual(fold);
  });

  it('merges latency values given out of order as well', () => {
    const merged = mergeLatency({ count: 3, sum: 9, max: 5, values: [5, 1, 3] }, { count: 2, sum: 6, max: 4, values: [2, 4] }, Infinity);
    expect(merged?.values).toEqual([1, 2, 3, 4, 5]);
  });
});
