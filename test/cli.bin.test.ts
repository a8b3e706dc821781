/**
 * The `logtally` bin as npm and npx start it: the built entry point runs as a program itself
 * (shebang and executable bit), not only as `node main.js`.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './cli-run.js';

describe('logtally bin', () => {
  it.skipIf(process.platform === 'win32')('runs directly from dist after the build', () => {
    const result = spawnSync(CLI, ['--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
