/**
 * The parts of hdr-histogram-js that logtally uses, loaded without the package's entry point. That
 * entry point also loads its WebAssembly build (compiled at load) and every histogram variant:
 * 26–33 ms and 8.5 MB of RSS in a thread already busy, where the JavaScript histogram and its
 * encoding take 11–16 ms and 2.4 MB. Every thread that finishes or merges latency pays it: each
 * worker as it finishes its partial, then the main thread before the report is printed.
 *
 * The histograms, their encoding and their decoding are the package's own (its JavaScript
 * implementation, the one its `build` picks by default), so encoded histograms read and write as
 * before, byte for byte.
 */
import { createRequire } from 'node:module';
import type { Histogram } from 'hdr-histogram-js';

export interface HistogramOptions {
  numberOfSignificantValueDigits: number;
  highestTrackableValue?: number;
}

export interface Hdr {
  /** A histogram as the package's `build` makes it by default: 32-bit counts, auto-resizing, lowest value 1. */
  build(options: HistogramOptions): Histogram;
  decodeFromCompressedBase64(text: string): Histogram;
  encodeIntoCompressedBase64(histogram: Histogram): string;
}

type HistogramClass = new (
  lowestDiscernibleValue: number,
  highestTrackableValue: number,
  numberOfSignificantValueDigits: number,
) => Histogram;

function loadHdr(): Hdr {
  const require = createRequire(import.meta.url);
  const Int32Histogram = (require('hdr-histogram-js/dist/Int32Histogram') as { default: HistogramClass }).default;
  // Loading the encoding module gives the JavaScript histograms their encodeIntoCompressedBase64.
  const encoding = require('hdr-histogram-js/dist/JsHistogram.encoding') as {
    decompress(data: Uint8Array): Uint8Array;
    doDecode(data: Uint8Array, bitBucketSize: number, minBarForHighestTrackableValue: number): Histogram;
  };
  // The package's own base64, so that a damaged text fails as it did.
  const base64 = createRequire(require.resolve('hdr-histogram-js'))('base64-js') as { toByteArray(text: string): Uint8Array };
  return {
    build(options) {
      const histogram = new Int32Histogram(1, options.highestTrackableValue ?? 2, options.numberOfSignificantValueDigits);
      histogram.autoResize = true;
      return histogram;
    },
    decodeFromCompressedBase64: (text) => encoding.doDecode(encoding.decompress(base64.toByteArray(text.trim())), 32, 0),
    encodeIntoCompressedBase64: (histogram) =>
      (histogram as Histogram & { encodeIntoCompressedBase64(): string }).encodeIntoCompressedBase64(),
  };
}

let loaded: Hdr | undefined;
/** The histograms, loaded on first use: the default report's workers, recording no latency, never pay for them. */
export const hdr = (): Hdr => (loaded ??= loadHdr());
