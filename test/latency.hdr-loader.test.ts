/**
 * hdr-histogram-js without its entry point (src/report/hdr.ts): the histograms, their encoding and
 * decoding must be the package's, byte for byte, and its WebAssembly build must stay unloaded.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as HdrModule from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { hdr } from '../src/report/hdr.js';

const whole = createRequire(import.meta.url)('hdr-histogram-js') as typeof HdrModule;

/** Deterministic latencies: mostly small, a tail up to `max`, so the histograms auto-resize. */
function values(count: number, max: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % 10 === 0 ? state % max : state % 2048;
  });
}

const PERCENTILES = [0, 50, 90, 95, 99, 99.9, 100];

describe('hdr-histogram-js loaded in part', () => {
  it('encodes as the whole package does, and each reads the other', () => {
    for (const [count, max, seed] of [
      [1, 10, 1],
      [300, 5_000, 2],
      [20_000, 600_000, 3],
      [5_000, 90_000_000, 4],
    ] as const) {
      const ours = hdr().build({ numberOfSignificantValueDigits: 3 });
      const theirs = whole.build({ numberOfSignificantValueDigits: 3 });
      for (const v of values(count, max, seed)) {
        ours.recordValue(v);
        theirs.recordValue(v);
      }
      const text = hdr().encodeIntoCompressedBase64(ours);
      expect(text).toBe(whole.encodeIntoCompressedBase64(theirs));
      const back = hdr().decodeFromCompressedBase64(text);
      const theirsBack = whole.decodeFromCompressedBase64(text);
      for (const p of PERCENTILES) expect(back.getValueAtPercentile(p), `p${p} of ${count}`).toBe(theirsBack.getValueAtPercentile(p));
      expect(back.totalCount).toBe(count);
    }
  });

  it('sizes a histogram for a known maximum as the package does', () => {
    const ours = hdr().build({ numberOfSignificantValueDigits: 3, highestTrackableValue: 123_456 });
    const theirs = whole.build({ numberOfSignificantValueDigits: 3, highestTrackableValue: 123_456 });
    ours.recordValue(123_456);
    theirs.recordValue(123_456);
    expect(hdr().encodeIntoCompressedBase64(ours)).toBe(whole.encodeIntoCompressedBase64(theirs));
  });

  it('refuses a damaged text as the package does', () => {
    const text = hdr().encodeIntoCompressedBase64(hdr().build({ numberOfSignificantValueDigits: 3 }));
    for (const damaged of ['not base64!', text.slice(0, 12), `A${text.slice(1)}`]) {
      expect(() => whole.decodeFromCompressedBase64(damaged)).toThrow();
      expect(() => hdr().decodeFromCompressedBase64(damaged)).toThrow();
    }
  });

  it('leaves the WebAssembly build unloaded', () => {
    const module = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'src', 'report', 'hdr.js')).href;
    const script = `import(${JSON.stringify(module)}).then(({ hdr }) => {
      const text = hdr().encodeIntoCompressedBase64(hdr().build({ numberOfSignificantValueDigits: 3 }));
      hdr().decodeFromCompressedBase64(text);
      console.log(Object.keys(require.cache).filter((k) => k.includes('hdr-histogram-js')).join('\\n'));
    })`;
    const loaded = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(loaded.some((path) => path.includes('JsHistogram.encoding'))).toBe(true);
    expect(loaded.filter((path) => /[\\/]wasm[\\/]|dist[\\/]index\.js$/.test(path))).toEqual([]);
  });
});
