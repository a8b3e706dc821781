/**
 * `-o FILE` / `--output FILE` on report and errors: the same bytes as stdout, written to a
 * temporary file in FILE's folder and renamed over it, leaving nothing behind on failure.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const BASIC = 'fixtures/reports/errors-basic.log';
const temp = mkdtempSync(join(tmpdir(), 'logtally-output-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('-o / --output', () => {
  it.each([
    ['report', 'html'],
    ['report', 'json'],
    ['errors', 'csv'],
    ['errors', 'html'],
  ])('%s --format %s -o FILE writes what stdout would have had, and nothing to stdout', async (command, format) => {
    const file = join(temp, `${command}.${format}`);
    const written = await runInProcess([command, BASIC, '--format', format, '-o', file]);
    const printed = await runInProcess([command, BASIC, '--format', format]);
    expect(written.status).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(printed.stdout);
  });

  it('replaces an existing file whole and leaves no temporary file beside it', async () => {
    const folder = join(temp, 'replace');
    mkdirSync(folder);
    const file = join(folder, 'report.html');
    writeFileSync(file, 'old '.repeat(100_000));
    const result = await runInProcess(['report', BASIC, '--format', 'html', '--output', file]);
    expect(result.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect(readdirSync(folder)).toEqual(['report.html']);
  });

  it('a folder that does not exist: exit 3, one line naming the file', async () => {
    const file = join(temp, 'missing', 'report.html');
    const result = await runInProcess(['report', BASIC, '--format', 'html', '-o', file]);
    expect(result.status).toBe(3);
    expect(result.stderr).toBe(`logtally: cannot write ${file}: no such folder\n`);
  });

  it('a failed run leaves the old file as it was', async () => {
    const folder = join(temp, 'keep');
    mkdirSync(folder);
    const file = join(folder, 'report.html');
    writeFileSync(file, 'yesterday');
    const result = await runInProcess(['report', join(temp, 'no-such.log'), '--format', 'html', '-o', file]);
    expect(result.status).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe('yesterday');
    expect(readdirSync(folder)).toEqual(['report.html']);
  });

  it('--by and --wide do not apply to --format html: exit 2', async () => {
    const by = await runInProcess(['report', BASIC, '--format', 'html', '--by', 'uri']);
    expect(by.status).toBe(2);
    expect(by.stderr).toContain('--by does not apply to --format html');
  });
});
