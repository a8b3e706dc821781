/**
 * Every terminal line fits the width the CLI passes (60, 80 and 120 cells here): tables cut free
 * text, compact times and hide the least important columns, summary lines wrap or cut, and the
 * codes and counts a reader came for are still there, whole.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, analyseErrors, fileSource, renderErrors, renderReport, resolveSources } from '../src/index.js';
import type { InputSummary } from '../src/scan/input-summary.js';
import { cellWidth } from '../src/render/cells.js';
import { renderInputSummary } from '../src/render/input-summary-text.js';

const WIDTHS = [60, 80, 120];
const basic = join('fixtures', 'reports', 'errors-basic.log');

function expectFits(text: string, width: number): void {
  for (const line of text.trimEnd().split('\n')) expect(cellWidth(line), line).toBeLessThanOrEqual(width);
}

/** A table row's cells, trimmed, for rows whose first cell is `first`. */
function rowsStarting(text: string, first: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => cells[0] === first);
}

/** Wrapped text read back as one line, to find phrases a wrap may have split. */
const unwrapped = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .join(' ');

describe.each(WIDTHS)('at %i columns', (width) => {
  it('the default report fits, with every code and count whole', async () => {
    const report = await analyse([fileSource(basic)]);
    const out = renderReport(report, { format: 'table', width });
    expectFits(out, width);
    const codes = out
      .split('\n')
      .filter((line) => /^│\s+\d{3} │/.test(line))
      .map((line) =>
        line
          .split('│')
          .slice(1, 5)
          .map((c) => c.trim()),
      );
    expect(codes).toEqual([
      ['200', '0', '0', '4'],
      ['404', '0', '2', '4'],
      ['500', '19', '13', '3'],
      ['401', '2', '5', '2'],
      ['304', '0', '0', '1'],
    ]);
    expect(rowsStarting(out, '4xx')[0]).toEqual(['4xx', '6', '42.9%']);
    expect(unwrapped(out)).toContain('Input: 1 file, 18 lines = 14 records + 4 directives + 0 blank + 0 rejected');
  });

  it('the errors table fits, keeping code, count and share and naming what it hid', async () => {
    const report = await analyseErrors([fileSource(basic)]);
    const out = renderErrors(report, { format: 'table', top: 10, width });
    expectFits(out, width);
    for (const [code, count, share] of [
      ['404.0.2', '4', '28.6%'],
      ['500.19.13', '3', '21.4%'],
      ['401.2.5', '2', '14.3%'],
    ]) {
      expect(rowsStarting(out, code!)[0]!.slice(0, 3)).toEqual([code, count, share]);
      expect(out).toContain(`${code}  (${count})`);
    }
    const hidden = /\(columns hidden to fit (\d+): ([^—]+) — widen the terminal or use --format csv\)/.exec(unwrapped(out));
    if (width === 120) {
      expect(hidden).toBeNull();
      expect(rowsStarting(out, '404.0.2')[0]).toContain('2021-04-01T10:00:02Z');
    } else {
      expect(hidden![1]).toBe(String(width));
      expect(hidden![2]!.split(', ')[0]).toBe('clients');
    }
    if (width === 80) expect(rowsStarting(out, '404.0.2')[0]).toContain('2021-04-01 10:00');
    // Details never cut a count or a percentile.
    expect(unwrapped(out)).toContain('mean 67.67, p50 47, p90 125, p99 125, max 125');
    expect(unwrapped(out)).toContain('192.0.2.10 (2), 192.0.2.11 (1), 192.0.2.13 (1)');
    expect(out).toContain('example      fixtures/reports/errors-basic.log:6');
  });

  it('errors per interval fit, with every bucket and count', async () => {
    const report = await analyseErrors([fileSource(basic)], { intervalMs: 5 * 60_000 });
    const out = renderErrors(report, { format: 'table', top: 10, width });
    expectFits(out, width);
    const rows = out
      .split('\n')
      .filter((line) => /^│ (\d{4}-)?\d\d-\d\d/.test(line))
      .map((line) =>
        line
          .split('│')
          .slice(1, 4)
          .map((c) => c.trim()),
      );
    expect(rows.map(([, code, count]) => `${code} ${count}`)).toEqual([
      '404.0.2 2',
      '500.19.13 2',
      '401.2.5 1',
      '404.0.2 1',
      '500.19.13 0',
      '401.2.5 1',
      '404.0.2 0',
      '500.19.13 0',
      '401.2.5 0',
      '404.0.2 1',
      '500.19.13 1',
      '401.2.5 0',
    ]);
    const times = [...new Set(rows.map(([time]) => time))];
    if (width === 60) {
      expect(times).toEqual(['04-01 10:00', '04-01 10:05', '04-01 10:10', '04-01 10:15']);
      expect(unwrapped(out)).toContain("Errors per interval (share of the bucket's requests) (times in UTC)");
    } else {
      expect(times).toEqual(['2021-04-01T10:00:00Z', '2021-04-01T10:05:00Z', '2021-04-01T10:10:00Z', '2021-04-01T10:15:00Z']);
    }
  });

  it('the input summary fits, keeping numbers and file:line whole', async () => {
    const report = await analyse(await resolveSources([join('fixtures', 'w3c')]));
    const out = renderReport(report, { format: 'table', width }).split('\n\n')[0]!;
    expectFits(out, width);
    const text = unwrapped(out);
    expect(text).toContain('Input: 21 files, 422 lines = 284 records + 130 directives + 5 blank + 3 rejected');
    expect(text).toContain('rejected field-count-mismatch: 3');
    expect(text).toContain('w3c (17 fields) 211, w3c (13 fields) 1');
    for (const at of ['beats-fields-change-mid-file.log:16', 'beats-fields-change-mid-file.log:17', 'brianary-iis5-crlf.log:7']) {
      expect(out.split('\n').some((line) => line.startsWith(`    fixtures/w3c/${at}`))).toBe(true);
    }
    // Notes are wrapped, not cut: every word is still there.
    expect(text).toContain('note: #GMT-Offset: date and time read as local time at UTC-08:00');
    expect(text).toContain('note: time-local read as local time at UTC+00:00 (set with --tz)');
  });
});

