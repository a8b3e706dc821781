/**
 * Input cut into chunks exactly where a test says: a scan must read the same whatever the cuts.
 * memorySource streams its buffers as bytes, which joins them (a Readable in byte mode hands
 * the reader what it has buffered), so a test of the cuts needs a source that yields them one by one.
 */
import { Readable } from 'node:stream';
import type { Source } from '../../src/sources/sources.js';

/** Cuts `bytes` at the given positions (any byte: inside UTF-8 sequences, between \r and \n). */
export function cut(bytes: Buffer, positions: number[]): Buffer[] {
  const at = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const p of [...at, bytes.length]) {
    chunks.push(bytes.subarray(start, p));
    start = p;
  }
  return chunks;
}

/** A source that hands the scan exactly these chunks, in order. */
export function chunkedSource(name: string, chunks: readonly Buffer[]): Source {
  return {
    name,
    size: chunks.reduce((n, c) => n + c.length, 0),
    open: () => Readable.from(chunks),
    chunks: async function* () {
      yield* chunks;
    },
  };
}
