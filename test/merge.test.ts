/**
 * `logtally merge`: partial reports from several machines combine into the report of all their
 * logs at once, and anything that is not a partial report is refused with BAD_PARTIAL (exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const A = 'fixtures/w3c/plaso-iis10.log';
const B = 'fixtures/w3c/beats-fields-change-mid-file.log';
const dir = mkdtempSync(join(tmpdir(), 'logtally-merge-'));

async function partial(file: string, ...extra: string[]): Promise<string> {
  const path = join(dir, `${file.replace(/\W/g, '_')}${extra.join('')}.json`);
  const result = await runInProcess(['report', file, '--format', 'partial', ...extra]);
  expect(result.status).toBe(0);
  writeFileSync(path, result.stdout);
  return path;
}

describe('logtally merge', () => {
  it('renders the merged partials as report renders both logs', async () => {
    const [a, b] = [await partial(A), await partial(B)];
    for (const format of ['table', 'json', 'csv', 'partial']) {
      expect((await runInProcess(['merge', a, b, '--format', format])).stdout).toBe(
        (await runInProcess(['report', A, B, '--format', format])).stdout,
      );
    }
  });

  it('reads several partials, one per line, from stdin or a concatenated file', async () => {
    const both =
      (await runInProcess(['report', A, '--format', 'partial'])).stdout + (await runInProcess(['report', B, '--format', 'partial'])).stdout;
    const expected = (await runInProcess(['report', A, B, '--format', 'json'])).stdout;
    expect((await runInProcess(['merge', '-', '--format', 'json'], { input: both })).stdout).toBe(expected);
    const concatenated = join(dir, 'fleet.ndjson');
    writeFileSync(concatenated, both);
    expect((await runInProcess(['merge', concatenated, '--format', 'json'])).stdout).toBe(expected);
  });

  it('refuses a file that is not a partial report, naming it, without a stack trace', async () => {
    const bad = join(dir, 'not-partial.json');
    writeFileSync(bad, JSON.stringify({ logtally: 'report', version: 1, classes: {} }));
    for (const input of [bad, 'package.json', A]) {
      const result = await runInProcess(['merge', await partial(A), input]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(input);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('tells a --format json report from a partial', async () => {
    const json = join(dir, 'report.json');
    writeFileSync(json, (await runInProcess(['report', A, '--format', 'json'])).stdout);
    const result = await runInProcess(['merge', json]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--format json is for reading, not merging');
  });

  it('refuses partials grouped by different dimensions', async () => {
    const result = await runInProcess(['merge', await partial(A, '--by', 'uri'), await partial(A)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('different dimensions');
  });

  it('says when a capped table is approximate, and by how much', async () => {
    const many = 'fixtures/w3c/lnav-eleven-header-blocks.log';
    const result = await runInProcess(['merge', await partial(A), await partial(many), '--max-keys', '2', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).approximate.errorUris).toBeGreaterThan(0);
    expect((await runInProcess(['merge', await partial(A), await partial(many), '--max-keys', '2'])).stdout).toContain(
      'approximate: key cap reached',
    );
  });
});
