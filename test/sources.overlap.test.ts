/**
 * Overlapping inputs read each file once: a folder and a file in it, a file given twice, a symlink
 * beside its target, a hard link. The first occurrence keeps its place and its name; `-` twice is a usage error.
 */
import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resolveSources } from '../src/index.js';
import { runInProcess } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-overlap-'));
const LOG = '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:00 / 200\n';
mkdirSync(join(dir, 'logs', 'sub'), { recursive: true });
for (const name of ['a.log', 'b.log', 'sub/c.log']) writeFileSync(join(dir, 'logs', name), LOG);
symlinkSync(join(dir, 'logs', 'b.log'), join(dir, 'link.log'));
mkdirSync(join(dir, 'backup'));
linkSync(join(dir, 'logs', 'a.log'), join(dir, 'backup', 'a-hardlink.log'));
writeFileSync(join(dir, 'backup', 'same-content.log'), LOG);

const names = async (inputs: string[]): Promise<string[]> =>
  (
    await resolveSources(
      inputs.map((i) => (i === '-' ? i : join(dir, i))),
      { stdin: Readable.from([]) },
    )
  ).map((s) => s.name.replace(`${dir}/`, ''));

describe('resolveSources with overlapping inputs', () => {
  it('a file inside a folder given too is read once, where it first appears', async () => {
    expect(await names(['logs', 'logs/a.log'])).toEqual(['logs/a.log', 'logs/b.log', 'logs/sub/c.log']);
    expect(await names(['logs/sub/c.log', 'logs'])).toEqual(['logs/sub/c.log', 'logs/a.log', 'logs/b.log']);
  });

  it('a file twice, a folder and its subfolder, a glob over a folder, a symlink and its target', async () => {
    expect(await names(['logs/a.log', 'logs/a.log'])).toEqual(['logs/a.log']);
    expect(await names(['logs', 'logs/sub'])).toEqual(['logs/a.log', 'logs/b.log', 'logs/sub/c.log']);
    expect(await names(['logs/*.log', 'logs'])).toEqual(['logs/a.log', 'logs/b.log', 'logs/sub/c.log']);
    expect(await names(['link.log', 'logs/b.log'])).toEqual(['link.log']);
  });

  it('a hard link is the same file; a copy with the same content is another file', async () => {
    expect(await names(['logs', 'backup'])).toEqual(['logs/a.log', 'logs/b.log', 'logs/sub/c.log', 'backup/same-content.log']);
  });

  it('stdin given twice is a usage error', async () => {
    await expect(names(['-', '-'])).rejects.toMatchObject({ code: 'USAGE', message: '- (stdin) given more than once' });
  });
});

describe('the CLI with overlapping inputs', () => {
  it('counts the files once', async () => {
    const result = await runInProcess(['report', 'fixtures/reports', 'fixtures/reports/errors-basic.log', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).input).toEqual(
      JSON.parse((await runInProcess(['report', 'fixtures/reports', '--format', 'json'])).stdout).input,
    );
  });

  it('- twice exits 2', async () => {
    const result = await runInProcess(['report', '-', '-'], { input: LOG });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('logtally: - (stdin) given more than once\n');
  });
});
