/**
 * Structures that grew with the input are bounded (docs/memory.md): an errors time series widens
 * its buckets past MAX_ERROR_GROUPS groups, codes past the limit fold into their status, and
 * table keys are cut to MAX_KEY_CHARS. Counts are kept whole; what changed is noted.
 */
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../parsers/record.js';
import { ErrorsBuilder, FOLDED_NOTE } from '../src/report/errors-builder.js';
import { mergeErrorsReports, type ErrorsReport } from '../src/report/errors-report.js';
import { ReportBuilder } from '../src/report/report-builder.js';
import { emptyInputSummary } from '../src/scan/input-summary.js';
import { BoundedCounter, KEY_CUT_NOTE, MAX_KEY_CHARS } from '../src/report/top-k.js';
import { runInProcess } from './cli-run.js';

const T0 = Date.UTC(2026, 0, 1);
const groupsOf = (r: ErrorsReport) => Object.values(r.groups);

function run(builder: ErrorsBuilder, records: LogRecord[]): ErrorsReport {
  for (const [i, r] of records.entries()) builder.add(r, 'x.log', i + 1);
  return builder.finish(emptyInputSummary());
}

describe('errors --interval past the group limit', () => {
  // One request a second for 5,000 seconds, every third a 500 and every fifth a 404.
  const records: LogRecord[] = Array.from({ length: 5000 }, (_, i) => ({
    timestamp: T0 + i * 1000,
    'sc-status': i % 3 === 0 ? 500 : i % 5 === 0 ? 404 : 200,
    'c-ip': `10.0.${i % 7}.1`,
  }));

  it('widens the buckets instead of keeping a group per second, and keeps every count', () => {
    const report = run(new ErrorsBuilder(1000, 200), records);
    expect(report.requestedIntervalMs).toBe(1000);
    expect(report.intervalMs).toBeGreaterThan(1000);
    expect(report.intervalMs % 1000).toBe(0);
    expect(groupsOf(report).length).toBeLessThanOrEqual(200);
    expect(report.input.notes.some((n) => n.startsWith('--interval 1s: more than'))).toBe(true);
    // Each bucket's counts, recounted here from the records.
    const width = report.intervalMs;
    for (const group of groupsOf(report)) {
      const inBucket = records.filter((r) => r.timestamp! - (r.timestamp! % width) === group.time && r['sc-status'] === group.status);
      expect(group.count).toBe(inBucket.length);
    }
    const requests = Object.values(report.requests).reduce((a, b) => a + b, 0);
    expect(requests).toBe(5000);
  });

  it('partials widened to different degrees merge into the wider buckets, counts added', () => {
    const a = run(new ErrorsBuilder(1000, 200), records.slice(0, 4000));
    const b = run(new ErrorsBuilder(1000, 200), records.slice(4000));
    expect(a.intervalMs).not.toBe(b.intervalMs);
    const merged = mergeErrorsReports(a, b);
    expect(merged.intervalMs).toBe(Math.max(a.intervalMs, b.intervalMs));
    const errors = records.filter((r) => r['sc-status']! >= 400).length;
    expect(groupsOf(merged).reduce((n, g) => n + g.count, 0)).toBe(errors);
  });
});

describe('errors past the group limit without --interval', () => {
  it('folds further codes into their status and sub-status, with a note, and keeps the total', () => {
    const records: LogRecord[] = Array.from({ length: 300 }, (_, i) => ({ 'sc-status': 500, 'sc-substatus': 0, 'sc-win32-status': i }));
    const report = run(new ErrorsBuilder(0, 100), records);
    const groups = groupsOf(report);
    expect(groups.length).toBe(101);
    const folded = groups.filter((g) => g.win32 === undefined);
    expect(folded).toHaveLength(1);
    expect(folded[0]!.count).toBe(200);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(300);
    expect(report.input.notes).toContain(FOLDED_NOTE);
  });
});

describe('long keys', () => {
  const long = (tail: string): string => `/${'a'.repeat(3000)}${tail}`;

  it('are cut to MAX_KEY_CHARS with a mark; those alike up to there count together', () => {
    const counter = new BoundedCounter(10);
    counter.add(long('1'));
    counter.add(long('2'));
    counter.add('/short');
    const { counts } = counter.toTable();
    const cut = `/${'a'.repeat(MAX_KEY_CHARS - 1)}…`;
    expect(counts[cut]).toBe(2);
    expect(counts['/short']).toBe(1);
    expect(counter.keysCut).toBe(2);
  });

  it('never split a surrogate pair', () => {
    const counter = new BoundedCounter(10);
    counter.add(`${'a'.repeat(MAX_KEY_CHARS - 1)}\u{1f600}${'b'.repeat(50)}`);
    const [key] = Object.keys(counter.toTable().counts);
    expect(key).toBe(`${'a'.repeat(MAX_KEY_CHARS - 1)}…`);
  });

  it('are noted in report and errors, and a cut URI does not cut off the status beside it', () => {
    const report = new ReportBuilder(['uri', 'status']);
    report.add({ 'sc-status': 404, 'cs-uri-stem': long('x') });
    const done = report.finish(emptyInputSummary());
    expect(done.input.notes).toContain(KEY_CUT_NOTE);
    expect(Object.keys(done.groups)).toEqual([`/${'a'.repeat(MAX_KEY_CHARS - 1)}…\u0001404`]);
    const errors = run(new ErrorsBuilder(0), [{ 'sc-status': 404, 'cs-uri-stem': long('x') }]);
    expect(errors.input.notes).toContain(KEY_CUT_NOTE);
  });
});

describe('errors --interval past the group limit, as the CLI shows it', () => {
  // 12,000 errors one second apart: 12,000 one-second groups, over the 10,000 limit. Widening
  // steps 1s → 2s (6,000 groups, over half the limit) → 10s (1,200).
  const t0 = Date.UTC(2026, 0, 1);
  const log = `#Fields: date time cs-uri-stem c-ip sc-status sc-substatus sc-win32-status\n${Array.from({ length: 12_000 }, (_, i) => {
    const iso = new Date(t0 + i * 1000).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)} /a 10.0.0.1 500 0 0\n`;
  }).join('')}`;

  it('names both widths in the table title and the note', async () => {
    const result = await runInProcess(['errors', '-', '--interval', '1s', '--top', '1'], { input: log, columns: 200 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('buckets of 10s, widened from --interval 1s: more than 10,000 groups');
    expect(result.stdout).toContain('note: --interval 1s: more than 10,000 groups (bucket × code), so buckets were widened');
  });

  it('JSON carries both intervals; CSV rows are the 10s buckets, the note on stderr, every error counted', async () => {
    const json = JSON.parse((await runInProcess(['errors', '-', '--interval', '1s', '--format', 'json'], { input: log })).stdout);
    expect(json.intervalMs).toBe(10_000);
    expect(json.requestedIntervalMs).toBe(1000);
    const csv = await runInProcess(['errors', '-', '--interval', '1s', '--format', 'csv'], { input: log });
    const rows = csv.stdout.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(1200);
    expect(rows[1]!.startsWith('2026-01-01T00:00:10Z,500,0,0,,10,')).toBe(true);
    expect(csv.stderr).toContain('logtally errors: note: --interval 1s: more than 10,000 groups');
  });
});
