/** The committed WebAssembly module is what parsers/status-lines.wat assembles to (scripts/build-wasm.mjs). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('parsers/status-lines-wasm.ts', () => {
  it('is assembled from the committed status-lines.wat', () => {
    const check = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
