/**
 * Path globs with shell semantics, on real folder trees: `**` followed by a slash matches any
 * folders or none but never part of a name, `[!a]` negates a class, `{a,b}` chooses. The expected
 * lists are written by hand from the tree.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSources } from '../src/sources/sources.js';

const root = mkdtempSync(join(tmpdir(), 'logtally-glob-'));
const TREE = [
  'logs/u_ex260101.log',
  'logs/xu_ex260102.log',
  'logs/sub/u_ex260103.log',
  'logs/sub/xu_ex26a.log',
  'logs/sub/deep/u_ex260104.log',
  'logs/a.log',
  'logs/b.log',
  'logs/c.log',
  'logs/W3SVC1/u_ex260105.log',
  'logs/W3SVC2/u_ex260106.log',
  'logs/W3SVC3/u_ex260107.log',
];
for (const file of TREE) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), '');
}

const matches = async (pattern: string): Promise<string[]> =>
  (await resolveSources([join(root, pattern)])).map((s) =>
    s.name
      .slice(root.length + 1)
      .split('\\')
      .join('/'),
  );

describe('path globs', () => {
  it('**/ matches folders, or none, never part of a name', async () => {
    expect(await matches('logs/**/u_ex26*.log')).toEqual([
      'logs/W3SVC1/u_ex260105.log',
      'logs/W3SVC2/u_ex260106.log',
      'logs/W3SVC3/u_ex260107.log',
      'logs/sub/deep/u_ex260104.log',
      'logs/sub/u_ex260103.log',
      'logs/u_ex260101.log',
    ]);
  });

  it('* and ? stay within a segment', async () => {
    expect(await matches('logs/*/u_ex*.log')).toEqual([
      'logs/W3SVC1/u_ex260105.log',
      'logs/W3SVC2/u_ex260106.log',
      'logs/W3SVC3/u_ex260107.log',
      'logs/sub/u_ex260103.log',
    ]);
    expect(await matches('logs/?.log')).toEqual(['logs/a.log', 'logs/b.log', 'logs/c.log']);
  });

  it('[!a] negates a character class', async () => {
    expect(await matches('logs/[!a].log')).toEqual(['logs/b.log', 'logs/c.log']);
  });

  it('{a,b} chooses among alternatives', async () => {
    expect(await matches('logs/{a,c}.log')).toEqual(['logs/a.log', 'logs/c.log']);
    expect(await matches('logs/W3SVC{1,3}/*.log')).toEqual(['logs/W3SVC1/u_ex260105.log', 'logs/W3SVC3/u_ex260107.log']);
  });

  it('a glob that matches nothing is NO_INPUT', async () => {
    await expect(resolveSources([join(root, 'logs/**/nothing*.log')])).rejects.toMatchObject({ code: 'NO_INPUT' });
  });
});
