/**
 * The `logtally` bin as npm and npx start it: the built entry point runs as a program itself
 * (shebang and executable bit), not only as `node main.js`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './cli-run.js';

describe('logtally bin', () => {
  it.skipIf(process.platform === 'win32')('runs directly from dist after the build', () => {
    const result = spawnSync(CLI, ['--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is the file package.json and the lock file both name, the one npx runs in a clone', () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as {
        bin?: Record<string, string>;
        packages?: Record<string, { bin?: Record<string, string> }>;
      };
    const bin = read('package.json').bin?.logtally;
    expect(bin && join(ROOT, bin)).toBe(CLI);
    expect(read('package-lock.json').packages?.['']?.bin?.logtally).toBe(bin);
  });
});
