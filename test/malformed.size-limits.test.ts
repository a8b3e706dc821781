/**
 * Sizes past the ordinary: a one-line JSON array over the 1 MiB line limit is a log (the JSON
 * reader takes it apart), a format string of 20,000 fields is a usage error, not a stack overflow,
 * and --threads has an upper bound.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_THREADS } from '../src/cli/common-options.js';
import { runInProcess } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-sizes-'));

describe('a one-line JSON array over the line limit', () => {
  // 20,000 records of about 170 bytes: 3.4 MB on one line; every tenth is a 404.
  const records = Array.from({ length: 20_000 }, (_, i) => ({
    time: '2024-01-02T10:00:00Z',
    status: i % 10 === 0 ? 404 : 200,
    uri: `/p/${i}/${'x'.repeat(120)}`,
  }));
  const path = join(dir, 'array.json');
  writeFileSync(path, `${JSON.stringify(records)}\n`);

  it('is read record by record', async () => {
    const result = await runInProcess(['report', path, '--format', 'partial']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { input: { records: number; rejected: number }; codes: Record<string, number> };
    expect([report.input.records, report.input.rejected]).toEqual([20_000, 0]);
    expect(report.codes).toEqual({ '200': 18_000, '404': 2000 });
  });

  it('a long line that is no JSON array is still line-too-long', async () => {
    const long = join(dir, 'long.log');
    writeFileSync(
      long,
      `#Fields: date time cs-uri-stem sc-status\n2024-01-02 10:00:00 /${'a'.repeat(2 << 20)} 200\n2024-01-02 10:00:00 /b 200\n`,
    );
    const result = await runInProcess(['report', long, '--format', 'json']);
    const input = (JSON.parse(result.stdout) as { input: { records: number; rejectedByReason: Record<string, number> } }).input;
    expect([input.records, input.rejectedByReason['line-too-long']]).toEqual([1, 1]);
  });
});

describe('a --log-format of 20,000 fields', () => {
  it('is a usage error naming the limit, with the format cut short', async () => {
    const path = join(dir, 'wide.log');
    writeFileSync(path, `${Array(20_000).fill('192.0.2.1').join(' ')}\n`);
    const result = await runInProcess(['report', path, '--log-format', `apache:${Array(20_000).fill('%h').join(' ')}`]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/20000 fields; a format may have at most 1000/);
    expect(result.stderr).not.toContain('call stack');
    expect(result.stderr.length).toBeLessThan(400);
  });
});

describe('--threads', () => {
  it(`is a usage error above ${MAX_THREADS}`, async () => {
    const result = await runInProcess(['report', '-', '--threads', String(MAX_THREADS + 1)], { input: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`at most ${MAX_THREADS}`);
  });

  it('is at least 64', () => {
    expect(MAX_THREADS).toBeGreaterThanOrEqual(64);
  });
});
