/**
 * `logtally merge` failure modes and output options: unreadable inputs are I/O errors (exit 3) in
 * one line, partials whose accounting does not add up are refused, and merge renders with the same
 * options as `report` and `errors` where they apply.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';

const LOG = 'fixtures/reports/errors-basic.log';
const dir = mkdtempSync(join(tmpdir(), 'logtally-cli-merge-'));
const STACK = /\n\s+at .+:\d+:\d+/;

function partialOf(name: string, args: string[]): string {
  const result = runCli([...args, '--format', 'partial']);
  expect(result.status, result.stderr).toBe(0);
  const path = join(dir, name);
  writeFileSync(path, result.stdout);
  return path;
}

function expectOneLine(args: string[], status: number, message: string): void {
  const result = runCli(args);
  expect(result.status, result.stderr).toBe(status);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`logtally: ${message}\n`);
}

describe('logtally merge: unreadable inputs', () => {
  it('a missing file is one line, exit 3', () =>
    expectOneLine(['merge', '/nonexistent.json'], 3, 'cannot read /nonexistent.json: no such file or directory'));
  it('a directory is one line, exit 3', () => expectOneLine(['merge', 'fixtures'], 3, 'cannot read fixtures: is a directory'));
  it('--debug adds the cause', () => {
    const result = runCli(['merge', '--debug', '/nonexistent.json']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("Error: ENOENT: no such file or directory, open '/nonexistent.json'");
  });
  it('never a stack trace', () => expect(runCli(['merge', 'fixtures']).stderr).not.toMatch(STACK));
  it('stdin given twice is a usage error', () => {
    const result = runCli(['merge', '-', '-'], { input: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('- (stdin) given more than once');
  });
});

describe('logtally merge: tampered partials', () => {
  it('refuses a partial whose lines do not add up', () => {
    const good = partialOf('good.json', ['report', LOG]);
    const value = JSON.parse(readFileSync(good, 'utf8'));
    value.input.lines += 1;
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(value));
    const { records, directives, blank, rejected, lines } = value.input;
    expectOneLine(
      ['merge', good, bad],
      2,
      `${bad}: its "input" accounting does not add up: ${lines} lines, but ${records} records + ${directives} directives + ${blank} blank + ${rejected} rejected = ${lines - 1}`,
    );
  });
});

describe('logtally merge: output options', () => {
  it('--items limits the URIs and clients of an errors partial, as errors does', () => {
    const partial = partialOf('errors.json', ['errors', LOG]);
    expect(runCli(['merge', partial, '--items', '1', '--format', 'json']).stdout).toBe(
      runCli(['errors', LOG, '--items', '1', '--format', 'json']).stdout,
    );
  });

  it('--wide pivots a time-series partial, as report and errors do', () => {
    for (const command of ['report', 'errors']) {
      const partial = partialOf(`${command}-5m.json`, [command, LOG, '--interval', '5m']);
      const merged = runCli(['merge', partial, '--wide', '--format', 'csv']);
      expect(merged.status, merged.stderr).toBe(0);
      expect(merged.stdout).toBe(runCli([command, LOG, '--interval', '5m', '--wide', '--format', 'csv']).stdout);
    }
  });

  it('--wide on partials without a time dimension is a usage error', () => {
    const partial = partialOf('plain.json', ['report', LOG]);
    expectOneLine(['merge', partial, '--wide'], 2, '--wide needs partials made with --interval');
  });

  it('partials of report and errors do not merge, exit 2, as --help says', () => {
    const report = partialOf('kind-report.json', ['report', LOG]);
    const errors = partialOf('kind-errors.json', ['errors', LOG]);
    expectOneLine(
      ['merge', errors, report],
      2,
      `${report}:1: a partial from \`logtally report\` cannot merge with partials from \`logtally errors\``,
    );
    const help = runCli(['merge', '--help']).stdout;
    expect(help).toContain('2 usage error (also a file that is not a partial report, or partials that do\nnot merge)');
    expect(help).not.toContain('--strict');
  });
});

describe('logtally merge: damaged inputs', () => {
  it('a partial naming a damaged .gz keeps it in the merged report', () => {
    const result = runCli(['report', 'fixtures/malformed/truncated.log.gz', '--format', 'partial']);
    expect(result.status).toBe(3);
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, result.stdout);
    const merged = JSON.parse(runCli(['merge', damaged, partialOf('plain.json', ['report', LOG]), '--format', 'json']).stdout);
    expect(merged.input.damaged.map((d: { file: string }) => d.file)).toEqual(['fixtures/malformed/truncated.log.gz']);
  });

  it('a partial written before damaged files were listed merges as having none', () => {
    const partial = JSON.parse(readFileSync(partialOf('older.json', ['report', LOG]), 'utf8'));
    delete partial.input.damaged;
    const older = join(dir, 'older-without-damaged.json');
    writeFileSync(older, JSON.stringify(partial));
    const result = runCli(['merge', older, '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).input.damaged).toEqual([]);
  });
});