describe('wide text and hostile summaries', () => {
  const summary: InputSummary = {
    files: 1234,
    lines: 9_876_543,
    records: 9_876_000,
    directives: 500,
    blank: 40,
    rejected: 3,
    rejectedByReason: { 'field-count-mismatch': 3 },
    rejectedSamples: [
      {
        file: `D:/logs/${'W3SVC1/'.repeat(12)}u_ex261101.log`,
        line: 123456,
        reason: 'field-count-mismatch',
        detail: '15 values for 22 #Fields',
        excerpt: `GET /${'日本語'.repeat(40)}`,
      },
      {
        file: 'u_ex1.log',
        line: 7,
        reason: 'field-count-mismatch',
        detail: '3 values for 4 #Fields',
        excerpt: `/e\u0301t\u0301e\u0301/${'👍'.repeat(60)}`,
      },
      { file: 'u_ex2.log', line: 8, reason: 'field-count-mismatch', excerpt: `\u001b[2J${'x'.repeat(200)}` },
    ],
    formats: { 'w3c (22 fields)': 1, 'ncsa combined': 2 },
    notes: [`assumed ${'a-very-long-field-name '.repeat(20)}`],
    skipped: [{ file: 'x', code: 'UNKNOWN_FORMAT', message: `${'/very/long/path'.repeat(10)}.bin: not a log logtally knows` }],
    damaged: [
      {
        file: 'y',
        code: 'GZIP',
        lines: 12,
        message: `${'/日本/'.repeat(20)}\u001b[31mu_ex1.log.gz: corrupt or truncated gzip data (unexpected end of file) after line 12`,
      },
    ],
    filteredOut: 0,
  };

  it.each(WIDTHS)('summaries with CJK, emoji, combining marks and long paths fit %i cells', (width) => {
    const out = renderInputSummary(summary, width);
    expectFits(out, width);
    expect(unwrapped(out)).toContain('Input: 1,234 files, 9,876,543 lines = 9,876,000 records + 500 directives + 40 blank + 3 rejected');
    expect(out).toMatch(/u_ex261101\.log:123456\n/);
    expect(out).toContain('u_ex1.log:7 (3 values for 4 #Fields): /e\u0301t\u0301e\u0301/👍');
    expect(out).toContain('u_ex2.log:8: \\x1b[2J');
    expect(out).not.toContain('\u001b');
    expect(out).toMatch(/skipped: ….*path\.bin:\n/);
    expect(unwrapped(out)).toContain('\\x1b[31mu_ex1.log.gz: corrupt or truncated gzip data');
  });

  it.each(WIDTHS)('tables with wide characters stay aligned within %i cells', async (width) => {
    const { renderTextTable } = await import('../src/render/text-table.js');
    const out = renderTextTable(
      {
        id: 'uris',
        title: 'URIs',
        columns: [
          { name: 'uri', kind: 'text' },
          { name: 'count', kind: 'integer' },
        ],
        rows: [
          [`/${'日本語'.repeat(30)}`, 1234567],
          [`/${'👍🏽'.repeat(50)}`, 2],
          ['/cafe\u0301', 3],
        ],
        omitted: 0,
      },
      { width, color: false },
    );
    const lines = out.trimEnd().split('\n').slice(1);
    expect(new Set(lines.map(cellWidth)).size).toBe(1);
    expect(cellWidth(lines[0]!)).toBeLessThanOrEqual(width);
    expect(out).toContain('1,234,567');
    expect(out).toContain('/cafe\u0301 ');
  });

  it('CSV does not depend on the width', async () => {
    const report = await analyseErrors([fileSource(basic)]);
    const csv = (width: number) => renderErrors(report, { format: 'csv', top: 0, width });
    expect(csv(60)).toBe(csv(200));
    expect(csv(60)).toContain('2021-04-01T10:00:02Z');
  });
});
