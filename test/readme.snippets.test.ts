/**
 * The README's library snippet runs as written against the built package, with its example paths
 * pointed at fixtures: a snippet that throws would teach the wrong call.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-run.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('the library snippet runs', () => {
    const snippet = /## Library\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const runnable = snippet!
      .replace("from 'logtally'", `from '${pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href}'`)
      .replace("'logs/W3SVC1'", "'fixtures/w3c'")
      .replace("'other/'", "'fixtures/httperr'");
    const file = join(mkdtempSync(join(tmpdir(), 'logtally-readme-')), 'snippet.mjs');
    writeFileSync(file, runnable);
    const result = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('status,substatus,win32,count,meaning,bytes_sent,');
  });
});
