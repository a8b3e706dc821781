/** The committed WebAssembly modules are what parsers/*.wat assemble to (scripts/build-wasm.mjs). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('parsers/*-wasm.ts', () => {
  it('are assembled from the committed .wat files', () => {
    const check = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
