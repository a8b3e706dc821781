/**
 * `logtally merge`: partial reports from several machines combine into the report of all their
 * logs at once, and anything that is not a partial report is refused with BAD_PARTIAL (exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';

const A = 'fixtures/w3c/plaso-iis10.log';
const B = 'fixtures/w3c/beats-fields-change-mid-file.log';
const dir = mkdtempSync(join(tmpdir(), 'logtally-merge-'));

function partial(file: string, ...extra: string[]): string {
  const path = join(dir, `${file.replace(/\W/g, '_')}${extra.join('')}.json`);
  const result = runCli(['report', file, '--format', 'partial', ...extra]);
  expect(result.status).toBe(0);
  writeFileSync(path, result.stdout);
  return path;
}

describe('logtally merge', () => {
  it('renders the merged partials as report renders both logs', () => {
    const [a, b] = [partial(A), partial(B)];
    for (const format of ['table', 'json', 'csv', 'partial']) {
      expect(runCli(['merge', a, b, '--format', format]).stdout).toBe(runCli(['report', A, B, '--format', format]).stdout);
    }
  });

  it('reads several partials, one per line, from stdin or a concatenated file', () => {
    const both = runCli(['report', A, '--format', 'partial']).stdout + runCli(['report', B, '--format', 'partial']).stdout;
    const expected = runCli(['report', A, B, '--format', 'json']).stdout;
    expect(runCli(['merge', '-', '--format', 'json'], { input: both }).stdout).toBe(expected);
    const concatenated = join(dir, 'fleet.ndjson');
    writeFileSync(concatenated, both);
    expect(runCli(['merge', concatenated, '--format', 'json']).stdout).toBe(expected);
  });

  it('refuses a file that is not a partial report, naming it, without a stack trace', () => {
    const bad = join(dir, 'not-partial.json');
    writeFileSync(bad, JSON.stringify({ logtally: 'report', version: 1, classes: {} }));
    for (const input of [bad, 'package.json', A]) {
      const result = runCli(['merge', partial(A), input]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(input);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('tells a --format json report from a partial', () => {
    const json = join(dir, 'report.json');
    writeFileSync(json, runCli(['report', A, '--format', 'json']).stdout);
    const result = runCli(['merge', json]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--format json is for reading, not merging');
  });

  it('refuses partials grouped by different dimensions', () => {
    const result = runCli(['merge', partial(A, '--by', 'uri'), partial(A)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('different dimensions');
  });

  it('says when a capped table is approximate, and by how much', () => {
    const many = 'fixtures/w3c/lnav-eleven-header-blocks.log';
    const result = runCli(['merge', partial(A), partial(many), '--max-keys', '2', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).approximate.errorUris).toBeGreaterThan(0);
    expect(runCli(['merge', partial(A), partial(many), '--max-keys', '2']).stdout).toContain('approximate: key cap reached');
  });
});
