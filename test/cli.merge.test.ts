/**
 * `logtally merge` failure modes and output options: unreadable inputs are I/O errors (exit 3) in
 * one line, partials whose accounting does not add up are refused, and merge renders with the same
 * options as `report` and `errors` where they apply.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const LOG = 'fixtures/reports/errors-basic.log';
const dir = mkdtempSync(join(tmpdir(), 'logtally-cli-merge-'));
const STACK = /\n\s+at .+:\d+:\d+/;

async function partialOf(name: string, args: string[]): Promise<string> {
  const result = await runInProcess([...args, '--format', 'partial']);
  expect(result.status, result.stderr).toBe(0);
  const path = join(dir, name);
  writeFileSync(path, result.stdout);
  return path;
}

async function expectOneLine(args: string[], status: number, message: string): Promise<void> {
  const result = await runInProcess(args);
  expect(result.status, result.stderr).toBe(status);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`logtally: ${message}\n`);
}

describe('logtally merge: unreadable inputs', () => {
  it('a missing file is one line, exit 3', async () =>
    await expectOneLine(['merge', '/nonexistent.json'], 3, 'cannot read /nonexistent.json: no such file or directory'));
  it('a directory is one line, exit 3', async () => await expectOneLine(['merge', 'fixtures'], 3, 'cannot read fixtures: is a directory'));
  it('--debug adds the cause', async () => {
    const result = await runInProcess(['merge', '--debug', '/nonexistent.json']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("Error: ENOENT: no such file or directory, open '/nonexistent.json'");
  });
  it('never a stack trace', async () => expect((await runInProcess(['merge', 'fixtures'])).stderr).not.toMatch(STACK));
  it('stdin given twice is a usage error', async () => {
    const result = await runInProcess(['merge', '-', '-'], { input: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('- (stdin) given more than once');
  });
});

describe('logtally merge: tampered partials', () => {
  it('refuses a partial whose lines do not add up', async () => {
    const good = await partialOf('good.json', ['report', LOG]);
    const value = JSON.parse(readFileSync(good, 'utf8'));
    value.input.lines += 1;
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(value));
    const { records, directives, blank, rejected, lines } = value.input;
    await expectOneLine(
      ['merge', good, bad],
      2,
      `${bad}: its "input" accounting does not add up: ${lines} lines, but ${records} records + ${directives} directives + ${blank} blank + ${rejected} rejected = ${lines - 1}`,
    );
  });
});

describe('logtally merge: output options', () => {
  it('--items limits the URIs and clients of an errors partial, as errors does', async () => {
    const partial = await partialOf('errors.json', ['errors', LOG]);
    expect((await runInProcess(['merge', partial, '--items', '1', '--format', 'json'])).stdout).toBe(
      (await runInProcess(['errors', LOG, '--items', '1', '--format', 'json'])).stdout,
    );
  });

  it('--wide pivots a time-series partial, as report and errors do', async () => {
    for (const command of ['report', 'errors']) {
      const partial = await partialOf(`${command}-5m.json`, [command, LOG, '--interval', '5m']);
      const merged = await runInProcess(['merge', partial, '--wide', '--format', 'csv']);
      expect(merged.status, merged.stderr).toBe(0);
      expect(merged.stdout).toBe((await runInProcess([command, LOG, '--interval', '5m', '--wide', '--format', 'csv'])).stdout);
    }
  });

  it('--wide on partials without a time dimension is a usage error', async () => {
    const partial = await partialOf('plain.json', ['report', LOG]);
    await expectOneLine(['merge', partial, '--wide'], 2, '--wide needs partials made with --interval');
  });

  it('partials of report and errors do not merge, exit 2, as --help says', async () => {
    const report = await partialOf('kind-report.json', ['report', LOG]);
    const errors = await partialOf('kind-errors.json', ['errors', LOG]);
    await expectOneLine(
      ['merge', errors, report],
      2,
      `${report}:1: a partial from \`logtally report\` cannot merge with partials from \`logtally errors\``,
    );
    const help = (await runInProcess(['merge', '--help'])).stdout;
    expect(help).toContain('2 usage error (also a file that is not a partial report, or partials that do\nnot merge)');
    expect(help).not.toContain('--strict');
  });
});

describe('logtally merge: damaged inputs', () => {
  it('a partial naming a damaged .gz keeps it in the merged report', async () => {
    const result = await runInProcess(['report', 'fixtures/malformed/truncated.log.gz', '--format', 'partial']);
    expect(result.status).toBe(3);
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, result.stdout);
    const merged = JSON.parse(
      (await runInProcess(['merge', damaged, await partialOf('plain.json', ['report', LOG]), '--format', 'json'])).stdout,
    );
    expect(merged.input.damaged.map((d: { file: string }) => d.file)).toEqual(['fixtures/malformed/truncated.log.gz']);
  });

  it('a partial written before damaged files were listed merges as having none', async () => {
    const partial = JSON.parse(readFileSync(await partialOf('older.json', ['report', LOG]), 'utf8'));
    delete partial.input.damaged;
    const older = join(dir, 'older-without-damaged.json');
    writeFileSync(older, JSON.stringify(partial));
    const result = await runInProcess(['merge', older, '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).input.damaged).toEqual([]);
  });
});
